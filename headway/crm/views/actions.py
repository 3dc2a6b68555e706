"""Web pages for actions (next steps): list, create, edit, done / undo, snooze, delete.

Done, undo and snooze answer htmx requests with the updated table row (the ``action_row``
partial of ``crm/action_list.html``) and plain form posts with a redirect, so the page works
with and without JavaScript.
"""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from headway.crm import selectors, services
from headway.crm.forms_activity import ActionForm, SnoozeForm, add_service_errors
from headway.crm.models import Account, Action, Deal
from headway.crm.views.deals import account_url, parse_id, safe_next
from headway.errors import ConcurrentEdit
from headway.pagination import paginate_request
from headway.web.errors import post_only
from headway.workspaces.permissions import require_create, require_edit
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import person_choices

STATUS_FILTERS = [("open", "Open"), ("done", "Done"), ("all", "All")]
ROW_TEMPLATE = "crm/action_list.html#action_row"


def _list_url() -> str:
    return reverse("crm:action_list")


@workspace_view
def action_list(request: WorkspaceRequest) -> HttpResponse:
    ws = request.workspace
    q = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("status", "open")
    if status not in dict(STATUS_FILTERS):
        status = "open"
    owner_param = request.GET.get("owner", "me")
    if owner_param == "all":
        owner = None
    elif owner_param == "me" or parse_id(owner_param) is None:
        owner_param, owner = "me", request.user.pk
    else:
        owner = parse_id(owner_param)
    qs = selectors.action_list(workspace=ws, owner=owner, status=status, q=q)
    page = paginate_request(qs, request.GET, size=settings.HEADWAY_PAGE_SIZE)
    return render(
        request,
        "crm/action_list.html",
        {
            "page": page,
            "q": q,
            "status": status,
            "owner_param": owner_param,
            "status_filters": STATUS_FILTERS,
            "members": person_choices(ws),
            "today": timezone.localdate(),
            "next_url": request.get_full_path(),
            "filtered": bool(q) or status != "open" or owner_param != "me",
        },
    )


# --- create / edit --------------------------------------------------------------------------


