"""API for win-backs (mounted at /api/v1/winbacks): the portfolio, opening a win-back from a
lost deal, the asks with their files, the buyer profile, planned touches, winner signals,
the manager's approval, re-opening a deal, closing, and the reports.

Thin doors: parse (schemas) → resolve ids in this workspace (children under their win-back)
→ service or selector → serialize. The same services as the web pages, so the same rules.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from headway.crm import selectors as crm_selectors
from headway.errors import NotFound
from headway.methods.winback import selectors, services
from headway.methods.winback.downloads import attachment_response
from headway.methods.winback.models import (
    MAX_ATTACHMENT_BYTES,
    Ask,
    AskAttachment,
    PlannedTouch,
    WinBack,
    WinnerSignal,
)
from headway.methods.winback.schemas import (
    ApproveIn,
    AskIn,
    AskOut,
    AskPage,
    AskPatch,
    AttachmentOut,
    AttachmentPage,
    CloseIn,
    ReopenIn,
    ReportsOut,
    SignalIn,
    SignalOut,
    SignalPage,
    SignalPatch,
    TouchDoneIn,
    TouchIn,
    TouchOut,
    TouchPage,
    TouchPatch,
    WinBackIn,
    WinBackOut,
    WinBackPage,
    WinBackPatch,
    WinBackQuery,
)
from headway.schemas import Detail, PageParams, ValidationDetail, page, path_id
from headway.workspaces.models import Membership, User
from headway.workspaces.selectors import resolve_member

router = Router(tags=["winbacks"])

READ: dict[int, Any] = {401: Detail, 404: Detail, 422: ValidationDetail}
WRITE: dict[int, Any] = {**READ, 403: Detail, 409: Detail}

NO_DEAL = "No such deal in this workspace."
DEAL_REQUIRED = "Give the id of the lost deal to win back."
NO_MEMBER = "No such person in this workspace: pick a member of it."
KIND_REQUIRED = "Say what kind of signal it is."
UPLOAD_OVERHEAD = 64 * 1024


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined,no-any-return]


def _ws(request: HttpRequest) -> Any:
    return request.workspace  # type: ignore[attr-defined]


def _winback(request: HttpRequest, winback_id: int) -> WinBack:
    return selectors.get_winback(workspace=_ws(request), id=path_id(winback_id))


def _ask(request: HttpRequest, winback_id: int, ask_id: int) -> Ask:
    winback = _winback(request, winback_id)
    return selectors.get_ask(workspace=_ws(request), winback=winback, id=path_id(ask_id))


def _attachment(
    request: HttpRequest, winback_id: int, ask_id: int, attachment_id: int
) -> AskAttachment:
    ask = _ask(request, winback_id, ask_id)
    return selectors.get_attachment(workspace=_ws(request), ask=ask, id=path_id(attachment_id))


def _touch(request: HttpRequest, winback_id: int, touch_id: int) -> PlannedTouch:
    winback = _winback(request, winback_id)
    return selectors.get_touch(workspace=_ws(request), winback=winback, id=path_id(touch_id))


def _signal(request: HttpRequest, winback_id: int, signal_id: int) -> WinnerSignal:
    winback = _winback(request, winback_id)
    return selectors.get_signal(workspace=_ws(request), winback=winback, id=path_id(signal_id))


def _member(request: HttpRequest, user_id: int) -> User:
    """Only the workspace's members can own things in it (422 on ``owner_id`` otherwise)."""
    try:
        return resolve_member(_ws(request), user_id, field="owner_id", active_only=False)
    except ValidationError:
        raise ValidationError({"owner_id": NO_MEMBER}) from None


def _fresh(request: HttpRequest, winback: WinBack) -> WinBack:
    return selectors.get_winback(workspace=_ws(request), id=winback.pk)


def _list_item(row: selectors.PortfolioRow) -> WinBack:
    winback = row.winback
    winback.cadence_overdue = row.watch.overdue  # type: ignore[attr-defined]
    winback.reengage_now = row.watch.reengage  # type: ignore[attr-defined]
    return winback


# --- win-backs ------------------------------------------------------------------------------


