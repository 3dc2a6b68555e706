"""One function per user action in an Option Solving decision.

Every service takes the acting ``membership``, checks permissions (``workspaces.permissions``)
and the method's rules (``options.rules``), writes inside a transaction with the decision row
locked, and records history. The web pages and the API call these and nothing else to change a
decision, so a rule holds the same way through both doors:

- refusals of a step are :class:`~headway.errors.RuleRefused` (HTTP 409), worded for the user,
  e.g. choosing while sleeping on it, :class:`StillSleeping`: "Sleeping on it until Tue 07:30";
- a person who may not take the step at all is ``PermissionDenied`` (HTTP 403: a role that
  cannot edit, a colleague who was not invited to pick);
- invalid input is Django's ``ValidationError`` per field (HTTP 422 / form errors).

Pages ask the same functions whether a step can run now (:func:`sleeping_until`) instead of
re-coding a stage check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from headway.crm import history, writes
from headway.crm import services as crm_services
from headway.crm.models import Account, Action
from headway.errors import PermissionDenied, RuleRefused
from headway.methods.options import rules
from headway.methods.options.models import (
    Alternative,
    Choice,
    ColleaguePick,
    Consideration,
    Decision,
    Kind,
    Outcome,
    Stage,
)
from headway.workspaces.models import Membership, Role, User
from headway.workspaces.permissions import require_create, require_edit
from headway.workspaces.selectors import resolve_member

GOAL_REQUIRED = "Say what you want to achieve, e.g. “moving a major customer forward”."
TEXT_REQUIRED = "Write a few words."
TEXT_TOO_LONG = "Keep it under {n} characters: the pictogram has to fit on one page."
QUESTION_TOO_LONG = "Keep the question under 2000 characters."
BOOKENDS_SAME = "The two bookends are opposite extremes: make yin (soft) and yang (hard) differ."
FOREIGN_ALTERNATIVE = "Pick one of this decision's options (A, B, C…)."
NOT_CHOSEN_YET = (
    "Choose first: the action initiative follows the morning choice. Sleep on the options and "
    "review them first thing."
)
OUTCOME_NEEDS_CHOICE = "Choose and act first: the outcome is recorded once you have acted."
OUTCOME_REQUIRED = "Say whether it worked: yes, partly or no."
LESSON_REQUIRED = "Write the lesson learnt — one sentence is enough."
NOT_INVITED = (
    "Only colleagues the owner invited can say which option they would choose. Ask the owner of "
    "this decision to invite you."
)
INVITE_MEMBERS_ONLY = "Invite members of this workspace."
INVITE_NOT_OWNER = "The owner makes the choice: invite colleagues other than the owner."
INVITE_NO_VIEWERS = "Viewers can read but not answer: invite a member, manager or admin."
INVITE_SOMEONE = "Pick at least one colleague to invite."
NO_OPTIONS_TO_PICK = "There are no alternatives to pick from yet. Come back once there are."
INCUBATION_ENDED = (
    "You changed the options, so the incubation has ended: sleep on them again before choosing."
)


# --- helpers ------------------------------------------------------------------------------------


def _clean_text(value: Any, field: str, *, max_length: int) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError({field: TEXT_REQUIRED})
    if "\x00" in text:
        raise ValidationError({field: "Remove the NUL character: text cannot contain it."})
    if len(text) > max_length:
        raise ValidationError({field: TEXT_TOO_LONG.format(n=max_length)})
    return text


def _clean_alternative(value: Any, field: str) -> str:
    """An alternative's words: cleaned, without a typed "Option B –" label (the letter is
    given by the order, see rules.split_label)."""
    return rules.split_label(_clean_text(value, field, max_length=300))[1]


def _considerations(decision: Decision) -> models.QuerySet[Consideration]:
    return Consideration.objects.in_workspace(decision.workspace_id).filter(decision=decision)


def _alternatives(decision: Decision) -> models.QuerySet[Alternative]:
    return Alternative.objects.in_workspace(decision.workspace_id).filter(decision=decision)


def _key_count(decision: Decision) -> int:
    return _considerations(decision).filter(is_key=True).count()


def _recompose(decision: Decision) -> None:
    """Keep the composed question in step with the goal and the key considerations, unless the
    user reworded it."""
    if decision.question_edited:
        return
    keys = _considerations(decision).filter(is_key=True).order_by("position", "id")
    decision.question = rules.compose_question(decision.goal, [c.text for c in keys])


def _begin_edit(membership: Membership, decision: Decision) -> dict[str, Any]:
    """Permission, lock and the rule that a chosen decision's options are frozen; returns the
    history snapshot to diff against."""
    require_edit(membership, decision)
    writes.lock(decision)
    refusal = rules.edit_refusal(decision.stage)
    if refusal:
        raise RuleRefused(refusal)
    return history.snapshot(decision)


def _end_incubation(decision: Decision) -> bool:
    """Editing the options while sleeping on them ends the incubation (sleep on them again)."""
    if not rules.ends_incubation(decision.stage):
        return False
    decision.stage = Stage.OPTIONS
    decision.incubation_started_at = None
    decision.review_at = None
    decision.review_opened_at = None
    return True


def _after_edit(decision: Decision, *, membership: Membership, before: dict[str, Any]) -> None:
    _end_incubation(decision)
    _recompose(decision)
    writes.save_steps(decision, membership=membership, before=before)


def _leave_framing(decision: Decision) -> None:
    """Moving on to the options needs at least two key considerations."""
    if decision.stage != Stage.FRAME:
        return
    refusal = rules.framing_refusal(_key_count(decision))
    if refusal:
        raise RuleRefused(refusal)
    decision.stage = Stage.OPTIONS


def _check_duplicate(
    decision: Decision, text: str, field: str, *, exclude: Iterable[int] = ()
) -> None:
    wanted = rules.normalise_for_duplicate(text)
    for other in _alternatives(decision).exclude(pk__in=list(exclude)):
        if rules.normalise_for_duplicate(other.text) == wanted:
            label = f"the {other.kind} bookend" if other.is_bookend else f"option {other.label}"
            raise ValidationError({field: rules.duplicate_message(text, label)})


def _check_spectrum(value: Any, field: str = "spectrum") -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: rules.spectrum_refusal(-1) or ""}) from None
    refusal = rules.spectrum_refusal(number)
    if refusal:
        raise ValidationError({field: refusal})
    return number


def _relabel(decision: Decision, membership: Membership) -> None:
    """Pragmatic alternatives are labelled A, B, C… in the order they were added, without gaps."""
    changed, befores = [], {}
    for index, alternative in enumerate(
        _alternatives(decision).filter(kind=Kind.PRAGMATIC).order_by("position", "id")
    ):
        label = rules.label_for(index)
        if alternative.label != label:
            befores[alternative.pk] = history.snapshot(alternative)
            alternative.label = label
            changed.append(alternative)
    # The caller checked the decision (_begin_edit).
    writes.update_many(
        changed, ["label"], membership=membership, befores=befores, check=writes.allowed
    )


# --- the decision -------------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    membership: Membership,
    goal: str,
    account: Account | None = None,
    considerations: Iterable[str] = (),
    owner: User | None = None,
) -> Decision:
    """Start a decision (from an account or on its own), optionally with its considerations."""
    require_create(membership)
    if account is not None and account.workspace_id != membership.workspace_id:
        raise ValidationError({"account": "Pick one of this workspace's accounts."})
    goal = " ".join(str(goal or "").split())
    if not goal:
        raise ValidationError({"goal": GOAL_REQUIRED})
    if len(goal) > 200:
        raise ValidationError({"goal": TEXT_TOO_LONG.format(n=200)})
    if owner is None or owner.pk == membership.user_id:
        owner = membership.user
    else:
        owner = resolve_member(membership.workspace_id, owner, field="owner", active_only=False)
    texts = [" ".join(str(t).split()) for t in considerations]
    texts = [t for t in texts if t]
    for text in texts:
        _clean_text(text, "considerations", max_length=300)
    decision = writes.create(
        Decision,
        membership=membership,
        full_clean=False,  # validated above, field by field, with the method's own messages
        account=account,
        owner=owner,
        goal=goal,
        question=rules.compose_question(goal, []),
    )
    writes.create_many(
        [Consideration(decision=decision, text=text, position=i) for i, text in enumerate(texts)],
        membership=membership,
    )
    return decision


@transaction.atomic
def decision_update(
    *,
    membership: Membership,
    decision: Decision,
    version: int | None = None,
    goal: str | None = None,
    question: str | None = None,
) -> Decision:
    """Change the goal and/or the rational question. An empty question goes back to the composed
    one; any other text is kept as the user's own wording."""
    before = _begin_edit(membership, decision)
    if goal is not None:
        goal = " ".join(goal.split())
        if not goal:
            raise ValidationError({"goal": GOAL_REQUIRED})
        if len(goal) > 200:
            raise ValidationError({"goal": TEXT_TOO_LONG.format(n=200)})
        decision.goal = goal
    if question is not None:
        text = question.strip()
        if "\x00" in text:
            raise ValidationError({"question": "Remove the NUL character."})
        if len(text) > 2000:
            raise ValidationError({"question": QUESTION_TOO_LONG})
        composed = rules.compose_question(
            decision.goal,
            [c.text for c in _considerations(decision).filter(is_key=True)],
        )
        if text and text != composed:
            decision.question = text
            decision.question_edited = True
        else:
            decision.question_edited = False
    _end_incubation(decision)
    _recompose(decision)
    return writes.save_steps(decision, membership=membership, before=before, version=version)


