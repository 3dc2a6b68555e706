"""The Option Solving agenda provider.

- For the owner: **review first thing** on the morning review day, once the review time has
  come or is today (cleared by choosing);
- for the owner: **write the action initiative** 24 h after a choice with no action;
- for invited colleagues: **which option would you choose?** until they answer;
- for the owner: **how did it work out?** when every action is done and no outcome was recorded
  some days after the last one.

A fixed number of queries (one per kind of item), each bounded; the digest e-mail and the
calendar feed include these items automatically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Max, OuterRef, Subquery

from headway.agenda.registry import AgendaContext, AgendaItem, register
from headway.crm.models import Action
from headway.options import rules
from headway.options.models import Alternative, ColleaguePick, Decision, Kind, Stage

LIMIT = 50
OUTCOME_AFTER_DAYS = 7


def _local_date(value: dt.datetime, ctx: AgendaContext) -> dt.date:
    return value.astimezone(ctx.user.tzinfo).date()


def _end_of_today(ctx: AgendaContext) -> dt.datetime:
    """The first instant of tomorrow in the user's zone, as an aware datetime."""
    tz = ctx.user.tzinfo
    tomorrow = ctx.today + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time(0), tzinfo=tz)


def _url(decision_id: int, suffix: str = "") -> str:
    return f"/decisions/{decision_id}/{suffix}"


def _account(decision: Decision) -> tuple[str, str]:
    if decision.account_id and decision.account is not None:
        return decision.account.name, f"/accounts/{decision.account_id}/"
    return "", ""


@register("options")
def option_solving(ctx: AgendaContext) -> Iterable[AgendaItem]:
    ws, user_id = ctx.workspace_id, ctx.membership.user_id
    decisions = Decision.objects.in_workspace(ws).select_related("account")
    items: list[AgendaItem] = []

    # One cheap look first: which of the owner's stages below have any decision at all, so a
    # seller with none in them pays one query, not three.
    live = set(
        decisions.filter(owner_id=user_id, stage__in=[Stage.SLEEPING, Stage.ACT, Stage.OUTCOME])
        .order_by()
        .values_list("stage", flat=True)
        .distinct()
    )

    # Review first thing: the review day has come (today or earlier), still not chosen.
    for decision in (
        (decisions.none() if Stage.SLEEPING not in live else decisions)
        .filter(owner_id=user_id, stage=Stage.SLEEPING, review_at__lt=_end_of_today(ctx))
        .order_by("review_at", "id")[:LIMIT]
    ):
        assert decision.review_at is not None
        name, url = _account(decision)
        local = decision.review_at.astimezone(ctx.user.tzinfo)
        items.append(
            AgendaItem(
                key=f"options:review:{decision.pk}",
                title=f"Review first thing: {decision.goal}",
                due=local.date(),
                url=_url(decision.pk, "review/"),
                source="options",
                label="Morning review",
                detail=f"You slept on it; review at {local:%H:%M} and choose spontaneously.",
                account_name=name,
                account_url=url,
            )
        )

    # The action initiative: chosen at least 24 h ago and still no action.
    decision_type = ContentType.objects.get_for_model(Decision)
    any_action = Action.objects.in_workspace(ws).filter(
        target_type=decision_type, target_id=OuterRef("pk")
    )
    for decision in (
        (decisions if Stage.ACT in live else decisions.none())
        .filter(
            owner_id=user_id,
            stage=Stage.ACT,
            chosen_at__lte=ctx.now - rules.ACTION_NAG_AFTER,
        )
        .annotate(has_action=Exists(any_action))
        .filter(has_action=False)
        .order_by("chosen_at", "id")[:LIMIT]
    ):
        assert decision.chosen_at is not None
        name, url = _account(decision)
        items.append(
            AgendaItem(
                key=f"options:act:{decision.pk}",
                title=f"Write the action initiative for {decision.goal}",
                due=_local_date(decision.chosen_at + rules.ACTION_NAG_AFTER, ctx),
                url=_url(decision.pk, "#act"),
                source="options",
                label="Action initiative",
                detail="You chose a day ago: what will be done, by whom, by when?",
                account_name=name,
                account_url=url,
            )
        )

    # Colleagues: which option would you choose?
    for pick in (
        ColleaguePick.objects.in_workspace(ws)
        .filter(user_id=user_id, answered_at__isnull=True)
        .exclude(decision__stage=Stage.DONE)
        .filter(
            Exists(
                Alternative.objects.in_workspace(ws).filter(
                    decision=OuterRef("decision"), kind=Kind.PRAGMATIC
                )
            )
        )
        .select_related("decision", "decision__account", "decision__owner")
        .order_by("invited_at", "id")[:LIMIT]
    ):
        decision = pick.decision
        name, url = _account(decision)
        items.append(
            AgendaItem(
                key=f"options:pick:{pick.pk}",
                title=f"Which option would you choose? {decision.goal}",
                due=_local_date(pick.invited_at, ctx),
                url=_url(decision.pk, "pick/"),
                source="options",
                label="Your pick",
                detail=f"{decision.owner.display_name} asks for your pick.",
                account_name=name,
                account_url=url,
            )
        )

    # How did it work out? Every action done, the last one some days ago, no outcome yet.
    open_action = Action.objects.in_workspace(ws).filter(
        target_type=decision_type, target_id=OuterRef("pk"), done_at__isnull=True
    )
    last_done = (
        Action.objects.in_workspace(ws)
        .filter(target_type=decision_type, target_id=OuterRef("pk"))
        .values("target_id")
        .annotate(last=Max("done_at"))
        .values("last")
    )
    for decision in (
        (decisions if Stage.OUTCOME in live else decisions.none())
        .filter(owner_id=user_id, stage=Stage.OUTCOME)
        .annotate(has_open=Exists(open_action), last_done=Subquery(last_done))
        .filter(
            has_open=False,
            last_done__lte=ctx.now - dt.timedelta(days=OUTCOME_AFTER_DAYS),
        )
        .order_by("last_done", "id")[:LIMIT]
    ):
        name, url = _account(decision)
        last = getattr(decision, "last_done", None) or ctx.now
        items.append(
            AgendaItem(
                key=f"options:outcome:{decision.pk}",
                title=f"How did it work out? {decision.goal}",
                due=_local_date(last + dt.timedelta(days=OUTCOME_AFTER_DAYS), ctx),
                url=_url(decision.pk, "#outcome"),
                source="options",
                label="Outcome",
                detail="Every action is done: did it work, and what did you learn?",
                account_name=name,
                account_url=url,
            )
        )
    return items