@router.get("", response={200: WinBackPage, **READ})
def winback_list(request: HttpRequest, params: Query[WinBackQuery]) -> Any:
    """Win-backs in portfolio order: highest priority (likelihood × value × signals) first.
    Open ones by default; ``status=all`` for every one."""
    qs = selectors.winback_list(
        workspace=_ws(request),
        owner=params.owner_id,
        status="" if params.status == "all" else params.status,
    ).select_related("deal")
    result = page(request, qs, params)
    rows = selectors.portfolio_rows(result["items"], now=timezone.now())
    result["items"] = [_list_item(row) for row in rows]
    return result


@router.post("", response={201: WinBackOut, **WRITE})
def winback_create(request: HttpRequest, payload: WinBackIn) -> Any:
    """Open a win-back from a lost deal (``deal_id``); the four asks come pre-filled."""
    data = payload.model_dump(exclude_unset=True)
    deal_id = data.pop("deal_id", None)
    if deal_id is None:
        raise ValidationError({"deal_id": DEAL_REQUIRED})
    try:
        deal = crm_selectors.get_deal(workspace=_ws(request), id=deal_id)
    except NotFound:
        raise ValidationError({"deal_id": NO_DEAL}) from None
    owner_id = data.pop("owner_id", None)
    owner = _member(request, owner_id) if owner_id is not None else None
    data = {k: v for k, v in data.items() if v is not None}
    winback = services.winback_create(
        membership=_membership(request), deal=deal, owner=owner, **data
    )
    return Status(201, _fresh(request, winback))


@router.get("/reports", response={200: ReportsOut, **READ})
def winback_reports(request: HttpRequest) -> Any:
    """Asks granted rate, win-back rate, days to re-engage, losses by competitor and reason."""
    return selectors.reports(workspace=_ws(request))


@router.get("/{winback_id}", response={200: WinBackOut, **READ})
def winback_detail(request: HttpRequest, winback_id: int) -> WinBack:
    return _winback(request, winback_id)


@router.patch("/{winback_id}", response={200: WinBackOut, **WRITE})
def winback_update(request: HttpRequest, winback_id: int, payload: WinBackPatch) -> Any:
    """Facts and buyer profile; the likelihood, effort, cadence and priority follow."""
    winback = _winback(request, winback_id)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version", None)
    if "owner_id" in data:
        owner_id = data.pop("owner_id")
        data["owner"] = None if owner_id is None else _member(request, owner_id)
    services.winback_update(
        membership=_membership(request), winback=winback, version=version, **data
    )
    return _fresh(request, winback)


@router.post("/{winback_id}/approve", response={200: WinBackOut, **WRITE})
def winback_approve(request: HttpRequest, winback_id: int, payload: ApproveIn) -> Any:
    """Record (or withdraw) a manager's approval of the plan: managers and admins only."""
    winback = _winback(request, winback_id)
    services.winback_approve(
        membership=_membership(request), winback=winback, approved=payload.approved
    )
    return _fresh(request, winback)


@router.post("/{winback_id}/reopen", response={201: WinBackOut, **WRITE})
def winback_reopen(request: HttpRequest, winback_id: int, payload: ReopenIn) -> Any:
    """Re-engage: open a new CRM deal linked to the win-back (``reopened_deal``)."""
    winback = _winback(request, winback_id)
    data = {k: v for k, v in payload.model_dump().items() if v is not None}
    services.winback_reopen(membership=_membership(request), winback=winback, **data)
    return Status(201, _fresh(request, winback))


@router.post("/{winback_id}/close", response={200: WinBackOut, **WRITE})
def winback_close(request: HttpRequest, winback_id: int, payload: CloseIn) -> Any:
    winback = _winback(request, winback_id)
    services.winback_close(membership=_membership(request), winback=winback, note=payload.note)
    return _fresh(request, winback)


# --- asks -----------------------------------------------------------------------------------


@router.get("/{winback_id}/asks", response={200: AskPage, **READ})
def ask_list(request: HttpRequest, winback_id: int, params: Query[PageParams]) -> Any:
    winback = _winback(request, winback_id)
    qs = Ask.objects.in_workspace(_ws(request)).filter(winback=winback).order_by("position", "id")
    return page(request, qs, params)


@router.post("/{winback_id}/asks", response={201: AskOut, **WRITE})
def ask_create(request: HttpRequest, winback_id: int, payload: AskIn) -> Any:
    winback = _winback(request, winback_id)
    ask = services.ask_create(
        membership=_membership(request), winback=winback, text=payload.text, kind=payload.kind
    )
    return Status(201, ask)


