"""One function per user action on win-backs.

Every service takes the acting ``membership`` (workspace, user, role), checks permissions
and the method's rules (``winback.rules``), and writes inside a transaction through the one
write path (``headway.crm.writes``), which validates, claims versions, records history and
tells the agenda. The web pages and the API call these and nothing else to change data, so the
same rule answers the same way through both doors. Each service checks who may act first
(``require_edit`` on the win-back), so its writes of the win-back's asks, files, touches and
signals pass ``check=writes.allowed``.

Who may do what: anyone who can write may open a win-back; its owner (or the account's
owner), a manager or an admin works it (asks, profile, touches, signals, reopen, close);
only a manager or an admin records the manager's approval of the plan.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from headway.crm import history, writes
from headway.crm import services as crm_services
from headway.crm.models import Deal, DealStage, InteractionKind, LostTo
from headway.errors import PermissionDenied, RuleRefused
from headway.methods.winback import rules
from headway.methods.winback.models import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS_PER_ASK,
    STANDARD_ASKS,
    Ask,
    AskAttachment,
    AskKind,
    AskStatus,
    PlannedTouch,
    SignalKind,
    TouchKind,
    WinBack,
    WinnerSignal,
)
from headway.workspaces.models import Membership, User
from headway.workspaces.permissions import is_manager, require_create, require_edit
from headway.workspaces.selectors import resolve_member

# Messages (tests import them): each says what to do next.
DEAL_NOT_LOST = (
    "Only a lost deal can be won back. Mark the deal lost first (what it was lost to and why), "
    "then open the win-back."
)
ALREADY_OPEN = "This deal already has a win-back: open that one instead."
DECISION_IN_FUTURE = "The decision date cannot be in the future: use the day they told you."
NAME_THE_COMPETITOR = "Name the competitor that won."
OVERRIDE_NEEDS_REASON = (
    "Say why you set the likelihood by hand (what you know that the profile does not)."
)
APPROVE_MANAGERS_ONLY = "Only a manager or an admin can approve a win-back plan."
NOT_OPEN = "This win-back is {status}: there is nothing left to do on it."
ALREADY_REENGAGED = "A new deal is already open for this win-back: work that deal instead."
SIGNAL_IN_FUTURE = "A signal is something you observed: use today or an earlier day."
CONTRACT_END_NEEDED = "Give the day the winner's contract ends."
CONTRACT_END_ONLY = "Only a contract end signal has a contract end date: leave it empty."
TOUCH_ALREADY_DONE = "This touch is already done."
FILE_MISSING = "Choose a file to attach."
FILE_EMPTY = "This file is empty: choose the file again, or another one."
FILE_TOO_LARGE = (
    "This file is {size} and attachments can be at most {limit}. Compress it, or note where "
    "to find it under “what we obtained” instead."
)
TOO_MANY_FILES = (
    "An ask can hold at most {limit} files. Delete one you no longer need, or put several "
    "documents in one archive."
)
TEXT_REQUIRED = "Say what you ask for."
NUL_IN_TEXT = "Remove the NUL character (\\u0000): text cannot contain it."

TOUCH_TO_INTERACTION = {
    TouchKind.CALL: InteractionKind.CALL,
    TouchKind.EMAIL: InteractionKind.EMAIL,
    TouchKind.LUNCH: InteractionKind.LUNCH,
}

# Content types a download may keep; anything else is served as plain bytes.
SAFE_CONTENT_TYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "text/plain",
    "text/csv",
    "application/zip",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}


def _today() -> dt.date:
    return timezone.localdate()


def _owner(membership: Membership, owner: Any) -> User | None:
    """The owner named in input (a user or an id): a member of the workspace, else a 422 on
    ``owner`` (``workspaces.selectors.MEMBER_REQUIRED``); ``None`` is nobody."""
    if owner is None:
        return None
    return resolve_member(membership.workspace_id, owner, field="owner", active_only=False)


# --- refusals by an object's state (409): the services refuse with them, and the pages ask
# them first so that they do not offer what would be refused.


def _refuse(refusal: str | None) -> None:
    if refusal:
        raise RuleRefused(refusal)


def create_refusal(deal: Deal) -> str | None:
    """Why no win-back can be opened from this deal (``None``: it can)."""
    return None if deal.stage == DealStage.LOST else DEAL_NOT_LOST


def close_refusal(winback: WinBack) -> str | None:
    """Why this win-back cannot be closed, nor touches planned on it: it is no longer open
    (``None``: it can)."""
    return None if winback.is_open else NOT_OPEN.format(status=winback.status_label.lower())


def reopen_refusal(winback: WinBack) -> str | None:
    """Why no new deal can be opened from this win-back (``None``: it can)."""
    if refusal := close_refusal(winback):
        return refusal
    return ALREADY_REENGAGED if winback.reopened_deal_id is not None else None


def _check_text(**fields: Any) -> None:
    errors = {
        name: NUL_IN_TEXT
        for name, value in fields.items()
        if isinstance(value, str) and "\x00" in value
    }
    if errors:
        raise ValidationError(errors)


# --- derived fields -------------------------------------------------------------------------


def _apply_profile(winback: WinBack) -> None:
    """Likelihood, reason and cadence from the buyer profile (and the override)."""
    years = None if winback.years_on_incumbent is None else float(winback.years_on_incumbent)
    level, reason = rules.likelihood(winback.repeat_buyer, years)
    winback.likelihood = level
    winback.likelihood_reason = reason
    if not winback.likelihood_override:
        winback.override_reason = ""
    winback.cadence_days = rules.cadence_days(winback.level)
    winback.priority = rules.priority(winback.level, winback.value, winback.signal_score)


SIGNAL_FIELDS = ["signal_score", "signals_crossed_on", "priority"]


def _refresh_signals(winback: WinBack, *, membership: Membership) -> None:
    """Recompute the signal points, the day they crossed the threshold and the priority, and
    store them without bumping the version (an open edit form of the win-back stays valid):
    ``update_many`` saves just these fields and claims no version."""
    before = history.snapshot(winback)
    pairs = list(
        WinnerSignal.objects.in_workspace(winback.workspace_id)
        .filter(winback=winback)
        .values_list("kind", "observed_on")
    )
    winback.signal_score = rules.signal_score(pairs, _today())
    winback.signals_crossed_on = rules.threshold_crossed_on(pairs)
    winback.priority = rules.priority(winback.level, winback.value, winback.signal_score)
    # The caller checked the win-back (require_edit).
    writes.update_many(
        [winback],
        SIGNAL_FIELDS,
        membership=membership,
        befores={winback.pk: before},
        check=writes.allowed,
    )


# --- win-backs ------------------------------------------------------------------------------


@transaction.atomic
def winback_create(
    *,
    membership: Membership,
    deal: Deal,
    decision_date: dt.date | None = None,
    lost_to: str | None = None,
    lost_to_name: str | None = None,
    reasons: str | None = None,
    owner: Any = None,
    value: Decimal | None = None,
    title: str | None = None,
) -> WinBack:
    """Open a win-back from a lost deal: what it was lost to and why come from the deal
    unless given, the decision date defaults to today, and the four asks of the method are
    on the checklist from the start."""
    require_create(membership)
    _refuse(create_refusal(deal))
    if WinBack.objects.in_workspace(membership.workspace_id).filter(deal=deal).exists():
        raise RuleRefused(ALREADY_OPEN)
    owner = _owner(membership, owner if owner is not None else membership.user)
    now = timezone.now()
    winback = writes.create(
        WinBack,
        membership=membership,
        check=writes.allowed,  # require_create above
        prepare=_prepare_winback,
        title=(title or f"Win back {deal.account.name}")[:300],
        deal=deal,
        account=deal.account,
        owner=owner,
        lost_to=lost_to or deal.lost_to,
        lost_to_name=deal.lost_to_name if lost_to_name is None else lost_to_name,
        decision_date=decision_date or _today(),
        reasons=deal.lost_reasons if reasons is None else reasons,
        value=deal.amount if value is None else value,
        currency=deal.currency,
        opened_at=now,
        updated_at=now,
    )
    writes.create_many(
        [
            Ask(winback=winback, kind=kind, text=text, position=position)
            for position, (kind, text) in enumerate(STANDARD_ASKS, start=1)
        ],
        membership=membership,
        check=writes.allowed,  # the win-back's first asks, opened with it
    )
    return winback


def _check_winback(winback: WinBack) -> None:
    _check_text(
        title=winback.title,
        lost_to_name=winback.lost_to_name,
        reasons=winback.reasons,
        override_reason=winback.override_reason,
    )
    errors = {}
    if winback.decision_date and winback.decision_date > _today():
        errors["decision_date"] = DECISION_IN_FUTURE
    if winback.lost_to == LostTo.COMPETITOR and not winback.lost_to_name.strip():
        errors["lost_to_name"] = NAME_THE_COMPETITOR
    if winback.likelihood_override and not winback.override_reason.strip():
        errors["override_reason"] = OVERRIDE_NEEDS_REASON
    if errors:
        raise ValidationError(errors)


def _prepare_winback(winback: WinBack) -> None:
    """Before validation: the method's own checks, then the derived likelihood and cadence."""
    _check_winback(winback)
    _apply_profile(winback)


