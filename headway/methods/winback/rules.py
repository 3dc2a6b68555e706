"""The second-place-finish method's pure rules: no ORM, no I/O (import-linter checks it).

Plain values in, plain values out, so the web pages, the API, the agenda and the reports all
reach the same answer — and the boundaries are unit-tested without a database.

**Short-term replacement likelihood** (:func:`likelihood`). The source text names two
factors that make a lost customer *less* likely to replace the solution they chose soon:

- they are a **repeat buyer** of this kind of solution (they know their needs and how the
  offers differ), and
- they have used the incumbent for a **long time** — :data:`LONG_TENURE_YEARS` years or more
  (they are experts in it and have built processes around it).

Both → ``low``; one of the two → ``medium``; neither (a first-time buyer, short tenure) →
``high``: first choices often fail, and we should be the first call when it does. While
either answer is unknown the likelihood stays ``medium``.

**Effort and cadence** (:func:`cadence_days`, :func:`effort`): the likelihood sets how hard
to work the account — high: a touch every 2 weeks, medium: monthly, low: quarterly. Being
the best alternative stays worth it in every case; only the effort is balanced.

**Winner watch** (:func:`signal_score`, :func:`reengage_now`): each dated signal about the
winner weighs :data:`SIGNAL_WEIGHTS` points (missed promise 3, product problem 3, support
decline 2, price rise 2, key person left 2; a contract end date weighs nothing, it has its own
rule). When the points reach :data:`REENGAGE_THRESHOLD` (5) — or a contract end is at most
:data:`CONTRACT_END_WINDOW_DAYS` (90) days away, that day included — it is time to
**re-engage now**.

**Priority** (:func:`priority`): likelihood factor (high 3, medium 2, low 1) × value (the lost
deal's amount, at least 1) × signal factor (1 + points ÷ threshold, capped at 3).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence
from decimal import Decimal

# --- likelihood -----------------------------------------------------------------------------

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
LEVELS = (HIGH, MEDIUM, LOW)
LEVEL_LABELS = {HIGH: "High", MEDIUM: "Medium", LOW: "Low"}

# From this many years on the incumbent the customer counts as entrenched in it.
LONG_TENURE_YEARS = 3.0


def _years(value: float) -> str:
    text = f"{value:g}"
    return f"{text} year" if text == "1" else f"{text} years"


def likelihood(repeat_buyer: bool | None, years_on_incumbent: float | None) -> tuple[str, str]:
    """Short-term replacement likelihood and the reason, in words a seller reads at once."""
    if repeat_buyer is None or years_on_incumbent is None:
        missing = []
        if repeat_buyer is None:
            missing.append("whether they are a repeat buyer of this kind of solution")
        if years_on_incumbent is None:
            missing.append("how long they have used the incumbent")
        return (
            MEDIUM,
            "Not known yet: " + " and ".join(missing) + ". Assume medium until you know.",
        )
    years = float(years_on_incumbent)
    entrenched = years >= LONG_TENURE_YEARS
    tenure = _years(years)
    if repeat_buyer and entrenched:
        return (
            LOW,
            f"Repeat buyer of this kind of solution with {tenure} on the incumbent: they know "
            "their needs and have built processes around it, so a replacement soon is "
            "unlikely. Stay the clear alternative with a light touch.",
        )
    if repeat_buyer:
        return (
            MEDIUM,
            f"Repeat buyer of this kind of solution (they know their needs and how offers "
            f"differ), but only {tenure} on the incumbent.",
        )
    if entrenched:
        return (
            MEDIUM,
            f"New to buying this kind of solution, but {tenure} on the incumbent: their "
            "processes are built around it.",
        )
    return (
        HIGH,
        f"First-time buyer of this kind of solution with {tenure} on the incumbent: first "
        "choices often fail — be the first call when this one does.",
    )


# --- effort and cadence ---------------------------------------------------------------------

CADENCE_DAYS = {HIGH: 14, MEDIUM: 30, LOW: 90}
CADENCE_WORDS = {HIGH: "every 2 weeks", MEDIUM: "monthly", LOW: "quarterly"}
EFFORT = {
    HIGH: "High effort: a call or e-mail every 2 weeks, a lunch when there is news.",
    MEDIUM: "Medium effort: a monthly call or e-mail, a lunch or two a year.",
    LOW: "Low effort: a quarterly call or e-mail to stay their clear alternative.",
}


def cadence_days(level: str) -> int:
    """Days between touches for a likelihood level."""
    return CADENCE_DAYS[level]


def cadence_words(days: int) -> str:
    for level, value in CADENCE_DAYS.items():
        if value == days:
            return CADENCE_WORDS[level]
    return f"every {days} days"


def effort(level: str) -> str:
    """How hard to work the account for a likelihood level, in words."""
    return EFFORT[level]


def cadence_overdue(last_touch: dt.datetime | None, cadence: int, now: dt.datetime) -> bool:
    """ "No news is bad news": overdue when the last touch is *older* than the cadence (exactly
    ``cadence`` days ago is still on time), or there was none."""
    if last_touch is None:
        return True
    return now - last_touch > dt.timedelta(days=cadence)


# --- winner watch ---------------------------------------------------------------------------

MISSED_PROMISE = "missed_promise"
SUPPORT_DECLINE = "support_decline"
PRODUCT_PROBLEM = "product_problem"
PRICE_RISE = "price_rise"
KEY_PERSON_LEFT = "key_person_left"
CONTRACT_END = "contract_end"

SIGNAL_WEIGHTS = {
    MISSED_PROMISE: 3,
    PRODUCT_PROBLEM: 3,
    SUPPORT_DECLINE: 2,
    PRICE_RISE: 2,
    KEY_PERSON_LEFT: 2,
    CONTRACT_END: 0,
}
REENGAGE_THRESHOLD = 5
CONTRACT_END_WINDOW_DAYS = 90


def signal_score(signals: Iterable[tuple[str, dt.date]], today: dt.date) -> int:
    """Points of the signals observed up to ``today`` (``(kind, observed_on)`` pairs)."""
    return sum(SIGNAL_WEIGHTS.get(kind, 0) for kind, observed in signals if observed <= today)


def threshold_crossed_on(signals: Iterable[tuple[str, dt.date]]) -> dt.date | None:
    """The day the signals first added up to the threshold (the signal that tipped it)."""
    total = 0
    for kind, observed in sorted(signals, key=lambda s: s[1]):
        total += SIGNAL_WEIGHTS.get(kind, 0)
        if total >= REENGAGE_THRESHOLD:
            return observed
    return None


def contract_end_near(contract_end: dt.date | None, today: dt.date) -> bool:
    """The winner's contract ends today or within the next 90 days (day 90 included)."""
    if contract_end is None:
        return False
    return 0 <= (contract_end - today).days <= CONTRACT_END_WINDOW_DAYS