@transaction.atomic
def decision_delete(*, membership: Membership, decision: Decision) -> None:
    writes.delete(decision, membership=membership)


# --- considerations -----------------------------------------------------------------------------


@transaction.atomic
def consideration_add(
    *, membership: Membership, decision: Decision, text: str, is_key: bool = False
) -> Consideration:
    before = _begin_edit(membership, decision)
    text = _clean_text(text, "text", max_length=300)
    last = _considerations(decision).aggregate(last=Max("position"))["last"]
    consideration = writes.create(
        Consideration,
        membership=membership,
        check=writes.allowed,  # _begin_edit checked the decision
        full_clean=False,
        decision=decision,
        text=text,
        is_key=is_key,
        position=0 if last is None else last + 1,
    )
    _after_edit(decision, membership=membership, before=before)
    return consideration


@transaction.atomic
def consideration_update(
    *,
    membership: Membership,
    decision: Decision,
    consideration: Consideration,
    text: str | None = None,
    is_key: bool | None = None,
) -> Consideration:
    """Reword a consideration and/or mark it key (or not). Past framing, at least two stay key."""
    before = _begin_edit(membership, decision)
    was = history.snapshot(consideration)
    if text is not None:
        consideration.text = _clean_text(text, "text", max_length=300)
    if is_key is not None and is_key != consideration.is_key:
        if not is_key:
            refusal = rules.unkey_refusal(decision.stage, _key_count(decision) - 1)
            if refusal:
                raise RuleRefused(refusal)
        consideration.is_key = is_key
    writes.update(
        consideration,
        membership=membership,
        changes={},
        check=writes.allowed,  # _begin_edit checked the decision
        full_clean=False,
        before=was,
    )
    _after_edit(decision, membership=membership, before=before)
    return consideration


