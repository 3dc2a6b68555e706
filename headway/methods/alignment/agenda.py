"""The Mutual Learning agenda provider.

- For the owner: **stuck for N days** — an alignment still at the impasse
  :data:`~headway.methods.alignment.rules.STUCK_DAYS` (14) days after it was recorded (cleared
  by moving on: exploring, escalated or abandoned). The project is slipping while the parties
  are stuck; the item says how long, counted on the day the person reads it.

Stored rows (see :mod:`headway.agenda.registry`), re-derived per alignment whenever it is
written (every change to its parties, items, words and options touches it too); the digest
e-mail and the calendar feed include these items automatically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from headway.agenda.registry import (
    AgendaContext,
    AgendaItem,
    Provider,
    Row,
    Stored,
    by_id,
    register,
)
from headway.methods.alignment import rules
from headway.methods.alignment.models import Alignment, Status


def derive(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
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
            params={"decision": a["decision"], "since": a["stuck_since"].isoformat()},
        )


def describe(row: Stored, ctx: AgendaContext) -> AgendaItem | None:
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
        account_url=f"/accounts/{row.account_id}/" if row.account_id else "",
    )


register(
    Provider(
        name="alignment",
        derive=derive,
        describe=describe,
        watches={Alignment: by_id},
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
