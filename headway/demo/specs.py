"""The shapes the demo content is written in. Dates are relative ("days ago", "due in"), so the
demo always looks alive whenever it is loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PersonSpec:
    """Someone on our side who signs in."""

    key: str
    email: str
    name: str
    role: str
    time_zone: str


@dataclass(frozen=True)
class ContactSpec:
    key: str
    name: str
    title: str
    level: str
    buying_role: str
    stance: str
    our: str | None = None  # person key; None means the account's owner


@dataclass(frozen=True)
class DealSpec:
    key: str
    title: str
    amount: int
    stage: str
    # Open deals: expected close in this many days from today (negative: the date has slipped).
    # Won and lost deals: closed this many days ago.
    days: int
    created_days_ago: int
    competitors: str = ""
    lost_to: str = ""
    lost_to_name: str = ""
    lost_reasons: str = ""


@dataclass(frozen=True)
class InteractionSpec:
    days_ago: int
    kind: str
    summary: str
    next_step: str = ""
    contacts: tuple[str, ...] = ()
    author: str | None = None  # person key; None means the account's owner


@dataclass(frozen=True)
class ActionSpec:
    title: str
    due_in: int  # days from the owner's today; negative is overdue
    done_days_ago: int | None = None
    owner: str | None = None  # person key; None means the account's owner
    deal: str | None = None  # deal key the action hangs off; None means the account


@dataclass(frozen=True)
class UpdateSpec:
    """A recorded change: ``old`` holds the values before it (the spec holds the values after),
    so the account page's history tells how the relationship got where it is."""

    days_ago: int
    old: dict[str, Any]
    deal: str | None = None  # None: the account itself changed


@dataclass(frozen=True)
class AccountSpec:
    key: str
    name: str
    domain: str
    industry: str
    owner: str
    status: str
    locale: str  # "uk", "de" or "us": names, currency and phone numbers follow it
    phone_prefix: str  # a range reserved for fiction, so nobody real is ever called
    created_days_ago: int
    tier: str = "regular"
    strength: int = 3
    could_do_more: bool = False
    cadence_days: int | None = None
    contacts: tuple[ContactSpec, ...] = ()
    # For accounts without a story: (title, level) — names are drawn from the locale's pool.
    generic_contacts: tuple[tuple[str, str], ...] = ()
    deals: tuple[DealSpec, ...] = ()
    interactions: tuple[InteractionSpec, ...] = ()
    # Everyday interactions drawn from the pools: how many, and between which days ago.
    background: int = 0
    background_span: tuple[int, int] = (0, 0)
    actions: tuple[ActionSpec, ...] = ()
    updates: tuple[UpdateSpec, ...] = field(default_factory=tuple)