def consideration_toggle_key(
    *, membership: Membership, decision: Decision, consideration: Consideration
) -> Consideration:
    return consideration_update(
        membership=membership,
        decision=decision,
        consideration=consideration,
        is_key=not consideration.is_key,
    )


@transaction.atomic
def consideration_delete(
    *, membership: Membership, decision: Decision, consideration: Consideration
) -> None:
    before = _begin_edit(membership, decision)
    if consideration.is_key:
        refusal = rules.unkey_refusal(decision.stage, _key_count(decision) - 1)
        if refusal:
            raise RuleRefused(refusal)
    writes.delete(consideration, membership=membership, check=writes.allowed)
    _after_edit(decision, membership=membership, before=before)


@transaction.atomic
def decision_leave_framing(*, membership: Membership, decision: Decision) -> Decision:
    """Frame → options: needs at least two key considerations."""
    before = _begin_edit(membership, decision)
    _leave_framing(decision)
    _recompose(decision)
    return writes.save_steps(decision, membership=membership, before=before)


# --- options: bookends and alternatives ---------------------------------------------------------


@transaction.atomic
def bookends_set(
    *, membership: Membership, decision: Decision, yin: str, yang: str
) -> tuple[Alternative, Alternative]:
    """Set the two extreme options: yin (soft) and yang (hard). They frame the space and are
    never choosable."""
    before = _begin_edit(membership, decision)
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    for field, value in (("yin", yin), ("yang", yang)):
        try:
            cleaned[field] = _clean_text(value, field, max_length=300)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    if rules.normalise_for_duplicate(cleaned["yin"]) == rules.normalise_for_duplicate(
        cleaned["yang"]
    ):
        raise ValidationError({"yang": BOOKENDS_SAME})
    _leave_framing(decision)
    existing = {a.kind: a for a in _alternatives(decision).filter(kind__in=[Kind.YIN, Kind.YANG])}
    out = []
    for kind in (Kind.YIN, Kind.YANG):
        text = cleaned[kind.value]
        bookend = existing.get(kind)
        _check_duplicate(
            decision,
            text,
            kind.value,
            exclude=[a.pk for a in existing.values()],
        )
        if bookend is None:
            bookend = writes.create(
                Alternative,
                membership=membership,
                check=writes.allowed,  # _begin_edit checked the decision
                full_clean=False,
                decision=decision,
                kind=kind,
                text=text,
                spectrum=0 if kind == Kind.YIN else 100,
            )
        elif bookend.text != text:
            writes.update(
                bookend,
                membership=membership,
                changes={"text": text},
                check=writes.allowed,
                full_clean=False,
            )
        out.append(bookend)
    _after_edit(decision, membership=membership, before=before)
    return out[0], out[1]