def _form_page(
    request: WorkspaceRequest, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("next_url", safe_next(request, ""))
    return render(request, "crm/action_form.html", context, status=status)


def _create(
    request: WorkspaceRequest, *, account: Account | None, deal: Deal | None
) -> HttpResponse:
    ws, membership = request.workspace, request.membership
    require_create(membership)
    if deal is not None:
        account = deal.account
    context: dict[str, Any] = {"account": account, "deal": deal, "action": None}
    if request.method == "POST":
        form = ActionForm(request.POST, workspace=ws, user=request.user)
        if form.is_valid():
            try:
                services.action_create(
                    membership=membership,
                    target=deal or account,
                    account=account,
                    **form.service_data(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Action “{form.cleaned_data['title']}” added.")
                if deal is not None:
                    default = reverse("crm:deal_detail", kwargs={"deal_id": deal.pk})
                elif account is not None:
                    default = account_url(account.pk)
                else:
                    default = _list_url()
                return HttpResponseRedirect(safe_next(request, default))
        return _form_page(request, {**context, "form": form}, status=422)
    form = ActionForm(workspace=ws, user=request.user)
    return _form_page(request, {**context, "form": form})


@workspace_view
def action_create(request: WorkspaceRequest) -> HttpResponse:
    """``?account=<id>`` attaches the action to an account, ``?deal=<id>`` to a deal."""
    ws = request.workspace
    account = deal = None
    if request.GET.get("deal"):
        deal = selectors.get_deal(workspace=ws, id=request.GET["deal"])
    elif request.GET.get("account"):
        account = selectors.get_account(workspace=ws, id=request.GET["account"])
    return _create(request, account=account, deal=deal)


@workspace_view
def action_create_for_account(request: WorkspaceRequest, account_id: int) -> HttpResponse:
    account = selectors.get_account(workspace=request.workspace, id=account_id)
    return _create(request, account=account, deal=None)


@workspace_view
def action_edit(request: WorkspaceRequest, action_id: int) -> HttpResponse:
    ws, membership = request.workspace, request.membership
    action = selectors.get_action(workspace=ws, id=action_id)
    require_edit(membership, action)
    context: dict[str, Any] = {"action": action, "account": action.account, "deal": None}
    if request.method == "POST":
        # Validate a copy: the service diffs the loaded action for its history.
        form = ActionForm(request.POST, instance=copy.copy(action), workspace=ws)
        if form.is_valid():
            try:
                services.action_update(
                    membership=membership,
                    action=action,
                    version=form.cleaned_data.get("version"),
                    **form.service_data(),
                )
            except ConcurrentEdit as exc:
                form.add_error(None, exc.message)
                return _form_page(request, {**context, "form": form}, status=409)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Action saved.")
                return HttpResponseRedirect(safe_next(request, _list_url()))
        return _form_page(request, {**context, "form": form}, status=422)
    form = ActionForm(instance=copy.copy(action), workspace=ws)
    return _form_page(request, {**context, "form": form})


# --- done / undo / snooze / delete ----------------------------------------------------------


def _row_or_redirect(
    request: WorkspaceRequest, action: Action, message: str, error: str = ""
) -> HttpResponse:
    """htmx: the updated row (with an inline error if any); otherwise back to ``next``."""
    next_url = safe_next(request, _list_url())
    if request.htmx:
        context = {
            "action": action,
            "today": timezone.localdate(),
            "next_url": next_url,
            "row_message": error or message,
            "row_error": bool(error),
        }
        return render(request, ROW_TEMPLATE, context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return HttpResponseRedirect(next_url)


def _for_change(request: WorkspaceRequest, action_id: int) -> Action | HttpResponse:
    action = selectors.get_action(workspace=request.workspace, id=action_id)
    if request.method != "POST":
        return post_only()
    require_edit(request.membership, action)
    return action


@workspace_view
def action_done(request: WorkspaceRequest, action_id: int) -> HttpResponse:
    action = _for_change(request, action_id)
    if isinstance(action, HttpResponse):
        return action
    action = services.action_complete(membership=request.membership, action=action)
    return _row_or_redirect(request, action, f"Done: “{action.title}”.")


@workspace_view
def action_undo(request: WorkspaceRequest, action_id: int) -> HttpResponse:
    action = _for_change(request, action_id)
    if isinstance(action, HttpResponse):
        return action
    action = services.action_complete(membership=request.membership, action=action, done=False)
    return _row_or_redirect(request, action, f"“{action.title}” is open again.")


@workspace_view
def action_snooze(request: WorkspaceRequest, action_id: int) -> HttpResponse:
    action = _for_change(request, action_id)
    if isinstance(action, HttpResponse):
        return action
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(m) for errors in form.errors.values() for m in errors)
        return _row_or_redirect(request, action, "", error=error)
    until = form.cleaned_data["until"]
    try:
        action = services.action_snooze(membership=request.membership, action=action, until=until)
    except ValidationError as exc:
        return _row_or_redirect(request, action, "", error=" ".join(exc.messages))
    when = date_format(until, "D j M")
    return _row_or_redirect(request, action, f"“{action.title}” snoozed until {when}.")


@workspace_view
def action_delete(request: WorkspaceRequest, action_id: int) -> HttpResponse:
    action = selectors.get_action(workspace=request.workspace, id=action_id)
    if request.method != "POST":
        return post_only()
    title = action.title
    services.action_delete(membership=request.membership, action=action)
    messages.success(request, f"Action “{title}” deleted.")
    return HttpResponseRedirect(safe_next(request, _list_url()))


urlpatterns: list[URLPattern] = [
    path("actions/", action_list, name="action_list"),
    path("actions/new/", action_create, name="action_create"),
    path(
        "accounts/<int:account_id>/actions/new/",
        action_create_for_account,
        name="action_create_for_account",
    ),
    path("actions/<int:action_id>/edit/", action_edit, name="action_edit"),
    path("actions/<int:action_id>/done/", action_done, name="action_done"),
    path("actions/<int:action_id>/undo/", action_undo, name="action_undo"),
    path("actions/<int:action_id>/snooze/", action_snooze, name="action_snooze"),
    path("actions/<int:action_id>/delete/", action_delete, name="action_delete"),
]
