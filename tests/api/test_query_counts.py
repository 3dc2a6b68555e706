"""Every list answers in the same number of queries for 5 rows as for 50."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


def populate(world: Any, n: int) -> None:
    for i in range(n):
        account = factories.make_account(world.workspace, owner=world.member)
        contact = factories.make_contact(account, our_person=world.manager)
        factories.make_deal(account, owner=world.member)
        interaction = factories.make_interaction(account, author=world.member)
        interaction.contacts.add(contact, through_defaults={"workspace": world.workspace})
        factories.make_action(world.workspace, world.member, account=account, title=f"A{i}")


def count_queries(api: Any, path: str) -> tuple[int, int, list[str]]:
    api.get(path)  # warm up: token "last used" stamp, content-type cache
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(path)
    assert response.status_code == 200, response.content
    return (
        len(ctx.captured_queries),
        len(response.json()["items"]),
        [q["sql"] for q in ctx.captured_queries],
    )


@pytest.mark.parametrize("path", ["/accounts", "/contacts", "/deals", "/interactions", "/actions"])
def test_list_query_count_does_not_grow_with_rows(world: Any, api_for: Any, path: str) -> None:
    api = api_for(world.member)
    populate(world, 5)
    few, rows, _few_sql = count_queries(api, path)
    assert rows == 5
    populate(world, 45)
    many, rows, many_sql = count_queries(api, path)
    assert rows == 50

    assert few == many, "\n".join(many_sql)
    # the wrong-token throttle's look-up (a query with the database cache, none with Redis) +
    # token lookup + membership + the page's ids + its rows (+ participants for interactions)
    assert many <= 6, "\n".join(many_sql)
