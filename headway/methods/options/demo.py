"""Option Solving's part of the demo workspace (source 000), loaded by ``headway demo``.

Two decisions, both Liam Carter's (Europe/London):

* **Harbour & Vale Foodstores** — the story of the source text. The three-outlet trial went
  badly and the relationship is on hold. Yesterday evening Liam framed the rational question
  (eight considerations, the four from the text key), set the bookends, wrote five pragmatic
  alternatives — "Option B – Meet/Phone key contact and share opportunities lost with test
  group" among them — asked Morgan which one he would choose, and started sleeping on it. This
  morning at 07:30 the review came due: "Review first thing" is on his agenda today.
* **Redmere Bakeries** — an older decision worked through to the end: chosen at the morning
  review, the action done, the outcome recorded ("partly", with the lesson), so the decision
  list shows what past decisions came to.

Everything is written through the module's services with the owner's membership, so the
method's rules hold and history is recorded. The services stamp the real time; where the
story needs a past moment (yesterday evening's incubation, a choice twelve weeks ago) the
module's own rows are then moved to it with a queryset ``update()`` — and the history rows
with them — keeping every value the rules derive (the review time after sleeping on it, how
long the choice took) as the rules would have derived them at that moment.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone

from headway.crm import history
from headway.crm import services as crm_services
from headway.crm.models import Account, Change
from headway.methods.options import rules, services
from headway.methods.options.models import (
    Alternative,
    Choice,
    ColleaguePick,
    Consideration,
    Decision,
    Kind,
)
from headway.workspaces.models import Membership, Workspace
from headway.workspaces.tenancy import WorkspaceModel

LIAM = "liam@demo.headway.test"
MORGAN = "manager@demo.headway.test"

# --- the source story (000) ---------------------------------------------------------------------

HARBOUR_VALE = "Harbour & Vale Foodstores"
GOAL = "moving a major customer forward"
KEY_CONSIDERATIONS = (
    "test group balked",
    "customer doesn't appreciate the opportunity lost",
    "the offering was incomplete",
    "good chance they will adjust their thinking, once they complete the offering",
)
OTHER_CONSIDERATIONS = (
    "Priya still believes in the idea and takes our calls",
    "Fiona wants evidence from stores other than the trial three",
    "two new-format stores open in spring",
    "the rollout is still in next year's budget",
)
YIN = "Offer time investment in some other outlets with greater leverage potential"
YANG = "Threaten with breach of contract"
ALTERNATIVES = (
    ("Wait for the freezer-room probes and the replenishment link, then ask for a new trial", 15),
    ("Meet/Phone key contact and share opportunities lost with test group", 35),
    ("Offer the two new-format stores opening in spring as a fresh start", 25),
    ("Propose a joint review of the trial with Fiona and the three store managers", 55),
    ("Ask Graham Whitlock to restate the success criteria and set a date for the decision", 75),
)
OPTION_B = ALTERNATIVES[1][0]
MORGAN_COMMENT = (
    "Priya is still on our side: give her the numbers the trial outlets missed, so she can make "
    "the case inside."
)

# --- an older decision, worked through to the outcome ----------------------------------------------

REDMERE = "Redmere Bakeries Ltd"
REDMERE_GOAL = "winning Redmere's second plant"
REDMERE_KEY = (
    "the Bristol plant has run ten months without a missed check",
    "the Managing Director decides alone and dislikes long proposals",
    "Swindon's chillers are older and fail more often",
)
REDMERE_OTHER = (
    "their Head of Food Safety speaks well of us",
    "their budget year starts in April",
    "a competitor quoted for Swindon last year",
)
REDMERE_YIN = "Wait until they ask us about Swindon"
REDMERE_YANG = "Make the Bristol renewal price conditional on Swindon"
REDMERE_ALTERNATIVES = (
    ("Offer a free site survey of Swindon's chillers", 30),
    ("Invite the Managing Director to see the Bristol dashboard", 15),
    ("Send a written proposal for Swindon with Bristol's results", 55),
    ("Offer a pilot on Swindon's two oldest chillers", 40),
    ("Bundle Swindon into a two-plant contract with a multi-year discount", 75),
)
REDMERE_ACTION = "Offer Redmere's Managing Director a free site survey of the Swindon chillers"
REDMERE_LESSON = (
    "The survey opened the door: it found two failing chillers and got us to a proposal for "
    "Swindon. But the Managing Director would not decide until he had seen Bristol's waste "
    "numbers — next time, bring the first plant's results to the survey itself."
)


def load(*, workspace: Workspace, now: dt.datetime) -> None:
    """Add the two decisions to the (freshly built) demo workspace."""
    members = {
        m.user.email: m
        for m in Membership.objects.in_workspace(workspace)
        .filter(user__email__in=[LIAM, MORGAN])
        .select_related("user")
    }
    liam, morgan = members[LIAM], members[MORGAN]
    accounts = {
        a.name: a
        for a in Account.objects.in_workspace(workspace).filter(name__in=[HARBOUR_VALE, REDMERE])
    }
    clock = _Clock(workspace, liam.user.tzinfo, now)
    _older_decision(liam, accounts[REDMERE], clock)
    _story_decision(liam, morgan, accounts[HARBOUR_VALE], clock)


# --- the stories ------------------------------------------------------------------------------------


def _story_decision(
    liam: Membership, morgan: Membership, account: Account, clock: _Clock
) -> Decision:
    """Framed, options written, Morgan's pick in, sleeping on it since yesterday evening."""
    yesterday = clock.days_ago(1)
    created = clock.local(yesterday, 17, 50)
    decision = _framed(
        liam,
        account,
        GOAL,
        KEY_CONSIDERATIONS,
        OTHER_CONSIDERATIONS,
        clock=clock,
        created=created,
    )
    clock.history(clock.local(yesterday, 18, 5))
    _options(liam, decision, YIN, YANG, ALTERNATIVES)
    optioned = clock.local(yesterday, 18, 30)
    clock.history(optioned)
    services.colleagues_invite(membership=liam, decision=decision, users=[morgan.user])
    option_b = _option(decision, "B")
    services.pick_submit(
        membership=morgan, decision=decision, alternative=option_b, comment=MORGAN_COMMENT
    )
    services.decision_start_incubation(membership=liam, decision=decision)
    started = clock.local(yesterday, 19, 30)
    clock.history(started)

    # Move the decision to yesterday evening: the review time is the one the rule gives for an
    # incubation started then — this morning's review time, so the agenda says "review first
    # thing" today.
    review_at = _review_time(liam, started)
    _move(
        decision,
        created_at=created,
        incubation_started_at=started,
        review_at=review_at,
        updated_at=started,
    )
    _move_alternatives(decision, optioned)
    ColleaguePick.objects.in_workspace(decision.workspace_id).filter(decision=decision).update(
        invited_at=clock.local(yesterday, 18, 45), answered_at=clock.local(yesterday, 21, 10)
    )
    return decision


