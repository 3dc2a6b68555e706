"""The Option Solving method's pure rules: no ORM, no I/O (an import-linter contract checks it).

Plain values in, plain values out, so the web pages, the API, the agenda and the tests all share
one definition of each rule:

- the stages a decision walks through and what each step needs (:func:`incubation_refusal`,
  :func:`framing_refusal`, :func:`choice_refusal`);
- the composed **rational question** (:func:`compose_question`);
- the **review time** after sleeping on it (:func:`next_review_time`), in the owner's zone;
- alternative labels A, B, … Z, AA, AB, … (:func:`label_for`), a typed "Option B –" label
  understood and left out of the text (:func:`split_label`), and the duplicate check
  (:func:`normalise_for_duplicate`);
- how long the morning choice took, in words (:func:`duration_words`).

Refusals are returned as messages (``None`` when the step is allowed); the services turn them
into ``RuleRefused`` (HTTP 409) or validation errors (422).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata
import zoneinfo
from collections.abc import Sequence

# --- stages -----------------------------------------------------------------------------------

FRAME = "frame"
OPTIONS = "options"
SLEEPING = "sleeping"
ACT = "act"
OUTCOME = "outcome"
DONE = "done"

#: Stored stages in order. "Morning choice" is not stored: it is a sleeping decision whose review
#: time has come (see :func:`shown_stage`).
STAGES: tuple[str, ...] = (FRAME, OPTIONS, SLEEPING, ACT, OUTCOME, DONE)
REVIEW = "review"

#: The six steps of the method as the user sees them (key, label).
STEPS: tuple[tuple[str, str], ...] = (
    (FRAME, "Frame"),
    (OPTIONS, "Options"),
    (SLEEPING, "Sleep on it"),
    (REVIEW, "Morning choice"),
    (ACT, "Act"),
    (OUTCOME, "Outcome"),
)

#: Stages in which the options can still be edited (editing while sleeping ends the sleep).
EDITABLE_STAGES = (FRAME, OPTIONS, SLEEPING)
#: Stages in which a choice has been made.
CHOSEN_STAGES = (ACT, OUTCOME, DONE)

MIN_KEY_CONSIDERATIONS = 2
MIN_ALTERNATIVES = 5
MIN_SLEEP_HOURS = 6
DEFAULT_REVIEW_TIME = dt.time(7, 30)
#: A choice made this long ago with no action makes the agenda nag.
ACTION_NAG_AFTER = dt.timedelta(hours=24)
SPECTRUM_MIN = 0
SPECTRUM_MAX = 100


def shown_stage(stage: str, *, review_due: bool) -> str:
    """The step to show: a sleeping decision whose review time has come is at "Morning choice";
    a decision whose outcome is recorded has completed every step (shown as "Outcome")."""
    if stage == SLEEPING and review_due:
        return REVIEW
    if stage == DONE:
        return OUTCOME
    return stage


def step_states(stage: str, *, review_due: bool) -> list[tuple[str, str, str]]:
    """(key, label, state) for each step, state being "done", "current" or "todo"."""
    current = shown_stage(stage, review_due=review_due)
    keys = [key for key, _ in STEPS]
    index = keys.index(current)
    out = []
    for i, (key, label) in enumerate(STEPS):
        if stage == DONE or i < index:
            state = "done"
        elif i == index:
            state = "current"
        else:
            state = "todo"
        out.append((key, label, state))
    return out


def framing_refusal(key_count: int) -> str | None:
    """Leaving framing needs at least two key considerations."""
    if key_count < MIN_KEY_CONSIDERATIONS:
        return (
            f"Mark at least {MIN_KEY_CONSIDERATIONS} key considerations before moving on to the "
            f"options (now {key_count}). The method keeps about half of those you list."
        )
    return None


def unkey_refusal(stage: str, key_count_after: int) -> str | None:
    """Past framing, the question must keep at least two key considerations."""
    if stage != FRAME and key_count_after < MIN_KEY_CONSIDERATIONS:
        return (
            f"The question needs at least {MIN_KEY_CONSIDERATIONS} key considerations: mark "
            "another one key first, then unmark this one."
        )
    return None


def edit_refusal(stage: str) -> str | None:
    """The options are frozen once a choice has been made (sleeping is no refusal: editing then
    ends the incubation, see :func:`ends_incubation`)."""
    if stage in CHOSEN_STAGES:
        return (
            "The choice is made, so the question and options stay as they were when you chose. "
            "Start a new decision to weigh new options."
        )
    return None


def ends_incubation(stage: str) -> bool:
    """Editing the options while sleeping on them ends the incubation: sleep on them again."""
    return stage == SLEEPING


def incubation_refusal(
    *, stage: str, key_count: int, has_yin: bool, has_yang: bool, alternative_count: int
) -> str | None:
    """What is missing before the user may sleep on the options (``None``: nothing)."""
    if stage == SLEEPING:
        return "You are already sleeping on it."
    if stage in CHOSEN_STAGES:
        return "The choice is made: there is nothing left to sleep on."
    missing = []
    framing = framing_refusal(key_count)
    if framing:
        missing.append(f"at least {MIN_KEY_CONSIDERATIONS} key considerations (now {key_count})")
    if not (has_yin and has_yang):
        missing.append("both bookends, yin (soft) and yang (hard)")
    if alternative_count < MIN_ALTERNATIVES:
        missing.append(
            f"at least {MIN_ALTERNATIVES} pragmatic alternatives (now {alternative_count})"
        )
    if missing:
        return "Before sleeping on it, add " + "; ".join(missing) + "."
    return None


def sleeping_message(review_local: dt.datetime) -> str:
    """The refusal while sleeping on it, with the review time in the owner's zone."""
    return f"Sleeping on it until {review_local:%a %H:%M}"


