"""Read queries for the win-back pages, API, agenda and reports — scoped to one workspace,
each with its own joins and a fixed number of queries whatever the number of rows.

Lookups by id go through ``get_<object>(*, workspace, id, <parent>=...)`` over
``tenancy.get_scoped``: "missing", "malformed", "another workspace's" and "belongs to another
win-back" raise the same ``NotFound``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import (
    Count,
    DateTimeField,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Left, Length, Lower, Trim
from django.urls import reverse
from django.utils import timezone

from headway.crm import timeline
from headway.crm.models import Contact, Deal, DealStage, Interaction, LostTo, Stance
from headway.kit.methods import PanelItem
from headway.methods.winback import rules
from headway.methods.winback.models import (
    Ask,
    AskAttachment,
    AskStatus,
    PlannedTouch,
    SignalKind,
    Status,
    WinBack,
    WinnerSignal,
    open_q,
)
from headway.sqlfunctions import Days
from headway.workspaces.models import Workspace
from headway.workspaces.tenancy import WorkspaceModel, get_scoped

WorkspaceLike = Workspace | int
M = TypeVar("M", bound=WorkspaceModel)

PAGE_LIMIT = 50
CONTACT_LIMIT = 200
REPORT_ROWS = 12
REPORT_SAMPLE = 5000
REASON_HEAD = 2000
# Reasons listed (the data table, the CSV and the API); the chart draws those given by more
# than one lost deal, at most REPORT_ROWS.
REASON_ROWS = 50


def _winbacks(workspace: WorkspaceLike) -> QuerySet[WinBack]:
    return WinBack.objects.in_workspace(workspace).select_related(
        "account", "account__owner", "owner", "deal", "reopened_deal", "manager_approved_by"
    )


def _under(model: type[M], workspace: WorkspaceLike, *, id: Any, what: str, **parent: Any) -> M:
    """A row under its parent (an ask under its win-back): found by ``get_scoped`` among the
    parent's rows of the workspace only, and given the parent already loaded (no query later)."""
    obj = get_scoped(model.objects.in_workspace(workspace).filter(**parent), id=id, what=what)
    for name, value in parent.items():
        setattr(obj, name, value)
    return obj


def get_winback(*, workspace: WorkspaceLike, id: Any) -> WinBack:
    return get_scoped(_winbacks(workspace), id=id, what="win-back")


def get_ask(*, workspace: WorkspaceLike, id: Any, winback: WinBack) -> Ask:
    return _under(Ask, workspace, id=id, what="ask", winback=winback)


def get_attachment(*, workspace: WorkspaceLike, id: Any, ask: Ask) -> AskAttachment:
    return _under(AskAttachment, workspace, id=id, what="attachment", ask=ask)


def get_touch(*, workspace: WorkspaceLike, id: Any, winback: WinBack) -> PlannedTouch:
    return _under(PlannedTouch, workspace, id=id, what="planned touch", winback=winback)


def get_signal(*, workspace: WorkspaceLike, id: Any, winback: WinBack) -> WinnerSignal:
    return _under(WinnerSignal, workspace, id=id, what="signal", winback=winback)


def winback_for_deal(*, workspace: WorkspaceLike, deal: Deal) -> WinBack | None:
    return WinBack.objects.in_workspace(workspace).filter(deal=deal).only("id").first()


def lost_deals_to_win_back(*, workspace: WorkspaceLike, limit: int = PAGE_LIMIT) -> list[Deal]:
    """The newest lost deals that have no win-back yet (to start one from)."""
    started = WinBack.objects.in_workspace(workspace).values("deal_id")
    return list(
        Deal.objects.in_workspace(workspace)
        .filter(stage=DealStage.LOST)
        .exclude(pk__in=started)
        .select_related("account")
        .order_by("-closed_at", "-id")[:limit]
    )


# --- lists ----------------------------------------------------------------------------------


