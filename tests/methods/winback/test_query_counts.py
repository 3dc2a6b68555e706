"""The win-back pages, the API list, the reports and the agenda provider cost the same number
of queries for 5 rows as for 50 (every statement is printed when they do not)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from headway.agenda.selectors import build_agenda
from headway.methods.winback import services
from headway.methods.winback.models import Ask
from tests import factories
from tests.kit import assert_constant_queries, count_queries
from tests.methods.winback.factories import lost_deal, make_winback, membership

pytestmark = pytest.mark.django_db


def _winbacks(world: Any, n: int, start: int = 0) -> None:
    """n open win-backs of two sellers, with signals, touches and an approval on some."""
    m = membership(world.workspace, world.member)
    manager = membership(world.workspace, world.manager)
    for i in range(start, start + n):
        owner = world.member if i % 2 else world.other_member
        wb = make_winback(world.workspace, owner, account_name=f"Lost account {i}", amount=1000 + i)
        if i % 3 == 0:
            services.signal_create(membership=manager, winback=wb, kind="missed_promise")
            services.signal_create(
                membership=manager,
                winback=wb,
                kind="contract_end",
                contract_end=dt.date.today() + dt.timedelta(days=30),
            )
        if i % 2:
            services.touch_create(membership=m, winback=wb, kind="call")
        if i % 4 == 0:
            services.winback_approve(membership=manager, winback=wb)


def test_portfolio_queries_do_not_grow_with_win_backs(world: Any) -> None:
    client = world.client_for(world.manager)
    _winbacks(world, 5)
    count = assert_constant_queries(
        client, "/winbacks/?scope=team", lambda: _winbacks(world, 45, start=5)
    )
    assert count <= 12
    # Highest priority first: 1,048 with a missed promise outranks the bigger quiet ones.
    html = client.get("/winbacks/?scope=team").content.decode()
    assert html.index("Lost account 48") < html.index("Lost account 49")


def test_win_back_page_queries_do_not_grow_with_its_contents(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    state = {"n": 0}

    def grow(n: int) -> None:
        for _ in range(n):
            state["n"] += 1
            i = state["n"]
            ask = services.ask_create(membership=m, winback=winback, text=f"Ask {i}")
            ask.winback = winback
            services.attachment_add(
                membership=m,
                ask=ask,
                upload=SimpleUploadedFile(f"f{i}.txt", b"x", "text/plain"),
            )
            services.touch_create(membership=m, winback=winback, kind="email")
            services.signal_create(membership=m, winback=winback, kind="price_rise")
            factories.make_contact(winback.account, stance="advocate", our_person=world.member)
            factories.make_interaction(winback.account, author=world.member)

    grow(5)
    client = world.client_for(world.member)
    count = assert_constant_queries(client, f"/winbacks/{winback.pk}/", lambda: grow(45))
    assert count <= 20
    assert "Ask 45" in client.get(f"/winbacks/{winback.pk}/").content.decode()


def test_reports_queries_do_not_grow_with_data(world: Any) -> None:
    client = world.client_for(world.manager)

    def grow(n: int, start: int) -> None:
        _winbacks(world, n, start=start)
        account = factories.make_account(world.workspace)
        for i in range(n):
            lost_deal(account, lost_to_name=f"Rival {i % 7}", lost_reasons=f"Reason {i % 5}")
        m = membership(world.workspace, world.member)
        for ask in Ask.objects.in_workspace(world.workspace).select_related("winback")[:n]:
            services.ask_update(
                membership=membership(world.workspace, world.manager), ask=ask, status="granted"
            )
        assert m

    grow(5, 0)
    assert_constant_queries(client, "/winbacks/reports/", lambda: grow(45, 5))
    state = {}

    def csv() -> None:
        state["r"] = client.get("/winbacks/reports.csv?report=reengage")

    small = count_queries(csv)
    grow(10, 100)
    assert count_queries(csv)[0] == small[0]


def test_api_list_queries_do_not_grow(world: Any, api_for: Any) -> None:
    api = api_for(world.manager)
    _winbacks(world, 5)
    api.get("/winbacks")
    small = count_queries(lambda: api.get("/winbacks"))
    _winbacks(world, 45, start=5)
    large = count_queries(lambda: api.get("/winbacks"))
    assert small[0] == large[0], "\n".join(large[1])


def test_agenda_provider_queries_do_not_grow(world: Any) -> None:
    m = membership(world.workspace, world.member)
    _winbacks(world, 5)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    build_agenda(m, now=later)
    small = count_queries(lambda: build_agenda(m, now=later))
    _winbacks(world, 45, start=5)
    large = count_queries(lambda: build_agenda(m, now=later))
    agenda = build_agenda(m, now=later)
    titles = [e.item.title for g in agenda.groups for e in g.entries]
    assert any(t.startswith("No news is bad news: Lost account 49") for t in titles)
    assert small[0] == large[0], "\n".join(large[1])
