"""Every list pages with ``limit`` and a ``next`` link (keyset: no COUNT, no offset), and
walking the links visits every row exactly once, whatever the sort — including sorts on
values that are often equal or missing (last touch, expected close)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from tests import factories
from tests.api.conftest import field_errors


def walk(api: Any, path: str, **params: Any) -> list[int]:
    ids: list[int] = []
    response = api.get(path, **params)
    pages = 0
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["items"]) <= params.get("limit", 50)
        ids.extend(item["id"] for item in body["items"])
        pages += 1
        assert pages < 100, "the walk does not end"
        if body["next"] is None:
            return ids
        response = api.client.get(body["next"])


@pytest.fixture
def crowd(world: Any) -> Any:
    """23 accounts with many ties: same names, same or missing last touch, same amounts."""
    now = timezone.now().replace(microsecond=0)
    for n in range(23):
        account = factories.make_account(
            world.workspace,
            name=f"Account {n % 4}",
            owner=world.member if n % 2 else world.manager,
            last_touch_at=None if n % 3 == 0 else now - dt.timedelta(days=n % 5),
            relationship_strength=1 + n % 5,
        )
        contact = factories.make_contact(account, name=f"Contact {n % 3}")
        factories.make_deal(
            account,
            amount=Decimal(1000 * (n % 3)),
            expected_close=None if n % 4 == 0 else dt.date(2027, 1, 1 + n % 2),
        )
        interaction = factories.make_interaction(
            account, occurred_at=now - dt.timedelta(hours=n % 2)
        )
        interaction.contacts.add(contact, through_defaults={"workspace": world.workspace})
        factories.make_action(
            world.workspace, world.member, account=account, due_date=dt.date(2026, 12, 1 + n % 2)
        )
    return world


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/accounts", {}),
        ("/accounts", {"sort": "-name"}),
        ("/accounts", {"sort": "last_touch"}),
        ("/accounts", {"sort": "-last_touch"}),
        ("/accounts", {"sort": "-strength"}),
        ("/contacts", {}),
        ("/contacts", {"sort": "-account"}),
        ("/deals", {}),
        ("/deals", {"sort": "close"}),
        ("/deals", {"sort": "-close"}),
        ("/deals", {"sort": "-amount"}),
        ("/interactions", {}),
        ("/actions", {}),
        ("/actions", {"status": "all"}),
    ],
)
def test_walking_the_pages_visits_every_row_once(
    crowd: Any, api_for: Any, path: str, params: dict[str, Any]
) -> None:
    api = api_for(crowd.member)
    everything = [item["id"] for item in api.get(path, limit=200, **params).json()["items"]]
    assert len(everything) == 23

    walked = walk(api, path, limit=4, **params)

    assert walked == everything, "pages in order, no row twice, none missing"


def test_next_link_keeps_the_filters_and_sort(crowd: Any, api_for: Any) -> None:
    api = api_for(crowd.member)
    first = api.get("/accounts", limit=2, owner_id=crowd.member.pk, sort="-name").json()
    query = parse_qs(urlparse(first["next"]).query)
    assert query["owner_id"] == [str(crowd.member.pk)]
    assert query["sort"] == ["-name"]
    assert query["limit"] == ["2"]
    owned = walk(api, "/accounts", limit=2, owner_id=crowd.member.pk)
    assert len(owned) == 11


def test_a_cursor_from_another_sort_is_refused(crowd: Any, api_for: Any) -> None:
    api = api_for(crowd.member)
    cursor = parse_qs(urlparse(api.get("/accounts", limit=2).json()["next"]).query)["cursor"][0]
    assert set(field_errors(api.get("/accounts", sort="-last_touch", cursor=cursor))) == {"cursor"}


def test_last_page_has_no_next(world: Any, api_for: Any) -> None:
    factories.make_account(world.workspace)
    body = api_for(world.member).get("/accounts").json()
    assert len(body["items"]) == 1
    assert body["next"] is None


def test_history_pages_too(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    account_id = api.post("/accounts", {"name": "Initech"}).json()["id"]
    for n in range(5):
        api.patch(f"/accounts/{account_id}", {"industry": f"Industry {n}"})
    assert len(walk(api, f"/accounts/{account_id}/history", limit=2)) == 6
