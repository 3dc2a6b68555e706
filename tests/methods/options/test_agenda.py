"""The Option Solving items on the agenda and in the morning digest: review first thing, the
action initiative nag, colleagues' picks and "how did it work out?"."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.agenda.selectors import build_agenda
from headway.agenda.tasks import enqueue_due_digests
from headway.crm import services as crm_services
from headway.methods.options import services
from headway.methods.options.agenda import derive
from tests.methods.options.helpers import membership, option, sleeping, with_options

START = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)  # Monday 16:00 in Paris
REVIEW = dt.datetime(2026, 11, 24, 6, 30, tzinfo=dt.UTC)  # Tuesday 07:30 in Paris


@pytest.fixture
def parisian(world):
    world.member.time_zone = "Europe/Paris"
    world.member.save()
    return world.member


def items(world, user, key_prefix="options:"):
    agenda = build_agenda(membership(world.workspace, user))
    return [
        e for g in agenda.groups for e in g.entries if e.item.key.startswith(key_prefix)
    ], agenda


def test_review_first_thing_appears_on_the_review_day(world, parisian):
    with time_machine.travel(START, tick=False):
        decision = sleeping(world.workspace, parisian)
        entries, _ = items(world, parisian)
        assert entries == []  # the evening before: nothing yet
    with time_machine.travel(REVIEW - dt.timedelta(hours=2), tick=False):  # 05:30 in Paris
        entries, agenda = items(world, parisian)
        [entry] = entries
        assert entry.item.title == "Review first thing: moving a major customer forward"
        assert entry.item.label == "Morning review"
        assert entry.item.due == dt.date(2026, 11, 24)
        assert entry.item.url == f"/decisions/{decision.pk}/review/"
        assert entry in agenda.group("today").entries
    with time_machine.travel(REVIEW + dt.timedelta(days=1), tick=False):
        [entry], agenda = items(world, parisian)
        assert entry in agenda.group("overdue").entries
        services.decision_choose(
            membership=membership(world.workspace, parisian),
            decision=decision,
            alternative=option(decision, "B"),
        )
        assert items(world, parisian)[0] == []  # choosing clears it


def test_the_review_is_only_on_the_owners_agenda(world, parisian):
    with time_machine.travel(START, tick=False):
        sleeping(world.workspace, parisian)
    with time_machine.travel(REVIEW, tick=False):
        assert items(world, world.admin)[0] == []


def test_the_agenda_nags_for_the_action_initiative_a_day_after_the_choice(world, parisian):
    with time_machine.travel(START, tick=False):
        decision = sleeping(world.workspace, parisian)
    m = membership(world.workspace, parisian)
    with time_machine.travel(REVIEW + dt.timedelta(minutes=5), tick=False):
        services.decision_choose(membership=m, decision=decision, alternative=option(decision, "B"))
        assert items(world, parisian)[0] == []
    with time_machine.travel(REVIEW + dt.timedelta(hours=24, minutes=5), tick=False):
        [entry], agenda = items(world, parisian)
        assert entry.item.title == "Write the action initiative for moving a major customer forward"
        assert entry.item.label == "Action initiative"
        assert entry.item.url == f"/decisions/{decision.pk}/#act"
        assert entry in agenda.group("today").entries
        services.decision_add_action(
            membership=m, decision=decision, title="Phone Priya", due_date=dt.date(2026, 11, 27)
        )
        assert items(world, parisian)[0] == []


def test_invited_colleagues_are_asked_which_option_they_would_choose(world, parisian):
    with time_machine.travel(START, tick=False):
        decision = with_options(world.workspace, parisian)
        services.colleagues_invite(
            membership=membership(world.workspace, parisian),
            decision=decision,
            users=[world.other_member],
        )
        [entry], _ = items(world, world.other_member)
        assert entry.item.title == "Which option would you choose? moving a major customer forward"
        assert entry.item.url == f"/decisions/{decision.pk}/pick/"
        assert "Mia Member asks for your pick" in entry.item.detail
        services.pick_submit(
            membership=membership(world.workspace, world.other_member),
            decision=decision,
            alternative=option(decision, "A"),
        )
        assert items(world, world.other_member)[0] == []


def test_how_did_it_work_out_comes_a_week_after_the_last_action_is_done(world, parisian):
    with time_machine.travel(START, tick=False):
        decision = sleeping(world.workspace, parisian)
    m = membership(world.workspace, parisian)
    with time_machine.travel(REVIEW, tick=False):
        services.decision_choose(membership=m, decision=decision, alternative=option(decision, "B"))
        action = services.decision_add_action(
            membership=m, decision=decision, title="Phone Priya", due_date=dt.date(2026, 11, 24)
        )
        crm_services.action_complete(membership=m, action=action)
    with time_machine.travel(REVIEW + dt.timedelta(days=6), tick=False):
        assert items(world, parisian)[0] == []
    with time_machine.travel(REVIEW + dt.timedelta(days=7, hours=1), tick=False):
        [entry], _ = items(world, parisian)
        assert entry.item.title == "How did it work out? moving a major customer forward"
        services.decision_record_outcome(
            membership=m, decision=decision, outcome="yes", lesson="Ask early."
        )
        assert items(world, parisian)[0] == []


def test_the_morning_digest_says_review_first_thing(world, parisian, settings):
    settings.HEADWAY_BASE_URL = "https://headway.example"
    with time_machine.travel(START, tick=False):
        decision = sleeping(world.workspace, parisian)
    with time_machine.travel(REVIEW - dt.timedelta(minutes=10), tick=False):  # 07:20 in Paris
        enqueue_due_digests()
    assert [m.to for m in mail.outbox] == []
    with time_machine.travel(REVIEW + dt.timedelta(minutes=1), tick=False):  # 07:31 in Paris
        enqueue_due_digests()
    [message] = [m for m in mail.outbox if m.to == [parisian.email]]
    assert "Review first thing: moving a major customer forward" in message.body
    assert f"https://headway.example/decisions/{decision.pk}/review/" in message.body


def test_the_provider_runs_the_same_queries_for_one_decision_as_for_twenty(world, parisian):
    def count() -> tuple[int, int]:
        m = membership(world.workspace, parisian)
        with CaptureQueriesContext(connection) as deriving:
            list(derive(world.workspace.pk, None))
        with CaptureQueriesContext(connection) as reading:
            build_agenda(m)
        return len(deriving), len(reading)

    with time_machine.travel(START, tick=False):
        sleeping(world.workspace, parisian)
    with time_machine.travel(REVIEW, tick=False):
        small = count()
    with time_machine.travel(START, tick=False):
        for _ in range(19):
            sleeping(world.workspace, parisian)
    with time_machine.travel(REVIEW, tick=False):
        assert len(items(world, parisian)[0]) == 20
        assert count() == small
