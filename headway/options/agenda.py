"""The Option Solving agenda provider.

- For the owner: **review first thing** on the morning review day, once the review time has
  come or is today (cleared by choosing);
- for the owner: **write the action initiative** 24 h after a choice with no action;
- for invited colleagues: **which option would you choose?** until they answer;
- for the owner: **how did it work out?** when every action is done and no outcome was recorded
  some days after the last one.

Two queries whatever the data size (the owner's decisions, the colleague picks), each bounded; the digest e-mail and the
calendar feed include these items automatically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, F, Max, OuterRef, Q, Subquery, When

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


# The columns the items show: the agenda is the busiest page, whole rows cost more than queries.
DECISION_FIELDS = ("id", "goal", "stage", "review_at", "chosen_at", "account_id", "account__name")


@register("options")
def option_solving(ctx: AgendaContext) -> Iterable[AgendaItem]:
    ws, user_id = ctx.workspace_id, ctx.membership.user_id
    items: list[AgendaItem] = []
    decision_type = ContentType.objects.get_for_model(Decision)
    actions = Action.objects.in_workspace(ws).filter(
        target_type=decision_type, target_id=OuterRef("pk")
    )
    last_done = actions.values("target_id").annotate(last=Max("done_at")).values("last").order_by()

    # The owner's three kinds of item in one query (the conditions differ per stage):
    # - review first thing: the review day has come (today or earlier), still not chosen;
    # - the action initiative: chosen at least 24 h ago and still no action;
    # - how did it work out: every action done, the last one some days ago, no outcome yet.
    due = (
        Decision.objects.in_workspace(ws)
        .filter(owner_id=user_id, stage__in=[Stage.SLEEPING, Stage.ACT, Stage.OUTCOME])
        .annotate(
            has_action=Exists(actions),
            has_open=Exists(actions.filter(done_at__isnull=True)),
            last_done=Subquery(last_done),
        )
        .filter(
            Q(stage=Stage.SLEEPING, review_at__lt=_end_of_today(ctx))
            | Q(stage=Stage.ACT, chosen_at__lte=ctx.now - rules.ACTION_NAG_AFTER, has_action=False)
            | Q(
                stage=Stage.OUTCOME,
                has_open=False,
                last_done__lte=ctx.now - dt.timedelta(days=OUTCOME_AFTER_DAYS),
            )
        )
        .select_related("account")
        .only(*DECISION_FIELDS)
        .order_by(  # the longest-waiting first, so a bound cuts the newest
            Case(
                When(stage=Stage.SLEEPING, then=F("review_at")),
                When(stage=Stage.ACT, then=F("chosen_at")),
                default=F("last_done"),
            ),
            "id",
        )[: 3 * LIMIT]
    )
    per_stage: dict[str, int] = {}
    for decision in due:
        per_stage[decision.stage] = per_stage.get(decision.stage, 0) + 1
        if per_stage[decision.stage] > LIMIT:
            continue
        name, url = _account(decision)
        if decision.stage == Stage.SLEEPING:
            assert decision.review_at is not None
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
        elif decision.stage == Stage.ACT:
            assert decision.chosen_at is not None
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
        else:
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
        .only(
            "id",
            "invited_at",
            "decision_id",
            *(f"decision__{name}" for name in DECISION_FIELDS),
            "decision__owner_id",
            "decision__owner__name",
            "decision__owner__email",
        )
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
    return items
