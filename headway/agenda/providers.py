"""The core agenda providers: the user's actions, and their accounts that nobody has touched
for longer than the account's cadence ("no news is bad news").

Registered when the agenda app is ready (``AgendaConfig.ready``); every module registers its
own provider the same way in its own app. Each provider runs a fixed number of queries and
returns a bounded number of items, whatever the data size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField, F, Q, Value
from django.urls import reverse

from headway.agenda.registry import AgendaContext, AgendaItem, bounded, register
from headway.crm.models import Account, Action
from headway.sqlfunctions import Days

# Bounds: the agenda is a to-do list for one morning, not a report. Beyond these the page
# says "and N more" and points to the full list.
ACTION_LIMIT = 50
CADENCE_LIMIT = 50
# The columns an action item shows (whole rows cost more than the query on this busy page).
ACTION_FIELDS: tuple[str, ...] = (
    *("id", "title", "due_date", "snoozed_until", "target_type_id", "target_id"),
    *("account_id", "account__id", "account__name"),
)


def account_url(account_id: int) -> str:
    return f"/accounts/{account_id}/"


def log_interaction_url(account_id: int) -> str:
    return f"/accounts/{account_id}/interactions/new/"


def action_url(action_id: int) -> str:
    return f"/actions/{action_id}/edit/"


def _targets(ctx: AgendaContext, actions: list[Action]) -> dict[tuple[int, int], Any]:
    """The objects actions hang off (a decision, a win-back…): one query per kind of target,
    so the count depends on how many modules there are, never on how many actions. A target's
    ``__str__`` and ``get_absolute_url`` are used as-is and must not query."""
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
        for obj in manager.in_workspace(ctx.workspace_id).filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    return found


@register("actions")
def due_actions(ctx: AgendaContext) -> Iterable[AgendaItem]:
    """Open actions owned by the user, due up to the horizon (overdue ones included), unless
    snoozed to a day after today. A snoozed action comes back on its snooze day."""
    qs = (
        Action.objects.in_workspace(ctx.workspace_id)
        .filter(owner_id=ctx.membership.user_id, done_at__isnull=True, due_date__lte=ctx.horizon)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=ctx.today))
        .select_related("account")
        .only(*ACTION_FIELDS)
        .order_by("due_date", "id")
    )
    actions = bounded(
        ctx,
        "actions",
        qs,
        ACTION_LIMIT,
        note=("action", "actions", "all your actions", "/actions/"),
    )
    targets = _targets(ctx, actions)
    done_url = reverse("agenda:done")
    items = []
    for action in actions:
        due = action.due_date
        if action.snoozed_until and action.snoozed_until > due:
            due = action.snoozed_until
        target = targets.get((action.target_type_id or 0, action.target_id or 0))
        url = ""
        detail = ""
        if target is not None:
            detail = f"For: {target}"
            get_url = getattr(target, "get_absolute_url", None)
            url = get_url() if get_url else ""
        if not url:
            url = account_url(action.account_id) if action.account_id else action_url(action.pk)
        items.append(
            AgendaItem(
                key=f"action:{action.pk}",
                title=action.title,
                due=due,
                url=url,
                source="actions",
                label="Action",
                detail=detail,
                account_name=action.account.name if action.account else "",
                account_url=account_url(action.account_id) if action.account_id else "",
                done_url=done_url,
                action_id=action.pk,
            )
        )
    return items


@register("cadence")
def stale_accounts(ctx: AgendaContext) -> Iterable[AgendaItem]:
    """Accounts the user owns with no interaction for longer than their cadence (or never).

    Personal on purpose: a manager sees their own accounts here, and the team's in reports.
    The cadence is compared in SQL (``last_touch_at < now - cadence days``, per row), so the
    query returns only stale accounts, stalest first, at most ``CADENCE_LIMIT`` of them.
    """
    default_days = settings.HEADWAY_DEFAULT_CADENCE_DAYS
    custom_deadline = Value(ctx.now, output_field=DateTimeField()) - Days(F("cadence_days"))
    stale = (
        Q(last_touch_at__isnull=True)
        | Q(cadence_days__isnull=True, last_touch_at__lt=ctx.now - dt.timedelta(days=default_days))
        | Q(cadence_days__isnull=False, last_touch_at__lt=custom_deadline)
    )
    qs = (
        Account.objects.in_workspace(ctx.workspace_id)
        .filter(owner_id=ctx.membership.user_id)
        .filter(stale)
        .only("id", "name", "cadence_days", "last_touch_at", "created_at")
        .order_by(F("last_touch_at").asc(nulls_first=True), "id")
    )
    accounts = bounded(
        ctx,
        "cadence",
        qs,
        CADENCE_LIMIT,
        note=(
            "account with no recent touch",
            "accounts with no recent touch",
            "accounts by last touch",
            "/accounts/?sort=last_touch",
        ),
    )
    items = []
    for account in accounts:
        cadence = account.cadence_days or default_days
        every = f"cadence: every {cadence} days"
        if account.last_touch_at is None:
            due = min(ctx.today, ctx.local_date(account.created_at) + dt.timedelta(days=cadence))
            title = f"Never touched — {account.name}"
            detail = f"No interaction logged yet · {every}"
        else:
            touched = ctx.local_date(account.last_touch_at)
            due = touched + dt.timedelta(days=cadence)
            title = f"No touch for {(ctx.today - touched).days} days — {account.name}"
            detail = f"Last touch {touched.day} {touched:%b %Y} · {every}"
        items.append(
            AgendaItem(
                key=f"cadence:account:{account.pk}",
                title=title,
                due=due,
                url=account_url(account.pk),
                source="cadence",
                label="No touch",
                detail=detail,
                account_name=account.name,
                account_url=account_url(account.pk),
                secondary_label="Log interaction",
                secondary_url=log_interaction_url(account.pk),
            )
        )
    return items