def _older_decision(liam: Membership, account: Account, clock: _Clock) -> Decision:
    """Twelve weeks ago: framed, slept on, chosen at the morning review (option A), acted on,
    and three weeks ago its outcome recorded — partly worked, with the lesson."""
    day = clock.days_ago(84)
    created = clock.local(day, 15, 40)
    decision = _framed(
        liam, account, REDMERE_GOAL, REDMERE_KEY, REDMERE_OTHER, clock=clock, created=created
    )
    clock.history(clock.local(day, 15, 55))
    _options(liam, decision, REDMERE_YIN, REDMERE_YANG, REDMERE_ALTERNATIVES)
    optioned = clock.local(day, 16, 30)
    clock.history(optioned)
    services.decision_start_incubation(membership=liam, decision=decision)
    started = clock.local(day, 17, 55)
    clock.history(started)
    review_at = _review_time(liam, started)

    # The services measure the night's sleep with the real clock: let the review time have
    # come (the real moments are replaced by the story's ones just below).
    _move(decision, review_at=timezone.now() - dt.timedelta(minutes=1))
    services.decision_open_review(membership=liam, decision=decision)
    option_a = _option(decision, "A")
    services.decision_choose(membership=liam, decision=decision, alternative=option_a)
    opened = review_at + dt.timedelta(minutes=4)
    seconds = 38
    chosen = opened + dt.timedelta(seconds=seconds)
    clock.history(chosen)
    action = services.decision_add_action(
        membership=liam,
        decision=decision,
        title=REDMERE_ACTION,
        due_date=clock.days_ago(78),
    )
    acted = chosen + dt.timedelta(minutes=12)
    clock.history(acted)
    crm_services.action_complete(membership=liam, action=action)
    done = clock.local(clock.days_ago(79), 11, 20)
    clock.history(done)
    services.decision_record_outcome(
        membership=liam, decision=decision, outcome="partly", lesson=REDMERE_LESSON
    )
    outcome_at = clock.local(clock.days_ago(21), 9, 15)
    clock.history(outcome_at)

    _move(
        decision,
        created_at=created,
        incubation_started_at=started,
        review_at=review_at,
        review_opened_at=opened,
        chosen_at=chosen,
        choice_seconds=seconds,
        outcome_at=outcome_at,
        updated_at=outcome_at,
    )
    _move_alternatives(decision, optioned)
    Choice.objects.in_workspace(decision.workspace_id).filter(decision=decision).update(
        chosen_at=chosen, seconds=seconds
    )
    _move(action, created_at=acted, done_at=done, updated_at=done)
    return decision