@router.get("/{winback_id}/asks/{ask_id}", response={200: AskOut, **READ})
def ask_detail(request: HttpRequest, winback_id: int, ask_id: int) -> Ask:
    return _ask(request, winback_id, ask_id)


@router.patch("/{winback_id}/asks/{ask_id}", response={200: AskOut, **WRITE})
def ask_update(request: HttpRequest, winback_id: int, ask_id: int, payload: AskPatch) -> Any:
    """Move an ask along: to_ask → asked → granted / declined; note what was obtained."""
    ask = _ask(request, winback_id, ask_id)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version", None)
    return services.ask_update(membership=_membership(request), ask=ask, version=version, **data)


@router.delete("/{winback_id}/asks/{ask_id}", response={204: None, **WRITE})
def ask_delete(request: HttpRequest, winback_id: int, ask_id: int) -> Any:
    services.ask_delete(membership=_membership(request), ask=_ask(request, winback_id, ask_id))
    return Status(204, None)


@router.get("/{winback_id}/asks/{ask_id}/attachments", response={200: AttachmentPage, **READ})
def attachment_list(
    request: HttpRequest, winback_id: int, ask_id: int, params: Query[PageParams]
) -> Any:
    ask = _ask(request, winback_id, ask_id)
    qs = (
        AskAttachment.objects.in_workspace(_ws(request))
        .filter(ask=ask)
        .select_related("ask", "uploaded_by")
        .order_by("uploaded_at", "id")
    )
    return page(request, qs, params)


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            }
        },
    }
}


@router.post(
    "/{winback_id}/asks/{ask_id}/attachments",
    response={201: AttachmentOut, 413: ValidationDetail, **WRITE},
    openapi_extra=UPLOAD_BODY,
)
def attachment_upload(request: HttpRequest, winback_id: int, ask_id: int) -> Any:
    """Attach a file (multipart, field ``file``, at most 10 MB). Too large → 413."""
    ask = _ask(request, winback_id, ask_id)
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > MAX_ATTACHMENT_BYTES + UPLOAD_OVERHEAD:
        # Refused before the body is read.
        return _too_large(request, int(declared))
    try:
        attachment = services.attachment_add(
            membership=_membership(request), ask=ask, upload=request.FILES.get("file")
        )
    except services.AttachmentTooLarge as exc:
        return _too_large(request, None, exc.message_dict["file"][0])
    return Status(201, attachment)


def _too_large(request: HttpRequest, size: int | None, message: str | None = None) -> Any:
    if message is None:
        try:
            services.attachment_check_size(size)
        except ValidationError as exc:
            message = exc.message_dict["file"][0]
    return Status(
        413, {"detail": [{"loc": ["body", "file"], "msg": message, "type": "value_error"}]}
    )


@router.get(
    "/{winback_id}/asks/{ask_id}/attachments/{attachment_id}",
    response={200: AttachmentOut, **READ},
)
def attachment_detail(
    request: HttpRequest, winback_id: int, ask_id: int, attachment_id: int
) -> AskAttachment:
    return _attachment(request, winback_id, ask_id, attachment_id)


@router.get(
    "/{winback_id}/asks/{ask_id}/attachments/{attachment_id}/download",
    response=READ,  # the 200 (a file) is in openapi_extra: declared twice it is a duplicate key
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as a download (Content-Disposition: attachment).",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def attachment_download(
    request: HttpRequest, winback_id: int, ask_id: int, attachment_id: int
) -> StreamingHttpResponse:
    return attachment_response(_attachment(request, winback_id, ask_id, attachment_id))


@router.delete(
    "/{winback_id}/asks/{ask_id}/attachments/{attachment_id}", response={204: None, **WRITE}
)
def attachment_delete(
    request: HttpRequest, winback_id: int, ask_id: int, attachment_id: int
) -> Any:
    attachment = _attachment(request, winback_id, ask_id, attachment_id)
    services.attachment_delete(membership=_membership(request), attachment=attachment)
    return Status(204, None)


# --- planned touches ------------------------------------------------------------------------


