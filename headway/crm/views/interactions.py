"""Web pages for interactions: list, log (for an account), edit, delete.

Logging an interaction updates the account's last touch; the service does it, so the page and
the API cannot disagree.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path

from headway.crm import selectors, services
from headway.crm.forms_activity import AccountChoiceForm, InteractionForm, add_service_errors
from headway.crm.models import Account, Interaction, InteractionKind
from headway.crm.views.deals import account_url, parse_id, safe_next
from headway.errors import ConcurrentEdit
from headway.pagination import paginate_request
from headway.web.errors import post_only
from headway.workspaces.permissions import require_create, require_edit
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import person_choices


@workspace_view
def interaction_list(request: WorkspaceRequest) -> HttpResponse:
    ws = request.workspace
    q = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    if kind not in InteractionKind.values:
        kind = ""
    author = parse_id(request.GET.get("author"))
    account = None
    account_id = parse_id(request.GET.get("account"))
    if account_id:
        account = selectors.get_account(workspace=ws, id=account_id)
    qs = selectors.interaction_list(workspace=ws, q=q, kind=kind, author=author, account=account_id)
    page = paginate_request(qs, request.GET, size=settings.HEADWAY_PAGE_SIZE)
    return render(
        request,
        "crm/interaction_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "author": author,
            "account": account,
            "kinds": InteractionKind.choices,
            "members": person_choices(ws),
            "filtered": bool(q or kind or author or account),
        },
    )


def _form_page(
    request: WorkspaceRequest,
    *,
    form: InteractionForm,
    account: Account,
    interaction: Interaction | None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "crm/interaction_form.html",
        {"form": form, "account": account, "interaction": interaction},
        status=status,
    )


def _log_interaction(request: WorkspaceRequest, account: Account) -> HttpResponse:
    ws, membership = request.workspace, request.membership
    require_create(membership)
    if request.method == "POST":
        form = InteractionForm(request.POST, workspace=ws, account=account)
        if form.is_valid():
            try:
                services.interaction_create(
                    membership=membership, account=account, **form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Interaction with {account.name} logged.")
                return HttpResponseRedirect(safe_next(request, account_url(account.pk)))
        return _form_page(request, form=form, account=account, interaction=None, status=422)
    form = InteractionForm(workspace=ws, account=account)
    return _form_page(request, form=form, account=account, interaction=None)


@workspace_view
def interaction_create_for_account(request: WorkspaceRequest, account_id: int) -> HttpResponse:
    account = selectors.get_account(workspace=request.workspace, id=account_id)
    return _log_interaction(request, account)


@workspace_view
def interaction_create(request: WorkspaceRequest) -> HttpResponse:
    """With ``?account=``: the log form for that account. Without: choose the account first
    (the participants list depends on it)."""
    ws = request.workspace
    raw = request.GET.get("account")
    if raw:
        account = selectors.get_account(workspace=ws, id=raw)
        return _log_interaction(request, account)
    require_create(request.membership)
    chooser = AccountChoiceForm(request.GET or None, workspace=ws)
    return render(
        request,
        "crm/interaction_choose_account.html",
        {"form": chooser},
        status=422 if chooser.is_bound and not chooser.is_valid() else 200,
    )


@workspace_view
def interaction_edit(request: WorkspaceRequest, interaction_id: int) -> HttpResponse:
    ws, membership = request.workspace, request.membership
    interaction = selectors.get_interaction(workspace=ws, id=interaction_id)
    require_edit(membership, interaction)
    account = interaction.account
    if request.method == "POST":
        # Validate a copy: the service diffs the loaded interaction for its history.
        form = InteractionForm(
            request.POST, instance=copy.copy(interaction), workspace=ws, account=account
        )
        if form.is_valid():
            try:
                services.interaction_update(
                    membership=membership,
                    interaction=interaction,
                    version=form.cleaned_data.get("version"),
                    **form.service_data(),
                )
            except ConcurrentEdit as exc:
                form.add_error(None, exc.message)
                return _form_page(
                    request, form=form, account=account, interaction=interaction, status=409
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Interaction saved.")
                return HttpResponseRedirect(safe_next(request, account_url(account.pk)))
        return _form_page(request, form=form, account=account, interaction=interaction, status=422)
    form = InteractionForm(
        instance=copy.copy(interaction),
        initial={"contacts": [c.pk for c in interaction.contacts.all()]},
        workspace=ws,
        account=account,
    )
    return _form_page(request, form=form, account=account, interaction=interaction)


@workspace_view
def interaction_delete(request: WorkspaceRequest, interaction_id: int) -> HttpResponse:
    interaction = selectors.get_interaction(workspace=request.workspace, id=interaction_id)
    if request.method != "POST":
        return post_only()
    account_id = interaction.account_id
    services.interaction_delete(membership=request.membership, interaction=interaction)
    messages.success(request, "Interaction deleted.")
    return HttpResponseRedirect(safe_next(request, account_url(account_id)))


urlpatterns: list[URLPattern] = [
    path("interactions/", interaction_list, name="interaction_list"),
    path("interactions/new/", interaction_create, name="interaction_create"),
    path(
        "accounts/<int:account_id>/interactions/new/",
        interaction_create_for_account,
        name="interaction_create_for_account",
    ),
    path("interactions/<int:interaction_id>/edit/", interaction_edit, name="interaction_edit"),
    path(
        "interactions/<int:interaction_id>/delete/",
        interaction_delete,
        name="interaction_delete",
    ),
]
