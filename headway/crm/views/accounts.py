"""Web pages for accounts: the list, the account page (with its relationship map), and the
create / edit / delete forms. Thin doors: parse → selector or service → render."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from headway.crm import relmap, selectors, services, timeline
from headway.crm.forms_accounts import AccountForm, account_label
from headway.crm.models import Account, AccountStatus, Tier
from headway.errors import ConcurrentEdit
from headway.kit.methods import panels_for
from headway.pagination import paginate_request
from headway.workspaces.permissions import can_edit, require_create, require_edit
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import person_choices

PAGE_SIZE = 25
SUGGESTIONS = 20
RECENT_ACCOUNTS = 30
STRENGTH_MAX = 5


# --- shared helpers (also used by the contact pages) ---------------------------------------


def apply_service_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field,
    otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def save_form(
    request: HttpRequest, form: Any, save: Any, template: str, context: dict[str, Any]
) -> tuple[Any, HttpResponse | None]:
    """Validate ``form`` and call ``save()`` (a service call). Returns (saved object, None) or
    (None, the page to show again): 422 for invalid input, 409 for a concurrent edit — with the
    person's input kept. PermissionDenied propagates to the 403 page."""
    status = 200
    if form.is_valid():
        try:
            return save(), None
        except ConcurrentEdit as exc:
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            apply_service_errors(form, exc)
            status = 422
    else:
        status = 422
    return None, render(request, template, {**context, "form": form}, status=status)


@dataclass
class Touch:
    """How recently an account was touched, for lists and the account page."""

    days: int | None
    overdue: bool

    @property
    def text(self) -> str:
        if self.days is None:
            return "never"
        if self.days < 0:  # stored before interactions were bounded to today
            return "in the future"
        if self.days == 0:
            return "today"
        if self.days == 1:
            return "yesterday"
        return f"{self.days} days ago"


def touch_of(account: Account, now: Any) -> Touch:
    days, overdue = account.touch_age(now)
    return Touch(days=days, overdue=overdue)


def strength_dots(value: int) -> str:
    value = max(0, min(STRENGTH_MAX, value or 0))
    return "●" * value + "○" * (STRENGTH_MAX - value)


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


# --- list ------------------------------------------------------------------------------------


@workspace_view
def account_list(request: WorkspaceRequest) -> HttpResponse:
    get = request.GET
    could = get.get("could_do_more", "")
    filters = selectors.AccountFilters(
        q=get.get("q", "").strip()[:200],
        status=get.get("status", "") if get.get("status") in AccountStatus.values else "",
        tier=get.get("tier", "") if get.get("tier") in Tier.values else "",
        owner=_int_or_none(get.get("owner")),
        could_do_more={"yes": True, "no": False}.get(could),
        sort=get.get("sort", "name") if get.get("sort") in selectors.ACCOUNT_SORTS else "name",
    )
    qs = selectors.account_list(workspace=request.workspace, filters=filters)
    page = paginate_request(qs, get, size=PAGE_SIZE)
    now = timezone.now()
    rows = [
        {
            "account": account,
            "touch": touch_of(account, now),
            "dots": strength_dots(account.relationship_strength),
        }
        for account in page.items
    ]
    filtering = bool(
        filters.q
        or filters.status
        or filters.tier
        or filters.owner
        or filters.could_do_more is not None
    )
    return render(
        request,
        "crm/account_list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "could_do_more": could if could in ("yes", "no") else "",
            "filtering": filtering,
            "statuses": AccountStatus.choices,
            "tiers": Tier.choices,
            "owners": person_choices(request.workspace),
            "default_sort": "name",
            "strength_max": STRENGTH_MAX,
        },
    )


@workspace_view
def account_suggest(request: WorkspaceRequest) -> HttpResponse:
    """``<option>`` suggestions for the account box of the contact form (htmx, bounded)."""
    term = (request.GET.get("q") or request.GET.get("account") or "").strip()[:200]
    if term.endswith(")") and "(#" in term:
        term = term.rsplit("(#", 1)[0].strip()
    filters = selectors.AccountFilters(q=term, sort="name")
    workspace = request.workspace
    accounts = selectors.account_list(workspace=workspace, filters=filters)[:SUGGESTIONS]
    labels = [account_label(a) for a in accounts]
    return render(request, "crm/account_suggest.html", {"labels": labels})