@router.get("/{winback_id}/touches", response={200: TouchPage, **READ})
def touch_list(request: HttpRequest, winback_id: int, params: Query[PageParams]) -> Any:
    winback = _winback(request, winback_id)
    qs = (
        PlannedTouch.objects.in_workspace(_ws(request))
        .filter(winback=winback)
        .order_by("planned_for", "id")
    )
    return page(request, qs, params)


@router.post("/{winback_id}/touches", response={201: TouchOut, **WRITE})
def touch_create(request: HttpRequest, winback_id: int, payload: TouchIn) -> Any:
    winback = _winback(request, winback_id)
    touch = services.touch_create(
        membership=_membership(request),
        winback=winback,
        kind=payload.kind,
        planned_for=payload.planned_for,
        note=payload.note,
    )
    return Status(201, touch)


@router.get("/{winback_id}/touches/{touch_id}", response={200: TouchOut, **READ})
def touch_detail(request: HttpRequest, winback_id: int, touch_id: int) -> PlannedTouch:
    return _touch(request, winback_id, touch_id)


@router.patch("/{winback_id}/touches/{touch_id}", response={200: TouchOut, **WRITE})
def touch_update(request: HttpRequest, winback_id: int, touch_id: int, payload: TouchPatch) -> Any:
    touch = _touch(request, winback_id, touch_id)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version", None)
    return services.touch_update(
        membership=_membership(request), touch=touch, version=version, **data
    )


@router.post("/{winback_id}/touches/{touch_id}/done", response={200: TouchOut, **WRITE})
def touch_done(request: HttpRequest, winback_id: int, touch_id: int, payload: TouchDoneIn) -> Any:
    """Mark done; by default also logs an interaction with the account."""
    touch = _touch(request, winback_id, touch_id)
    return services.touch_complete(
        membership=_membership(request),
        touch=touch,
        summary=payload.summary,
        log_interaction=payload.log_interaction,
    )


@router.delete("/{winback_id}/touches/{touch_id}", response={204: None, **WRITE})
def touch_delete(request: HttpRequest, winback_id: int, touch_id: int) -> Any:
    services.touch_delete(
        membership=_membership(request), touch=_touch(request, winback_id, touch_id)
    )
    return Status(204, None)


# --- winner signals -------------------------------------------------------------------------


@router.get("/{winback_id}/signals", response={200: SignalPage, **READ})
def signal_list(request: HttpRequest, winback_id: int, params: Query[PageParams]) -> Any:
    winback = _winback(request, winback_id)
    qs = (
        WinnerSignal.objects.in_workspace(_ws(request))
        .filter(winback=winback)
        .order_by("-observed_on", "-id")
    )
    return page(request, qs, params)


@router.post("/{winback_id}/signals", response={201: SignalOut, **WRITE})
def signal_create(request: HttpRequest, winback_id: int, payload: SignalIn) -> Any:
    """Record a signal about the winner; enough points, or a contract end within 90 days,
    puts "re-engage now" on the owner's agenda."""
    winback = _winback(request, winback_id)
    if payload.kind is None:
        raise ValidationError({"kind": KIND_REQUIRED})
    signal = services.signal_create(
        membership=_membership(request),
        winback=winback,
        kind=payload.kind,
        observed_on=payload.observed_on,
        note=payload.note,
        contract_end=payload.contract_end,
    )
    return Status(201, signal)


@router.get("/{winback_id}/signals/{signal_id}", response={200: SignalOut, **READ})
def signal_detail(request: HttpRequest, winback_id: int, signal_id: int) -> WinnerSignal:
    return _signal(request, winback_id, signal_id)


@router.patch("/{winback_id}/signals/{signal_id}", response={200: SignalOut, **WRITE})
def signal_update(
    request: HttpRequest, winback_id: int, signal_id: int, payload: SignalPatch
) -> Any:
    signal = _signal(request, winback_id, signal_id)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version", None)
    return services.signal_update(
        membership=_membership(request), signal=signal, version=version, **data
    )


@router.delete("/{winback_id}/signals/{signal_id}", response={204: None, **WRITE})
def signal_delete(request: HttpRequest, winback_id: int, signal_id: int) -> Any:
    services.signal_delete(
        membership=_membership(request), signal=_signal(request, winback_id, signal_id)
    )
    return Status(204, None)