def _next_touch(workspace: WorkspaceLike) -> Subquery:
    return Subquery(
        PlannedTouch.objects.in_workspace(workspace)
        .filter(winback=OuterRef("pk"), done_at__isnull=True)
        .order_by("planned_for", "id")
        .values("planned_for")[:1]
    )


def _next_contract_end(workspace: WorkspaceLike, today: dt.date) -> Subquery:
    return Subquery(
        WinnerSignal.objects.in_workspace(workspace)
        .filter(winback=OuterRef("pk"), kind=SignalKind.CONTRACT_END, contract_end__gte=today)
        .order_by("contract_end", "id")
        .values("contract_end")[:1]
    )


def winback_list(
    *,
    workspace: WorkspaceLike,
    owner: int | None = None,
    status: str = Status.OPEN,
    today: dt.date | None = None,
) -> QuerySet[WinBack]:
    """Win-backs in portfolio order (highest priority first), open ones by default, with the
    next planned touch and the nearest contract end as columns (no query per row)."""
    today = today or timezone.localdate()
    # Only the joins the list shows: each extra join costs PostgreSQL planning time (with all
    # six it planned for 5 ms to run for 1). The API adds the lost deal for its reference.
    qs = (
        WinBack.objects.in_workspace(workspace)
        .select_related("account", "owner", "reopened_deal", "manager_approved_by")
        .annotate(
            next_touch=_next_touch(workspace),
            next_contract_end=_next_contract_end(workspace, today),
        )
    )
    if status == Status.OPEN:
        qs = qs.filter(open_q())
    elif status == Status.CLOSED:
        qs = qs.filter(closed_at__isnull=False)
    elif status == Status.WON_BACK:
        qs = qs.filter(closed_at__isnull=True, reopened_deal__stage=DealStage.WON)
    elif status == Status.LOST_AGAIN:
        qs = qs.filter(closed_at__isnull=True, reopened_deal__stage=DealStage.LOST)
    if owner:
        qs = qs.filter(owner_id=owner)
    return qs.order_by("-priority", "id")


@dataclass
class Watch:
    """Where a win-back stands on cadence and on the winner watch, at one moment."""

    last_touch_at: dt.datetime | None
    days_since_touch: int | None
    overdue: bool
    reengage: bool
    reasons: list[str]
    contract_end: dt.date | None