WINBACK_EDITABLE = {
    "title",
    "owner",
    "lost_to",
    "lost_to_name",
    "decision_date",
    "reasons",
    "value",
    "currency",
    "repeat_buyer",
    "years_on_incumbent",
    "likelihood_override",
    "override_reason",
}


@transaction.atomic
def winback_update(
    *, membership: Membership, winback: WinBack, version: int | None = None, **data: Any
) -> WinBack:
    """Change the facts or the buyer profile; the likelihood, cadence and priority follow.
    Setting the likelihood by hand (``likelihood_override``) needs a reason; clearing it
    goes back to the computed one."""
    unknown = set(data) - WINBACK_EDITABLE
    if unknown:
        raise TypeError(f"winback_update() cannot change {sorted(unknown)}")
    require_edit(membership, winback)
    if "owner" in data:
        data["owner"] = _owner(membership, data["owner"])
    changes = {
        name: (value or "")
        if name in {"likelihood_override", "override_reason", "lost_to_name", "reasons"}
        else value
        for name, value in data.items()
    }
    return writes.update(
        winback,
        membership=membership,
        changes=changes,
        version=version,
        check=writes.allowed,  # require_edit above, before the owner was resolved
        prepare=_prepare_winback,
    )


@transaction.atomic
def winback_approve(*, membership: Membership, winback: WinBack, approved: bool = True) -> WinBack:
    """Record (or withdraw) a manager's approval of the win-back plan: a junior seller
    working a loss for months needs the manager's buy-in."""
    if not is_manager(membership):
        raise PermissionDenied(APPROVE_MANAGERS_ONLY)
    return writes.update(
        winback,
        membership=membership,
        changes={
            "manager_approved_by": membership.user if approved else None,
            "manager_approved_at": timezone.now() if approved else None,
        },
        check=writes.allowed,  # a manager or an admin: checked above
        full_clean=False,
    )


