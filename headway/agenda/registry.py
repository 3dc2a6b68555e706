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

from headway.workspaces.models import Membership, User


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
    done_url: str = ""  # POST here to mark done; empty if the item cannot be ticked off
    snoozable: bool = True
    action_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


Provider = Callable[[AgendaContext], Iterable[AgendaItem]]

_providers: dict[str, Provider] = {}


def register(name: str) -> Callable[[Provider], Provider]:
    def decorator(fn: Provider) -> Provider:
        _providers[name] = fn
        return fn

    return decorator


def providers() -> dict[str, Provider]:
    return dict(_providers)
