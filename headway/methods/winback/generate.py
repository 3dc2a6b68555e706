"""Generated win-backs for ``headway generate``: about 60 % of the lost deals.

Each win-back copies its lost deal's facts (account, owner, who won, the reasons, the amount),
gets a buyer profile (and so a likelihood, cadence and priority from
:mod:`headway.methods.winback.rules`), the four standard asks in mixed statuses, planned touches
(done ones behind, the next ones ahead) and winner signals — some past the re-engage threshold,
some with the winner's contract ending within 90 days. A few were re-engaged: they opened a new
deal, still open, won back or lost again; a few were closed by hand. Rows are written with the
bulk writer; see :mod:`headway.generate`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from headway.crm.models import Deal
from headway.generate import GenerateContext, GeneratedDeal, register_generator
from headway.methods.winback import rules
from headway.methods.winback.models import STANDARD_ASKS, Ask, PlannedTouch, WinBack, WinnerSignal

SHARE = 0.6

WINBACK_FIELDS = [
    "id", "workspace_id", "title", "deal_id", "account_id", "owner_id", "lost_to",
    "lost_to_name", "decision_date", "reasons", "value", "currency", "repeat_buyer",
    "years_on_incumbent", "likelihood", "likelihood_reason", "likelihood_override",
    "override_reason", "cadence_days", "signal_score", "signals_crossed_on", "priority",
    "reopened_deal_id", "reengaged_on", "manager_approved_by_id", "manager_approved_at",
    "opened_at", "closed_at", "close_note", "updated_at", "version",
]  # fmt: skip
ASK_FIELDS = [
    "id", "workspace_id", "winback_id", "kind", "text", "status", "obtained", "asked_at",
    "answered_at", "position", "created_at", "updated_at", "version",
]  # fmt: skip
TOUCH_FIELDS = [
    "id", "workspace_id", "winback_id", "kind", "planned_for", "note", "done_at",
    "interaction_id", "created_at", "updated_at", "version",
]  # fmt: skip
SIGNAL_FIELDS = [
    "id", "workspace_id", "winback_id", "kind", "observed_on", "note", "contract_end",
    "recorded_by_id", "created_at", "updated_at", "version",
]  # fmt: skip
DEAL_FIELDS = [
    "id", "workspace_id", "account_id", "title", "amount", "currency", "stage",
    "expected_close", "competitors", "owner_id", "lost_to", "lost_to_name", "lost_reasons",
    "closed_at", "external_id", "created_at", "updated_at", "version",
]  # fmt: skip

OBTAINED = {
    "evaluation": "Their scorecard: we lost on implementation time, won on features.",
    "criteria": "Price 40 %, references 30 %, roll-out plan 30 %.",
    "deciders": "Thirty minutes with the head of operations next month.",
    "executives": "The CFO's and the COO's names and e-mails.",
}
SIGNAL_NOTES = {
    rules.MISSED_PROMISE: "The roll-out slipped by two months.",
    rules.SUPPORT_DECLINE: "Tickets take a week to get an answer.",
    rules.PRODUCT_PROBLEM: "The integration with their ERP keeps failing.",
    rules.PRICE_RISE: "The winner announced a 15 % price rise.",
    rules.KEY_PERSON_LEFT: "The winner's account manager left.",
    rules.CONTRACT_END: "Their contract with the winner ends soon.",
}
TOUCH_NOTES = (
    "Check how the roll-out is going",
    "Share the new release notes",
    "Lunch with the project lead",
    "Invite to the customer evening",
    "",
)
CLOSE_NOTES = ("They signed for five years.", "The company was acquired.")
WEIGHTED = [k for k, w in rules.SIGNAL_WEIGHTS.items() if w > 0]

Row = tuple[Any, ...]


@register_generator("winback")
def winbacks(ctx: GenerateContext) -> None:
    rng, now, today, ws, writer = ctx.rng, ctx.now, ctx.today, ctx.workspace.pk, ctx.writer
    lost = [d for d in ctx.facts.lost_deals if d.closed_at is not None]
    if not lost:
        return
    picked = [lost[i] for i in sorted(rng.sample(range(len(lost)), round(len(lost) * SHARE)))]
    # One query for what the facts do not carry (titles, reasons, currencies).
    details = {
        pk: (title, reasons, currency)
        for pk, title, reasons, currency in Deal.objects.in_workspace(ctx.workspace)
        .filter(pk__in=[d.id for d in picked])
        .values_list("id", "title", "lost_reasons", "currency")
    }
    names = {a.id: a.name for a in ctx.facts.accounts}
    managers = ctx.facts.manager_ids or [ctx.facts.admin_id]

    winback_rows: list[Row] = []
    ask_rows: list[Row] = []
    touch_rows: list[Row] = []
    signal_rows: list[Row] = []
    deal_rows: list[Row] = []
    ids = writer.reserve_ids(WinBack, len(picked))
    for winback_id, deal in zip(ids, picked, strict=True):
        assert deal.closed_at is not None
        title, reasons, currency = details[deal.id]
        decided = deal.closed_at.date()
        opened = (deal.closed_at + dt.timedelta(hours=rng.randint(1, 72))).replace(microsecond=0)
        opened = min(opened, now - dt.timedelta(hours=1))
        value = Decimal(deal.amount).quantize(Decimal("0.01"))

        # Buyer profile → likelihood → cadence.
        repeat = rng.choice((True, False, None)) if rng.random() < 0.9 else None
        years = (
            Decimal(str(rng.choice((0.5, 1, 1.5, 2, 3, 4, 6, 8)))) if rng.random() < 0.8 else None
        )
        level, reason = rules.likelihood(repeat, None if years is None else float(years))
        override = override_reason = ""
        if rng.random() < 0.08:
            override = rng.choice([lv for lv in rules.LEVELS if lv != level])
            override_reason = "The champion told us they are unhappy already."
        in_force = override or level
        cadence = rules.cadence_days(in_force)

        # Winner signals: a third cross the threshold, a fifth see the contract end soon.
        signals: list[tuple[str, dt.date, dt.date | None]] = []
        since = max((today - decided).days, 1)
        roll = rng.random()
        if roll < 0.33:
            kinds = rng.sample(WEIGHTED, rng.randint(2, 3))
            while sum(rules.SIGNAL_WEIGHTS[k] for k in kinds) < rules.REENGAGE_THRESHOLD:
                kinds.append(rng.choice(WEIGHTED))
        elif roll < 0.7:
            kinds = rng.sample(WEIGHTED, 1) if rng.random() < 0.7 else []
        else:
            kinds = []
        for kind in kinds:
            signals.append((kind, decided + dt.timedelta(days=rng.randint(1, since)), None))
        if rng.random() < 0.2:
            ends = today + dt.timedelta(days=rng.randint(0, rules.CONTRACT_END_WINDOW_DAYS))
            observed = decided + dt.timedelta(days=rng.randint(0, since))
            signals.append((rules.CONTRACT_END, min(observed, today), ends))
        elif rng.random() < 0.1:
            ends = today + dt.timedelta(days=rng.randint(200, 700))
            signals.append((rules.CONTRACT_END, decided, ends))
        pairs = [(kind, observed) for kind, observed, _ in signals]
        score = rules.signal_score(pairs, today)
        crossed = rules.threshold_crossed_on(pairs)
        for kind, observed, contract_end in signals:
            at = dt.datetime.combine(observed, dt.time(rng.randint(8, 17)), tzinfo=dt.UTC)
            at = min(max(at, opened), now)
            signal_rows.append(
                (None, ws, winback_id, kind, observed, SIGNAL_NOTES[kind], contract_end, deal.owner_id,
                 at, at, 1)
            )  # fmt: skip

        # Re-engaged ones opened a new deal: still open, won back, or lost again.
        reopened_id = None
        reengaged = None
        closed_at = None
        close_note = ""
        fate = rng.random()
        if fate < 0.2 and since > 14:
            reengaged = decided + dt.timedelta(days=rng.randint(14, since))
            reopened_id = writer.reserve_ids(Deal, 1)[0]
            stage = rng.choices(("won", "lost", "negotiate"), (4, 3, 3))[0]
            created = dt.datetime.combine(reengaged, dt.time(10), tzinfo=dt.UTC)
            created = min(created, now - dt.timedelta(hours=1))
            new_closed = None
            expected = today + dt.timedelta(days=rng.randint(10, 90))
            lost_to = lost_to_name = lost_reasons = ""
            if stage != "negotiate":
                new_closed = min(created + dt.timedelta(days=rng.randint(10, 90)), now)
                expected = new_closed.date()
                if stage == "lost":
                    lost_to, lost_to_name = deal.lost_to, deal.lost_to_name
                    lost_reasons = reasons
            # Later generators see the new deal among the facts, as it is in the database.
            ctx.facts.deals.append(
                GeneratedDeal(
                    id=reopened_id,
                    account_id=deal.account_id,
                    owner_id=deal.owner_id,
                    stage=stage,
                    amount=int(value),
                    closed_at=new_closed,
                    lost_to=lost_to,
                    lost_to_name=lost_to_name,
                )
            )
            deal_rows.append(
                (
                    reopened_id, ws, deal.account_id, f"{title} (win-back)"[:200], value,
                    currency, stage, expected, deal.lost_to_name, deal.owner_id, lost_to,
                    lost_to_name, lost_reasons, new_closed, "", created, new_closed or created,
                    1,
                )
            )  # fmt: skip
        elif fate < 0.26:
            closed_at = min(opened + dt.timedelta(days=rng.randint(20, 200)), now)
            close_note = rng.choice(CLOSE_NOTES)
        priority = rules.priority(in_force, value, score)

        # The four asks, made soon after the "no" while the customer still feels bad about it.
        for position, (kind, text) in enumerate(STANDARD_ASKS):
            status = rng.choices(("to_ask", "asked", "granted", "declined"), (3, 3, 3, 2))[0]
            asked = answered = None
            obtained = ""
            if status != "to_ask":
                asked = min(opened + dt.timedelta(hours=rng.randint(1, 120)), now)
            if status in ("granted", "declined") and asked is not None:
                answered = min(asked + dt.timedelta(hours=rng.randint(2, 240)), now)
                if status == "granted":
                    obtained = OBTAINED[kind]
            updated = answered or asked or opened
            ask_rows.append(
                (None, ws, winback_id, kind, text, status, obtained, asked, answered, position,
                 opened, updated, 1)
            )  # fmt: skip

        # Touches at the cadence: the done ones behind, the next two ahead (if still open).
        touch_day = decided + dt.timedelta(days=cadence)
        still_open = closed_at is None and reopened_id is None
        while touch_day <= today:
            done = dt.datetime.combine(touch_day, dt.time(rng.randint(8, 17)), tzinfo=dt.UTC)
            if rng.random() < 0.6 and done <= now:
                kind = rng.choices(("call", "email", "lunch"), (5, 4, 1))[0]
                touch_rows.append(
                    (None, ws, winback_id, kind, touch_day, rng.choice(TOUCH_NOTES), done, None,
                     opened, done, 1)
                )  # fmt: skip
            touch_day += dt.timedelta(days=cadence)
        if still_open:
            for offset in (0, cadence):
                kind = rng.choices(("call", "email", "lunch"), (5, 4, 1))[0]
                touch_rows.append(
                    (None, ws, winback_id, kind, touch_day + dt.timedelta(days=offset),
                     rng.choice(TOUCH_NOTES), None, None, opened, opened, 1)
                )  # fmt: skip

        approved_by = approved_at = None
        if value >= 50_000 and rng.random() < 0.5:
            approved_by = rng.choice(managers)
            approved_at = min(opened + dt.timedelta(days=rng.randint(1, 5)), now)
        winback_rows.append(
            (
                winback_id, ws, f"Win back {names.get(deal.account_id, title)}"[:300], deal.id,
                deal.account_id, deal.owner_id, deal.lost_to, deal.lost_to_name, decided,
                reasons, value, currency, repeat, years, level, reason, override,
                override_reason, cadence, score, crossed, priority, reopened_id, reengaged,
                approved_by, approved_at, opened, closed_at, close_note,
                max(t for t in (opened, closed_at, approved_at) if t is not None), 1,
            )
        )  # fmt: skip

    if deal_rows:
        ctx.count("re-opened deals", writer.insert(Deal, DEAL_FIELDS, deal_rows))
    ctx.count("win-backs", writer.insert(WinBack, WINBACK_FIELDS, winback_rows))
    _insert_with_ids(ctx, Ask, ASK_FIELDS, ask_rows, "asks")
    _insert_with_ids(ctx, PlannedTouch, TOUCH_FIELDS, touch_rows, "planned touches")
    _insert_with_ids(ctx, WinnerSignal, SIGNAL_FIELDS, signal_rows, "winner signals")


def _insert_with_ids(
    ctx: GenerateContext, model: type[Any], fields: list[str], rows: list[Row], what: str
) -> None:
    """Fill the ``None`` id of each row from fresh ids, then insert."""
    ids = ctx.writer.reserve_ids(model, len(rows))
    numbered = [(new_id, *row[1:]) for new_id, row in zip(ids, rows, strict=True)]
    ctx.count(what, ctx.writer.insert(model, fields, numbered))
