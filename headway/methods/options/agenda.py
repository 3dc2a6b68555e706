"""The Option Solving agenda provider.

- For the owner: **review first thing** on the morning review day, once the review time has
  come or is today (cleared by choosing);
- for the owner: **write the action initiative** 24 h after a choice with no action;
- for invited colleagues: **which option would you choose?** until they answer;
- for the owner: **how did it work out?** when every action is done and no outcome was recorded
  some days after the last one.

Stored rows (see :mod:`headway.agenda.registry`), re-derived per decision whenever the decision,
its alternatives, picks or actions are written; the digest e-mail and the calendar feed include
these items automatically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q

from headway.agenda.registry import (
    AgendaContext,
    AgendaItem,
    Provider,
    Row,
    Stored,
    by_id,
    register,
)
from headway.crm.models import Action
from headway.methods.options import rules
from headway.methods.options.models import Alternative, ColleaguePick, Decision, Kind, Stage
from headway.workspaces.models import User

OUTCOME_AFTER_DAYS = 7
# A review shows on its day in the owner's zone; a local day is at most 25 hours long, so the
# row is read from a day and an hour before and ``describe`` makes the exact call.
REVIEW_DAY_REACH = dt.timedelta(hours=26)


def _url(decision_id: int, suffix: str = "") -> str:
    return f"/decisions/{decision_id}/{suffix}"


def _account_url(row: Stored) -> str:
    return f"/accounts/{row.account_id}/" if row.account_id else ""


def _action_facts(workspace_id: int, decision_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per decision: how many actions it has, how many are open, when the last one was done."""
    if not decision_ids:
        return {}
    rows = (
        Action.objects.in_workspace(workspace_id)
        .filter(target_type=ContentType.objects.get_for_model(Decision), target_id__in=decision_ids)
        .values("target_id")
        .annotate(
            total=Count("id"), open=Count("id", filter=Q(done_at__isnull=True)), last=Max("done_at")
        )
        .order_by()
    )
    return {row["target_id"]: row for row in rows}


def _owner_rows(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    """The owner's steps: review first thing, write the action initiative, record the outcome."""
    qs = Decision.objects.in_workspace(workspace_id).filter(
        stage__in=[Stage.SLEEPING, Stage.ACT, Stage.OUTCOME]
    )
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    decisions = list(
        qs.values("id", "goal", "stage", "owner_id", "review_at", "chosen_at", "account_id")
    )
    facts = _action_facts(
        workspace_id, [d["id"] for d in decisions if d["stage"] != Stage.SLEEPING]
    )
    for d in decisions:
        pk, stage = d["id"], d["stage"]
        fact = facts.get(pk, {"total": 0, "open": 0, "last": None})
        common = {"owner_id": d["owner_id"], "subject_id": pk, "account_id": d["account_id"]}
        if stage == Stage.SLEEPING and d["review_at"] is not None:
            review_at = d["review_at"]
            yield Row(
                key=f"options:review:{pk}",
                visible_at=review_at - REVIEW_DAY_REACH,
                rank=pk,
                params={"step": "review", "goal": d["goal"], "at": review_at.isoformat()},
                **common,
            )
        elif stage == Stage.ACT and not fact["total"] and d["chosen_at"] is not None:
            due_at = d["chosen_at"] + rules.ACTION_NAG_AFTER
            yield Row(
                key=f"options:act:{pk}",
                visible_at=due_at,
                rank=pk,
                params={"step": "act", "goal": d["goal"], "at": due_at.isoformat()},
                **common,
            )
        elif stage == Stage.OUTCOME and not fact["open"] and fact["last"] is not None:
            due_at = fact["last"] + dt.timedelta(days=OUTCOME_AFTER_DAYS)
            yield Row(
                key=f"options:outcome:{pk}",
                visible_at=due_at,
                rank=pk,
                params={"step": "outcome", "goal": d["goal"], "at": due_at.isoformat()},
                **common,
            )


def _pick_rows(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    """Colleagues: which option would you choose? (once the decision has options to pick)."""
    qs = (
        ColleaguePick.objects.in_workspace(workspace_id)
        .filter(answered_at__isnull=True)
        .exclude(decision__stage=Stage.DONE)
    )
    if ids is not None:
        qs = qs.filter(decision_id__in=ids)
    picks = list(
        qs.values(
            *("id", "user_id", "invited_at", "decision_id", "decision__goal"),
            *("decision__account_id", "decision__owner__name", "decision__owner__email"),
        )
    )
    choosable = set()
    if picks:
        choosable = set(
            Alternative.objects.in_workspace(workspace_id)
            .filter(decision_id__in={p["decision_id"] for p in picks}, kind=Kind.PRAGMATIC)
            .values_list("decision_id", flat=True)
        )
    for pick in picks:
        if pick["decision_id"] not in choosable:
            continue
        owner = User.display_name_for(pick["decision__owner__name"], pick["decision__owner__email"])
        yield Row(
            owner_id=pick["user_id"],
            key=f"options:pick:{pick['id']}",
            subject_id=pick["decision_id"],
            visible_at=pick["invited_at"],
            bucket="options_picks",
            account_id=pick["decision__account_id"],
            rank=pick["invited_at"].timestamp(),
            params={"step": "pick", "goal": pick["decision__goal"], "owner": owner},
        )


def derive(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    yield from _owner_rows(workspace_id, ids)
    yield from _pick_rows(workspace_id, ids)


STEPS = {
    "review": ("Review first thing: {goal}", "review/", "Morning review"),
    "act": ("Write the action initiative for {goal}", "#act", "Action initiative"),
    "outcome": ("How did it work out? {goal}", "#outcome", "Outcome"),
    "pick": ("Which option would you choose? {goal}", "pick/", "Your pick"),
}


def describe(row: Stored, ctx: AgendaContext) -> AgendaItem | None:
    p = row.params
    step = p["step"]
    title, suffix, label = STEPS[step]
    if step == "pick":
        due = ctx.local_date(row.visible_at)
        detail = f"{p['owner']} asks for your pick."
    else:
        local = dt.datetime.fromisoformat(p["at"]).astimezone(ctx.user.tzinfo)
        due = local.date()
        if step == "review":
            if due > ctx.today:
                return None
            detail = f"You slept on it; review at {local:%H:%M} and choose spontaneously."
        elif step == "act":
            detail = "You chose a day ago: what will be done, by whom, by when?"
        else:
            detail = "Every action is done: did it work, and what did you learn?"
    return AgendaItem(
        key=row.key,
        title=title.format(goal=p["goal"]),
        due=due,
        url=_url(row.subject_id, suffix),
        source="options",
        label=label,
        detail=detail,
        account_name=row.account_name,
        account_url=_account_url(row),
    )


def _decisions_of_actions(workspace_id: int, actions: Sequence[Action]) -> Iterable[int]:
    decision_type = ContentType.objects.get_for_model(Decision).pk
    return [a.target_id for a in actions if a.target_type_id == decision_type and a.target_id]


def _decision_ids(workspace_id: int, rows: Sequence[Any]) -> Iterable[int]:
    return [row.decision_id for row in rows]


register(
    Provider(
        name="options",
        derive=derive,
        describe=describe,
        watches={
            Decision: by_id,
            Alternative: _decision_ids,
            ColleaguePick: _decision_ids,
            Action: _decisions_of_actions,
        },
        notes={
            "options": (
                "decision in progress",
                "decisions in progress",
                "your decisions",
                "/decisions/",
            )
        },
    )
)