@transaction.atomic
def winback_reopen(
    *,
    membership: Membership,
    winback: WinBack,
    title: str | None = None,
    amount: Decimal | None = None,
    expected_close: dt.date | None = None,
) -> Deal:
    """Re-engage: open a new CRM deal with the account, linked to this win-back. The days
    from the decision to this moment are the report's "days to re-engage"."""
    require_edit(membership, winback)
    _refuse(reopen_refusal(winback))
    deal = crm_services.deal_create(
        membership=membership,
        account=winback.account,
        title=(title or f"{winback.deal.title} (win-back)")[:200],
        amount=winback.value if amount is None else amount,
        currency=winback.currency,
        expected_close=expected_close,
        owner=winback.owner or membership.user,
        competitors=winback.lost_to_name,
    )
    writes.update(
        winback,
        membership=membership,
        changes={"reopened_deal": deal, "reengaged_on": _today()},
        check=writes.allowed,  # require_edit above
        full_clean=False,
    )
    return deal


@transaction.atomic
def winback_close(*, membership: Membership, winback: WinBack, note: str = "") -> WinBack:
    """Stop working a win-back by hand (the customer merged, the need went away…)."""
    require_edit(membership, winback)
    _refuse(close_refusal(winback))
    _check_text(note=note)
    return writes.update(
        winback,
        membership=membership,
        changes={"closed_at": timezone.now(), "close_note": note.strip()},
        check=writes.allowed,  # require_edit above
        full_clean=False,
    )


