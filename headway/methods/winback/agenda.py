"""The win-back agenda provider: what a seller's open win-backs ask of them this week.

- **No news is bad news** — the account has had no interaction for longer than the win-back's
  cadence (every 2 weeks / monthly / quarterly from the buyer profile). Logging an
  interaction clears it.
- **Re-engage now** — the signals about the winner add up to the threshold, or the winner's
  contract ends within 90 days; with a link to open a new deal linked to the win-back.
- **Planned touches** due (calls, e-mails, lunches).

Three queries, each bounded to ``LIMIT`` items (the number left out comes with the rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from headway.agenda.registry import AgendaContext, AgendaItem, bounded, register
from headway.methods.winback import rules, selectors
from headway.methods.winback.models import TouchKind

LIMIT = 50
PORTFOLIO = ("the win-back portfolio", "/winbacks/")


def _url(winback_id: int, suffix: str = "") -> str:
    return f"/winbacks/{winback_id}/{suffix}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@register("winback")
def winback_items(ctx: AgendaContext) -> Iterable[AgendaItem]:
    items: list[AgendaItem] = []
    owner_id = ctx.membership.user_id

    stale = selectors.cadence_overdue_for(
        workspace=ctx.workspace_id, owner_id=owner_id, now=ctx.now
    )
    for row in bounded(
        ctx,
        "winback_cadence",
        stale,
        LIMIT,
        note=(
            "win-back with no news for longer than its cadence",
            "win-backs with no news for longer than their cadence",
            *PORTFOLIO,
        ),
    ):
        account_name, last_touch = row["account__name"], row["account__last_touch_at"]
        every = rules.cadence_words(row["cadence_days"])
        reference = row["opened_at"]
        if last_touch and last_touch > reference:
            reference = last_touch
        touched = ctx.local_date(reference)
        if last_touch:
            last = f"last touch {_days((ctx.today - ctx.local_date(last_touch)).days)} ago"
        else:
            last = "no interaction logged yet"
        items.append(
            AgendaItem(
                key=f"winback:cadence:{row['id']}",
                title=f"No news is bad news: {account_name} — {last}, cadence {every} "
                f"({row['cadence_days']} days)",
                due=touched + dt.timedelta(days=row["cadence_days"]),
                url=_url(row["id"]),
                source="winback",
                label="Win-back",
                detail=f"{row['title']} · keep the lines open: a call, an e-mail or a lunch",
                account_name=account_name,
                account_url=f"/accounts/{row['account_id']}/",
                secondary_label="Log interaction",
                secondary_url=f"/accounts/{row['account_id']}/interactions/new/",
            )
        )

    due_now = selectors.reengage_due_for(
        workspace=ctx.workspace_id, owner_id=owner_id, today=ctx.today
    )
    for row in bounded(
        ctx,
        "winback_reengage",
        due_now,
        LIMIT,
        note=("win-back to re-engage now", "win-backs to re-engage now", *PORTFOLIO),
    ):
        contract_end, score = row["next_contract_end"], row["signal_score"]
        since = rules.reengage_due(
            row["signals_crossed_on"] if score >= rules.REENGAGE_THRESHOLD else None,
            contract_end,
            ctx.today,
        )
        winner = row["lost_to_name"] or "the winner"
        reasons = []
        if score >= rules.REENGAGE_THRESHOLD:
            reasons.append(f"signals about {winner} add up to {score} points")
        if contract_end is not None:
            days = (contract_end - ctx.today).days
            when = "today" if days == 0 else f"in {_days(days)}"
            reasons.append(
                f"{winner}'s contract ends {contract_end.day} {contract_end:%b %Y} ({when})"
            )
        detail = "; ".join(reasons)
        items.append(
            AgendaItem(
                key=f"winback:reengage:{row['id']}",
                title=f"Re-engage now: {row['account__name']}",
                due=since or ctx.today,
                url=_url(row["id"]),
                source="winback",
                label="Win-back",
                detail=detail[:1].upper() + detail[1:] + ".",
                account_name=row["account__name"],
                account_url=f"/accounts/{row['account_id']}/",
                secondary_label="Open a new deal",
                secondary_url=_url(row["id"], "reopen/"),
            )
        )

    touches = selectors.touches_due_for(
        workspace=ctx.workspace_id, owner_id=owner_id, horizon=ctx.horizon
    )
    for row in bounded(
        ctx,
        "winback_touches",
        touches,
        LIMIT,
        note=("planned win-back touch", "planned win-back touches", *PORTFOLIO),
    ):
        what = str(TouchKind(row["kind"]).label).lower()
        account_name = row["winback__account__name"]
        anchor = _url(row["winback_id"], f"#touch-{row['id']}")
        items.append(
            AgendaItem(
                key=f"winback:touch:{row['id']}",
                title=f"Planned {what} with {account_name}",
                due=row["planned_for"],
                url=anchor,
                source="winback",
                label="Win-back",
                detail=row["note"] or row["winback__title"],
                account_name=account_name,
                account_url=f"/accounts/{row['winback__account_id']}/",
                secondary_label="Mark done",
                secondary_url=anchor,
            )
        )
    return items
