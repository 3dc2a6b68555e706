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

Everything is written through the module's services with the owner's membership, each step
at its moment in the story (:class:`headway.demo.clock.StoryClock`), so the method's rules
hold as they would have then (the review time after sleeping on it, how long the choice took)
and the history says what the services recorded — nothing is moved afterwards.
"""

from __future__ import annotations

import datetime as dt

from headway.crm import services as crm_services
from headway.crm.models import Account
from headway.demo.clock import StoryClock
from headway.methods.options import services
from headway.methods.options.models import (
    Alternative,
    Consideration,
    Decision,
    Kind,
)
from headway.workspaces.models import Membership, Workspace

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
    clock = StoryClock(tz=liam.user.tzinfo, now=now)
    _older_decision(liam, accounts[REDMERE], clock)
    _story_decision(liam, morgan, accounts[HARBOUR_VALE], clock)


# --- the stories ------------------------------------------------------------------------------------


def _story_decision(
    liam: Membership, morgan: Membership, account: Account, clock: StoryClock
) -> Decision:
    """Framed, options written, Morgan's pick in, sleeping on it since yesterday evening — so
    the rule gives this morning's review time and the agenda says "review first thing" today."""
    yesterday = clock.days_ago(1)
    decision = _framed(
        liam, account, GOAL, KEY_CONSIDERATIONS, OTHER_CONSIDERATIONS, clock=clock, day=yesterday
    )
    with clock.at(clock.local(yesterday, 18, 30)):
        _options(liam, decision, YIN, YANG, ALTERNATIVES)
    with clock.at(clock.local(yesterday, 18, 45)):
        services.colleagues_invite(membership=liam, decision=decision, users=[morgan.user])
    with clock.at(clock.local(yesterday, 19, 30)):
        services.decision_start_incubation(membership=liam, decision=decision)
    with clock.at(clock.local(yesterday, 21, 10)):
        services.pick_submit(
            membership=morgan,
            decision=decision,
            alternative=_option(decision, "B"),
            comment=MORGAN_COMMENT,
        )
    return decision


def _older_decision(liam: Membership, account: Account, clock: StoryClock) -> Decision:
    """Twelve weeks ago: framed, slept on, chosen at the morning review (option A) in 38
    seconds, acted on, and three weeks ago its outcome recorded — partly worked, with the
    lesson."""
    day = clock.days_ago(84)
    decision = _framed(
        liam, account, REDMERE_GOAL, REDMERE_KEY, REDMERE_OTHER, clock=clock, day=day
    )
    with clock.at(clock.local(day, 16, 30)):
        _options(liam, decision, REDMERE_YIN, REDMERE_YANG, REDMERE_ALTERNATIVES)
    with clock.at(clock.local(day, 17, 55)):
        services.decision_start_incubation(membership=liam, decision=decision)
    assert decision.review_at is not None
    opened = decision.review_at + dt.timedelta(minutes=4)
    chosen = opened + dt.timedelta(seconds=38)
    with clock.at(opened):
        services.decision_open_review(membership=liam, decision=decision)
    with clock.at(chosen):
        services.decision_choose(
            membership=liam, decision=decision, alternative=_option(decision, "A")
        )
    with clock.at(chosen + dt.timedelta(minutes=12)):
        action = services.decision_add_action(
            membership=liam, decision=decision, title=REDMERE_ACTION, due_date=clock.days_ago(78)
        )
    with clock.at(clock.local(clock.days_ago(79), 11, 20)):
        crm_services.action_complete(membership=liam, action=action)
    with clock.at(clock.local(clock.days_ago(21), 9, 15)):
        services.decision_record_outcome(
            membership=liam, decision=decision, outcome="partly", lesson=REDMERE_LESSON
        )
    return decision


# --- steps through the services -------------------------------------------------------------------


def _framed(
    owner: Membership,
    account: Account,
    goal: str,
    key: tuple[str, ...],
    other: tuple[str, ...],
    *,
    clock: StoryClock,
    day: dt.date,
) -> Decision:
    """The goal and its considerations (at 17:50, or 15:40 for an afternoon's work), then a
    quarter of an hour later the key ones marked (about half, as the method says)."""
    start = clock.local(day, 17, 50) if day == clock.days_ago(1) else clock.local(day, 15, 40)
    with clock.at(start):
        decision = services.decision_create(
            membership=owner, goal=goal, account=account, considerations=[*key, *other]
        )
    with clock.at(start + dt.timedelta(minutes=15)):
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
