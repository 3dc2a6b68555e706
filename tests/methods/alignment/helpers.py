"""Builders for Mutual Learning tests: the source story (001) as data, made through the real
services — a product design for the largest customer, stalled because two people there
disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from headway.methods.alignment import services
from headway.methods.alignment.models import Alignment, Item, JointOption, Party
from headway.workspaces.models import Membership, User
from tests import factories

DECISION = "the product design direction"
POSITION_A = "Build the configurable platform first"
POSITION_B = "Ship the fixed-scope product now"


def membership(workspace: Any, user: User) -> Membership:
    return Membership.objects.in_workspace(workspace).get(user=user)


def story(workspace: Any, user: User, **extra: Any) -> Alignment:
    """The impasse: two people at the largest customer, each with their solution."""
    account = factories.make_account(workspace, name="Largest Customer", owner=user)
    anna = factories.make_contact(account, name="Anna Lind")
    ben = factories.make_contact(account, name="Ben Ortiz")
    return services.alignment_create(
        membership=membership(workspace, user),
        account=account,
        decision=DECISION,
        parties=[(anna, POSITION_A), (ben, POSITION_B)],
        **extra,
    )


def parties(alignment: Alignment) -> list[Party]:
    return list(
        Party.objects.in_workspace(alignment.workspace_id)
        .filter(alignment=alignment)
        .select_related("contact")
        .order_by("order", "id")
    )


@dataclass
class Explored:
    alignment: Alignment
    flex: Item  # Anna's essential interest
    soon: Item  # Ben's essential interest
    a: JointOption  # Anna's position: meets hers only
    b: JointOption  # Ben's position: meets his only
    c: JointOption  # nobody's position: meets both


def explored(workspace: Any, user: User) -> Explored:
    """Exploring, each party with an essential interest, and a joint option neither proposed
    that meets both (option C) beside each party's own (A, B)."""
    alignment = story(workspace, user)
    m = membership(workspace, user)
    anna, ben = parties(alignment)
    alignment = services.alignment_explore(membership=m, alignment=alignment)
    flex = services.item_add(
        membership=m,
        alignment=alignment,
        party=anna,
        kind="interest",
        text="room to grow into new markets",
        essential=True,
    )
    soon = services.item_add(
        membership=m,
        alignment=alignment,
        party=ben,
        kind="interest",
        text="something in customers' hands by spring",
        essential=True,
    )
    a = services.option_add(
        membership=m,
        alignment=alignment,
        text=POSITION_A,
        proposed_by="party",
        proposing_party=anna,
    )
    b = services.option_add(
        membership=m,
        alignment=alignment,
        text=POSITION_B,
        proposed_by="party",
        proposing_party=ben,
    )
    c = services.option_add(
        membership=m,
        alignment=alignment,
        text="Ship a fixed core now on an extensible design",
        proposed_by="joint",
    )
    services.option_rate(
        membership=m, alignment=alignment, option=a, ratings={flex: "meets", soon: "no"}
    )
    services.option_rate(
        membership=m, alignment=alignment, option=b, ratings={flex: "no", soon: "meets"}
    )
    services.option_rate(
        membership=m, alignment=alignment, option=c, ratings={flex: "meets", soon: "meets"}
    )
    return Explored(alignment, flex, soon, a, b, c)