# --- asks -----------------------------------------------------------------------------------


@transaction.atomic
def ask_create(
    *, membership: Membership, winback: WinBack, text: str, kind: str = AskKind.CUSTOM
) -> Ask:
    require_edit(membership, winback)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": TEXT_REQUIRED})
    last = (
        Ask.objects.in_workspace(membership.workspace_id)
        .filter(winback=winback)
        .aggregate(last=Max("position"))["last"]
    )
    _check_text(text=text)
    return writes.create(
        Ask,
        membership=membership,
        check=writes.allowed,  # require_edit on the win-back above
        winback=winback,
        kind=kind,
        text=text,
        position=(last or 0) + 1,
    )


ANSWERED = (AskStatus.GRANTED, AskStatus.DECLINED)


@transaction.atomic
def ask_update(*, membership: Membership, ask: Ask, version: int | None = None, **data: Any) -> Ask:
    """Move an ask along (to ask → asked → granted / declined) and note what was obtained.
    When it was asked and answered is recorded for the reports."""
    unknown = set(data) - {"text", "status", "obtained"}
    if unknown:
        raise TypeError(f"ask_update() cannot change {sorted(unknown)}")
    require_edit(membership, ask.winback)
    before = history.snapshot(ask)
    for name, value in data.items():
        setattr(ask, name, (value or "").strip() if name != "status" else value)
    if "text" in data and not ask.text:
        raise ValidationError({"text": TEXT_REQUIRED})
    _check_text(text=ask.text, obtained=ask.obtained)
    now = timezone.now()
    if ask.status == AskStatus.TO_ASK:
        ask.asked_at = ask.answered_at = None
    else:
        ask.asked_at = ask.asked_at or now
        if ask.status in ANSWERED:
            if before["status"][0] != ask.status or ask.answered_at is None:
                ask.answered_at = now
        else:
            ask.answered_at = None
    return writes.update(
        ask,
        membership=membership,
        changes={},  # changed step by step above
        version=version,
        check=writes.allowed,  # require_edit on the win-back above
        before=before,
    )


