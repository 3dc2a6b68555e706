"""The agenda page costs the same number of queries for 5 items as for 50."""

from __future__ import annotations

import datetime as dt

from tests import factories
from tests.kit import NOW, count_queries

TODAY = dt.date(2026, 11, 22)


def _add_actions(world, n: int, account, deal, start: int = 0) -> None:
    for i in range(start, start + n):
        extra = {}
        if i % 3 == 0:
            extra = {
                "target_type_id": deal_type(deal),
                "target_id": deal.pk,
                "account": deal.account,
            }
        elif i % 3 == 1:
            extra = {"account": account}
        factories.make_action(
            world.workspace,
            world.member,
            title=f"Action {i}",
            due_date=TODAY + dt.timedelta(days=(i % 12) - 4),
            **extra,
        )


def deal_type(deal) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(deal).pk


def _add_stale_accounts(world, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        factories.make_account(
            world.workspace,
            name=f"Stale {i}",
            owner=world.member,
            cadence_days=(None if i % 2 else 10 + i),
            last_touch_at=NOW - dt.timedelta(days=60 + i),
        )


def _assert_same(small: tuple[int, list[str]], large: tuple[int, list[str]]) -> None:
    if small[0] != large[0]:
        listing = "\n".join(["-- 5 items:", *small[1], "-- 50 items:", *large[1]])
        raise AssertionError(f"{small[0]} queries for 5 items, {large[0]} for 50:\n{listing}")


def test_agenda_page_queries_do_not_grow_with_actions(world, clock):
    account = factories.make_account(world.workspace, name="Globex", owner=world.other_member)
    deal = factories.make_deal(account, title="Renewal")
    client = world.client_for(world.member)
    _add_actions(world, 5, account, deal)
    client.get("/")  # warm caches (content types, session)

    small = count_queries(lambda: client.get("/"))
    _add_actions(world, 45, account, deal, start=5)
    large = count_queries(lambda: client.get("/"))

    assert "Action 49" in client.get("/").content.decode()
    _assert_same(small, large)


def test_agenda_page_queries_do_not_grow_with_stale_accounts(world, clock):
    client = world.client_for(world.member)
    _add_stale_accounts(world, 5)
    client.get("/")

    small = count_queries(lambda: client.get("/"))
    _add_stale_accounts(world, 45, start=5)
    large = count_queries(lambda: client.get("/"))

    assert "Stale 49" in client.get("/").content.decode()
    _assert_same(small, large)


def test_digest_and_feed_queries_do_not_grow_either(world, clock):
    from headway.agenda.selectors import build_agenda
    from tests.agenda.helpers import membership_of

    account = factories.make_account(world.workspace, name="Globex", owner=world.other_member)
    deal = factories.make_deal(account, title="Renewal")
    _add_actions(world, 5, account, deal)
    _add_stale_accounts(world, 5)
    membership = membership_of(world.workspace, world.member)
    build_agenda(membership)

    small = count_queries(lambda: build_agenda(membership))
    _add_actions(world, 45, account, deal, start=5)
    _add_stale_accounts(world, 45, start=5)
    large = count_queries(lambda: build_agenda(membership))

    _assert_same(small, large)


def test_the_agenda_reads_the_same_queries_whatever_the_number_of_method_apps(world, clock):
    """Each method app adds a provider; the page still reads one table in one query."""
    from headway.agenda.registry import AgendaItem, Provider, Row, register, unregister
    from headway.agenda.sync import rebuild_workspace
    from headway.crm.models import Account

    def derive_for(name):
        def derive(workspace_id, ids):
            for account in Account.objects.in_workspace(workspace_id).filter(owner__isnull=False):
                yield Row(
                    owner_id=account.owner_id,
                    key=f"{name}:{account.pk}",
                    subject_id=account.pk,
                    visible_at=NOW - dt.timedelta(days=1),
                    account_id=account.pk,
                )

        return derive

    def describe(row, ctx):
        return AgendaItem(
            key=row.key,
            title=f"{row.key} {row.account_name}",
            due=ctx.today,
            url="/",
            source=row.key.split(":")[0],
            label="Test",
        )

    client = world.client_for(world.member)
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    _add_actions(world, 5, account, factories.make_deal(account, title="Renewal"))
    _add_stale_accounts(world, 5)
    client.get("/")
    before = count_queries(lambda: client.get("/"))
    names = [f"test-method-{n}" for n in range(6)]
    for name in names:
        register(Provider(name=name, derive=derive_for(name), describe=describe, watches={}))
    try:
        rebuild_workspace(world.workspace.pk)
        html = client.get("/").content.decode()
        after = count_queries(lambda: client.get("/"))
    finally:
        for name in names:
            unregister(name)

    assert all(f"{name}:" in html for name in names)
    _assert_same(before, after)
