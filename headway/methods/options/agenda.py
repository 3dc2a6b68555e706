"""The Option Solving agenda provider.

- For the owner: **review first thing** on the morning review day, once the review time has
  come or is today (cleared by choosing);
- for the owner: **write the action initiative** 24 h after a choice with no action;
- for invited colleagues: **which option would you choose?** until they answer;
- for the owner: **how did it work out?** when every action is done and no outcome was recorded
  some days after the last one.

At most four simple queries whatever the data size, each bounded: the owner's decisions in
progress, their actions' counts (only if a decision waits on actions), the colleague picks and
which of those decisions have choosable options (only if there are picks). The digest e-mail
and the calendar feed include these items automatically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q

from headway.agenda.registry import AgendaContext, AgendaItem, bounded, register
from headway.crm.models import Action
from headway.methods.options import rules
from headway.methods.options.models import Alternative, ColleaguePick, Decision, Kind, Stage

LIMIT = 50
OUTCOME_AFTER_DAYS = 7


def _end_of_today(ctx: AgendaContext) -> dt.datetime:
    """The first instant of tomorrow in the user's zone, as an aware datetime."""
    tz = ctx.user.tzinfo
    tomorrow = ctx.today + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time(0), tzinfo=tz)


def _url(decision_id: int, suffix: str = "") -> str:
    return f"/decisions/{decision_id}/{suffix}"


def _account_of(account_id: int | None, name: str | None) -> tuple[str, str]:
    if account_id and name is not None:
        return name, f"/accounts/{account_id}/"
    return "", ""


# The columns the items show: the agenda is the busiest page, whole rows cost more than queries.
DECISION_COLUMNS = ("id", "goal", "stage", "review_at", "chosen_at", "account_id", "account__name")


def _action_facts(ctx: AgendaContext, decision_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per decision: how many actions it has, how many are open, when the last one was done."""
    if not decision_ids:
        return {}
    rows = (
        Action.objects.in_workspace(ctx.workspace_id)
        .filter(target_type=ContentType.objects.get_for_model(Decision), target_id__in=decision_ids)
        .values("target_id")
        .annotate(
            total=Count("id"), open=Count("id", filter=Q(done_at__isnull=True)), last=Max("done_at")
        )
        .order_by()
    )
    return {row["target_id"]: row for row in rows}


@register("options")
def option_solving(ctx: AgendaContext) -> Iterable[AgendaItem]:
    ws, user_id = ctx.workspace_id, ctx.membership.user_id
    items: list[AgendaItem] = []

    # The owner's decisions in progress: sleeping ones whose review day has come, chosen ones
    # (the action nag), and those waiting for an outcome; the action conditions are checked on
    # one aggregate below.
    in_progress = (
        Decision.objects.in_workspace(ws)
        .filter(owner_id=user_id, stage__in=[Stage.SLEEPING, Stage.ACT, Stage.OUTCOME])
        .filter(
            Q(stage=Stage.SLEEPING, review_at__lt=_end_of_today(ctx))
            | Q(stage=Stage.ACT, chosen_at__lte=ctx.now - rules.ACTION_NAG_AFTER)
            | Q(stage=Stage.OUTCOME)
        )
        .order_by("id")
        .values(*DECISION_COLUMNS)
    )
    decisions = bounded(
        ctx,
        "options",
        in_progress,
        3 * LIMIT,
        note=("decision in progress", "decisions in progress", "your decisions", "/decisions/"),
    )
    facts = _action_facts(ctx, [d["id"] for d in decisions if d["stage"] != Stage.SLEEPING])
    outcome_before = ctx.now - dt.timedelta(days=OUTCOME_AFTER_DAYS)
    for decision in decisions:
        pk, goal, stage = decision["id"], decision["goal"], decision["stage"]
        name, url = _account_of(decision["account_id"], decision["account__name"])
        fact = facts.get(pk, {"total": 0, "open": 0, "last": None})
        if stage == Stage.SLEEPING:
            local = decision["review_at"].astimezone(ctx.user.tzinfo)
            items.append(
                AgendaItem(
                    key=f"options:review:{pk}",
                    title=f"Review first thing: {goal}",
                    due=local.date(),
                    url=_url(pk, "review/"),
                    source="options",
                    label="Morning review",
                    detail=f"You slept on it; review at {local:%H:%M} and choose spontaneously.",
                    account_name=name,
                    account_url=url,
                )
            )
        elif stage == Stage.ACT and not fact["total"]:
            items.append(
                AgendaItem(
                    key=f"options:act:{pk}",
                    title=f"Write the action initiative for {goal}",
                    due=ctx.local_date(decision["chosen_at"] + rules.ACTION_NAG_AFTER),
                    url=_url(pk, "#act"),
                    source="options",
                    label="Action initiative",
                    detail="You chose a day ago: what will be done, by whom, by when?",
                    account_name=name,
                    account_url=url,
                )
            )
        elif (
            stage == Stage.OUTCOME
            and not fact["open"]
            and fact["last"] is not None
            and fact["last"] <= outcome_before
        ):
            items.append(
                AgendaItem(
                    key=f"options:outcome:{pk}",
                    title=f"How did it work out? {goal}",
                    due=ctx.local_date(fact["last"] + dt.timedelta(days=OUTCOME_AFTER_DAYS)),
                    url=_url(pk, "#outcome"),
                    source="options",
                    label="Outcome",
                    detail="Every action is done: did it work, and what did you learn?",
                    account_name=name,
                    account_url=url,
                )
            )

    # Colleagues: which option would you choose? (once the decision has options to pick from)
    picks = list(
        ColleaguePick.objects.in_workspace(ws)
        .filter(user_id=user_id, answered_at__isnull=True)
        .exclude(decision__stage=Stage.DONE)
        .select_related("decision", "decision__account", "decision__owner")
        .only(
            *("id", "invited_at", "decision_id", "decision__id", "decision__goal"),
            *("decision__account_id", "decision__account__name", "decision__owner_id"),
            *("decision__owner__name", "decision__owner__email"),
        )
        .order_by("invited_at", "id")[:LIMIT]
    )
    choosable = set()
    if picks:
        choosable = set(
            Alternative.objects.in_workspace(ws)
            .filter(decision_id__in={p.decision_id for p in picks}, kind=Kind.PRAGMATIC)
            .values_list("decision_id", flat=True)
        )
    for pick in picks:
        if pick.decision_id not in choosable:
            continue
        decision = pick.decision
        account = decision.account
        name, url = _account_of(decision.account_id, account.name if account else None)
        items.append(
            AgendaItem(
                key=f"options:pick:{pick.pk}",
                title=f"Which option would you choose? {decision.goal}",
                due=ctx.local_date(pick.invited_at),
                url=_url(decision.pk, "pick/"),
                source="options",
                label="Your pick",
                detail=f"{decision.owner.display_name} asks for your pick.",
                account_name=name,
                account_url=url,
            )
        )
    return items