def _delete_files_after_commit(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def remove() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(remove)


@transaction.atomic
def ask_delete(*, membership: Membership, ask: Ask) -> None:
    require_edit(membership, ask.winback)
    names = list(
        AskAttachment.objects.in_workspace(membership.workspace_id)
        .filter(ask=ask)
        .values_list("file", flat=True)
    )
    writes.delete(ask, membership=membership, check=writes.allowed)  # require_edit above
    _delete_files_after_commit(names)


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def _clean_name(name: str) -> str:
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"\x00')
    return name.strip()[:200] or "attachment"


def _record_attachment(
    *, membership: Membership, ask: Ask, added: str = "", removed: str = ""
) -> None:
    """One history row on the ask ("Files: — → scorecard.pdf"), where the win-back's page
    and the account's show it: a file is not a field the generic snapshot can show. The ask
    keeps its version (an open edit form of it stays valid)."""
    writes.note(
        ask,
        membership=membership,
        entries=[{"field": "attachments", "label": "files", "from": removed, "to": added}],
        check=writes.allowed,  # require_edit on the win-back, by the caller
    )


class AttachmentTooLarge(ValidationError):
    """A file over the size limit (the API answers 413 for it, other input errors 422)."""


def attachment_check_size(size: int | None) -> None:
    """Refuse a file over the limit (also used on the request's declared length, before the
    upload is read)."""
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        raise AttachmentTooLarge(
            {
                "file": FILE_TOO_LARGE.format(
                    size=_human_size(size), limit=_human_size(MAX_ATTACHMENT_BYTES)
                )
            }
        )


@transaction.atomic
def attachment_add(
    *, membership: Membership, ask: Ask, upload: UploadedFile | None
) -> AskAttachment:
    """Attach a file obtained for an ask (at most 10 MB, at most 20 per ask). It is stored
    under a random name in the workspace's folder and only ever served as a download."""
    require_edit(membership, ask.winback)
    if upload is None:
        raise ValidationError({"file": FILE_MISSING})
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": FILE_EMPTY})
    attachment_check_size(size)
    count = AskAttachment.objects.in_workspace(membership.workspace_id).filter(ask=ask).count()
    if count >= MAX_ATTACHMENTS_PER_ASK:
        raise ValidationError({"file": TOO_MANY_FILES.format(limit=MAX_ATTACHMENTS_PER_ASK)})
    name = _clean_name(upload.name or "")
    guessed = mimetypes.guess_type(name)[0] or ""
    stored: list[AskAttachment] = []

    def store(attachment: AskAttachment) -> None:
        # The file first (under its random name, which needs the workspace), then the row.
        attachment.file.save(name, upload, save=False)
        stored.append(attachment)

    try:
        attachment = writes.create(
            AskAttachment,
            membership=membership,
            check=writes.allowed,  # require_edit on the win-back above
            full_clean=False,  # checked above: size, count and a cleaned name
            prepare=store,
            ask=ask,
            original_name=name,
            size=size,
            content_type=guessed if guessed in SAFE_CONTENT_TYPES else "",
            uploaded_by=membership.user,
            uploaded_at=timezone.now(),
        )
        _record_attachment(membership=membership, ask=ask, added=name)
    except Exception:
        # The row was refused: the stored file must not stay behind.
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, membership: Membership, attachment: AskAttachment) -> None:
    require_edit(membership, attachment.ask.winback)
    name = attachment.file.name
    _record_attachment(membership=membership, ask=attachment.ask, removed=attachment.original_name)
    writes.delete(attachment, membership=membership, check=writes.allowed)  # require_edit above
    _delete_files_after_commit([name])


def attachment_content_type(attachment: AskAttachment) -> str:
    if attachment.content_type in SAFE_CONTENT_TYPES:
        return attachment.content_type
    return "application/octet-stream"


# --- planned touches ------------------------------------------------------------------------


@transaction.atomic
def touch_create(
    *,
    membership: Membership,
    winback: WinBack,
    kind: str = TouchKind.CALL,
    planned_for: dt.date | None = None,
    note: str = "",
) -> PlannedTouch:
    """Plan a call, an e-mail or a lunch; it shows on the owner's agenda when due."""
    require_edit(membership, winback)
    _refuse(close_refusal(winback))
    note = (note or "").strip()
    _check_text(note=note)
    return writes.create(
        PlannedTouch,
        membership=membership,
        check=writes.allowed,  # require_edit on the win-back above
        winback=winback,
        kind=kind,
        planned_for=planned_for or (_today() + dt.timedelta(days=winback.cadence_days)),
        note=note,
    )


