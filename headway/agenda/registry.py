"""The agenda provider registry: every module plugs one function in.

A provider receives an :class:`AgendaContext` (whose agenda, which day it is for them) and
returns :class:`AgendaItem` s due up to ``ctx.horizon``. It must run a fixed number of queries
whatever the data size (the agenda's query-count test holds every provider to it).

    from headway.agenda.registry import register

    @register("options")
    def review_first_thing(ctx): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Model, QuerySet, Window

from headway.workspaces.models import Membership, User


@dataclass
class AgendaContext:
    membership: Membership
    today: dt.date
    horizon: dt.date
    now: dt.datetime
    # A provider that stops at a bound (e.g. the 100 stalest accounts) says how many more it
    # left out, so the page can say "and N more" instead of silently cutting the list.
    overflow: dict[str, int] = field(default_factory=dict)
    # What each cut-off list is and where to see all of it: name → (one, many, link text, url).
    overflow_notes: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)

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


M = TypeVar("M", bound=Model | dict[str, Any])

Provider = Callable[[AgendaContext], Iterable[AgendaItem]]

_providers: dict[str, Provider] = {}


def register(name: str) -> Callable[[Provider], Provider]:
    def decorator(fn: Provider) -> Provider:
        _providers[name] = fn
        return fn

    return decorator


def unregister(name: str) -> None:
    """Remove a provider (tests that plug in a temporary one clean up with this)."""
    _providers.pop(name, None)


def providers() -> dict[str, Provider]:
    return dict(_providers)


def bounded(
    ctx: AgendaContext,
    name: str,
    qs: QuerySet[Any, M],
    limit: int,
    *,
    note: tuple[str, str, str, str],
) -> list[M]:
    """The first ``limit`` rows of ``qs``; when there are more, ``ctx.overflow[name]`` says how
    many and the page says "…and N more <note>" with a link to all of them. ``qs`` may
    give model instances or ``values()`` rows. ``note`` is
    (what one is, what many are, link text, link url), e.g. ``("action", "actions",
    "all your actions", "/actions/")``. One query: the total rides along with the rows as
    ``COUNT(*) OVER ()`` instead of a second ``COUNT`` query."""
    rows = list(qs.annotate(agenda_total=Window(Count("pk")))[:limit])
    first: Any = rows[0] if rows else None
    total = first["agenda_total"] if isinstance(first, dict) else getattr(first, "agenda_total", 0)
    if total > limit:
        ctx.overflow[name] = total - limit
        ctx.overflow_notes[name] = note
    return rows
