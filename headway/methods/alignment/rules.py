"""The Mutual Learning method's pure rules: no ORM, no I/O (import-linter checks it).

The situation (source 001): two or more people at the customer disagree about one decision
their organisation must make; the seller cannot pick for them. The method asks each party what
matters to them about their solution (**interests**), what they take to be true
(**assumptions**, which can be tested) and what they rely on (**information**), then has them
design **joint options** together and rate each against every party's interests. An option
that meets everyone's underlying needs is often one nobody proposed.

**Status** (:func:`transition_refusal`): ``impasse`` → ``exploring`` → ``agreed`` |
``escalated`` | ``abandoned``. Exploring needs :data:`MIN_PARTIES` parties; the three ends are
final, and an alignment that has ended takes no more edits.

**Agreement** (:func:`agreement_refusal`): an option that does not fully meet (``meets``) an
essential interest — rated ``partly``, ``no`` or not rated at all — may still be agreed, but
only with an explicit reason; without one it is refused.

**Stuck** (:func:`stuck_days`, :func:`is_stuck`): an impasse counts whole days since it was
recorded; at :data:`STUCK_DAYS` (14) days with no meeting planned the agenda says so.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# --- status ---------------------------------------------------------------------------------

IMPASSE = "impasse"
EXPLORING = "exploring"
AGREED = "agreed"
ESCALATED = "escalated"
ABANDONED = "abandoned"
STATUSES = (IMPASSE, EXPLORING, AGREED, ESCALATED, ABANDONED)
STATUS_LABELS = {
    IMPASSE: "Impasse",
    EXPLORING: "Exploring",
    AGREED: "Agreed",
    ESCALATED: "Escalated",
    ABANDONED: "Abandoned",
}
ENDED = (AGREED, ESCALATED, ABANDONED)
OPEN = (IMPASSE, EXPLORING)

MIN_PARTIES = 2

# Which status may follow which (the ends are final).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    IMPASSE: (EXPLORING, ESCALATED, ABANDONED),
    EXPLORING: (AGREED, ESCALATED, ABANDONED),
    AGREED: (),
    ESCALATED: (),
    ABANDONED: (),
}

ENDED_REFUSAL = "This alignment is {status}: it takes no more changes. Start a new one if the parties disagree again."
EXPLORE_NEEDS_PARTIES = (
    "Mutual learning needs at least {n} parties who disagree: add the contacts and the "
    "solution each proposes first."
)
AGREE_NEEDS_EXPLORING = (
    "Explore first: record what matters to each party, and design joint options with them, "
    "before agreeing on one."
)
NOT_FROM = "An alignment at {current} cannot become {wanted}."


def ended_refusal(status: str) -> str | None:
    """Why an alignment takes no more edits (``None``: it is still open)."""
    if status in ENDED:
        return ENDED_REFUSAL.format(status=STATUS_LABELS[status].lower())
    return None


def transition_refusal(current: str, wanted: str, *, party_count: int) -> str | None:
    """Why ``current`` cannot move to ``wanted`` now (``None``: it can)."""
    if refusal := ended_refusal(current):
        return refusal
    if wanted == AGREED and current == IMPASSE:
        return AGREE_NEEDS_EXPLORING
    if wanted not in TRANSITIONS.get(current, ()):
        return NOT_FROM.format(
            current=STATUS_LABELS.get(current, current).lower(),
            wanted=STATUS_LABELS.get(wanted, wanted).lower(),
        )
    if wanted in (EXPLORING, AGREED) and party_count < MIN_PARTIES:
        return EXPLORE_NEEDS_PARTIES.format(n=MIN_PARTIES)
    return None


def removal_refusal(party_count: int, status: str) -> str | None:
    """Why a party cannot be removed: past the impasse the method needs two parties."""
    if refusal := ended_refusal(status):
        return refusal
    if status != IMPASSE and party_count <= MIN_PARTIES:
        return (
            f"An alignment being explored keeps at least {MIN_PARTIES} parties. Add the "
            "person who takes their place first, or abandon the alignment."
        )
    return None


# --- stuck ----------------------------------------------------------------------------------

STUCK_DAYS = 14


def stuck_days(since: dt.datetime, now: dt.datetime) -> int:
    """Whole days the impasse has lasted (0 on the day it was recorded)."""
    return max(0, (now - since).days)


def is_stuck(since: dt.datetime, now: dt.datetime) -> bool:
    """An impasse of :data:`STUCK_DAYS` days or more."""
    return stuck_days(since, now) >= STUCK_DAYS


def stuck_words(days: int) -> str:
    if days == 0:
        return "stuck since today"
    return "stuck for 1 day" if days == 1 else f"stuck for {days} days"


# --- follow-up ------------------------------------------------------------------------------

# An agreement with no follow-up action this long after it was recorded is on the agenda.
FOLLOW_UP_AFTER = dt.timedelta(hours=24)
ACTION_NEEDS_AGREEMENT = (
    "Agree first: the follow-up actions put the agreed option to work. Record the agreement, "
    "then what will be done, by whom, by when."
)


def action_refusal(status: str) -> str | None:
    return None if status == AGREED else ACTION_NEEDS_AGREEMENT


# --- items: interests, assumptions, information --------------------------------------------

INTEREST = "interest"
ASSUMPTION = "assumption"
INFORMATION = "information"
ITEM_KINDS = (INTEREST, ASSUMPTION, INFORMATION)
ITEM_LABELS = {INTEREST: "Interest", ASSUMPTION: "Assumption", INFORMATION: "Information"}

UNTESTED = "untested"
CONFIRMED = "confirmed"
REFUTED = "refuted"
TEST_STATUSES = (UNTESTED, CONFIRMED, REFUTED)
TEST_LABELS = {UNTESTED: "Untested", CONFIRMED: "Confirmed", REFUTED: "Refuted"}

ESSENTIAL_ONLY_INTERESTS = "Only an interest can be essential: leave it unmarked."
TEST_ONLY_ASSUMPTIONS = "Only an assumption is tested: leave the test out."
SAY_HOW_TESTED = "Say how it was tested: what you checked, with whom or against what data."
WHEN_TESTED_NEEDED = "Give the day it was tested."
TESTED_IN_FUTURE = "A test is something that happened: use today or an earlier day."


def item_refusals(
    *,
    kind: str,
    essential: bool,
    test_status: str,
    tested_how: str,
    tested_on: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    """Per-field problems with an item's input (empty: it is fine). An untested assumption has
    no test; a confirmed or refuted one says how and when."""
    errors: dict[str, str] = {}
    if essential and kind != INTEREST:
        errors["essential"] = ESSENTIAL_ONLY_INTERESTS
    if kind != ASSUMPTION:
        if test_status != UNTESTED or tested_how or tested_on is not None:
            errors["test_status"] = TEST_ONLY_ASSUMPTIONS
        return errors
    if test_status == UNTESTED:
        return errors
    if not tested_how.strip():
        errors["tested_how"] = SAY_HOW_TESTED
    if tested_on is None:
        errors["tested_on"] = WHEN_TESTED_NEEDED
    elif tested_on > today:
        errors["tested_on"] = TESTED_IN_FUTURE
    return errors


# --- decision rule --------------------------------------------------------------------------

CONSENSUS = "consensus"
ONE_DECIDES = "one_decides"
DECISION_RULES = (CONSENSUS, ONE_DECIDES)
DECISION_RULE_LABELS = {
    CONSENSUS: "Consensus of the parties",
    ONE_DECIDES: "One decides after consulting the others",
}
DECIDER_NEEDED = "Say which party decides after consulting the others."
DECIDER_ONLY_ONE_DECIDES = "A consensus has no single decider: leave the decider empty."


def decision_rule_refusals(rule: str, has_decider: bool) -> dict[str, str]:
    if rule == ONE_DECIDES and not has_decider:
        return {"decider": DECIDER_NEEDED}
    if rule == CONSENSUS and has_decider:
        return {"decider": DECIDER_ONLY_ONE_DECIDES}
    return {}


# --- joint options and the grid -------------------------------------------------------------

MEETS = "meets"
PARTLY = "partly"
NO = "no"
RATINGS = (MEETS, PARTLY, NO)
RATING_LABELS = {MEETS: "Meets", PARTLY: "Partly", NO: "Does not meet"}
RATING_MARKS = {MEETS: "✓", PARTLY: "◐", NO: "✗", "": "?"}

OURS = "us"
JOINT = "joint"
PARTY = "party"


def label_for(index: int) -> str:
    """Joint options are labelled A, B, C… Z, then AA, AB…"""
    letters = string.ascii_uppercase
    if index < len(letters):
        return letters[index]
    return label_for(index // len(letters) - 1) + letters[index % len(letters)]


def normalise(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".!")


@dataclass(frozen=True)
class Verdict:
    """How one option stands against the essential interests."""

    meets_all_essential: bool
    failing: tuple[int, ...]  # ids of the essential interests it does not fully meet
    score: int  # meets 2, partly 1 over every rated interest: a tiebreak for the eye

    @property
    def words(self) -> str:
        if self.meets_all_essential:
            return "meets every essential interest"
        n = len(self.failing)
        return f"fails {n} essential interest" + ("" if n == 1 else "s")


def verdict(essential_ids: Iterable[int], ratings: Mapping[int, str]) -> Verdict:
    """``ratings``: interest id → rating for one option (missing: not rated yet, which counts
    as not met — nobody has said it meets the need)."""
    failing = tuple(i for i in essential_ids if ratings.get(i) != MEETS)
    score = sum(2 if r == MEETS else 1 if r == PARTLY else 0 for r in ratings.values())
    return Verdict(meets_all_essential=not failing, failing=failing, score=score)


AGREE_NEEDS_REASON = (
    "Option {label} does not fully meet {what}. Say why the parties agree on it anyway, or "
    "design an option that meets every essential interest."
)


def agreement_refusal(*, label: str, failing_texts: Sequence[str], reason: str) -> str | None:
    """Why this option cannot be agreed as it stands (``None``: it can)."""
    if not failing_texts or reason.strip():
        return None
    quoted = ", ".join(f"“{t}”" for t in failing_texts)
    what = (
        f"the essential interest {quoted}"
        if len(failing_texts) == 1
        else (f"the essential interests {quoted}")
    )
    return AGREE_NEEDS_REASON.format(label=label, what=what)


def best_options(verdicts: Mapping[int, Verdict]) -> list[int]:
    """The options that meet every essential interest, best score first."""
    good = [(v.score, oid) for oid, v in verdicts.items() if v.meets_all_essential]
    return [oid for _, oid in sorted(good, key=lambda p: (-p[0], p[1]))]


# --- the meeting guide ----------------------------------------------------------------------

# The mutual-learning questions for one party, by what they are about. ``{name}`` is the party.
GUIDE_QUESTIONS = {
    INTEREST: (
        "What is important to you about your solution, {name}?",
        "What would a good outcome give you that you do not have now?",
        "Which of these must be met for you to commit, and which could give?",
    ),
    ASSUMPTION: (
        "What are you taking to be true that leads you to this solution?",
        "How could we test that together before we decide?",
    ),
    INFORMATION: (
        "What data or experience are you relying on?",
        "Is there information the others have that you have not seen yet?",
    ),
}
JOINT_DESIGN_QUESTION = (
    "Knowing what each of you needs, how could we design {decision} so that it meets every "
    "essential interest — even if it is different from what either of you proposed?"
)


def guide_questions(name: str) -> dict[str, tuple[str, ...]]:
    return {kind: tuple(q.format(name=name) for q in qs) for kind, qs in GUIDE_QUESTIONS.items()}


def joint_design_question(decision: str) -> str:
    return JOINT_DESIGN_QUESTION.format(decision=decision)
