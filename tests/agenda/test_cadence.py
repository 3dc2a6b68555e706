"""No news is bad news: an account the user owns with no interaction for longer than its
cadence shows on their agenda until someone logs one."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.agenda import selectors as agenda_selectors
from headway.crm import services as crm_services
from tests import factories
from tests.agenda.helpers import agenda_for, membership_of
from tests.kit import NOW


def _touched(days_ago: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days_ago)


def _cadence_items(world, user=None):
    agenda = agenda_for(world.workspace, user or world.member)
    return {
        e.item.account_name: e
        for g in agenda.groups
        for e in g.entries
        if e.item.source == "cadence"
    }


def test_an_account_untouched_for_31_days_is_flagged_and_one_touched_5_days_ago_is_not(
    world, clock
):
    globex = factories.make_account(
        world.workspace, name="Globex", owner=world.member, last_touch_at=_touched(31)
    )
    factories.make_account(
        world.workspace, name="Initech", owner=world.member, last_touch_at=_touched(5)
    )

    items = _cadence_items(world)

    assert set(items) == {"Globex"}
    entry = items["Globex"]
    assert entry.item.title == "No touch for 31 days — Globex"
    assert entry.item.due == dt.date(2026, 11, 21)  # the day the 30-day cadence ran out
    assert entry.due_words == "1 day overdue"
    assert entry.item.done_url == ""
    assert entry.item.secondary_label == "Log interaction"
    assert entry.item.url == f"/accounts/{globex.pk}/"
    assert entry.item.secondary_url == f"/accounts/{globex.pk}/interactions/new/"


def test_the_page_offers_log_interaction_instead_of_done(world, clock):
    account = factories.make_account(
        world.workspace, name="Globex", owner=world.member, last_touch_at=_touched(45)
    )

    html = world.client_for(world.member).get("/").content.decode()

    assert "No touch for 45 days — Globex" in html
    assert f'href="/accounts/{account.pk}/interactions/new/"' in html
    item = html.split(f'id="item-cadenceaccount{account.pk}"')[1].split("</li>")[0]
    assert "Done" not in item
    assert "Snooze" in item


def test_a_custom_cadence_is_respected(world, clock):
    factories.make_account(
        world.workspace,
        name="Weekly",
        owner=world.member,
        cadence_days=7,
        last_touch_at=_touched(8),
    )
    factories.make_account(
        world.workspace,
        name="Quarterly",
        owner=world.member,
        cadence_days=90,
        last_touch_at=_touched(60),
    )
    factories.make_account(
        world.workspace, name="Default", owner=world.member, last_touch_at=_touched(29)
    )

    items = _cadence_items(world)

    assert set(items) == {"Weekly"}
    assert items["Weekly"].item.due == dt.date(2026, 11, 21)


def test_a_cadence_running_out_later_this_week_is_not_flagged_yet(world, clock):
    factories.make_account(
        world.workspace, name="Soon", owner=world.member, last_touch_at=_touched(28)
    )

    assert _cadence_items(world) == {}


def test_logging_an_interaction_clears_the_flag(world, clock):
    account = factories.make_account(
        world.workspace, name="Globex", owner=world.member, last_touch_at=_touched(40)
    )
    assert "Globex" in _cadence_items(world)

    crm_services.interaction_create(
        membership=membership_of(world.workspace, world.member),
        account=account,
        summary="Caught up on the renewal.",
        occurred_at=NOW - dt.timedelta(hours=1),
    )

    assert "Globex" not in _cadence_items(world)


def test_a_never_touched_account_is_flagged(world, clock):
    factories.make_account(
        world.workspace, name="Brand new", owner=world.member, created_at=NOW - dt.timedelta(days=2)
    )
    factories.make_account(
        world.workspace,
        name="Long forgotten",
        owner=world.member,
        created_at=NOW - dt.timedelta(days=100),
    )

    items = _cadence_items(world)

    assert items["Brand new"].item.title == "Never touched — Brand new"
    assert items["Brand new"].item.due == dt.date(2026, 11, 22)
    assert items["Long forgotten"].due_words == "70 days overdue"


def test_only_the_users_own_accounts_are_flagged_even_for_a_manager(world, clock):
    factories.make_account(
        world.workspace, name="Mia's", owner=world.member, last_touch_at=_touched(60)
    )
    factories.make_account(
        world.workspace, name="Max's", owner=world.manager, last_touch_at=_touched(60)
    )
    factories.make_account(world.workspace, name="Nobody's", last_touch_at=_touched(60))

    assert set(_cadence_items(world, world.manager)) == {"Max's"}
    assert set(_cadence_items(world, world.member)) == {"Mia's"}


def test_another_workspaces_accounts_never_show(world, clock):
    factories.make_account(
        world.other_workspace, name="Rival's", owner=world.member, last_touch_at=_touched(60)
    )

    assert _cadence_items(world) == {}


def test_stale_accounts_are_bounded_and_the_page_says_how_many_more(
    world, clock, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(agenda_selectors, "BUCKET_LIMIT", 3)
    for n in range(5):
        factories.make_account(
            world.workspace, name=f"Stale {n}", owner=world.member, last_touch_at=_touched(40 + n)
        )

    agenda = agenda_for(world.workspace, world.member)
    html = world.client_for(world.member).get("/").content.decode()

    assert len(_cadence_items(world)) == 3
    assert agenda.overflow == {"cadence": 2}
    assert "and 2 more accounts with no recent touch" in html
    # the stalest come first
    assert set(_cadence_items(world)) == {"Stale 4", "Stale 3", "Stale 2"}
