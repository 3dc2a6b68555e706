"""The win-back agenda provider: "no news is bad news" past the cadence, "re-engage now" when
the winner stumbles or its contract nears its end, and planned touches due — for the
win-back's owner only, cleared by doing what it asks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from headway.agenda.selectors import build_agenda
from headway.agenda.services import agenda_item_snooze
from headway.crm import services as crm_services
from headway.methods.winback import services
from tests.methods.winback.factories import make_winback, membership

pytestmark = pytest.mark.django_db


def items(world: Any, user: Any) -> dict[str, Any]:
    agenda = build_agenda(membership(world.workspace, user))
    return {
        e.item.key: e.item for g in agenda.groups for e in g.entries if e.item.source == "winback"
    }


def test_no_news_past_the_cadence_is_flagged_for_the_owner_only(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Quiet Co")
    m = membership(world.workspace, world.member)
    crm_services.interaction_create(
        membership=m, account=winback.account, summary="Sent the roadmap", kind="email"
    )
    clock.move_to(dt.datetime(2026, 12, 22, 12, 0, tzinfo=dt.UTC))  # 30 days: on time
    assert f"winback:cadence:{winback.pk}" not in items(world, world.member)
    clock.move_to(dt.datetime(2026, 12, 23, 12, 0, tzinfo=dt.UTC))  # 31 days
    item = items(world, world.member)[f"winback:cadence:{winback.pk}"]
    assert item.title == (
        "No news is bad news: Quiet Co — last touch 31 days ago, cadence monthly (30 days)"
    )
    assert item.due == dt.date(2026, 12, 22)
    assert item.url == f"/winbacks/{winback.pk}/"
    assert item.secondary_url == f"/accounts/{winback.account_id}/interactions/new/"
    assert f"winback:cadence:{winback.pk}" not in items(world, world.other_member)

    crm_services.interaction_create(membership=m, account=winback.account, summary="Called")
    assert f"winback:cadence:{winback.pk}" not in items(world, world.member)


def test_a_fresh_win_back_on_a_long_silent_account_is_not_instantly_overdue(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Never Touched")
    assert f"winback:cadence:{winback.pk}" not in items(world, world.member)
    clock.move_to(dt.datetime(2026, 12, 23, 12, 0, tzinfo=dt.UTC))
    item = items(world, world.member)[f"winback:cadence:{winback.pk}"]
    assert "no interaction logged yet" in item.title


def test_closed_win_backs_leave_the_agenda(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    services.winback_close(membership=membership(world.workspace, world.member), winback=winback)
    clock.move_to(dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC))
    assert items(world, world.member) == {}


@pytest.mark.parametrize(("days", "shown"), [(90, True), (91, False)])
def test_a_contract_end_within_90_days_says_re_engage_now(
    world: Any, clock: Any, days: int, shown: bool
) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Renewing Ltd")
    end = dt.date(2026, 11, 22) + dt.timedelta(days=days)
    services.signal_create(
        membership=membership(world.workspace, world.member),
        winback=winback,
        kind="contract_end",
        contract_end=end,
    )
    found = items(world, world.member).get(f"winback:reengage:{winback.pk}")
    assert (found is not None) is shown
    if found:
        assert found.title == "Re-engage now: Renewing Ltd"
        assert found.due == dt.date(2026, 11, 22)
        assert found.secondary_label == "Open a new deal"
        assert found.secondary_url == f"/winbacks/{winback.pk}/reopen/"
        assert found.detail == "Globex's contract ends 20 Feb 2027 (in 90 days)."


def test_signals_adding_up_put_re_engage_on_the_agenda_until_a_deal_is_opened(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Stumbling Inc")
    m = membership(world.workspace, world.member)
    services.signal_create(
        membership=m, winback=winback, kind="product_problem", observed_on=dt.date(2026, 11, 2)
    )
    assert f"winback:reengage:{winback.pk}" not in items(world, world.member)
    services.signal_create(
        membership=m, winback=winback, kind="price_rise", observed_on=dt.date(2026, 11, 20)
    )
    found = items(world, world.member)[f"winback:reengage:{winback.pk}"]
    assert found.due == dt.date(2026, 11, 20)  # the day the points reached the threshold
    assert "5 points" in found.detail
    services.winback_reopen(membership=m, winback=winback)
    assert f"winback:reengage:{winback.pk}" not in items(world, world.member)


def test_planned_touches_due_this_week_are_on_the_agenda(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Lunch Co")
    m = membership(world.workspace, world.member)
    soon = services.touch_create(
        membership=m, winback=winback, kind="lunch", planned_for=dt.date(2026, 11, 25)
    )
    later = services.touch_create(
        membership=m, winback=winback, kind="call", planned_for=dt.date(2026, 12, 15)
    )
    found = items(world, world.member)
    assert found[f"winback:touch:{soon.pk}"].title == "Planned lunch with Lunch Co"
    assert f"winback:touch:{later.pk}" not in found
    soon.winback = winback
    services.touch_complete(membership=m, touch=soon)
    assert f"winback:touch:{soon.pk}" not in items(world, world.member)


def test_a_flag_can_be_snoozed_like_any_computed_item(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    clock.move_to(dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC))
    key = f"winback:cadence:{winback.pk}"
    assert key in items(world, world.member)
    agenda_item_snooze(
        membership=membership(world.workspace, world.member), key=key, until=dt.date(2027, 1, 8)
    )
    assert key not in items(world, world.member)


def test_the_agenda_page_shows_win_back_items(world: Any, clock: Any) -> None:
    make_winback(world.workspace, world.member, account_name="Quiet Co")
    clock.move_to(dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC))
    html = world.client_for(world.member).get("/").content.decode()
    assert "No news is bad news: Quiet Co" in html


def test_a_cut_off_win_back_list_says_how_many_more_and_links_the_portfolio(
    world: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from headway.agenda import selectors as agenda_selectors

    monkeypatch.setattr(agenda_selectors, "BUCKET_LIMIT", 2)
    for n in range(3):
        make_winback(world.workspace, world.member, account_name=f"Silent {n}")
    clock.move_to(dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC))

    html = world.client_for(world.member).get("/").content.decode()

    assert html.count(">No news is bad news: Silent") == 2  # the items' links
    assert (
        "…and 1 more win-back with no news for longer than its cadence — see "
        '<a href="/winbacks/">the win-back portfolio</a>.' in html
    )
