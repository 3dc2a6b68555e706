"""The demo workspace tells Option Solving's source story (000): Liam's decision about Harbour &
Vale, framed and slept on since yesterday evening, due for review first thing today — and an
older decision that shows what a finished one looks like."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from headway.agenda.selectors import build_agenda
from headway.crm.models import Change
from headway.demo import load_demo
from headway.methods.options import rules, selectors
from headway.methods.options.models import (
    Alternative,
    ColleaguePick,
    Consideration,
    Decision,
    Kind,
    Stage,
)
from headway.workspaces.models import Membership, Workspace

pytestmark = pytest.mark.django_db

STORY_QUESTION = (
    "What is our best option for moving a major customer forward; considering 1) test group "
    "balked, 2) customer doesn't appreciate the opportunity lost, 3) the offering was "
    "incomplete, and 4) good chance they will adjust their thinking, once they complete the "
    "offering?"
)


def liam(workspace: Workspace) -> Membership:
    return (
        Membership.objects.in_workspace(workspace)
        .select_related("user")
        .get(user__email="liam@demo.headway.test")
    )


def story(workspace: Workspace) -> Decision:
    return Decision.objects.in_workspace(workspace).get(account__name="Harbour & Vale Foodstores")


def test_the_demo_decision_frames_the_story_with_four_of_eight_key_considerations() -> None:
    ws = load_demo().workspace
    decision = story(ws)
    assert decision.owner.email == "liam@demo.headway.test"
    assert decision.goal == "moving a major customer forward"
    considerations = Consideration.objects.in_workspace(ws).filter(decision=decision)
    assert considerations.count() == 8
    assert considerations.filter(is_key=True).count() == 4
    assert decision.question == STORY_QUESTION
    options = {
        a.kind if a.is_bookend else a.label: a
        for a in Alternative.objects.in_workspace(ws).filter(decision=decision)
    }
    assert options[Kind.YANG].text == "Threaten with breach of contract"
    assert options[Kind.YIN].text.startswith("Offer time investment in some other outlets")
    assert sorted(k for k in options if k not in (Kind.YIN, Kind.YANG)) == list("ABCDE")
    assert (
        str(options["B"])
        == "Option B – Meet/Phone key contact and share opportunities lost with test group"
    )
    assert all(options[label].spectrum is not None for label in "ABCDE")


def test_liam_slept_on_it_since_yesterday_evening_and_reviews_it_first_thing_today() -> None:
    ws = load_demo().workspace
    decision = story(ws)
    me = liam(ws)
    tz = me.user.tzinfo
    today = timezone.now().astimezone(tz).date()
    assert decision.stage == Stage.SLEEPING
    assert decision.incubation_started_at is not None and decision.review_at is not None
    assert decision.incubation_started_at.astimezone(tz).date() == today - dt.timedelta(days=1)
    # The review time is the one the rule gives for that evening: this morning at 07:30.
    assert decision.review_at == rules.next_review_time(
        decision.incubation_started_at, me.user.time_zone, me.user.morning_review_time
    )
    assert decision.review_at.astimezone(tz).date() == today

    agenda = build_agenda(me)
    assert not agenda.failed
    reviews = [e.item for e in agenda.due_now if e.item.title.startswith("Review first thing")]
    assert [(i.title, i.due, i.url) for i in reviews] == [
        (
            "Review first thing: moving a major customer forward",
            today,
            f"/decisions/{decision.pk}/review/",
        )
    ]


def test_morgan_answered_which_option_he_would_choose_but_liam_cannot_see_it_yet() -> None:
    ws = load_demo().workspace
    decision = story(ws)
    pick = (
        ColleaguePick.objects.in_workspace(ws)
        .select_related("user", "alternative")
        .get(decision=decision)
    )
    assert pick.user.email == "manager@demo.headway.test"
    assert pick.answered_at is not None and pick.alternative is not None
    assert pick.answered_at < timezone.now()
    assert not rules.picks_revealed(owner_has_chosen=decision.is_chosen)
    # Morgan has nothing left to answer on his agenda.
    morgan = Membership.objects.in_workspace(ws).get(user__email="manager@demo.headway.test")
    assert not [e for e in build_agenda(morgan).due_now if e.item.source == "options"]


def test_the_decision_list_shows_an_older_decision_with_its_outcome_and_lesson() -> None:
    ws = load_demo().workspace
    done = Decision.objects.in_workspace(ws).get(stage=Stage.DONE)
    assert done.account is not None and done.account.owner.email == "liam@demo.headway.test"
    assert done.outcome == "partly" and done.lesson
    assert done.chosen_alternative is not None and done.choice_seconds == 38
    assert done.chosen_at is not None and done.outcome_at is not None
    assert done.created_at < done.chosen_at < done.outcome_at < timezone.now()
    (action,) = selectors.decision_page(decision=done, viewer_id=done.owner_id).actions
    assert action.done_at is not None and action.done_at < done.outcome_at
    # Its history happened when the story says, not when the demo was loaded.
    changes = Change.objects.in_workspace(ws).filter(
        target_id=done.pk, target_type__model="decision"
    )
    assert changes.exists()
    assert all(c.at <= done.outcome_at + dt.timedelta(minutes=1) for c in changes)
    assert {d.pk for d in selectors.decision_list(workspace=ws)} >= {done.pk, story(ws).pk}


def test_reloading_the_demo_keeps_one_of_each_decision_and_reset_rebuilds_them() -> None:
    first = load_demo().workspace
    before = _counts(first)
    again = load_demo()
    assert again.created is False and _counts(again.workspace) == before
    rebuilt = load_demo(reset=True).workspace
    assert rebuilt.pk != first.pk
    assert _counts(rebuilt) == before
    assert story(rebuilt).stage == Stage.SLEEPING


def _counts(ws: Any) -> tuple[int, ...]:
    return (
        Decision.objects.in_workspace(ws).count(),
        Alternative.objects.in_workspace(ws).count(),
        Consideration.objects.in_workspace(ws).count(),
        ColleaguePick.objects.in_workspace(ws).count(),
    )