def choice_refusal(
    *, stage: str, now: dt.datetime, review_at: dt.datetime | None, review_local_text: str
) -> str | None:
    """Choosing needs a night's sleep first: not before incubation, not before review time."""
    if stage in (FRAME, OPTIONS):
        return (
            "Sleep on it first: with at least five alternatives, start the incubation, then "
            "choose at your morning review."
        )
    if stage == SLEEPING and (review_at is None or now < review_at):
        return review_local_text
    return None


BOOKEND_NOT_CHOOSABLE = (
    "Bookends frame the space: they are never chosen. Pick one of the pragmatic alternatives "
    "(A, B, C…)."
)


# --- the rational question ---------------------------------------------------------------------


def _clause(text: str) -> str:
    text = " ".join(text.split())
    return text.rstrip(" .;,?!")


def compose_question(goal: str, key_considerations: Sequence[str]) -> str:
    """``What is our best option for <goal>; considering 1) … 2) …?`` — the method's wording."""
    goal_text = _clause(goal) or "…"
    if goal_text[:1].isupper() and not goal_text[1:2].isupper():
        goal_text = goal_text[0].lower() + goal_text[1:]
    question = f"What is our best option for {goal_text}"
    items = [_clause(c) for c in key_considerations if _clause(c)]
    if items:
        numbered = [f"{i}) {text}" for i, text in enumerate(items, 1)]
        if len(numbered) > 1:
            joined = ", ".join(numbered[:-1]) + ", and " + numbered[-1]
        else:
            joined = numbered[0]
        question += f"; considering {joined}"
    return question + "?"


def key_summary(key_count: int, total: int) -> str:
    """``n of m key`` with the method's hint: keep about half of those listed."""
    text = f"{key_count} of {total} key"
    if total >= 4 and not (total / 2 - 1 <= key_count <= total / 2 + 1):
        text += " — the method keeps about half"
    return text


# --- labels and duplicates ---------------------------------------------------------------------