def reengage_now(score: int, contract_end: dt.date | None, today: dt.date) -> bool:
    """Time to re-engage: the signals reach the threshold, or the contract end is near."""
    return score >= REENGAGE_THRESHOLD or contract_end_near(contract_end, today)


def reengage_due(
    crossed_on: dt.date | None,
    contract_end: dt.date | None,
    today: dt.date,
    *,
    contract_end_known_on: dt.date | None = None,
) -> dt.date | None:
    """Since when re-engaging has been due (for the agenda), or None if it is not.

    A contract end is due from the start of its 90-day window — but not before the day it was
    recorded (``contract_end_known_on``): an end 80 days away recorded today is due today, not
    "10 days overdue" for days nobody could have acted on."""
    days: list[dt.date] = []
    if crossed_on is not None:
        days.append(crossed_on)
    if contract_end_near(contract_end, today):
        assert contract_end is not None
        due = contract_end - dt.timedelta(days=CONTRACT_END_WINDOW_DAYS)
        if contract_end_known_on is not None:
            due = max(due, min(contract_end_known_on, today))
        days.append(due)
    return min(days) if days else None


# What the customer chose instead, in words: a loss to "do nothing" has no winner — the watch is
# about what they kept (their current way, supplier or contract).
DO_NOTHING = "do_nothing"
ALTERNATIVE = "alternative"


def rival(lost_to: str, name: str) -> str:
    """Who or what the signals are about: "FrostGuard", "the winner", "the alternative they
    chose", or — for a loss to doing nothing — "what they kept"."""
    if lost_to == DO_NOTHING:
        return "what they kept"
    if name:
        return name
    return "the alternative they chose" if lost_to == ALTERNATIVE else "the winner"