def watch(winback: WinBack, *, now: dt.datetime, today: dt.date, contract_end: Any) -> Watch:
    """Cadence and re-engage flags of a win-back whose account is loaded. The reference for
    "no news" is the later of the account's last touch and the day the win-back opened."""
    last = winback.account.last_touch_at
    reference = max(last, winback.opened_at) if last else winback.opened_at
    overdue = winback.is_open and rules.cadence_overdue(reference, winback.cadence_days, now)
    reasons = []
    lost_to, name = winback.lost_to, winback.lost_to_name
    if winback.signal_score >= rules.REENGAGE_THRESHOLD:
        reasons.append(
            f"Signals about {rules.rival(lost_to, name)} add up to {winback.signal_score} "
            f"points (re-engage from {rules.REENGAGE_THRESHOLD})."
        )
    if rules.contract_end_near(contract_end, today):
        days = (contract_end - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        whose = rules.rival_contract(lost_to, name)
        reasons.append(
            f"{whose[:1].upper()}{whose[1:]} ends {contract_end.day} {contract_end:%b %Y} ({when})."
        )
    reengage = (
        winback.is_open
        and winback.reopened_deal_id is None
        and rules.reengage_now(winback.signal_score, contract_end, today)
    )
    return Watch(
        last_touch_at=last,
        days_since_touch=(now - last).days if last else None,
        overdue=overdue,
        reengage=reengage,
        reasons=reasons if reengage else [],
        contract_end=contract_end,
    )


@dataclass
class PortfolioRow:
    rank: int
    winback: WinBack
    watch: Watch
    next_touch: dt.date | None


def portfolio_rows(
    items: list[WinBack], *, start_rank: int = 1, now: dt.datetime | None = None
) -> list[PortfolioRow]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return [
        PortfolioRow(
            rank=start_rank + i,
            winback=winback,
            watch=watch(
                winback,
                now=now,
                today=today,
                contract_end=getattr(winback, "next_contract_end", None),
            ),
            next_touch=getattr(winback, "next_touch", None),
        )
        for i, winback in enumerate(items)
    ]


# --- the win-back page ----------------------------------------------------------------------

STANCE_ORDER = [
    (Stance.ADVOCATE, "Advocates", "▲"),
    (Stance.NEUTRAL, "Neutral", "●"),
    (Stance.DETRACTOR, "Detractors", "▼"),
]


@dataclass
class StanceGroup:
    stance: str
    label: str
    glyph: str
    contacts: list[Contact]


@dataclass
class WinBackPage:
    winback: WinBack
    asks: list[Ask]
    touches: list[PlannedTouch]
    signals: list[WinnerSignal]
    stances: list[StanceGroup]
    interactions: list[Interaction]
    history: list[timeline.Row]
    watch: Watch
    asks_granted: int
    asks_answered: int
    open_touches: int = 0
    contacts_total: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


# Derived, internal or repeated fields: their changes only add noise to the timeline.
HISTORY_HIDDEN = {
    "priority",
    "signal_score",
    "signals_crossed_on",
    "likelihood_reason",
    "opened_at",
    "asked_at",
    "answered_at",
    "position",
    "winback",
    "recorded_by",
    "interaction",
    "account",
    "deal",
    "currency",
}
HISTORY_LIMIT = 30


def winback_page(*, workspace: WorkspaceLike, winback: WinBack) -> WinBackPage:
    """Everything the win-back page shows, in a fixed number of queries; side lists bounded."""
    now = timezone.now()
    today = timezone.localdate()
    asks = list(
        Ask.objects.in_workspace(workspace)
        .filter(winback=winback)
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=AskAttachment.objects.in_workspace(workspace)
                .select_related("uploaded_by")
                .order_by("uploaded_at", "id"),
            )
        )
        .order_by("position", "id")[:PAGE_LIMIT]
    )
    for ask in asks:
        ask.winback = winback
    touches = list(
        PlannedTouch.objects.in_workspace(workspace)
        .filter(winback=winback)
        .order_by(F("done_at").asc(nulls_first=True), "planned_for", "id")[:PAGE_LIMIT]
    )
    signals = list(
        WinnerSignal.objects.in_workspace(workspace)
        .filter(winback=winback)
        .select_related("recorded_by")
        .order_by("-observed_on", "-id")[:PAGE_LIMIT]
    )
    for item in (*touches, *signals):
        item.winback = winback
    contacts = list(
        Contact.objects.in_workspace(workspace)
        .filter(account_id=winback.account_id)
        .select_related("our_person")
        .order_by("name", "id")[:CONTACT_LIMIT]
    )
    stances = [
        StanceGroup(stance, label, glyph, [c for c in contacts if c.stance == stance])
        for stance, label, glyph in STANCE_ORDER
    ]
    interactions = list(
        Interaction.objects.in_workspace(workspace)
        .filter(account_id=winback.account_id)
        .select_related("author")
        .order_by("-occurred_at", "-id")[:5]
    )
    contract_ends = [
        s.contract_end
        for s in signals
        if s.kind == SignalKind.CONTRACT_END and s.contract_end and s.contract_end >= today
    ]
    return WinBackPage(
        winback=winback,
        asks=asks,
        touches=touches,
        signals=signals,
        stances=stances,
        interactions=interactions,
        # The win-back's own changes and those of its asks, touches and signals (one query).
        history=timeline.timeline(
            workspace=workspace,
            obj=winback,
            related={
                Ask: [a.pk for a in asks],
                PlannedTouch: [t.pk for t in touches],
                WinnerSignal: [s.pk for s in signals],
            },
            hidden=HISTORY_HIDDEN,
            limit=HISTORY_LIMIT,
        ),
        watch=watch(
            winback,
            now=now,
            today=today,
            contract_end=min(contract_ends) if contract_ends else None,
        ),
        asks_granted=sum(1 for a in asks if a.status == AskStatus.GRANTED),
        asks_answered=sum(1 for a in asks if a.status in (AskStatus.GRANTED, AskStatus.DECLINED)),
        open_touches=sum(1 for t in touches if not t.done),
        contacts_total=len(contacts),
    )


