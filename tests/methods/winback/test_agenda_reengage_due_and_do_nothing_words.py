"""Issue 17, point 4, on the agenda (the win-back provider, headway/methods/winback/agenda.py):
a contract end recorded today, 80 days away, showed as "10 days overdue" — it is due from the
start of its 90-day window but never before the day it was recorded; and a loss to "do nothing"
has no winner: the item speaks of what they kept."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from headway.agenda.selectors import build_agenda
from headway.crm.models import LostTo
from headway.methods.winback import services
from tests.methods.winback.factories import make_winback, membership

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)  # the kit's clock


def reengage(world: Any, winback: Any) -> Any:
    agenda = build_agenda(membership(world.workspace, world.member))
    found = [e for g in agenda.groups for e in g.entries if e.item.key.endswith(f":{winback.pk}")]
    return next(e.item for e in found if e.item.key == f"winback:reengage:{winback.pk}")


def test_a_contract_end_recorded_today_is_due_today_not_overdue(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Renewing Ltd")
    services.signal_create(
        membership=membership(world.workspace, world.member),
        winback=winback,
        kind="contract_end",
        contract_end=TODAY + dt.timedelta(days=80),  # its window opened 10 days ago
    )
    item = reengage(world, winback)
    assert item.due == TODAY
    html = world.client_for(world.member).get("/").content.decode()
    assert "overdue" not in re.sub(r"\s+", " ", html).split("Re-engage now: Renewing Ltd")[1][:400]


def test_a_contract_end_recorded_earlier_counts_from_the_day_it_was_recorded(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    services.signal_create(
        membership=membership(world.workspace, world.member),
        winback=winback,
        kind="contract_end",
        contract_end=TODAY + dt.timedelta(days=80),
    )
    clock.move_to(dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC))  # five days on, not acted on
    assert reengage(world, winback).due == TODAY


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


def test_the_agenda_has_no_winner_for_a_loss_to_doing_nothing(
    world: Any, clock: Any, did_nothing: Any
) -> None:
    detail = reengage(world, did_nothing).detail
    assert detail == (
        "Signals about what they kept add up to 5 points; their current contract ends "
        "1 Jan 2027 (in 40 days)."
    )
