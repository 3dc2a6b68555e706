"""The generator registry: every module plugs in one function that writes its own rows.

``headway generate`` first writes the CRM core (users, accounts, contacts, deals, interactions,
actions, history), then calls each registered generator in registration order with a
:class:`GenerateContext`. A module adds its rows by putting a ``generate.py`` in its app —
``headway/<app>/generate.py`` is imported automatically (like ``admin.py``) — with::

    from headway.generate import GenerateContext, register_generator

    @register_generator("winback")
    def winbacks(ctx: GenerateContext) -> None:
        rows = []
        ids = ctx.writer.reserve_ids(WinBack, len(ctx.facts.lost_deals))
        for new_id, deal in zip(ids, ctx.facts.lost_deals):
            rows.append((new_id, ctx.workspace.pk, deal.id, deal.account_id, ...))
        ctx.writer.insert(WinBack, ["id", "workspace_id", "deal_id", "account_id", ...], rows)
        ctx.count("win-backs", len(rows))

Rules for a generator, so the whole run stays fast (≥ 20k rows/s) and repeatable:
- draw every random choice from ``ctx.rng`` (seeded from the run's seed and the generator's
  name, so adding a module never changes the rows of another);
- compute dates from ``ctx.now`` / ``ctx.today`` (never from the clock);
- write with ``ctx.writer.insert`` (executemany on SQLite, COPY on PostgreSQL), in lists of a
  few thousand rows — never ``Model.save()`` or the services, which check permissions and
  record history one row at a time;
- read what the core made from ``ctx.facts`` (accounts, owners, deals won and lost, contacts)
  rather than querying it back.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from headway.generate.writer import BulkWriter
    from headway.workspaces.models import Workspace


@dataclass(frozen=True)
class GeneratedAccount:
    id: int
    owner_id: int
    status: str
    tier: str
    name: str
    created_at: dt.datetime
    contact_ids: tuple[int, ...]


@dataclass(frozen=True)
class GeneratedDeal:
    id: int
    account_id: int
    owner_id: int
    stage: str
    amount: int
    closed_at: dt.datetime | None
    lost_to: str
    lost_to_name: str


@dataclass
class CoreFacts:
    """What the core generator made, for module generators to build on."""

    admin_id: int = 0
    manager_ids: list[int] = field(default_factory=list)
    seller_ids: list[int] = field(default_factory=list)
    accounts: list[GeneratedAccount] = field(default_factory=list)
    deals: list[GeneratedDeal] = field(default_factory=list)

    @property
    def user_ids(self) -> list[int]:
        return [self.admin_id, *self.manager_ids, *self.seller_ids]

    @property
    def lost_deals(self) -> list[GeneratedDeal]:
        return [d for d in self.deals if d.stage == "lost"]

    @property
    def won_deals(self) -> list[GeneratedDeal]:
        return [d for d in self.deals if d.stage == "won"]


@dataclass
class GenerateContext:
    workspace: Workspace
    seed: int
    size: int  # the number of accounts asked for
    now: dt.datetime  # the run's fixed "now" (UTC); all dates derive from it
    writer: BulkWriter
    facts: CoreFacts
    rng: random.Random = field(default_factory=random.Random)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def count(self, what: str, n: int) -> None:
        """Report rows written (printed at the end of the run, and used for rows/s)."""
        self.counts[what] = self.counts.get(what, 0) + n


Generator = Callable[[GenerateContext], None]

_generators: dict[str, Generator] = {}


def register_generator(name: str) -> Callable[[Generator], Generator]:
    """Register ``fn`` as the generator of module ``name`` (one per module; re-registering the
    same name replaces it)."""

    def decorator(fn: Generator) -> Generator:
        _generators[name] = fn
        return fn

    return decorator


def unregister_generator(name: str) -> None:
    """Remove a generator (tests that plug in a temporary one clean up with this)."""
    _generators.pop(name, None)


def generators() -> dict[str, Generator]:
    return dict(_generators)


def rng_for(seed: int, name: str) -> random.Random:
    """A generator's own random stream: same seed and name, same choices."""
    return random.Random(f"{seed}:{name}")
