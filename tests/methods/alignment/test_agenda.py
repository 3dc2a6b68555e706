"""The Mutual Learning item on the agenda: an impasse stuck for 14 days, for the owner, with
how long it has lasted on the day it is read; moving on clears it."""

from __future__ import annotations

import datetime as dt

import time_machine

from headway.agenda.selectors import build_agenda
from headway.methods.alignment import services
from tests.methods.alignment.helpers import DECISION, membership, story

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def entries(world, user):
    agenda = build_agenda(membership(world.workspace, user))
    return [e for g in agenda.groups for e in g.entries if e.item.key.startswith("alignment:")]


def test_an_impasse_shows_from_its_fourteenth_day_with_how_long_it_lasted(world):
    with time_machine.travel(START, tick=False):
        alignment = story(world.workspace, world.member)
    with time_machine.travel(START + dt.timedelta(days=13, hours=23), tick=False):
        assert entries(world, world.member) == []
    with time_machine.travel(START + dt.timedelta(days=14), tick=False):
        [entry] = entries(world, world.member)
        assert entry.item.title == f"At an impasse: {DECISION}"
        assert entry.item.detail.startswith("Stuck for 14 days.")
        assert entry.item.url == f"/alignments/{alignment.pk}/"
        assert entry.item.account_name == "Largest Customer"
        assert entries(world, world.manager) == []  # the owner's agenda only
    with time_machine.travel(START + dt.timedelta(days=20), tick=False):
        [entry] = entries(world, world.member)
        assert entry.item.detail.startswith("Stuck for 20 days.")
        services.alignment_explore(
            membership=membership(world.workspace, world.member), alignment=alignment
        )
        assert entries(world, world.member) == []


def test_an_abandoned_impasse_leaves_the_agenda(world):
    with time_machine.travel(START, tick=False):
        alignment = story(world.workspace, world.member)
    with time_machine.travel(START + dt.timedelta(days=15), tick=False):
        assert len(entries(world, world.member)) == 1
        services.alignment_abandon(
            membership=membership(world.workspace, world.member),
            alignment=alignment,
            reason="They chose without us",
        )
        assert entries(world, world.member) == []


def test_an_agreement_with_no_follow_up_action_is_on_the_agenda_after_a_day(world):
    from tests.methods.alignment.helpers import explored

    with time_machine.travel(START, tick=False):
        story_ = explored(world.workspace, world.member)
        m = membership(world.workspace, world.member)
        services.alignment_agree(membership=m, alignment=story_.alignment, option=story_.c)
        assert entries(world, world.member) == []
    with time_machine.travel(START + dt.timedelta(hours=24), tick=False):
        [entry] = entries(world, world.member)
        assert entry.item.title == f"Follow up the agreement: {DECISION}"
        assert entry.item.url == f"/alignments/{story_.alignment.pk}/#agreement"
        services.alignment_add_action(
            membership=m,
            alignment=story_.alignment,
            title="Start the design on the fixed core",
            due_date=dt.date(2026, 11, 10),
        )
        assert entries(world, world.member) == []
