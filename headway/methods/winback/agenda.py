"""The win-back agenda provider: what a seller's open win-backs ask of them this week.

- **No news is bad news** — the account has had no interaction for longer than the win-back's
  cadence (every 2 weeks / monthly / quarterly from the buyer profile). Logging an
  interaction clears it.
- **Re-engage now** — the signals about the winner add up to the threshold, or the winner's
  contract ends within 90 days; with a link to open a new deal linked to the win-back.
- **Planned touches** due (calls, e-mails, lunches).

Stored rows (see :mod:`headway.agenda.registry`), re-derived per win-back whenever it, its
touches or signals, its account's last touch or its re-opened deal change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.db.models import Q

from headway import dates
from headway.agenda.registry import (
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
from headway.crm.models import OPEN_STAGES, Account, Deal
from headway.dates import first_moment_of, last_moment_of
from headway.methods.winback import rules
from headway.methods.winback.models import (
    PlannedTouch,
    SignalKind,
    TouchKind,
    WinBack,
    WinnerSignal,
)

PORTFOLIO = ("the win-back portfolio", "/winbacks/")


def _url(winback_id: int, suffix: str = "") -> str:
    return f"/winbacks/{winback_id}/{suffix}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


COLUMNS = (
    *("id", "title", "owner_id", "cadence_days", "opened_at", "signal_score"),
    *("signals_crossed_on", "lost_to", "lost_to_name", "priority", "closed_at"),
    "reopened_deal_id",
    *("reopened_deal__stage", "account_id", "account__last_touch_at"),
)


def derive(workspace_id: int, ids: Collection[int] | None) -> Iterable[Row]:
    qs = WinBack.objects.in_workspace(workspace_id).filter(owner__isnull=False)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    winbacks = [
        w
        for w in qs.values(*COLUMNS)
        if w["closed_at"] is None
        and (w["reopened_deal_id"] is None or w["reopened_deal__stage"] in OPEN_STAGES)
    ]
    if not winbacks:
        return
    open_ids = [w["id"] for w in winbacks]
    # Each contract end with the moment it was recorded: it is not due before that day.
    ends: dict[int, list[tuple[dt.date, dt.datetime]]] = defaultdict(list)
    for winback_id, end, recorded in (
        WinnerSignal.objects.in_workspace(workspace_id)
        .filter(winback_id__in=open_ids, kind=SignalKind.CONTRACT_END, contract_end__isnull=False)
        .values_list("winback_id", "contract_end", "created_at")
    ):
        if dates.date_in_range(end):  # one stored before dates were bounded has no sane day
            ends[winback_id].append((end, recorded))
    touches: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for touch in (
        PlannedTouch.objects.in_workspace(workspace_id)
        .filter(winback_id__in=open_ids, done_at__isnull=True)
        .values("id", "kind", "planned_for", "note", "winback_id")
    ):
        if dates.date_in_range(touch["planned_for"]):
            touches[touch["winback_id"]].append(touch)
    for w in winbacks:
        yield from _rows(w, sorted(ends[w["id"]]), touches[w["id"]])


def _rows(
    w: dict[str, Any], ends: list[tuple[dt.date, dt.datetime]], touches: list[dict[str, Any]]
) -> Iterable[Row]:
    pk, days, touched = w["id"], w["cadence_days"], w["account__last_touch_at"]
    if touched is not None and not dates.in_band(touched):
        touched = None  # stored before dates were bounded: count from the opening
    common = {"owner_id": w["owner_id"], "subject_id": pk, "account_id": w["account_id"]}
    reference = max(w["opened_at"], touched) if touched else w["opened_at"]
    # No news is bad news: shown once neither the opening nor the last touch is within cadence.
    yield Row(
        key=f"winback:cadence:{pk}",
        bucket="winback_cadence",
        visible_at=reference + dt.timedelta(days=days) + ONE_TICK,
        rank=touched.timestamp() if touched else 0.0,
        params={
            "title": w["title"],
            "days": days,
            "reference": reference.isoformat(),
            "touched": _iso(touched),
        },
        **common,
    )
    # Re-engage now: the signals reach the threshold, or a winner's contract end is near.
    if w["reopened_deal_id"] is None:
        score = w["signal_score"]
        params = {
            "score": score,
            "crossed": _iso(w["signals_crossed_on"]),
            "ends": [end.isoformat() for end, _ in ends],
            "recorded": [recorded.isoformat() for _, recorded in ends],
            "winner": w["lost_to_name"],
            "lost_to": w["lost_to"],
        }
        visible_at, until = w["opened_at"], None
        if score < rules.REENGAGE_THRESHOLD and ends:
            window = dt.timedelta(days=rules.CONTRACT_END_WINDOW_DAYS)
            visible_at = first_moment_of(ends[0][0] - window)
            until = last_moment_of(ends[-1][0])
        if score >= rules.REENGAGE_THRESHOLD or ends:
            yield Row(
                key=f"winback:reengage:{pk}",
                bucket="winback_reengage",
                visible_at=visible_at,
                until=until,
                rank=-w["priority"],
                params=params,
                **common,
            )
    for touch in touches:
        yield Row(
            key=f"winback:touch:{touch['id']}",
            bucket="winback_touches",
            visible_at=first_moment_of(touch["planned_for"] - dt.timedelta(days=HORIZON_DAYS)),
            rank=touch["planned_for"].toordinal(),
            params={
                "touch": touch["id"],
                "kind": touch["kind"],
                "on": touch["planned_for"].isoformat(),
                "note": touch["note"],
                "title": w["title"],
            },
            **common,
        )


def _describe_cadence(row: Stored, ctx: AgendaContext) -> AgendaItem:
    p, account_id = row.params, row.account_id
    every = rules.cadence_words(p["days"])
    touched = ctx.local_date(dt.datetime.fromisoformat(p["reference"]))
    if p["touched"]:
        last_touch = ctx.local_date(dt.datetime.fromisoformat(p["touched"]))
        last = f"last touch {_days((ctx.today - last_touch).days)} ago"
    else:
        last = "no interaction logged yet"
    return AgendaItem(
        key=row.key,
        title=f"No news is bad news: {row.account_name} — {last}, cadence {every} "
        f"({p['days']} days)",
        due=touched + dt.timedelta(days=p["days"]),
        url=_url(row.subject_id),
        source="winback",
        label="Win-back",
        detail=f"{p['title']} · keep the lines open: a call, an e-mail or a lunch",
        account_name=row.account_name,
        account_url=f"/accounts/{account_id}/",
        secondary_label="Log interaction",
        secondary_url=f"/accounts/{account_id}/interactions/new/",
    )


def _describe_reengage(row: Stored, ctx: AgendaContext) -> AgendaItem | None:
    p = row.params
    score = p["score"]
    recorded = p.get("recorded") or [None] * len(p["ends"])  # rows stored before it was kept
    near = [
        (end, dt.datetime.fromisoformat(at) if at else None)
        for end, at in zip((dt.date.fromisoformat(e) for e in p["ends"]), recorded, strict=True)
        if rules.contract_end_near(end, ctx.today)
    ]
    contract_end, known_at = near[0] if near else (None, None)
    if score < rules.REENGAGE_THRESHOLD and contract_end is None:
        return None
    crossed = dt.date.fromisoformat(p["crossed"]) if p["crossed"] else None
    since = rules.reengage_due(
        crossed if score >= rules.REENGAGE_THRESHOLD else None,
        contract_end,
        ctx.today,
        contract_end_known_on=ctx.local_date(known_at) if known_at else None,
    )
    lost_to, name = p.get("lost_to", ""), p["winner"] or ""
    reasons = []
    if score >= rules.REENGAGE_THRESHOLD:
        reasons.append(f"signals about {rules.rival(lost_to, name)} add up to {score} points")
    if contract_end is not None:
        days = (contract_end - ctx.today).days
        when = "today" if days == 0 else f"in {_days(days)}"
        reasons.append(
            f"{rules.rival_contract(lost_to, name)} ends {contract_end.day} "
            f"{contract_end:%b %Y} ({when})"
        )
    detail = "; ".join(reasons)
    return AgendaItem(
        key=row.key,
        title=f"Re-engage now: {row.account_name}",
        due=since or ctx.today,
        url=_url(row.subject_id),
        source="winback",
        label="Win-back",
        detail=detail[:1].upper() + detail[1:] + ".",
        account_name=row.account_name,
        account_url=f"/accounts/{row.account_id}/",
        secondary_label="Open a new deal",
        secondary_url=_url(row.subject_id, "reopen/"),
    )


def _describe_touch(row: Stored, ctx: AgendaContext) -> AgendaItem:
    p = row.params
    what = str(TouchKind(p["kind"]).label).lower()
    anchor = _url(row.subject_id, f"#touch-{p['touch']}")
    return AgendaItem(
        key=row.key,
        title=f"Planned {what} with {row.account_name}",
        due=dt.date.fromisoformat(p["on"]),
        url=anchor,
        source="winback",
        label="Win-back",
        detail=p["note"] or p["title"],
        account_name=row.account_name,
        account_url=f"/accounts/{row.account_id}/",
        secondary_label="Mark done",
        secondary_url=anchor,
    )


DESCRIBE = {
    "winback_cadence": _describe_cadence,
    "winback_reengage": _describe_reengage,
    "winback_touches": _describe_touch,
}


def describe(row: Stored, ctx: AgendaContext) -> AgendaItem | None:
    return DESCRIBE[row.bucket](row, ctx)


def _winback_ids(workspace_id: int, rows: Sequence[Any]) -> Iterable[int]:
    return [row.winback_id for row in rows]


def _winbacks_on_accounts(workspace_id: int, accounts: Sequence[Account]) -> Iterable[int]:
    """An account's last touch feeds its win-backs' cadence (and its deletion takes them)."""
    return (
        WinBack.objects.in_workspace(workspace_id)
        .filter(account_id__in=[a.pk for a in accounts if a.pk is not None])
        .values_list("id", flat=True)
    )


def _winbacks_of_deals(workspace_id: int, deals: Sequence[Deal]) -> Iterable[int]:
    """A re-opened deal's stage decides whether its win-back is still worked."""
    ids = [d.pk for d in deals if d.pk is not None]
    return (
        WinBack.objects.in_workspace(workspace_id)
        .filter(Q(reopened_deal_id__in=ids) | Q(deal_id__in=ids))
        .values_list("id", flat=True)
    )


register(
    Provider(
        name="winback",
        derive=derive,
        describe=describe,
        watches={
            WinBack: by_id,
            PlannedTouch: _winback_ids,
            WinnerSignal: _winback_ids,
            Account: _winbacks_on_accounts,
            Deal: _winbacks_of_deals,
        },
        notes={
            "winback_cadence": (
                "win-back with no news for longer than its cadence",
                "win-backs with no news for longer than their cadence",
                *PORTFOLIO,
            ),
            "winback_reengage": (
                "win-back to re-engage now",
                "win-backs to re-engage now",
                *PORTFOLIO,
            ),
            "winback_touches": (
                "planned win-back touch",
                "planned win-back touches",
                *PORTFOLIO,
            ),
        },
    )
)