@transaction.atomic
def alternative_add(
    *, membership: Membership, decision: Decision, text: str, spectrum: int | None = None
) -> Alternative:
    """Add a pragmatic alternative, labelled with the next letter. Duplicates are refused."""
    before = _begin_edit(membership, decision)
    text = _clean_alternative(text, "text")
    spectrum = _check_spectrum(spectrum)
    _leave_framing(decision)
    _check_duplicate(decision, text, "text")
    pragmatic = _alternatives(decision).filter(kind=Kind.PRAGMATIC)
    last = pragmatic.aggregate(last=Max("position"))["last"]
    alternative = writes.create(
        Alternative,
        membership=membership,
        check=writes.allowed,  # _begin_edit checked the decision
        full_clean=False,
        decision=decision,
        kind=Kind.PRAGMATIC,
        label=rules.label_for(pragmatic.count()),
        text=text,
        spectrum=spectrum,
        position=0 if last is None else last + 1,
    )
    _after_edit(decision, membership=membership, before=before)
    return alternative


_UNSET: Any = object()


@transaction.atomic
def alternative_update(
    *,
    membership: Membership,
    decision: Decision,
    alternative: Alternative,
    text: str | None = None,
    spectrum: Any = _UNSET,
) -> Alternative:
    """Reword an option and/or place it on the yin→yang spectrum (0–100, or ``None``)."""
    before = _begin_edit(membership, decision)
    snap = history.snapshot(alternative)
    if text is not None:
        text = _clean_text(text, "text", max_length=300)
        if not alternative.is_bookend:
            text = rules.split_label(text)[1]
        _check_duplicate(decision, text, "text", exclude=[alternative.pk])
        alternative.text = text
    if spectrum is not _UNSET and not alternative.is_bookend:
        alternative.spectrum = _check_spectrum(spectrum)
    if (alternative.text, alternative.spectrum) != (snap["text"][0], snap["spectrum"][0]):
        writes.update(
            alternative,
            membership=membership,
            changes={},
            check=writes.allowed,  # _begin_edit checked the decision
            full_clean=False,
            before=snap,
        )
        _after_edit(decision, membership=membership, before=before)
    return alternative