# --- reports --------------------------------------------------------------------------------


# Plain numbers and fields: the doors (chart, data table, CSV, API) format them.


@dataclass(frozen=True)
class Money:
    """An amount in one currency (never added to another currency's), and how many deals."""

    currency: str
    amount: Decimal
    count: int


@dataclass(frozen=True)
class CompetitorLosses:
    label: str
    count: int
    amounts: tuple[Money, ...]  # one per currency, by currency code


@dataclass(frozen=True)
class ReasonCount:
    label: str
    count: int


@dataclass(frozen=True)
class Reengaged:
    winback_id: int
    title: str
    account_name: str
    decision_date: dt.date
    reengaged_on: dt.date
    days: int


@dataclass
class Reports:
    asks: dict[str, int]
    asks_granted_rate: float | None
    outcomes: dict[str, int]
    winback_rate: float | None
    reengaged: list[Reengaged]
    median_days_to_reengage: float | None
    losses_by_competitor: list[CompetitorLosses]
    losses_by_reason: list[ReasonCount]
    lost_deals: int
    reasons_given_once: int = 0  # reasons that only one lost deal gave (of the sample)

    @property
    def asks_answered(self) -> int:
        return self.asks[AskStatus.GRANTED] + self.asks[AskStatus.DECLINED]

    @property
    def winbacks_total(self) -> int:
        return sum(self.outcomes.values())


def _lost_to_label(kind: str, name: str) -> str:
    if kind == LostTo.COMPETITOR:
        return name or "A competitor (unnamed)"
    if kind == LostTo.ALTERNATIVE:
        return f"Alternative: {name}" if name else "An alternative solution"
    if kind == LostTo.DO_NOTHING:
        return "Do nothing"
    return name or "Not said"


