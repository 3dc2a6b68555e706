"""The win-back page's History is the one timeline (headway.crm.timeline): the win-back's own
changes and those of its asks, touches and signals, moments in the reader's time, without the
derived numbers (priority, signal points) that only add noise."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from headway.methods.winback import services
from headway.methods.winback.models import Ask, WinBack
from tests import factories
from tests.methods.winback.factories import make_winback, membership

pytestmark = pytest.mark.django_db


def _history(world: Any, winback: WinBack) -> str:
    html = world.client_for(world.member).get(f"/winbacks/{winback.pk}/").content.decode()
    section = html.split('id="history"')[1]
    return section.split("</section>")[0]


def _first_ask(world: Any, winback: WinBack) -> Ask:
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    assert ask is not None
    ask.winback = winback
    return ask


def test_the_win_backs_own_changes_and_its_asks_touches_and_signals_are_on_its_history(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    ask = _first_ask(world, winback)
    services.ask_update(membership=m, ask=ask, status="granted", obtained="Their scorecard")
    services.attachment_add(
        membership=m, ask=ask, upload=SimpleUploadedFile("score.csv", b"a,b\n", "text/csv")
    )
    services.touch_create(membership=m, winback=winback, kind="lunch", note="Lunch with Priya")
    services.signal_create(membership=m, winback=winback, kind="missed_promise")
    services.winback_update(membership=m, winback=winback, title="Win back Initech, take two")

    history = _history(world, winback)
    assert '<ol class="timeline">' in history
    evaluation = (
        "Ask <strong>Ask for their evaluation documentation (scorecards, notes, comparison)."
        "</strong> changed"
    )
    assert history.count(evaluation) == 2  # its answer, then its file
    assert (
        "<li>Status: To ask → Granted</li><li>What we obtained: — → Their scorecard</li>" in history
    )
    assert "<li>Files: — → score.csv</li>" in history
    assert "Planned touch <strong>Lunch on 2026-12-22</strong> created" in history
    assert "<li>Note: Lunch with Priya</li>" in history
    assert "Winner signal <strong>Missed promise (2026-11-22)</strong> created" in history
    assert (
        "<li>Title: Win back Account" in history and "→ Win back Initech, take two</li>" in history
    )
    # Newest first: the title change, then the signal, the touch, the ask, the win-back created.
    assert history.index("take two") < history.index("Winner signal") < history.index("Lunch on")
    assert (
        history.index("Lunch on") < history.index(evaluation) < history.rindex("<div>Created</div>")
    )
    # The win-back's own rows name no object; another win-back's never show.
    other = make_winback(world.workspace, world.member, title="Someone else's deal")
    services.winback_update(membership=m, winback=other, title="Not this one")
    assert "Not this one" not in _history(world, winback)


def test_derived_numbers_are_left_out_and_moments_are_read_in_the_readers_time(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    manager = membership(world.workspace, world.manager)
    for kind in ("missed_promise", "support_decline"):
        services.signal_create(membership=manager, winback=winback, kind=kind)
    services.winback_approve(membership=manager, winback=winback)
    history = _history(world, winback)
    assert "priority" not in history.lower()
    for noise in ("signal score", "signals crossed on", "likelihood reason", "opened at"):
        assert noise not in history.lower()
    # The approval's moment as a person reads it (the viewer's zone), not an ISO string.
    assert "<li>Manager approved at: — → 22 Nov 2026, 12:00</li>" in history
    assert "<li>Manager approved by: — → Max Manager</li>" in history


def test_a_new_win_back_says_it_was_created_and_nothing_else_yet(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member, name="Initech")
    winback = make_winback(world.workspace, world.member, account=account)
    history = _history(world, winback)
    assert "Created" in history
    assert history.count("<li>") >= 1
