"""Builders for Option Solving tests: the source story (000) as data, and decisions at each
stage made through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from headway.methods.options import services
from headway.methods.options.models import Alternative, Decision, Kind
from headway.workspaces.models import Membership, User

GOAL = "moving a major customer forward"
# The four key considerations of the story, and four more the executive listed.
KEY_CONSIDERATIONS = [
    "test group balked",
    "customer doesn't appreciate the opportunity lost",
    "the offering was incomplete",
    "good chance they will adjust their thinking, once they complete the offering",
]
OTHER_CONSIDERATIONS = [
    "trial ran in three outlets only",
    "still a phone relationship with the original contact",
    "relationship is on hold",
    "our team did its best during the trial",
]
YIN = "Offer time investment in some other outlets with greater leverage potential"
YANG = "Threaten with breach of contract"
ALTERNATIVES = [
    ("Wait for the customer to complete the offering, then ask for a new trial", 15),
    ("Meet/Phone key contact and share opportunities lost with test group", 40),
    ("Propose a joint review of the trial with the test group", 35),
    ("Offer to help complete the offering at our cost", 55),
    ("Escalate to the customer's executive sponsor", 75),
]
OPTION_B = "Meet/Phone key contact and share opportunities lost with test group"
STORY_QUESTION = (
    "What is our best option for moving a major customer forward; considering 1) test group "
    "balked, 2) customer doesn't appreciate the opportunity lost, 3) the offering was "
    "incomplete, and 4) good chance they will adjust their thinking, once they complete the "
    "offering?"
)


def membership(workspace: Any, user: User) -> Membership:
    return Membership.objects.in_workspace(workspace).get(user=user)


def framed(workspace: Any, user: User, *, account: Any = None) -> Decision:
    """A decision with the story's eight considerations, the four from the text key."""
    m = membership(workspace, user)
    decision = services.decision_create(
        membership=m,
        goal=GOAL,
        account=account,
        considerations=[*KEY_CONSIDERATIONS, *OTHER_CONSIDERATIONS],
    )
    for consideration in decision.considerations.all()[: len(KEY_CONSIDERATIONS)]:
        services.consideration_update(
            membership=m, decision=decision, consideration=consideration, is_key=True
        )
    return decision


def with_options(workspace: Any, user: User, *, account: Any = None, count: int = 5) -> Decision:
    decision = framed(workspace, user, account=account)
    m = membership(workspace, user)
    services.bookends_set(membership=m, decision=decision, yin=YIN, yang=YANG)
    for text, spectrum in ALTERNATIVES[:count]:
        services.alternative_add(membership=m, decision=decision, text=text, spectrum=spectrum)
    return decision


def sleeping(workspace: Any, user: User, **kwargs: Any) -> Decision:
    decision = with_options(workspace, user, **kwargs)
    services.decision_start_incubation(membership=membership(workspace, user), decision=decision)
    return decision


def option(decision: Decision, label: str) -> Alternative:
    return Alternative.objects.in_workspace(decision.workspace_id).get(
        decision=decision, kind=Kind.PRAGMATIC, label=label
    )


def bookend(decision: Decision, kind: str) -> Alternative:
    return Alternative.objects.in_workspace(decision.workspace_id).get(decision=decision, kind=kind)


def morning_after(decision: Decision) -> dt.datetime:
    assert decision.review_at is not None
    return decision.review_at + dt.timedelta(minutes=1)