def reports(*, workspace: WorkspaceLike) -> Reports:
    """The manager's numbers, in seven queries whatever the data size.

    - Asks granted rate: granted ÷ answered (granted + declined).
    - Win-back rate: won back ÷ every win-back opened.
    - Days to re-engage: from the decision date to the day the new deal was opened (median).
    - Losses by competitor (name compared without case), their amounts per currency (never
      added across currencies), and by reason (each line or
      ``;``-separated part of a lost deal's reasons, see ``rules.reason_keys``).
    """
    ask_counts = {status: 0 for status in AskStatus.values}
    for row in (
        Ask.objects.in_workspace(workspace).values("status").annotate(n=Count("id")).order_by()
    ):
        ask_counts[row["status"]] = row["n"]
    answered = ask_counts[AskStatus.GRANTED] + ask_counts[AskStatus.DECLINED]

    open_deal = Q(reopened_deal__isnull=True) | ~Q(
        reopened_deal__stage__in=[DealStage.WON, DealStage.LOST]
    )
    totals = WinBack.objects.in_workspace(workspace).aggregate(
        closed=Count("id", filter=Q(closed_at__isnull=False)),
        won=Count("id", filter=Q(closed_at__isnull=True, reopened_deal__stage=DealStage.WON)),
        lost=Count("id", filter=Q(closed_at__isnull=True, reopened_deal__stage=DealStage.LOST)),
        open=Count("id", filter=Q(closed_at__isnull=True) & open_deal),
    )
    outcomes: dict[str, int] = {
        str(Status.OPEN): totals["open"],
        str(Status.WON_BACK): totals["won"],
        str(Status.LOST_AGAIN): totals["lost"],
        str(Status.CLOSED): totals["closed"],
    }

    reengaged_rows = (
        WinBack.objects.in_workspace(workspace)
        .filter(reengaged_on__isnull=False)
        .order_by("-reengaged_on", "-id")
        .values_list("id", "title", "account__name", "decision_date", "reengaged_on")
    )
    reengaged = [
        Reengaged(
            pk, title, account, decided, reengaged_on, rules.days_to_reengage(decided, reengaged_on)
        )
        for pk, title, account, decided, reengaged_on in reengaged_rows[:REPORT_SAMPLE]
    ]

    lost = Deal.objects.in_workspace(workspace).filter(stage=DealStage.LOST)
    competitor_rows = list(
        lost.values("lost_to", key=Lower(Trim("lost_to_name")))
        .annotate(n=Count("id"), name=Min("lost_to_name"))
        .order_by("-n", "key")[:REPORT_ROWS]
    )
    # Amounts per currency of those competitors only: EUR and USD are never added together.
    amounts: dict[tuple[str, str], list[Money]] = {}
    for row in (
        lost.annotate(key=Lower(Trim("lost_to_name")))
        .filter(key__in={row["key"] for row in competitor_rows})
        .values("lost_to", "key", "currency")
        .annotate(n=Count("id"), amount=Sum("amount"))
        .order_by("currency")
    ):
        amounts.setdefault((row["lost_to"], row["key"]), []).append(
            Money(row["currency"], row["amount"] or Decimal(0), row["n"])
        )
    by_competitor = [
        CompetitorLosses(
            label=_lost_to_label(row["lost_to"], (row["name"] or "").strip()),
            count=row["n"],
            amounts=tuple(amounts.get((row["lost_to"], row["key"]), ())),
        )
        for row in competitor_rows
    ]
    reason_counter: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    # The newest lost deals, and only the start of each text: bounded memory at any size. A
    # reason the cut goes through is left out (every reason counted is whole, see
    # rules.complete_reasons). Read oldest first: a reason keeps its first-seen spelling.
    heads = list(
        lost.order_by("-closed_at", "-id")
        .annotate(head=Left("lost_reasons", REASON_HEAD), size=Length("lost_reasons"))
        .values_list("head", "size")[:REPORT_SAMPLE]
    )
    for text, size in reversed(heads):
        found = rules.reasons(rules.complete_reasons(text, cut=(size or 0) > REASON_HEAD))
        for key, written in found:
            spelling.setdefault(key, rules.reason_label(written))
        reason_counter.update(key for key, _ in found)
    by_reason = [
        ReasonCount(label=spelling[key], count=n)
        for key, n in sorted(reason_counter.items(), key=lambda kv: (-kv[1], kv[0]))[:REASON_ROWS]
    ]
    return Reports(
        asks=ask_counts,
        asks_granted_rate=rules.rate(ask_counts[AskStatus.GRANTED], answered),
        outcomes=outcomes,
        winback_rate=rules.rate(outcomes[Status.WON_BACK], sum(outcomes.values())),
        reengaged=reengaged,
        median_days_to_reengage=rules.median([row.days for row in reengaged]),
        losses_by_competitor=by_competitor,
        losses_by_reason=by_reason,
        lost_deals=len(heads),
        reasons_given_once=sum(1 for n in reason_counter.values() if n == 1),
    )


# --- agenda ---------------------------------------------------------------------------------

# The agenda lists up to ~150 win-back items a seller: these read plain rows of the columns the
# items show (model instances of three tables cost more than the queries themselves).
AGENDA_COLUMNS: tuple[str, ...] = (
    *("id", "title", "cadence_days", "opened_at", "signal_score", "signals_crossed_on"),
    *("lost_to_name", "account_id", "account__name", "account__last_touch_at"),
)