def label_for(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 27 → AB … (spreadsheet-style, no gaps)."""
    if index < 0:
        raise ValueError("index must be ≥ 0")
    label = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


# "Option B – Meet/Phone key contact …", as the source text writes an alternative (also
# "Option b: …", "Alternative C - …", "B – …"): a label before the words, not part of them.
_LABEL = re.compile(
    r"^\s*(?:(?:option|alternative)\s+(?P<named>[a-z]{1,2})\s*[–—:.)-]"
    r"|(?P<bare>[A-Z])\s+[–—-])\s*(?=\S)",
    re.IGNORECASE,
)


def split_label(text: str) -> tuple[str, str]:
    """A leading "Option X –" label and the alternative's own words: ``("B", "Meet/Phone …")``
    for "Option B – Meet/Phone …", ``("", text)`` when there is none. Labels are given by the
    order alternatives are added (A, B, C… without gaps), so a typed label is never kept — the
    text without it is the alternative, and the page says which letter it got."""
    match = _LABEL.match(text)
    if match is None:
        return "", text
    if match.group("bare") and not match.group("bare").isupper():
        return "", text  # "a – …" is a word, not a label
    rest = text[match.end() :].strip()
    if not rest:
        return "", text
    return (match.group("named") or match.group("bare")).upper(), rest


def normalise_for_duplicate(text: str) -> str:
    """Two alternatives are the same when they differ only in case, spaces or Unicode form."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def duplicate_message(text: str, existing_label: str) -> str:
    return (
        f"“{' '.join(text.split())}” is already {existing_label}. Write a different "
        f"alternative, or change {existing_label} instead."
    )


# --- spectrum ----------------------------------------------------------------------------------


def spectrum_refusal(value: int | None) -> str | None:
    if value is None:
        return None
    if not SPECTRUM_MIN <= value <= SPECTRUM_MAX:
        return (
            f"Place it between {SPECTRUM_MIN} (yin, soft) and {SPECTRUM_MAX} (yang, hard), or "
            "leave it empty."
        )
    return None


def spectrum_words(value: int | None) -> str:
    if value is None:
        return "not placed"
    if value <= 20:
        return "soft, near yin"
    if value < 40:
        return "rather soft"
    if value <= 60:
        return "middle"
    if value < 80:
        return "rather hard"
    return "hard, near yang"


# --- review time -------------------------------------------------------------------------------


def _zone(tz_name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(tz_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _wall(instant: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return instant.astimezone(tz).replace(tzinfo=None, fold=0)


def instants_at(wall: dt.datetime, tz: dt.tzinfo) -> list[dt.datetime]:
    """Every UTC instant whose local time in ``tz`` is the naive ``wall`` time, earliest first.

    - Usually one.
    - Two when clocks go back and the wall time happens twice (both folds).
    - None exists when clocks go forward over it: then the **first valid instant at or after the
      wall time** is returned — the moment the clocks jump (02:30 on a spring-forward night from
      02:00 to 03:00 gives 03:00 local). That is the earliest moment the morning review time
      "has come", so a review is never pushed later than the clock change forces.
    """
    candidates = []
    for fold in (0, 1):
        instant = wall.replace(tzinfo=tz, fold=fold).astimezone(dt.UTC)
        if _wall(instant, tz) == wall:
            candidates.append(instant)
    if candidates:
        return sorted(set(candidates))
    # A gap: fold=1 lands before it, fold=0 after it; find the jump between them (to the second).
    low = wall.replace(tzinfo=tz, fold=1).astimezone(dt.UTC)
    high = wall.replace(tzinfo=tz, fold=0).astimezone(dt.UTC)
    if low > high:
        low, high = high, low
    # Invariant: wall(low) < wall ≤ wall(high).
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            middle = low + dt.timedelta(seconds=1)
        if _wall(middle, tz) >= wall:
            high = middle
        else:
            low = middle
    return [high]


def next_review_time(
    start_utc: dt.datetime,
    tz_name: str,
    review_time: dt.time = DEFAULT_REVIEW_TIME,
    min_hours: float = MIN_SLEEP_HOURS,
) -> dt.datetime:
    """The owner's next morning review after starting to sleep on it, as an aware UTC datetime.

    The first instant at the owner's ``review_time`` (wall clock in ``tz_name``) that is at least
    ``min_hours`` of real elapsed time after ``start_utc``. Daylight-saving changes are handled
    by :func:`instants_at` (a repeated wall time: its first occurrence that is late enough; a
    skipped one: the moment the clocks jump over it). An unknown zone counts as UTC.
    """
    if start_utc.tzinfo is None:
        raise ValueError("start_utc must be timezone-aware")
    tz = _zone(tz_name)
    earliest = start_utc.astimezone(dt.UTC) + dt.timedelta(hours=min_hours)
    review_time = review_time.replace(tzinfo=None, fold=0)
    day = _wall(start_utc, tz).date()
    # A few days are always enough (6 h < 1 day; the longest historical skip is one day).
    for offset in range(5):
        wall = dt.datetime.combine(day + dt.timedelta(days=offset), review_time)
        for instant in instants_at(wall, tz):
            if instant >= earliest:
                return instant
    raise AssertionError("no review time found within five days")  # pragma: no cover


def local_review_text(review_at: dt.datetime, tz_name: str) -> str:
    """``Tue 24 Nov, 07:30`` in the owner's zone (for pages and e-mails)."""
    local = review_at.astimezone(_zone(tz_name))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


def local_review(review_at: dt.datetime, tz_name: str) -> dt.datetime:
    return review_at.astimezone(_zone(tz_name))


# --- the morning choice ------------------------------------------------------------------------


def choice_seconds(
    *, review_at: dt.datetime | None, opened_at: dt.datetime | None, chosen_at: dt.datetime
) -> int:
    """How long the choice took: from opening the review screen, or else from the review time."""
    start = opened_at or review_at or chosen_at
    return max(0, int((chosen_at - start).total_seconds()))


def duration_words(seconds: int | None) -> str:
    """12 seconds · 3 min 5 s · 2 h 5 min · 3 days."""
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


#: Why the method discourages changing the morning choice (source 000: "Whatever his most
#: spontaneous choice, which had been objectively researched by his intuitive mind overnight,
#: should be the one to pursue. Even if it doesn't seem quite the ideal choice, he shouldn't
#: second-guess himself") — said whenever the choice is changed.
SECOND_GUESS_WHY = (
    "The method advises against it: your most spontaneous choice after sleeping on it is the "
    "one your intuitive mind researched overnight — pursue it even if it does not seem quite "
    "ideal, and put the energy into the action rather than second-guessing. Your morning "
    "choice stays on record and a change is shown as a second guess."
)


def needs_action_nag(
    *, stage: str, chosen_at: dt.datetime | None, now: dt.datetime, has_action: bool
) -> bool:
    """24 h after a choice with no action initiative, the agenda nags."""
    return (
        stage == ACT
        and not has_action
        and chosen_at is not None
        and now - chosen_at >= ACTION_NAG_AFTER
    )


# --- colleagues' picks -------------------------------------------------------------------------


def picks_revealed(*, owner_has_chosen: bool) -> bool:
    """Colleagues' picks stay hidden until the owner has chosen, so nobody is anchored."""
    return owner_has_chosen


# --- text layout helpers (used by the pictogram) -----------------------------------------------


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Wrap ``text`` to lines of at most ``width`` characters; the last line ends with "…" when
    lines were cut. SVG text does not wrap by itself."""
    lines = textwrap.wrap(" ".join(text.split()), width=max(4, width)) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        if len(last) > width - 1:
            last = last[: width - 1].rstrip()
        lines[-1] = last.rstrip(" ,;:.") + "…"
    return lines


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: max(1, width - 1)].rstrip(" ,;:.") + "…"