def rival_contract(lost_to: str, name: str) -> str:
    """Whose contract ends: "FrostGuard's contract", "the contract for <alternative>", or —
    for a loss to doing nothing — "their current contract"."""
    if lost_to == DO_NOTHING:
        return "their current contract"
    if lost_to == ALTERNATIVE:
        return f"the contract for {name}" if name else "the contract for the alternative"
    return f"{name}'s contract" if name else "the winner's contract"


def watch_title(lost_to: str) -> str:
    return "Watch on what they kept" if lost_to == DO_NOTHING else "Winner watch"


# --- priority -------------------------------------------------------------------------------

LIKELIHOOD_FACTOR = {HIGH: 3, MEDIUM: 2, LOW: 1}
MAX_SIGNAL_FACTOR = 3.0


def priority(level: str, value: Decimal | float | int, score: int) -> float:
    """Rank of an open win-back: likelihood × value × signals (higher first).

    The value counts as at least 1 so a win-back with no amount still ranks by likelihood
    and signals; the signal factor runs from 1 (no signal) to 3.
    """
    signal_factor = min(1 + max(score, 0) / REENGAGE_THRESHOLD, MAX_SIGNAL_FACTOR)
    amount = max(float(value), 1.0)
    return round(LIKELIHOOD_FACTOR[level] * amount * signal_factor, 2)


# --- reports --------------------------------------------------------------------------------


def median(values: Sequence[float | int]) -> float | None:
    return float(statistics.median(values)) if values else None


def rate(part: int, whole: int) -> float | None:
    """A share between 0 and 1, or None when there is nothing to divide by."""
    return part / whole if whole else None


def days_to_reengage(decision_date: dt.date, reengaged_on: dt.date) -> int:
    return (reengaged_on - decision_date).days


# A list mark: a dash or bullet, or a number "1." / "2)" — not a number the reason starts with
# ("18% cheaper", "2-year price freeze").
_BULLET = re.compile(r"^\s*(?:[-*•·–—]+|\d{1,3}[.)](?=\s))\s*")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?]\s+\S")


def _reason_parts(text: str) -> list[str]:
    """A lost deal's "why we lost" as separate reasons: one per line (a list) — and, in a line
    that is a short list rather than prose, one per ``;``. A line of sentences ("FrostGuard came
    in cheaper. Procurement scored price highest; Jonas …") stays one reason: cut at its
    ``;`` it would give fragments nobody wrote as a reason."""
    parts: list[str] = []
    for line in (text or "").splitlines():
        pieces = line.split(";")
        if len(pieces) > 1 and _SENTENCE_END.search(line.strip()):
            pieces = [line]
        parts.extend(pieces)
    return parts


def _reason_text(part: str) -> str:
    """A reason as written: without a bullet, spaces collapsed, without a closing full stop."""
    return _SPACE.sub(" ", _BULLET.sub("", part)).strip().rstrip(".!,:;").strip()


def reason_key(text: str) -> str:
    """What two reasons must share to count together: the text without case or spacing."""
    return _SPACE.sub(" ", text).strip().casefold()


def reason_label(text: str) -> str:
    """A reason as a label: as written — names keep their spelling ("FrostGuard", "iPhone") —
    only an all-lower-case first word gets a capital ("price" → "Price")."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if first.islower() else text


def reasons(text: str) -> list[tuple[str, str]]:
    """The reasons in a free-text "why we lost", as (key, text as written) pairs: "Price." and
    "- price" share a key. At most one of each per deal, in the order written; never cut."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for part in _reason_parts(text):
        written = _reason_text(part)
        key = reason_key(written)
        if key and key not in seen:
            seen.add(key)
            out.append((key, written))
    return out


def reason_keys(text: str) -> list[str]:
    """The keys of :func:`reasons` (lower-cased, spaces collapsed), in the order written."""
    return [key for key, _ in reasons(text)]


def complete_reasons(head: str, *, cut: bool) -> str:
    """The start of a long "why we lost" (the reports read a bounded head of each text) without
    the reason the cut went through: every reason counted is whole. When the cut falls in the
    only reason, it ends at its last whole word with "…"."""
    if not cut:
        return head
    lines = head.splitlines()
    if len(lines) > 1:
        return "\n".join(lines[:-1])
    pieces = _reason_parts(head)
    if len(pieces) > 1:
        return ";".join(pieces[:-1])
    words = head.split()
    return " ".join(words[:-1]) + "…" if len(words) > 1 else head
