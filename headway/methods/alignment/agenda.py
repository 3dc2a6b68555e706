"""The Mutual Learning agenda provider.

- For the owner: **follow up the agreement** — an agreed alignment with no follow-up action
  :data:`~headway.methods.alignment.rules.FOLLOW_UP_AFTER` (24 h) after the agreement (cleared
  by adding one: it is a CRM action, on the agenda of its own);
- for the owner: **stuck for N days** — an alignment still at the impasse
  :data:`~headway.methods.alignment.rules.STUCK_DAYS` (14) days after it was recorded (cleared
  by moving on: exploring, escalated or abandoned). The project is slipping while the parties
  are stuck; the item says how long, counted on the day the person reads it.

Stored rows (see :mod:`headway.agenda.registry`), re-derived per alignment whenever it is
written (every change to its parties, items, words and options touches it too); the digest
e-mail and the calendar feed include these items automatically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType

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
from headway.methods.alignment import rules
from headway.methods.alignment.models import Alignment, Status


def _follow_up_rows(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    qs = Alignment.objects.in_workspace(workspace_id).filter(
        status=Status.AGREED, agreed_at__isnull=False
    )
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    agreed = list(qs.values("id", "decision", "owner_id", "account_id", "agreed_at"))
    with_action = (
        set(
            Action.objects.in_workspace(workspace_id)
            .filter(
                target_type=ContentType.objects.get_for_model(Alignment),
                target_id__in=[a["id"] for a in agreed],
            )
            .values_list("target_id", flat=True)
        )
        if agreed
        else set()
    )
    for a in agreed:
        if a["id"] in with_action:
            continue
        due_at = a["agreed_at"] + rules.FOLLOW_UP_AFTER
        yield Row(
            owner_id=a["owner_id"],
            key=f"alignment:follow_up:{a['id']}",
            subject_id=a["id"],
            visible_at=due_at,
            account_id=a["account_id"],
            rank=a["agreed_at"].timestamp(),
            params={"step": "follow_up", "decision": a["decision"]},
        )


def derive(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    yield from _follow_up_rows(workspace_id, ids)
    qs = Alignment.objects.in_workspace(workspace_id).filter(status=Status.IMPASSE)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for a in qs.values("id", "decision", "owner_id", "account_id", "stuck_since"):
        yield Row(
            owner_id=a["owner_id"],
            key=f"alignment:stuck:{a['id']}",
            subject_id=a["id"],
            visible_at=a["stuck_since"] + dt.timedelta(days=rules.STUCK_DAYS),
            account_id=a["account_id"],
            rank=a["stuck_since"].timestamp(),
            params={
                "step": "stuck",
                "decision": a["decision"],
                "since": a["stuck_since"].isoformat(),
            },
        )


def describe(row: Stored, ctx: AgendaContext) -> AgendaItem | None:
    account_url = f"/accounts/{row.account_id}/" if row.account_id else ""
    if row.params["step"] == "follow_up":
        return AgendaItem(
            key=row.key,
            title=f"Follow up the agreement: {row.params['decision']}",
            due=ctx.local_date(row.visible_at),
            url=f"/alignments/{row.subject_id}/#agreement",
            source="alignment",
            label="Follow-up",
            detail="The parties agreed a day ago: what will be done, by whom, by when?",
            account_name=row.account_name,
            account_url=account_url,
        )
    since = dt.datetime.fromisoformat(row.params["since"])
    days = rules.stuck_days(since, ctx.now)
    return AgendaItem(
        key=row.key,
        title=f"At an impasse: {row.params['decision']}",
        due=ctx.local_date(row.visible_at),
        url=f"/alignments/{row.subject_id}/",
        source="alignment",
        label="Impasse",
        detail=f"{rules.stuck_words(days).capitalize()}. Meet the parties: ask what matters to "
        "each about their solution, what they assume and what they rely on.",
        account_name=row.account_name,
        account_url=account_url,
    )


def _alignments_of_actions(workspace_id: int, actions: Sequence[Any]) -> Iterable[int]:
    alignment_type = ContentType.objects.get_for_model(Alignment).pk
    return [a.target_id for a in actions if a.target_type_id == alignment_type and a.target_id]


register(
    Provider(
        name="alignment",
        derive=derive,
        describe=describe,
        watches={Alignment: by_id, Action: _alignments_of_actions},
        notes={
            "alignment": (
                "alignment at an impasse",
                "alignments at an impasse",
                "your alignments",
                "/alignments/?status=impasse",
            )
        },
    )
)