@transaction.atomic
def touch_complete(
    *,
    membership: Membership,
    touch: PlannedTouch,
    summary: str = "",
    log_interaction: bool = True,
) -> PlannedTouch:
    """Mark a planned touch done. By default it is also logged as an interaction with the
    account — which is what clears "no news is bad news"."""
    winback = touch.winback
    require_edit(membership, winback)
    if touch.done:
        raise RuleRefused(TOUCH_ALREADY_DONE)
    _check_text(summary=summary)
    now = timezone.now()
    changes: dict[str, Any] = {"done_at": now}
    if log_interaction:
        text = (summary or "").strip() or (
            f"Win-back {touch.get_kind_display().lower()}"
            + (f": {touch.note}" if touch.note else "")
        )
        interaction = crm_services.interaction_create(
            membership=membership,
            account=winback.account,
            kind=TOUCH_TO_INTERACTION[TouchKind(touch.kind)],
            occurred_at=now,
            summary=text,
        )
        changes["interaction"] = interaction
    return writes.update(
        touch,
        membership=membership,
        changes=changes,
        check=writes.allowed,  # require_edit on the win-back above
        full_clean=False,
    )


def _check_touch(touch: PlannedTouch) -> None:
    _check_text(note=touch.note)


@transaction.atomic
def touch_update(
    *, membership: Membership, touch: PlannedTouch, version: int | None = None, **data: Any
) -> PlannedTouch:
    unknown = set(data) - {"kind", "planned_for", "note"}
    if unknown:
        raise TypeError(f"touch_update() cannot change {sorted(unknown)}")
    require_edit(membership, touch.winback)
    return writes.update(
        touch,
        membership=membership,
        changes={
            name: (value or "").strip() if name == "note" else value for name, value in data.items()
        },
        version=version,
        check=writes.allowed,  # require_edit on the win-back above
        prepare=_check_touch,
    )


@transaction.atomic
def touch_delete(*, membership: Membership, touch: PlannedTouch) -> None:
    require_edit(membership, touch.winback)
    writes.delete(touch, membership=membership, check=writes.allowed)  # require_edit above


# --- winner signals -------------------------------------------------------------------------


def _check_signal(signal: WinnerSignal) -> None:
    _check_text(note=signal.note)
    errors = {}
    if signal.observed_on and signal.observed_on > _today():
        errors["observed_on"] = SIGNAL_IN_FUTURE
    if signal.kind == SignalKind.CONTRACT_END and signal.contract_end is None:
        errors["contract_end"] = CONTRACT_END_NEEDED
    if signal.kind != SignalKind.CONTRACT_END and signal.contract_end is not None:
        errors["contract_end"] = CONTRACT_END_ONLY
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def signal_create(
    *,
    membership: Membership,
    winback: WinBack,
    kind: str,
    observed_on: dt.date | None = None,
    note: str = "",
    contract_end: dt.date | None = None,
) -> WinnerSignal:
    """Record what you learn about the winner; the points add up towards "re-engage now"."""
    require_edit(membership, winback)
    signal = writes.create(
        WinnerSignal,
        membership=membership,
        check=writes.allowed,  # require_edit on the win-back above
        prepare=_check_signal,
        winback=winback,
        kind=kind,
        observed_on=observed_on or _today(),
        note=(note or "").strip(),
        contract_end=contract_end,
        recorded_by=membership.user,
    )
    _refresh_signals(winback, membership=membership)
    return signal


@transaction.atomic
def signal_update(
    *, membership: Membership, signal: WinnerSignal, version: int | None = None, **data: Any
) -> WinnerSignal:
    unknown = set(data) - {"kind", "observed_on", "note", "contract_end"}
    if unknown:
        raise TypeError(f"signal_update() cannot change {sorted(unknown)}")
    require_edit(membership, signal.winback)
    writes.update(
        signal,
        membership=membership,
        changes={
            name: (value or "").strip() if name == "note" else value for name, value in data.items()
        },
        version=version,
        check=writes.allowed,  # require_edit on the win-back above
        prepare=_check_signal,
    )
    _refresh_signals(signal.winback, membership=membership)
    return signal


@transaction.atomic
def signal_delete(*, membership: Membership, signal: WinnerSignal) -> None:
    winback = signal.winback
    require_edit(membership, winback)
    writes.delete(signal, membership=membership, check=writes.allowed)  # require_edit above
    _refresh_signals(winback, membership=membership)