def cadence_overdue_for(
    *, workspace: WorkspaceLike, owner_id: int, now: dt.datetime
) -> QuerySet[WinBack, dict[str, Any]]:
    """Open win-backs of one owner with no touch on the account for longer than their
    cadence (compared in SQL per row), stalest first; rows of ``AGENDA_COLUMNS``."""
    deadline = Value(now, output_field=DateTimeField()) - Days(F("cadence_days"))
    return (
        WinBack.objects.in_workspace(workspace)
        .filter(open_q(), owner_id=owner_id, opened_at__lt=deadline)
        .filter(Q(account__last_touch_at__isnull=True) | Q(account__last_touch_at__lt=deadline))
        .order_by(F("account__last_touch_at").asc(nulls_first=True), "id")
        .values(*AGENDA_COLUMNS)
    )


def reengage_due_for(
    *, workspace: WorkspaceLike, owner_id: int, today: dt.date
) -> QuerySet[WinBack, dict[str, Any]]:
    """Open win-backs of one owner, with no new deal yet, whose signals reach the threshold
    or whose winner's contract ends within the window; rows of ``AGENDA_COLUMNS`` and
    ``next_contract_end``."""
    window_end = today + dt.timedelta(days=rules.CONTRACT_END_WINDOW_DAYS)
    near = WinnerSignal.objects.in_workspace(workspace).filter(
        winback=OuterRef("pk"),
        kind=SignalKind.CONTRACT_END,
        contract_end__gte=today,
        contract_end__lte=window_end,
    )
    return (
        WinBack.objects.in_workspace(workspace)
        # Open and no new deal yet (open_q() without its join: no deal at all here).
        .filter(owner_id=owner_id, closed_at__isnull=True, reopened_deal__isnull=True)
        .annotate(
            next_contract_end=Subquery(near.order_by("contract_end").values("contract_end")[:1])
        )
        .filter(Q(signal_score__gte=rules.REENGAGE_THRESHOLD) | Q(next_contract_end__isnull=False))
        .order_by("-priority", "id")
        .values(*AGENDA_COLUMNS, "next_contract_end")
    )


def touches_due_for(
    *, workspace: WorkspaceLike, owner_id: int, horizon: dt.date
) -> QuerySet[PlannedTouch, dict[str, Any]]:
    """Planned touches of one owner's open win-backs due by ``horizon``, soonest first; rows
    of the touch's columns and its win-back's ``AGENDA_COLUMNS`` (prefixed ``winback__``)."""
    return (
        PlannedTouch.objects.in_workspace(workspace)
        .filter(done_at__isnull=True, planned_for__lte=horizon, winback__owner_id=owner_id)
        .filter(open_q("winback__"))
        .order_by("planned_for", "id")
        .values(
            *("id", "kind", "planned_for", "note", "winback_id", "winback__title"),
            *("winback__account_id", "winback__account__name"),
        )
    )


_STATUS_TONES: dict[str, str] = {
    Status.OPEN: "brand",
    Status.WON_BACK: "ok",
    Status.LOST_AGAIN: "bad",
}


def _panel_items(qs: QuerySet[WinBack], limit: int) -> list[PanelItem]:
    rows = qs.select_related("reopened_deal").only(
        "id", "title", "closed_at", "lost_to", "lost_to_name", "reopened_deal__stage"
    )[: limit + 1]
    return [
        PanelItem(
            label=winback.title,
            url=reverse("winback:detail", kwargs={"winback_id": winback.pk}),
            detail=f"lost to {winback.lost_to_name}" if winback.lost_to_name else "",
            badge=winback.status_label,
            tone=_STATUS_TONES.get(winback.status, ""),
        )
        for winback in rows
    ]


def account_panel(*, workspace: WorkspaceLike, obj: Any, limit: int) -> list[PanelItem]:
    """The account page's "Win-backs" panel: newest first, one query."""
    qs = WinBack.objects.in_workspace(workspace).filter(account_id=obj.pk)
    return _panel_items(qs.order_by("-opened_at", "-id"), limit)


def deal_panel(*, workspace: WorkspaceLike, obj: Any, limit: int) -> list[PanelItem]:
    """A lost deal's win-back (one per deal at most)."""
    qs = WinBack.objects.in_workspace(workspace).filter(deal_id=obj.pk)
    return _panel_items(qs.order_by("-opened_at", "-id"), limit)