@transaction.atomic
def alternatives_edit(
    *,
    membership: Membership,
    decision: Decision,
    texts: dict[int, str] | None = None,
    spectrum: dict[int, int | None] | None = None,
) -> list[Alternative]:
    """Reword and/or place several alternatives at once (alternative id → text, and → 0–100 or
    None). All or nothing: every problem is reported on its own field (``text_<id>``,
    ``spectrum_<id>``), duplicates included."""
    texts, spectrum = texts or {}, spectrum or {}
    before = _begin_edit(membership, decision)
    options = list(_alternatives(decision).order_by("position", "id"))
    pragmatic = {a.pk: a for a in options if a.kind == Kind.PRAGMATIC}
    snapshots = {pk: history.snapshot(a) for pk, a in pragmatic.items()}
    errors: dict[str, str] = {}
    for pk, text in texts.items():
        alternative = pragmatic.get(pk)
        if alternative is None:
            errors[f"text_{pk}"] = FOREIGN_ALTERNATIVE
            continue
        try:
            alternative.text = _clean_alternative(text, f"text_{pk}")
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    for pk, value in spectrum.items():
        alternative = pragmatic.get(pk)
        if alternative is None:
            errors[f"spectrum_{pk}"] = FOREIGN_ALTERNATIVE
            continue
        try:
            alternative.spectrum = _check_spectrum(value, f"spectrum_{pk}")
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    seen: dict[str, Alternative] = {}
    for option in options:
        key = rules.normalise_for_duplicate(option.text)
        if key in seen and option.pk in texts:
            first = seen[key]
            label = f"the {first.kind} bookend" if first.is_bookend else f"option {first.label}"
            errors.setdefault(f"text_{option.pk}", rules.duplicate_message(option.text, label))
        seen.setdefault(key, option)
    if errors:
        raise ValidationError(errors)
    changed = [
        a
        for pk, a in pragmatic.items()
        if (a.text, a.spectrum) != (snapshots[pk]["text"][0], snapshots[pk]["spectrum"][0])
    ]
    if changed:
        writes.update_many(
            changed,
            ["text", "spectrum"],
            membership=membership,
            befores=snapshots,
            check=writes.allowed,  # _begin_edit checked the decision
        )
        _after_edit(decision, membership=membership, before=before)
    return list(pragmatic.values())


def alternatives_place(
    *, membership: Membership, decision: Decision, spectrum: dict[int, int | None]
) -> list[Alternative]:
    """Place several alternatives on the spectrum at once (alternative id → 0–100 or None)."""
    return alternatives_edit(membership=membership, decision=decision, spectrum=spectrum)


@transaction.atomic
def alternative_delete(
    *, membership: Membership, decision: Decision, alternative: Alternative
) -> None:
    before = _begin_edit(membership, decision)
    # Colleagues who picked it are asked again.
    picked = list(
        ColleaguePick.objects.in_workspace(decision.workspace_id).filter(
            decision=decision, alternative=alternative
        )
    )
    befores = {pick.pk: history.snapshot(pick) for pick in picked}
    for pick in picked:
        pick.alternative, pick.answered_at = None, None
    writes.update_many(
        picked,
        ["alternative", "answered_at"],
        membership=membership,
        befores=befores,
        check=writes.allowed,
    )
    writes.delete(alternative, membership=membership, check=writes.allowed)
    _relabel(decision, membership)
    _after_edit(decision, membership=membership, before=before)


# --- sleep on it, morning review, choice -------------------------------------------------------


def _owner_of(decision: Decision) -> User:
    return decision.owner


def sleeping_text(decision: Decision) -> str:
    """``Sleeping on it until Tue 07:30`` in the owner's time zone."""
    assert decision.review_at is not None
    owner = _owner_of(decision)
    return rules.sleeping_message(rules.local_review(decision.review_at, owner.time_zone))


class StillSleeping(RuleRefused):
    """The choice (or the review) asked for before the review time. ``message`` is the rule's
    own words, ``Sleeping on it until Tue 07:30`` (the API's ``detail``); ``advice`` says the
    same in a sentence for a page, with the owner's zone and what to do next."""

    def __init__(self, until: str, *, time_zone: str) -> None:
        super().__init__(until)
        self.advice = (
            f"Not yet: you are {until[0].lower()}{until[1:]} ({time_zone}). Let your mind work "
            "overnight and come back first thing — your agenda will remind you."
        )


@transaction.atomic
def decision_start_incubation(*, membership: Membership, decision: Decision) -> Decision:
    """Sleep on it: freeze the options until the owner's next morning review time (their zone,
    at least six hours ahead)."""
    require_edit(membership, decision)
    writes.lock(decision)
    before = history.snapshot(decision)
    alternatives = list(_alternatives(decision).only("kind"))
    refusal = rules.incubation_refusal(
        stage=decision.stage,
        key_count=_key_count(decision),
        has_yin=any(a.kind == Kind.YIN for a in alternatives),
        has_yang=any(a.kind == Kind.YANG for a in alternatives),
        alternative_count=sum(1 for a in alternatives if a.kind == Kind.PRAGMATIC),
    )
    if refusal:
        raise RuleRefused(refusal)
    now = timezone.now()
    owner = _owner_of(decision)
    decision.stage = Stage.SLEEPING
    decision.incubation_started_at = now
    decision.review_at = rules.next_review_time(now, owner.time_zone, owner.morning_review_time)
    decision.review_opened_at = None
    return writes.save_steps(decision, membership=membership, before=before)


