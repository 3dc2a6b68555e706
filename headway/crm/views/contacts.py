"""Web pages for contacts: the list, the contact page, and the create / edit / delete forms.
Thin doors: parse → selector or service → render."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from headway.crm import relmap, selectors, services, timeline
from headway.crm.forms_accounts import ContactForm, account_label
from headway.crm.models import Account, BuyingRole, Level, Stance
from headway.crm.views.accounts import RECENT_ACCOUNTS, save_form
from headway.errors import NotFound
from headway.pagination import paginate_request
from headway.workspaces.permissions import can_edit, require_create, require_edit
from headway.workspaces.request import WorkspaceRequest, workspace_view

PAGE_SIZE = 25
CONTACT_SORT_KEYS = ("name", "-name", "account", "-account", "level")


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def _find_account(workspace: Any, account_id: int | None) -> Account | None:
    if not account_id:
        return None
    try:
        return selectors.get_account(workspace=workspace, id=account_id)
    except NotFound:
        return None


def _choice(raw: str | None, values: list[str]) -> str:
    return raw if raw in values else ""


# --- list ------------------------------------------------------------------------------------


@workspace_view
def contact_list(request: WorkspaceRequest) -> HttpResponse:
    get = request.GET
    workspace = request.workspace
    account_id = _int_or_none(get.get("account"))
    # An account filter arrives as an id (from an account page); a foreign or missing id simply
    # matches nothing, and its name is looked up in this workspace only.
    account = _find_account(workspace, account_id)
    params = {
        "q": get.get("q", "").strip()[:200],
        "level": _choice(get.get("level"), Level.values),
        "stance": _choice(get.get("stance"), Stance.values),
        "buying_role": _choice(get.get("buying_role"), BuyingRole.values),
        "sort": get.get("sort", "name") if get.get("sort") in CONTACT_SORT_KEYS else "name",
    }
    qs = selectors.contact_list(workspace=workspace, account=account_id, **params)
    page = paginate_request(qs, get, size=PAGE_SIZE)
    filtering = bool(
        params["q"] or params["level"] or params["stance"] or params["buying_role"] or account_id
    )
    return render(
        request,
        "crm/contact_list.html",
        {
            "page": page,
            "params": params,
            "account_id": account_id,
            "account": account,
            "filtering": filtering,
            "levels": Level.choices,
            "stances": [(key, style.glyph, style.label) for key, style in relmap.STANCES.items()],
            "buying_roles": BuyingRole.choices,
            "default_sort": "name",
        },
    )


# --- contact page ------------------------------------------------------------------------------


@workspace_view
def contact_detail(request: WorkspaceRequest, contact_id: int) -> HttpResponse:
    workspace = request.workspace
    contact = selectors.get_contact(workspace=workspace, id=contact_id)
    return render(
        request,
        "crm/contact_detail.html",
        {
            "contact": contact,
            "account": contact.account,
            "interactions": selectors.contact_interactions(workspace=workspace, contact=contact),
            "actions": selectors.actions_for(workspace=workspace, obj=contact),
            "history": timeline.timeline(workspace=workspace, obj=contact),
            "may_edit": can_edit(request.membership, contact),
        },
    )


# --- create / edit / delete ----------------------------------------------------------------


def _recent_account_labels(request: WorkspaceRequest) -> list[str]:
    """A few starting suggestions for the account box; typing asks for more (htmx, bounded)."""
    filters = selectors.AccountFilters(sort="-updated")
    qs = selectors.account_list(workspace=request.workspace, filters=filters)
    return [account_label(a) for a in qs.select_related(None).only("id", "name")[:RECENT_ACCOUNTS]]


def _create(request: WorkspaceRequest, account: Account | None) -> HttpResponse:
    membership = request.membership
    require_create(membership)
    workspace = request.workspace
    cancel_url = (
        reverse("crm:account_detail", kwargs={"account_id": account.pk})
        if account
        else reverse("crm:contact_list")
    )
    context: dict[str, Any] = {
        "title": f"New contact at {account.name}" if account else "New contact",
        "fixed_account": account,
        "cancel_url": cancel_url,
    }
    if account is None:
        context["account_labels"] = _recent_account_labels(request)
    if request.method != "POST":
        initial: dict[str, Any] = {"our_person": request.user.pk}
        prefill = _int_or_none(request.GET.get("account"))
        if account is None and prefill:
            # ?account=<id> prefill: looked up in this workspace; anything else is ignored.
            found = _find_account(workspace, prefill)
            if found is not None:
                initial["account"] = account_label(found)
        form = ContactForm(workspace=workspace, fixed_account=account, initial=initial)
        return render(request, "crm/contact_form.html", {**context, "form": form})
    form = ContactForm(request.POST, workspace=workspace, fixed_account=account)
    contact, page = save_form(
        request,
        form,
        lambda: services.contact_create(membership=membership, **form.service_data()),
        "crm/contact_form.html",
        context,
    )
    if page is not None:
        return page
    messages.success(request, f"Added {contact.name} to {contact.account.name}.")
    return redirect("crm:account_detail", account_id=contact.account_id)


@workspace_view
def contact_create(request: WorkspaceRequest) -> HttpResponse:
    return _create(request, None)


@workspace_view
def contact_create_for_account(request: WorkspaceRequest, account_id: int) -> HttpResponse:
    account = selectors.get_account(workspace=request.workspace, id=account_id)
    return _create(request, account)


@workspace_view
def contact_edit(request: WorkspaceRequest, contact_id: int) -> HttpResponse:
    membership = request.membership
    workspace = request.workspace
    contact = selectors.get_contact(workspace=workspace, id=contact_id)
    require_edit(membership, contact)
    context = {
        "title": f"Edit {contact.name}",
        "contact": contact,
        "cancel_url": reverse("crm:contact_detail", kwargs={"contact_id": contact.pk}),
        "account_labels": _recent_account_labels(request),
    }
    # The form works on a copy so the service sees the contact as loaded (history from → to).
    if request.method != "POST":
        form = ContactForm(instance=copy.copy(contact), workspace=workspace, editing=True)
        return render(request, "crm/contact_form.html", {**context, "form": form})
    form = ContactForm(request.POST, instance=copy.copy(contact), workspace=workspace, editing=True)
    saved, page = save_form(
        request,
        form,
        lambda: services.contact_update(
            membership=membership,
            contact=contact,
            version=form.cleaned_data["version"],
            **form.service_data(),
        ),
        "crm/contact_form.html",
        context,
    )
    if page is not None:
        return page
    messages.success(request, f"Saved {saved.name}.")
    return redirect("crm:contact_detail", contact_id=saved.pk)


@workspace_view
def contact_delete(request: WorkspaceRequest, contact_id: int) -> HttpResponse:
    contact = selectors.get_contact(workspace=request.workspace, id=contact_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    account_id = contact.account_id
    services.contact_delete(membership=request.membership, contact=contact)
    messages.success(request, f"Deleted {contact.name}.")
    return redirect("crm:account_detail", account_id=account_id)


urlpatterns: list[URLPattern] = [
    path("contacts/", contact_list, name="contact_list"),
    path("contacts/new/", contact_create, name="contact_create"),
    path(
        "accounts/<int:account_id>/contacts/new/",
        contact_create_for_account,
        name="contact_create_for_account",
    ),
    path("contacts/<int:contact_id>/", contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/edit/", contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/delete/", contact_delete, name="contact_delete"),
]
