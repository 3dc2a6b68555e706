"""Issue 17, point 4: a contract end recorded today, 80 days away, showed on the agenda as
"10 days overdue" (due from the start of its 90-day window, before anyone knew of it); and for
a loss to "do nothing" the agenda, the win-back page and the reports spoke of "the winner".
A contract end is due from its window's start but never before the day it was recorded, and a
loss to doing nothing is worded as what it is: there is no winner, only what they kept. (The
agenda's side: test_agenda_reengage_due_and_do_nothing_words.py.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from headway.crm.models import LostTo
from headway.methods.winback import rules, services
from tests.methods.winback.factories import make_winback, membership

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)  # the kit's clock


def test_the_rule_never_dates_a_contract_end_before_it_was_known() -> None:
    end = TODAY + dt.timedelta(days=80)
    assert rules.reengage_due(None, end, TODAY) == TODAY - dt.timedelta(days=10)
    assert rules.reengage_due(None, end, TODAY, contract_end_known_on=TODAY) == TODAY
    known = TODAY - dt.timedelta(days=30)  # known before the window opened
    assert rules.reengage_due(None, end, TODAY, contract_end_known_on=known) == (
        TODAY - dt.timedelta(days=10)
    )
    crossed = TODAY - dt.timedelta(days=3)  # the signals' own day still counts
    assert rules.reengage_due(crossed, end, TODAY, contract_end_known_on=TODAY) == crossed


# --- a loss to doing nothing ----------------------------------------------------------------


@pytest.fixture
def did_nothing(world: Any) -> Any:
    winback = make_winback(
        world.workspace,
        world.member,
        account_name="Paper Logs Ltd",
        lost_to=LostTo.DO_NOTHING,
        lost_to_name="",
    )
    m = membership(world.workspace, world.member)
    for kind in ("product_problem", "price_rise"):
        services.signal_create(membership=m, winback=winback, kind=kind)
    services.signal_create(
        membership=m,
        winback=winback,
        kind="contract_end",
        contract_end=TODAY + dt.timedelta(days=40),
    )
    return winback


def test_the_rules_speak_of_what_they_kept_when_they_did_nothing() -> None:
    assert rules.DO_NOTHING == LostTo.DO_NOTHING and rules.ALTERNATIVE == LostTo.ALTERNATIVE
    assert rules.rival(LostTo.DO_NOTHING, "") == "what they kept"
    assert rules.rival_contract(LostTo.DO_NOTHING, "") == "their current contract"
    assert rules.rival(LostTo.COMPETITOR, "FrostGuard") == "FrostGuard"
    assert rules.rival_contract(LostTo.COMPETITOR, "FrostGuard") == "FrostGuard's contract"
    assert rules.rival(LostTo.COMPETITOR, "") == "the winner"
    assert rules.rival_contract(LostTo.ALTERNATIVE, "Their own data loggers") == (
        "the contract for Their own data loggers"
    )


def test_the_win_back_page_and_the_reports_have_no_winner_either(
    world: Any, clock: Any, did_nothing: Any
) -> None:
    client = world.client_for(world.member)
    page = client.get(f"/winbacks/{did_nothing.pk}/").content.decode()
    assert "Watch on what they kept" in page
    assert "Signals about what they kept add up to 5 points" in page
    assert "Their current contract ends 1 Jan 2027" in page
    # (The history still names the row by its model, "winner signal".)
    assert "the winner" not in page.lower() and "winner watch" not in page.lower()
    reports = client.get("/winbacks/reports/").content.decode()
    assert "Lost deals by what the customer chose instead" in reports
    assert "who won" not in reports
    portfolio = client.get("/winbacks/").content.decode()
    assert "Winner watch" not in portfolio