def _choice_refusal(decision: Decision) -> str | None:
    text = sleeping_text(decision) if decision.review_at else ""
    return rules.choice_refusal(
        stage=decision.stage,
        now=timezone.now(),
        review_at=decision.review_at,
        review_local_text=text,
    )


def sleeping_until(decision: Decision) -> str | None:
    """While the incubation runs, why the choice waits: ``Sleeping on it until Tue 07:30`` (the
    owner's zone); otherwise ``None``. For the pages and the API to show, before anyone asks."""
    refusal = _choice_refusal(decision)
    return refusal if refusal and decision.stage == Stage.SLEEPING else None


def _refuse_choice_now(decision: Decision) -> None:
    """Choosing needs a night's sleep first (see ``rules.choice_refusal``)."""
    refusal = _choice_refusal(decision)
    if refusal and decision.stage == Stage.SLEEPING:
        raise StillSleeping(refusal, time_zone=_owner_of(decision).time_zone)
    if refusal:
        raise RuleRefused(refusal)


@transaction.atomic
def decision_open_review(*, membership: Membership, decision: Decision) -> Decision:
    """Open the morning review: from now on the pictogram is shown and the choice is timed.
    Refused while still sleeping on it (with the time it ends)."""
    require_edit(membership, decision)
    writes.lock(decision)
    _refuse_choice_now(decision)
    if decision.stage == Stage.SLEEPING and decision.review_opened_at is None:
        before = history.snapshot(decision)
        decision.review_opened_at = timezone.now()
        writes.save_steps(decision, membership=membership, before=before)
    return decision


@transaction.atomic
def decision_choose(
    *, membership: Membership, decision: Decision, alternative: Alternative
) -> Choice:
    """The morning choice — or, once chosen, a second guess (kept and shown as such)."""
    require_edit(membership, decision)
    writes.lock(decision)
    if alternative.decision_id != decision.pk:
        raise ValidationError({"alternative_id": FOREIGN_ALTERNATIVE})
    if alternative.is_bookend:
        raise RuleRefused(rules.BOOKEND_NOT_CHOOSABLE)
    _refuse_choice_now(decision)
    before = history.snapshot(decision)
    now = timezone.now()
    choices = Choice.objects.in_workspace(decision.workspace_id).filter(decision=decision)
    if decision.stage == Stage.SLEEPING:
        seconds = rules.choice_seconds(
            review_at=decision.review_at, opened_at=decision.review_opened_at, chosen_at=now
        )
        choice = writes.create(
            Choice,
            membership=membership,
            check=writes.allowed,  # require_edit on the decision above
            full_clean=False,
            decision=decision,
            alternative=alternative,
            alternative_text=str(alternative)[:320],
            chosen_by=membership.user,
            chosen_at=now,
            seconds=seconds,
            is_second_guess=False,
        )
        decision.stage = Stage.ACT
        decision.chosen_at = now
        decision.choice_seconds = seconds
    else:
        latest = choices.order_by("-chosen_at", "-id").first()
        if decision.chosen_alternative_id == alternative.pk and latest is not None:
            return latest  # the same choice again changes nothing
        first_at = decision.chosen_at or now
        choice = writes.create(
            Choice,
            membership=membership,
            check=writes.allowed,  # require_edit on the decision above
            full_clean=False,
            decision=decision,
            alternative=alternative,
            alternative_text=str(alternative)[:320],
            chosen_by=membership.user,
            chosen_at=now,
            seconds=max(0, int((now - first_at).total_seconds())),
            is_second_guess=True,
        )
    decision.chosen_alternative = alternative
    writes.save_steps(decision, membership=membership, before=before)
    return choice


# --- act and outcome ----------------------------------------------------------------------------