# --- steps through the services -------------------------------------------------------------------


def _framed(
    owner: Membership,
    account: Account,
    goal: str,
    key: tuple[str, ...],
    other: tuple[str, ...],
    *,
    clock: _Clock,
    created: dt.datetime,
) -> Decision:
    """The goal and its considerations, the key ones marked (about half, as the method says)."""
    decision = services.decision_create(
        membership=owner, goal=goal, account=account, considerations=[*key, *other]
    )
    clock.history(created)
    for consideration in Consideration.objects.in_workspace(decision.workspace_id).filter(
        decision=decision, text__in=key
    ):
        services.consideration_update(
            membership=owner, decision=decision, consideration=consideration, is_key=True
        )
    return decision


def _options(
    owner: Membership,
    decision: Decision,
    yin: str,
    yang: str,
    alternatives: tuple[tuple[str, int], ...],
) -> None:
    services.bookends_set(membership=owner, decision=decision, yin=yin, yang=yang)
    for text, spectrum in alternatives:
        services.alternative_add(membership=owner, decision=decision, text=text, spectrum=spectrum)


def _option(decision: Decision, label: str) -> Alternative:
    return Alternative.objects.in_workspace(decision.workspace_id).get(
        decision=decision, kind=Kind.PRAGMATIC, label=label
    )


def _review_time(owner: Membership, started: dt.datetime) -> dt.datetime:
    user = owner.user
    return rules.next_review_time(started, user.time_zone, user.morning_review_time)


# --- moving rows to the story's moments -----------------------------------------------------------


class _Clock:
    """The story's moments in the owner's time zone, and the history rows' times.

    The services stamp history rows with the real time; :meth:`history` gives every row
    written since its last call the moment that step happened in the story (a second apart,
    in the order they were written).
    """

    def __init__(self, workspace: Workspace, tz: zoneinfo.ZoneInfo, now: dt.datetime) -> None:
        self.workspace = workspace
        self.tz = tz
        self.today = now.astimezone(tz).date()
        self.mark = self._last()

    def _last(self) -> int:
        last = Change.objects.in_workspace(self.workspace).aggregate(last=Max("id"))["last"]
        return int(last or 0)

    def days_ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def local(self, day: dt.date, hour: int, minute: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz).astimezone(dt.UTC)

    def history(self, when: dt.datetime) -> None:
        rows = list(
            Change.objects.in_workspace(self.workspace).filter(pk__gt=self.mark).order_by("id")
        )
        for i, row in enumerate(rows):
            row.at = when + dt.timedelta(seconds=i)
        if rows:
            Change.objects.in_workspace(self.workspace).bulk_update(rows, ["at"])
            self.mark = rows[-1].pk


def _move(obj: WorkspaceModel, **values: Any) -> None:
    """Set moments the services stamped with the real time to the story's (a queryset update on
    the module's own rows, so no rule runs again and no history row is written), and show the
    same values in the history rows that recorded them."""
    for name, value in values.items():
        setattr(obj, name, value)
    type(obj).objects.in_workspace(obj.workspace_id).filter(pk=obj.pk).update(**values)
    shown = history.snapshot(obj)
    rows = list(
        Change.objects.in_workspace(obj.workspace_id).filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk
        )
    )
    changed = []
    for row in rows:
        touched = False
        for entry in row.fields:
            name = entry.get("field")
            if name in values and name in shown and entry.get("to") not in ("", None):
                entry["to"] = shown[name][1]
                touched = True
        if touched:
            changed.append(row)
    if changed:
        Change.objects.in_workspace(obj.workspace_id).bulk_update(changed, ["fields"])


def _move_alternatives(decision: Decision, when: dt.datetime) -> None:
    Alternative.objects.in_workspace(decision.workspace_id).filter(decision=decision).update(
        created_at=when
    )
