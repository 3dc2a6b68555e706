"""Web pages for deals: list, create, detail, edit, mark lost, delete.

Thin doors: parse the request, call a selector or a service, render. Rules (a lost deal needs
what it was lost to and why; who may edit) live in ``crm.services`` and
``workspaces.permissions``; their errors are put back on the forms here.
"""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from headway.crm import selectors, services, timeline
from headway.crm.forms_activity import DealForm, DealLostForm, add_service_errors
from headway.crm.models import Account, Deal, DealStage
from headway.errors import ConcurrentEdit
from headway.kit.methods import panels_for
from headway.pagination import paginate_request
from headway.web.errors import post_only
from headway.workspaces.permissions import require_create, require_edit
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import person_choices

# --- helpers shared by the deal, interaction and action pages ---------------------------------


def account_url(account_id: int) -> str:
    return reverse("crm:account_detail", kwargs={"account_id": account_id})


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` parameter if it points back into this site, otherwise ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def parse_id(raw: str | None) -> int | None:
    try:
        value = int(raw or "")
    except ValueError:
        return None
    return value if value > 0 else None


# --- list -----------------------------------------------------------------------------------

STAGE_FILTERS = [("open", "Open (any open stage)"), *DealStage.choices]
DEAL_SORT_KEYS = set(selectors.DEAL_SORTS)


@workspace_view
def deal_list(request: WorkspaceRequest) -> HttpResponse:
    ws = request.workspace
    q = request.GET.get("q", "").strip()[:200]
    stage = request.GET.get("stage", "")
    if stage not in dict(STAGE_FILTERS):
        stage = ""
    owner = parse_id(request.GET.get("owner"))
    sort = request.GET.get("sort", "-created")
    if sort not in DEAL_SORT_KEYS | {"-title"}:
        sort = "-created"
    qs = selectors.deal_list(
        workspace=ws, q=q, stage=stage, owner=owner, sort="title" if sort == "-title" else sort
    )
    if sort == "-title":
        # The column header toggles; the selector knows A→Z, so Z→A is its reverse.
        qs = qs.reverse()
    page = paginate_request(qs, request.GET, size=settings.HEADWAY_PAGE_SIZE)
    filtered = bool(q or stage or owner)
    return render(
        request,
        "crm/deal_list.html",
        {
            "page": page,
            "q": q,
            "stage": stage,
            "owner": owner,
            "stage_filters": STAGE_FILTERS,
            "members": person_choices(ws),
            "filtered": filtered,
            "default_sort": "-created",
        },
    )


# --- create / edit --------------------------------------------------------------------------


def _deal_form_page(
    request: WorkspaceRequest,
    *,
    form: DealForm,
    deal: Deal | None,
    account: Account | None,
    heading: str,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "crm/deal_form.html",
        {"form": form, "deal": deal, "account": account, "heading": heading},
        status=status,
    )


def _deal_create(
    request: WorkspaceRequest, *, account: Account | None, fixed: bool
) -> HttpResponse:
    """``account`` prefills the choice (``?account=``) or, when ``fixed``, is the only one."""
    ws, membership = request.workspace, request.membership
    require_create(membership)
    fixed_account = account if fixed else None
    if request.method == "POST":
        form = DealForm(request.POST, workspace=ws, fixed_account=fixed_account)
        if form.is_valid():
            try:
                deal = services.deal_create(membership=membership, **form.service_data())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Deal “{deal.title}” added.")
                return redirect("crm:deal_detail", deal_id=deal.pk)
        return _deal_form_page(
            request, form=form, deal=None, account=account, heading="New deal", status=422
        )
    initial: dict[str, Any] = {"owner": request.user.pk}
    if account is not None:
        initial["account"] = account.pk
    form = DealForm(initial=initial, workspace=ws, fixed_account=fixed_account)
    return _deal_form_page(request, form=form, deal=None, account=account, heading="New deal")


@workspace_view
def deal_create(request: WorkspaceRequest) -> HttpResponse:
    account = None
    if request.GET.get("account"):
        account = selectors.get_account(workspace=request.workspace, id=request.GET["account"])
    return _deal_create(request, account=account, fixed=False)


@workspace_view
def deal_create_for_account(request: WorkspaceRequest, account_id: int) -> HttpResponse:
    account = selectors.get_account(workspace=request.workspace, id=account_id)
    return _deal_create(request, account=account, fixed=True)


@workspace_view
def deal_edit(request: WorkspaceRequest, deal_id: int) -> HttpResponse:
    ws, membership = request.workspace, request.membership
    deal = selectors.get_deal(workspace=ws, id=deal_id)
    require_edit(membership, deal)
    heading = f"Edit {deal.title}"
    if request.method == "POST":
        # The form validates a copy, so the service still sees the deal as it was loaded
        # (its history records from → to).
        form = DealForm(request.POST, instance=copy.copy(deal), workspace=ws)
        if form.is_valid():
            try:
                services.deal_update(
                    membership=membership,
                    deal=deal,
                    version=form.cleaned_data.get("version"),
                    **form.service_data(),
                )
            except ConcurrentEdit as exc:
                form.add_error(None, exc.message)
                return _deal_form_page(
                    request, form=form, deal=deal, account=None, heading=heading, status=409
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Deal saved.")
                return redirect("crm:deal_detail", deal_id=deal.pk)
        return _deal_form_page(
            request, form=form, deal=deal, account=None, heading=heading, status=422
        )
    form = DealForm(instance=copy.copy(deal), workspace=ws)
    return _deal_form_page(request, form=form, deal=deal, account=None, heading=heading)


# --- detail ---------------------------------------------------------------------------------


@workspace_view
def deal_detail(request: WorkspaceRequest, deal_id: int) -> HttpResponse:
    ws = request.workspace
    deal = selectors.get_deal(workspace=ws, id=deal_id)
    actions = selectors.actions_for(workspace=ws, obj=deal)
    for action in actions:
        # Permission checks on each row read the action's account owner; most actions hang off
        # the deal's own account, already loaded — reuse it instead of one query per row.
        if action.account_id == deal.account_id:
            action.account = deal.account
    competitors = [c.strip() for c in deal.competitors.split(",") if c.strip()]
    return render(
        request,
        "crm/deal_detail.html",
        {
            "deal": deal,
            "competitors": competitors,
            "history": timeline.timeline(workspace=ws, obj=deal),
            "actions": actions,
            "today": timezone.localdate(),
            "next_url": request.get_full_path(),
            "method_panels": panels_for(
                page="deal", workspace=ws, obj=deal, may_start=request.membership.can_write
            ),
        },
    )


# --- mark lost ------------------------------------------------------------------------------


@workspace_view
def deal_mark_lost(request: WorkspaceRequest, deal_id: int) -> HttpResponse:
    ws, membership = request.workspace, request.membership
    deal = selectors.get_deal(workspace=ws, id=deal_id)
    require_edit(membership, deal)
    if request.method == "POST":
        form = DealLostForm(request.POST)
        if form.is_valid():
            try:
                services.deal_mark_lost(
                    membership=membership,
                    deal=deal,
                    lost_to=form.cleaned_data["lost_to"],
                    lost_to_name=form.cleaned_data["lost_to_name"],
                    lost_reasons=form.cleaned_data["lost_reasons"],
                    version=form.cleaned_data.get("version"),
                )
            except ConcurrentEdit as exc:
                form.add_error(None, exc.message)
                return render(
                    request, "crm/deal_lost.html", {"form": form, "deal": deal}, status=409
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"“{deal.title}” is marked lost. Keep in touch: a second-place finish "
                    "can still be won back.",
                )
                return redirect("crm:deal_detail", deal_id=deal.pk)
        return render(request, "crm/deal_lost.html", {"form": form, "deal": deal}, status=422)
    initial = {
        "version": deal.version,
        "lost_to": deal.lost_to or None,
        "lost_to_name": deal.lost_to_name,
        "lost_reasons": deal.lost_reasons,
    }
    return render(
        request, "crm/deal_lost.html", {"form": DealLostForm(initial=initial), "deal": deal}
    )


# --- delete ---------------------------------------------------------------------------------


@workspace_view
def deal_delete(request: WorkspaceRequest, deal_id: int) -> HttpResponse:
    deal = selectors.get_deal(workspace=request.workspace, id=deal_id)
    if request.method != "POST":
        return post_only()
    account_id, title = deal.account_id, deal.title
    services.deal_delete(membership=request.membership, deal=deal)
    messages.success(request, f"Deal “{title}” deleted.")
    return HttpResponseRedirect(safe_next(request, account_url(account_id)))


urlpatterns: list[URLPattern] = [
    path("deals/", deal_list, name="deal_list"),
    path("deals/new/", deal_create, name="deal_create"),
    path(
        "accounts/<int:account_id>/deals/new/",
        deal_create_for_account,
        name="deal_create_for_account",
    ),
    path("deals/<int:deal_id>/", deal_detail, name="deal_detail"),
    path("deals/<int:deal_id>/edit/", deal_edit, name="deal_edit"),
    path("deals/<int:deal_id>/lost/", deal_mark_lost, name="deal_mark_lost"),
    path("deals/<int:deal_id>/delete/", deal_delete, name="deal_delete"),
]