# --- account page ------------------------------------------------------------------------------


@workspace_view
def account_detail(request: WorkspaceRequest, account_id: int) -> HttpResponse:
    workspace = request.workspace
    account = selectors.get_account(workspace=workspace, id=account_id)
    page = selectors.account_page(workspace=workspace, account=account)
    membership = request.membership
    return render(
        request,
        "crm/account_detail.html",
        {
            "account": account,
            "page": page,
            "relmap": relmap.build(account.name, page.contacts),
            "touch": touch_of(account, timezone.now()),
            "dots": strength_dots(account.relationship_strength),
            "strength_max": STRENGTH_MAX,
            "history": timeline.timeline(workspace=workspace, obj=account, account_id=account.pk),
            "today": timezone.localdate(),
            "may_edit": can_edit(membership, account),
            "stances": relmap.STANCES,
            "method_panels": panels_for(
                page="account", workspace=workspace, obj=account, may_start=membership.can_write
            ),
        },
    )


# --- create / edit / delete ----------------------------------------------------------------


@workspace_view
def account_create(request: WorkspaceRequest) -> HttpResponse:
    membership = request.membership
    require_create(membership)
    context = {"title": "New account", "cancel_url": reverse("crm:account_list")}
    if request.method != "POST":
        form = AccountForm(workspace=request.workspace, initial={"owner": request.user.pk})
        return render(request, "crm/account_form.html", {**context, "form": form})
    form = AccountForm(request.POST, workspace=request.workspace)
    account, page = save_form(
        request,
        form,
        lambda: services.account_create(membership=membership, **form.service_data()),
        "crm/account_form.html",
        context,
    )
    if page is not None:
        return page
    messages.success(request, f"Added {account.name}. Next: add the people you know there.")
    return redirect("crm:account_detail", account_id=account.pk)


@workspace_view
def account_edit(request: WorkspaceRequest, account_id: int) -> HttpResponse:
    membership = request.membership
    account = selectors.get_account(workspace=request.workspace, id=account_id)
    require_edit(membership, account)
    context = {
        "title": f"Edit {account.name}",
        "account": account,
        "cancel_url": reverse("crm:account_detail", kwargs={"account_id": account.pk}),
    }
    # The form works on a copy: it writes the input onto its instance while validating, and the
    # service must see the account as it was loaded to record history (from → to).
    workspace = request.workspace
    if request.method != "POST":
        form = AccountForm(instance=copy.copy(account), workspace=workspace, editing=True)
        return render(request, "crm/account_form.html", {**context, "form": form})
    form = AccountForm(request.POST, instance=copy.copy(account), workspace=workspace, editing=True)
    saved, page = save_form(
        request,
        form,
        lambda: services.account_update(
            membership=membership,
            account=account,
            version=form.cleaned_data["version"],
            **form.service_data(),
        ),
        "crm/account_form.html",
        context,
    )
    if page is not None:
        return page
    messages.success(request, f"Saved {saved.name}.")
    return redirect("crm:account_detail", account_id=saved.pk)


@workspace_view
def account_delete(request: WorkspaceRequest, account_id: int) -> HttpResponse:
    account = selectors.get_account(workspace=request.workspace, id=account_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.account_delete(membership=request.membership, account=account)
    messages.success(request, f"Deleted {account.name} with its contacts, deals and history.")
    return redirect("crm:account_list")


urlpatterns: list[URLPattern] = [
    path("accounts/", account_list, name="account_list"),
    path("accounts/new/", account_create, name="account_create"),
    path("accounts/suggest/", account_suggest, name="account_suggest"),
    path("accounts/<int:account_id>/", account_detail, name="account_detail"),
    path("accounts/<int:account_id>/edit/", account_edit, name="account_edit"),
    path("accounts/<int:account_id>/delete/", account_delete, name="account_delete"),
]
