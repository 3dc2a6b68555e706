"""The core agenda providers: the user's actions, and their accounts that nobody has touched
for longer than the account's cadence ("no news is bad news").

Registered when the agenda app is ready (``AgendaConfig.ready``); every method app declares
its own the same way in its ``agenda`` module. Each derives stored rows from the facts (see
:mod:`headway.agenda.registry`) and words them at read time without a query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from headway import dates
from headway.agenda.registry import (
    ANY_MODEL,
    ONE_TICK,
    AgendaContext,
    AgendaItem,
    Provider,
    Row,
    Stored,
    by_id,
    register,
)
from headway.agenda.rules import HORIZON_DAYS
from headway.crm.models import Account, Action
from headway.dates import first_moment_of


@cache
def _done_url() -> str:
    return reverse("agenda:done")


def account_url(account_id: int) -> str:
    return f"/accounts/{account_id}/"


def log_interaction_url(account_id: int) -> str:
    return f"/accounts/{account_id}/interactions/new/"


def action_url(action_id: int) -> str:
    return f"/actions/{action_id}/edit/"


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- actions ----------------------------------------------------------------------------------


def _targets(workspace_id: int, actions: Sequence[Any]) -> dict[tuple[int, int], Any]:
    """The objects actions hang off (a decision, a win-back…): one query per kind of target.
    A target's ``__str__`` and ``get_absolute_url`` are used as-is and must not query."""
    wanted: dict[int, set[int]] = defaultdict(set)
    account_type = ContentType.objects.get_for_model(Account)
    for action in actions:
        if action.target_type_id and action.target_type_id != account_type.pk and action.target_id:
            wanted[action.target_type_id].add(action.target_id)
    found: dict[tuple[int, int], Any] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        manager: Any = getattr(model, "objects", None)
        if model is None or not hasattr(manager, "in_workspace"):
            continue
        for obj in manager.in_workspace(workspace_id).filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    return found


def derive_actions(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    """Every open action is a row, shown from the week before it is due (or its snooze day)."""
    qs = Action.objects.in_workspace(workspace_id).filter(done_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    actions = list(
        qs.only(
            *("id", "title", "owner_id", "due_date", "snoozed_until", "account_id"),
            *("target_type_id", "target_id"),
        )
    )
    targets = _targets(workspace_id, actions)
    for action in actions:
        if not _dates_in_range(action.due_date, action.snoozed_until):
            continue  # stored before dates were bounded: nothing sane to put on a day
        target = targets.get((action.target_type_id or 0, action.target_id or 0))
        get_url = getattr(target, "get_absolute_url", None)
        shows_on = action.due_date - dt.timedelta(days=HORIZON_DAYS)
        if action.snoozed_until and action.snoozed_until > shows_on:
            shows_on = action.snoozed_until
        yield Row(
            owner_id=action.owner_id,
            key=f"action:{action.pk}",
            subject_id=action.pk,
            visible_at=first_moment_of(shows_on),
            account_id=action.account_id,
            rank=action.due_date.toordinal(),
            params={
                "title": action.title,
                "due": iso(action.due_date),
                "snoozed": iso(action.snoozed_until),
                "target": str(target) if target is not None else "",
                "target_url": get_url() if get_url else "",
            },
        )


def _dates_in_range(*days: dt.date | None) -> bool:
    return all(day is None or dates.date_in_range(day) for day in days)


def describe_action(row: Stored, ctx: AgendaContext) -> AgendaItem | None:
    p = row.params
    due = dt.date.fromisoformat(p["due"])
    snoozed = dt.date.fromisoformat(p["snoozed"]) if p["snoozed"] else None
    if snoozed and snoozed > ctx.today:
        return None
    if snoozed and snoozed > due:
        due = snoozed
    action_id = row.subject_id
    account = account_url(row.account_id) if row.account_id else ""
    return AgendaItem(
        key=row.key,
        title=p["title"],
        due=due,
        url=p["target_url"] or account or action_url(action_id),
        source="actions",
        label="Action",
        detail=f"For: {p['target']}" if p["target"] else "",
        account_name=row.account_name,
        account_url=account,
        done_url=_done_url(),
        action_id=action_id,
    )


def _actions_on(workspace_id: int, objs: Sequence[Any]) -> Iterable[int]:
    """A written object that open actions hang off (their "For: …" and link follow it)."""
    model = type(objs[0])
    return (
        Action.objects.in_workspace(workspace_id)
        .filter(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=[o.pk for o in objs if o.pk is not None],
            done_at__isnull=True,
        )
        .values_list("id", flat=True)
    )


def _nothing(workspace_id: int, objs: Sequence[Any]) -> Iterable[int]:
    return ()


register(
    Provider(
        name="actions",
        derive=derive_actions,
        describe=describe_action,
        watches={
            Action: by_id,
            # An account's name is joined at read time; its deletion takes the actions along.
            Account: _nothing,
            ANY_MODEL: _actions_on,
        },
        notes={"actions": ("action", "actions", "all your actions", "/actions/")},
    )
)


# --- "no news is bad news" --------------------------------------------------------------------


def derive_cadence(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    """Every owned account is a row, shown once it has gone longer than its cadence without an
    interaction (a never-touched account shows at once)."""
    default_days = settings.HEADWAY_DEFAULT_CADENCE_DAYS
    qs = Account.objects.in_workspace(workspace_id).filter(owner__isnull=False)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for pk, owner_id, cadence, touched, created in qs.values_list(
        "id", "owner_id", "cadence_days", "last_touch_at", "created_at"
    ):
        days = cadence or default_days
        if not dates.in_band(created) or (touched is not None and not dates.in_band(touched)):
            continue  # a last touch stored before dates were bounded (year 1, 9999)
        if touched is None:
            visible_at, rank = created, 0.0
        else:
            visible_at, rank = touched + dt.timedelta(days=days) + ONE_TICK, touched.timestamp()
        yield Row(
            owner_id=owner_id,
            key=f"cadence:account:{pk}",
            subject_id=pk,
            visible_at=visible_at,
            account_id=pk,
            rank=rank,
            params={"days": days, "touched": iso(touched), "created": iso(created)},
        )


def describe_cadence(row: Stored, ctx: AgendaContext) -> AgendaItem:
    p = row.params
    days, name, pk = p["days"], row.account_name, row.subject_id
    every = f"cadence: every {days} days"
    if p["touched"] is None:
        created = ctx.local_date(dt.datetime.fromisoformat(p["created"]))
        due = min(ctx.today, created + dt.timedelta(days=days))
        title = f"Never touched — {name}"
        detail = f"No interaction logged yet · {every}"
    else:
        touched = ctx.local_date(dt.datetime.fromisoformat(p["touched"]))
        due = touched + dt.timedelta(days=days)
        title = f"No touch for {(ctx.today - touched).days} days — {name}"
        detail = f"Last touch {touched.day} {touched:%b %Y} · {every}"
    return AgendaItem(
        key=row.key,
        title=title,
        due=due,
        url=account_url(pk),
        source="cadence",
        label="No touch",
        detail=detail,
        account_name=name,
        account_url=account_url(pk),
        secondary_label="Log interaction",
        secondary_url=log_interaction_url(pk),
    )


register(
    Provider(
        name="cadence",
        derive=derive_cadence,
        describe=describe_cadence,
        watches={Account: by_id},
        notes={
            "cadence": (
                "account with no recent touch",
                "accounts with no recent touch",
                "accounts by last touch",
                "/accounts/?sort=last_touch",
            )
        },
    )
)