@transaction.atomic
def decision_add_action(
    *,
    membership: Membership,
    decision: Decision,
    title: str,
    due_date: dt.date | None,
    owner: User | None = None,
) -> Action:
    """The action initiative: next steps (what, who, by when) that put the choice to work.
    They are CRM actions, so they show on the owner's agenda and the account page."""
    require_edit(membership, decision)
    writes.lock(decision)
    if decision.stage not in rules.CHOSEN_STAGES:
        raise RuleRefused(NOT_CHOSEN_YET)
    data: dict[str, Any] = {"title": " ".join(str(title or "").split()), "due_date": due_date}
    if owner is not None:
        data["owner"] = owner
    action = crm_services.action_create(
        membership=membership, target=decision, account=decision.account, **data
    )
    if decision.stage == Stage.ACT:
        before = history.snapshot(decision)
        decision.stage = Stage.OUTCOME
        writes.save_steps(decision, membership=membership, before=before)
    return action


@transaction.atomic
def decision_record_outcome(
    *, membership: Membership, decision: Decision, outcome: str, lesson: str
) -> Decision:
    """Did it work (yes / partly / no), and the lesson learnt."""
    require_edit(membership, decision)
    writes.lock(decision)
    if decision.stage not in rules.CHOSEN_STAGES:
        raise RuleRefused(OUTCOME_NEEDS_CHOICE)
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = OUTCOME_REQUIRED
    lesson = str(lesson or "").strip()
    if not lesson:
        errors["lesson"] = LESSON_REQUIRED
    elif len(lesson) > 4000 or "\x00" in lesson:
        errors["lesson"] = "Keep the lesson under 4000 characters (and without NUL characters)."
    if errors:
        raise ValidationError(errors)
    before = history.snapshot(decision)
    decision.outcome = outcome
    decision.lesson = lesson
    decision.outcome_at = timezone.now()
    decision.stage = Stage.DONE
    return writes.save_steps(decision, membership=membership, before=before)


# --- colleagues' picks --------------------------------------------------------------------------


@transaction.atomic
def colleagues_invite(
    *, membership: Membership, decision: Decision, users: Iterable[User | int]
) -> list[ColleaguePick]:
    """Ask colleagues "which option would you choose?". Their answers stay hidden from the owner
    until the owner has chosen. Inviting someone twice changes nothing."""
    require_edit(membership, decision)
    wanted = {u.pk if isinstance(u, User) else int(u) for u in users}
    if not wanted:
        raise ValidationError({"user_ids": INVITE_SOMEONE})
    members = {
        m.user_id: m
        for m in Membership.objects.in_workspace(decision.workspace_id).filter(user_id__in=wanted)
    }
    if set(members) != wanted:
        raise ValidationError({"user_ids": INVITE_MEMBERS_ONLY})
    if decision.owner_id in wanted:
        raise ValidationError({"user_ids": INVITE_NOT_OWNER})
    if any(m.role == Role.VIEWER for m in members.values()):
        raise ValidationError({"user_ids": INVITE_NO_VIEWERS})
    picks = ColleaguePick.objects.in_workspace(decision.workspace_id).filter(decision=decision)
    already = set(picks.values_list("user_id", flat=True))
    now = timezone.now()
    return writes.create_many(
        [
            ColleaguePick(
                decision=decision, user_id=user_id, invited_by=membership.user, invited_at=now
            )
            for user_id in sorted(wanted - already)
        ],
        membership=membership,
        check=writes.allowed,  # require_edit on the decision above
    )


@transaction.atomic
def pick_submit(
    *,
    membership: Membership,
    decision: Decision,
    alternative: Alternative,
    comment: str = "",
) -> ColleaguePick:
    """An invited colleague says which option they would choose (and may change it)."""
    require_create(membership)
    pick = (
        ColleaguePick.objects.in_workspace(decision.workspace_id)
        .select_for_update()
        .filter(decision=decision, user_id=membership.user_id)
        .first()
    )
    if pick is None:
        raise PermissionDenied(NOT_INVITED)
    if alternative.decision_id != decision.pk:
        raise ValidationError({"alternative_id": FOREIGN_ALTERNATIVE})
    if alternative.is_bookend:
        raise RuleRefused(rules.BOOKEND_NOT_CHOOSABLE)
    comment = " ".join(str(comment or "").split())
    if len(comment) > 500 or "\x00" in comment:
        raise ValidationError({"comment": "Keep the comment under 500 characters."})
    # Invited: the pick row is the colleague's own (require_create checked their role).
    return writes.update(
        pick,
        membership=membership,
        changes={"alternative": alternative, "comment": comment, "answered_at": timezone.now()},
        check=writes.allowed,
        full_clean=False,
    )
