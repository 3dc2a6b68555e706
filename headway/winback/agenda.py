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
from headway.winback import rules, selectors

LIMIT = 50
PORTFOLIO = ("the win-back portfolio", "/winbacks/")


def _local_date(value: dt.datetime, ctx: AgendaContext) -> dt.date:
    return value.astimezone(ctx.user.tzinfo).date()


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@register("winback")
def winback_items(ctx: AgendaContext) -> Iterable[AgendaItem]:
    items: list[AgendaItem] = []
    owner_id = ctx.membership.user_id

    stale = selectors.cadence_overdue_for(
        workspace=ctx.workspace_id, owner_id=owner_id, now=ctx.now
    )
    for winback in bounded(
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
        account = winback.account
        every = rules.cadence_words(winback.cadence_days)
        reference = winback.opened_at
        if account.last_touch_at and account.last_touch_at > reference:
            reference = account.last_touch_at
        touched = _local_date(reference, ctx)
        if account.last_touch_at:
            last = f"last touch {_days((ctx.today - _local_date(account.last_touch_at, ctx)).days)} ago"
        else:
            last = "no interaction logged yet"
        items.append(
            AgendaItem(
                key=f"winback:cadence:{winback.pk}",
                title=f"No news is bad news: {account.name} — {last}, cadence {every} "
                f"({winback.cadence_days} days)",
                due=touched + dt.timedelta(days=winback.cadence_days),
                url=winback.get_absolute_url(),
                source="winback",
                label="Win-back",
                detail=f"{winback.title} · keep the lines open: a call, an e-mail or a lunch",
                account_name=account.name,
                account_url=f"/accounts/{account.pk}/",
                secondary_label="Log interaction",
                secondary_url=f"/accounts/{account.pk}/interactions/new/",
            )
        )

    due_now = selectors.reengage_due_for(
        workspace=ctx.workspace_id, owner_id=owner_id, today=ctx.today
    )
    for winback in bounded(
        ctx,
        "winback_reengage",
        due_now,
        LIMIT,
        note=("win-back to re-engage now", "win-backs to re-engage now", *PORTFOLIO),
    ):
        contract_end = getattr(winback, "next_contract_end", None)  # annotated by the selector
        since = rules.reengage_due(
            winback.signals_crossed_on
            if winback.signal_score >= rules.REENGAGE_THRESHOLD
            else None,
            contract_end,
            ctx.today,
        )
        winner = winback.lost_to_name or "the winner"
        reasons = []
        if winback.signal_score >= rules.REENGAGE_THRESHOLD:
            reasons.append(f"signals about {winner} add up to {winback.signal_score} points")
        if contract_end is not None:
            days = (contract_end - ctx.today).days
            when = "today" if days == 0 else f"in {_days(days)}"
            reasons.append(
                f"{winner}'s contract ends {contract_end.day} {contract_end:%b %Y} ({when})"
            )
        detail = "; ".join(reasons)
        items.append(
            AgendaItem(
                key=f"winback:reengage:{winback.pk}",
                title=f"Re-engage now: {winback.account.name}",
                due=since or ctx.today,
                url=winback.get_absolute_url(),
                source="winback",
                label="Win-back",
                detail=detail[:1].upper() + detail[1:] + ".",
                account_name=winback.account.name,
                account_url=f"/accounts/{winback.account_id}/",
                secondary_label="Open a new deal",
                secondary_url=f"/winbacks/{winback.pk}/reopen/",
            )
        )

    touches = selectors.touches_due_for(
        workspace=ctx.workspace_id, owner_id=owner_id, horizon=ctx.horizon
    )
    for touch in bounded(
        ctx,
        "winback_touches",
        touches,
        LIMIT,
        note=("planned win-back touch", "planned win-back touches", *PORTFOLIO),
    ):
        winback = touch.winback
        what = touch.get_kind_display().lower()
        items.append(
            AgendaItem(
                key=f"winback:touch:{touch.pk}",
                title=f"Planned {what} with {winback.account.name}",
                due=touch.planned_for,
                url=f"{winback.get_absolute_url()}#touch-{touch.pk}",
                source="winback",
                label="Win-back",
                detail=touch.note or winback.title,
                account_name=winback.account.name,
                account_url=f"/accounts/{winback.account_id}/",
                secondary_label="Mark done",
                secondary_url=f"{winback.get_absolute_url()}#touch-{touch.pk}",
            )
        )
    return items
