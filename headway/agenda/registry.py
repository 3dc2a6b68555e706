"""The agenda provider registry: every module declares what it puts on people's agendas.

The agenda is a read model. A provider says three things, once:

- ``derive(workspace_id, subject_ids)``: the items its facts call for, as :class:`Row` s, for
  some of its root objects (a decision, a win-back, an account…) or, with ``None``, for all of
  them. A row carries no wording that changes with the day and no date in anyone's time zone.
- ``watches``: which written models touch which of its roots (a model → the root ids), so the
  write path re-derives exactly those (:mod:`headway.agenda.sync`).
- ``describe(stored, ctx)``: the item as the person reads it today — title, due day in their
  zone, links — from the stored row alone, no query; ``None`` when it is not due for them yet.

The page then reads Overdue / Today / This week for a person in one indexed query, whatever
the number of providers (:func:`headway.agenda.selectors.build_agenda`).

    from headway.agenda.registry import Provider, register

    register(Provider(name="options", derive=…, describe=…, watches={Decision: …}))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

from headway.workspaces.models import Membership, User

# A date-bound row shows from the first moment its day has begun somewhere on earth
# (headway.dates.first_moment_of; ``describe`` then checks the viewer's own day), a
# moment-bound one just after its moment.
ONE_TICK = dt.timedelta(microseconds=1)


@dataclass
class AgendaContext:
    membership: Membership
    today: dt.date
    horizon: dt.date
    now: dt.datetime

    @property
    def user(self) -> User:
        return self.membership.user

    @property
    def workspace_id(self) -> int:
        return self.membership.workspace_id

    def local_date(self, moment: dt.datetime) -> dt.date:
        """The day ``moment`` falls on for this person (their time zone, not the server's)."""
        return moment.astimezone(self.user.tzinfo).date()


@dataclass
class AgendaItem:
    key: str  # stable across days, e.g. "action:12" or "cadence:account:5"
    title: str
    due: dt.date
    url: str
    source: str  # provider name, e.g. "actions"
    label: str  # short kind shown as a tag, e.g. "Action", "No touch"
    detail: str = ""
    account_name: str = ""
    account_url: str = ""
    done_url: str = ""  # POST here (with ``key``) to mark done; empty if it cannot be ticked off
    snoozable: bool = True
    action_id: int | None = None
    # A second link for items that are cleared by doing something else, e.g. "Log interaction".
    secondary_label: str = ""
    secondary_url: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One item a provider derived, as it is stored (see :class:`~headway.agenda.models.AgendaRow`)."""

    owner_id: int
    key: str
    subject_id: int
    visible_at: dt.datetime
    bucket: str = ""  # the provider's name when empty
    account_id: int | None = None
    until: dt.datetime | None = None
    rank: float = 0.0
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stored:
    """A stored row as ``describe`` receives it, with its account's current name joined."""

    key: str
    bucket: str
    subject_id: int
    account_id: int | None
    account_name: str
    visible_at: dt.datetime
    until: dt.datetime | None
    params: Mapping[str, Any]


# What one list is and where to see all of it: (one, many, link text, url).
Note = tuple[str, str, str, str]
Derive = Callable[[int, Collection[int] | None], Iterable[Row]]
Describe = Callable[[Stored, AgendaContext], AgendaItem | None]
# A written model → the provider's root ids it touches: (workspace id, the rows written).
Watch = Callable[[int, Sequence[Any]], Iterable[int]]
ANY_MODEL = "*"


@dataclass(frozen=True)
class Provider:
    name: str
    derive: Derive
    describe: Describe
    # Model class (or ANY_MODEL for every model not listed) → which roots a write touches.
    watches: Mapping[type[Model] | str, Watch]
    # Bucket → what its "…and N more" line says; a bucket without a note is cut silently.
    notes: Mapping[str, Note] = field(default_factory=dict)
    limit: int = 50


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    _providers[provider.name] = provider
    return provider


def unregister(name: str) -> None:
    """Remove a provider (tests that plug in a temporary one clean up with this)."""
    _providers.pop(name, None)


def providers() -> dict[str, Provider]:
    return dict(_providers)


def by_id(workspace_id: int, rows: Sequence[Any]) -> list[int]:
    """The ``pk`` of each row (the usual watch: a root model's own writes)."""
    return [row.pk for row in rows]
