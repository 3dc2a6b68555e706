"""Web pages for win-backs: portfolio, open from a lost deal, the win-back page and its
forms (asks, files, profile, touches, signals, approval, re-open, close), reports + CSV.

Thin doors: parse the request, call a selector or a service, render. Every id in a URL is
resolved in the request's workspace (and under its parent win-back) before anything else, so
another workspace's id is a 404 on GET and on POST alike.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from headway.crm import selectors as crm_selectors
from headway.errors import ConcurrentEdit, RuleRefused
from headway.methods.winback import rules, selectors, services
from headway.methods.winback.charts import bar_chart
from headway.methods.winback.downloads import attachment_response
from headway.methods.winback.forms import (
    AskCreateForm,
    AskStatusForm,
    AttachmentForm,
    CloseForm,
    ProfileForm,
    ReopenForm,
    SignalForm,
    TouchDoneForm,
    TouchForm,
    WinBackFactsForm,
)
from headway.methods.winback.models import MAX_ATTACHMENT_BYTES, AskStatus, Status, WinBack
from headway.pagination import paginate, parse_page_number
from headway.web.errors import post_only
from headway.workspaces.permissions import can_edit, is_manager, require_create, require_edit
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import members, person_choices

PORTFOLIO_PAGE_SIZE = 25
# A multipart body carries some bytes besides the file itself.
UPLOAD_OVERHEAD = 64 * 1024


def _parse_id(raw: str | None) -> int | None:
    try:
        value = int(raw or "")
    except ValueError:
        return None
    return value if value > 0 else None


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = name if name in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _refuse(refusal: str | None) -> None:
    """A page for a step the service would refuse (asked first, so nothing is offered in vain)
    is that refusal (409)."""
    if refusal:
        raise RuleRefused(refusal)


def _detail_url(winback: WinBack, anchor: str = "") -> str:
    url = reverse("winback:detail", kwargs={"winback_id": winback.pk})
    return f"{url}#{anchor}" if anchor else url


# --- portfolio ------------------------------------------------------------------------------


@workspace_view
def portfolio(request: WorkspaceRequest) -> HttpResponse:
    """Open win-backs ranked by priority. Managers and admins see the whole team by default;
    members see their own, with a switch to everyone's."""
    ws, membership = request.workspace, request.membership
    manager = bool(is_manager(membership))
    scope = request.GET.get("scope") or ("team" if manager else "mine")
    if scope not in ("team", "mine"):
        scope = "mine"
    owner = _parse_id(request.GET.get("owner"))
    if owner is None and scope == "mine":
        owner = request.user.pk
    qs = selectors.winback_list(workspace=ws, owner=owner)
    number = parse_page_number(request.GET.get("page"))
    page = paginate(qs, number=number, size=PORTFOLIO_PAGE_SIZE)
    rows = selectors.portfolio_rows(page.items, start_rank=page.start_index or 1)
    return render(
        request,
        "winback/portfolio.html",
        {
            "page": page,
            "rows": rows,
            "scope": scope,
            "owner": owner,
            "sellers": person_choices(ws),
            "is_manager": manager,
            "threshold": rules.REENGAGE_THRESHOLD,
            "filtered": bool(request.GET.get("owner")),
        },
    )


# --- open a win-back ------------------------------------------------------------------------


def _members(request: WorkspaceRequest) -> list[Any]:
    return list(members(request.workspace, active_only=True).only("id", "name", "email"))


@workspace_view
def winback_create(request: WorkspaceRequest) -> HttpResponse:
    """``?deal=<id>``: open a win-back from that lost deal, pre-filled from it. Without a
    deal: the lost deals that have none yet, to pick from."""
    ws, membership = request.workspace, request.membership
    require_create(membership)
    deal_id = request.GET.get("deal") or request.POST.get("deal")
    if not deal_id:
        return render(
            request,
            "winback/choose_deal.html",
            {"deals": selectors.lost_deals_to_win_back(workspace=ws)},
        )
    deal = crm_selectors.get_deal(workspace=ws, id=deal_id)
    existing = selectors.winback_for_deal(workspace=ws, deal=deal)
    if existing is not None:
        messages.info(request, services.ALREADY_OPEN)
        return redirect("winback:detail", winback_id=existing.pk)
    members = _members(request)
    if request.method == "POST":
        form = WinBackFactsForm(request.POST, members=members)
        if form.is_valid():
            data = form.service_data()
            owner_id = data.pop("owner", None)
            owner = next((m for m in members if m.pk == owner_id), None)
            try:
                winback = services.winback_create(
                    membership=membership, deal=deal, owner=owner, **data
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    "Win-back opened. Ask for the four things while they still feel bad "
                    "about saying no, then fill in the buyer profile.",
                )
                return redirect("winback:detail", winback_id=winback.pk)
        return render(request, "winback/create.html", {"form": form, "deal": deal}, status=422)
    _refuse(services.create_refusal(deal))
    form = WinBackFactsForm(
        initial={
            "title": f"Win back {deal.account.name}",
            "lost_to": deal.lost_to,
            "lost_to_name": deal.lost_to_name,
            "decision_date": timezone.localdate(),
            "reasons": deal.lost_reasons,
            "value": deal.amount,
            "owner": request.user.pk,
        },
        members=members,
    )
    return render(request, "winback/create.html", {"form": form, "deal": deal})


# --- the win-back page ----------------------------------------------------------------------


def _get(request: WorkspaceRequest, winback_id: int) -> WinBack:
    return selectors.get_winback(workspace=request.workspace, id=winback_id)


def _detail(
    request: WorkspaceRequest,
    winback: WinBack,
    *,
    status: int = 200,
    ask_forms: dict[int, AskStatusForm] | None = None,
    upload_forms: dict[int, AttachmentForm] | None = None,
    done_forms: dict[int, TouchDoneForm] | None = None,
    **forms: Any,
) -> HttpResponse:
    ws = request.workspace
    page = selectors.winback_page(workspace=ws, winback=winback)
    ask_forms = ask_forms or {}
    upload_forms = upload_forms or {}
    done_forms = done_forms or {}
    for ask in page.asks:
        ask.status_form = ask_forms.get(  # type: ignore[attr-defined]
            ask.pk,
            AskStatusForm(
                initial={"version": ask.version, "status": ask.status, "obtained": ask.obtained},
                prefix=f"ask-{ask.pk}",
            ),
        )
        ask.upload_form = upload_forms.get(  # type: ignore[attr-defined]
            ask.pk, AttachmentForm(prefix=f"file-{ask.pk}")
        )
    for touch in page.touches:
        touch.done_form = done_forms.get(  # type: ignore[attr-defined]
            touch.pk, TouchDoneForm(initial={"log_interaction": True}, prefix=f"touch-{touch.pk}")
        )
    today = timezone.localdate()
    context = {
        "winback": winback,
        "page": page,
        "watch": page.watch,
        "may_edit": bool(can_edit(request.membership, winback)),
        "may_reopen": services.reopen_refusal(winback) is None,
        "may_close": services.close_refusal(winback) is None,
        "is_manager": bool(is_manager(request.membership)),
        "profile_form": forms.get("profile_form")
        or ProfileForm(initial=ProfileForm.initial_for(winback)),
        "ask_form": forms.get("ask_form") or AskCreateForm(),
        "touch_form": forms.get("touch_form")
        or TouchForm(initial={"planned_for": today + dt.timedelta(days=winback.cadence_days)}),
        "signal_form": forms.get("signal_form") or SignalForm(initial={"observed_on": today}),
        "threshold": rules.REENGAGE_THRESHOLD,
        "weights": rules.SIGNAL_WEIGHTS,
        "max_upload_mb": MAX_ATTACHMENT_BYTES // (1024 * 1024),
        "today": today,
    }
    return render(request, "winback/detail.html", context, status=status)


@workspace_view
def winback_detail(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    return _detail(request, _get(request, winback_id))


@workspace_view
def winback_edit(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    require_edit(request.membership, winback)
    members = _members(request)
    if request.method == "POST":
        form = WinBackFactsForm(request.POST, members=members)
        if form.is_valid():
            data = form.service_data()
            owner_id = data.pop("owner", None)
            data["owner"] = next((m for m in members if m.pk == owner_id), None)
            try:
                services.winback_update(
                    membership=request.membership,
                    winback=winback,
                    version=form.cleaned_data.get("version"),
                    **data,
                )
            except ConcurrentEdit as exc:
                form.add_error(None, exc.message)
                return render(
                    request, "winback/edit.html", {"form": form, "winback": winback}, status=409
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Win-back saved.")
                return redirect("winback:detail", winback_id=winback.pk)
        return render(request, "winback/edit.html", {"form": form, "winback": winback}, status=422)
    form = WinBackFactsForm(
        initial={
            "version": winback.version,
            "title": winback.title,
            "lost_to": winback.lost_to,
            "lost_to_name": winback.lost_to_name,
            "decision_date": winback.decision_date,
            "reasons": winback.reasons,
            "value": winback.value,
            "owner": winback.owner_id,
        },
        members=members,
    )
    return render(request, "winback/edit.html", {"form": form, "winback": winback})


@workspace_view
def winback_profile(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    if request.method != "POST":
        return post_only()
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.winback_update(
                membership=request.membership,
                winback=winback,
                version=form.cleaned_data.get("version"),
                **form.service_data(),
            )
        except ConcurrentEdit as exc:
            form.add_error(None, exc.message)
            return _detail(request, _get(request, winback_id), status=409, profile_form=form)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                f"Buyer profile saved: likelihood {winback.level_label.lower()}, "
                f"a touch {winback.cadence_words}.",
            )
            return redirect(_detail_url(winback, "profile"))
    return _detail(request, _get(request, winback_id), status=422, profile_form=form)


@workspace_view
def winback_approve(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    if request.method != "POST":
        return post_only()
    approved = request.POST.get("approved", "1") != "0"
    services.winback_approve(membership=request.membership, winback=winback, approved=approved)
    messages.success(request, "Plan approved." if approved else "Approval withdrawn.")
    return redirect(_detail_url(winback, "approval"))


@workspace_view
def winback_reopen(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    """Re-engage: open a new deal with the account, linked to the win-back."""
    winback = _get(request, winback_id)
    require_edit(request.membership, winback)
    if request.method == "POST":
        form = ReopenForm(request.POST)
        if form.is_valid():
            try:
                deal = services.winback_reopen(
                    membership=request.membership, winback=winback, **form.cleaned_data
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"New deal “{deal.title}” opened, linked to the win-back. Win it and the "
                    "win-back counts as won back.",
                )
                return redirect("crm:deal_detail", deal_id=deal.pk)
        return render(
            request, "winback/reopen.html", {"form": form, "winback": winback}, status=422
        )
    _refuse(services.reopen_refusal(winback))
    form = ReopenForm(
        initial={"title": f"{winback.deal.title} (win-back)", "amount": winback.value}
    )
    return render(request, "winback/reopen.html", {"form": form, "winback": winback})


@workspace_view
def winback_close(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    require_edit(request.membership, winback)
    if request.method == "POST":
        form = CloseForm(request.POST)
        if form.is_valid():
            services.winback_close(
                membership=request.membership, winback=winback, note=form.cleaned_data["note"]
            )
            messages.success(request, "Win-back closed. It no longer shows in the portfolio.")
            return redirect("winback:detail", winback_id=winback.pk)
        return render(request, "winback/close.html", {"form": form, "winback": winback}, status=422)
    _refuse(services.close_refusal(winback))
    return render(request, "winback/close.html", {"form": CloseForm(), "winback": winback})


# --- asks -----------------------------------------------------------------------------------


@workspace_view
def ask_create(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    if request.method != "POST":
        return post_only()
    form = AskCreateForm(request.POST)
    if form.is_valid():
        try:
            services.ask_create(
                membership=request.membership, winback=winback, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Ask added to the checklist.")
            return redirect(_detail_url(winback, "asks"))
    return _detail(request, winback, status=422, ask_form=form)


@workspace_view
def ask_update(request: WorkspaceRequest, winback_id: int, ask_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    ask = selectors.get_ask(workspace=request.workspace, winback=winback, id=ask_id)
    if request.method != "POST":
        return post_only()
    form = AskStatusForm(request.POST, prefix=f"ask-{ask.pk}")
    if form.is_valid():
        try:
            services.ask_update(
                membership=request.membership,
                ask=ask,
                version=form.cleaned_data.get("version"),
                status=form.cleaned_data["status"],
                obtained=form.cleaned_data["obtained"],
            )
        except ConcurrentEdit as exc:
            form.add_error(None, exc.message)
            return _detail(request, winback, status=409, ask_forms={ask.pk: form})
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"Ask saved: {ask.get_status_display().lower()}.")
            return redirect(_detail_url(winback, f"ask-{ask.pk}"))
    return _detail(request, winback, status=422, ask_forms={ask.pk: form})


@workspace_view
def ask_delete(request: WorkspaceRequest, winback_id: int, ask_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    ask = selectors.get_ask(workspace=request.workspace, winback=winback, id=ask_id)
    if request.method != "POST":
        return post_only()
    services.ask_delete(membership=request.membership, ask=ask)
    messages.success(request, "Ask removed from the checklist.")
    return redirect(_detail_url(winback, "asks"))


@csrf_exempt
@workspace_view
def attachment_upload(request: WorkspaceRequest, winback_id: int, ask_id: int) -> HttpResponse:
    """Upload a file for an ask. The declared size is checked before the body is read (the
    CSRF check, which reads the body, runs after it), so a huge upload is refused early."""
    winback = _get(request, winback_id)
    ask = selectors.get_ask(workspace=request.workspace, winback=winback, id=ask_id)
    if request.method != "POST":
        return post_only()
    require_edit(request.membership, winback)
    declared = _parse_id(request.META.get("CONTENT_LENGTH"))
    if declared and declared > MAX_ATTACHMENT_BYTES + UPLOAD_OVERHEAD:
        message = ""
        try:
            services.attachment_check_size(declared)
        except ValidationError as exc:
            message = exc.message_dict["file"][0]
        form = AttachmentForm.refused(prefix=f"file-{ask.pk}", message=message)
        return _detail(request, winback, status=413, upload_forms={ask.pk: form})
    return _attachment_upload(request, winback, ask)


@csrf_protect
def _attachment_upload(request: WorkspaceRequest, winback: WinBack, ask: Any) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES, prefix=f"file-{ask.pk}")
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                membership=request.membership, ask=ask, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"“{attachment.original_name}” attached.")
            return redirect(_detail_url(winback, f"ask-{ask.pk}"))
    return _detail(request, winback, status=422, upload_forms={ask.pk: form})


@workspace_view
def attachment_download(
    request: WorkspaceRequest, winback_id: int, ask_id: int, attachment_id: int
) -> Any:  # a streaming FileResponse
    """The file, only to people of this workspace, always as a download."""
    winback = _get(request, winback_id)
    ask = selectors.get_ask(workspace=request.workspace, winback=winback, id=ask_id)
    attachment = selectors.get_attachment(workspace=request.workspace, ask=ask, id=attachment_id)
    return attachment_response(attachment)


@workspace_view
def attachment_delete(
    request: WorkspaceRequest, winback_id: int, ask_id: int, attachment_id: int
) -> HttpResponse:
    winback = _get(request, winback_id)
    ask = selectors.get_ask(workspace=request.workspace, winback=winback, id=ask_id)
    attachment = selectors.get_attachment(workspace=request.workspace, ask=ask, id=attachment_id)
    if request.method != "POST":
        return post_only()
    services.attachment_delete(membership=request.membership, attachment=attachment)
    messages.success(request, f"“{attachment.original_name}” deleted.")
    return redirect(_detail_url(winback, f"ask-{ask.pk}"))


# --- planned touches ------------------------------------------------------------------------


@workspace_view
def touch_create(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    if request.method != "POST":
        return post_only()
    form = TouchForm(request.POST)
    if form.is_valid():
        try:
            touch = services.touch_create(
                membership=request.membership, winback=winback, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, f"{touch.get_kind_display()} planned for {touch.planned_for:%d %b %Y}."
            )
            return redirect(_detail_url(winback, "cadence"))
    return _detail(request, winback, status=422, touch_form=form)


@workspace_view
def touch_done(request: WorkspaceRequest, winback_id: int, touch_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    touch = selectors.get_touch(workspace=request.workspace, winback=winback, id=touch_id)
    if request.method != "POST":
        return post_only()
    form = TouchDoneForm(request.POST, prefix=f"touch-{touch.pk}")
    if form.is_valid():
        try:
            services.touch_complete(
                membership=request.membership,
                touch=touch,
                summary=form.cleaned_data["summary"],
                log_interaction=form.cleaned_data["log_interaction"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            logged = " and logged as an interaction" if touch.interaction_id else ""
            messages.success(request, f"{touch.get_kind_display()} done{logged}.")
            return redirect(_detail_url(winback, "cadence"))
    return _detail(request, winback, status=422, done_forms={touch.pk: form})


@workspace_view
def touch_delete(request: WorkspaceRequest, winback_id: int, touch_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    touch = selectors.get_touch(workspace=request.workspace, winback=winback, id=touch_id)
    if request.method != "POST":
        return post_only()
    services.touch_delete(membership=request.membership, touch=touch)
    messages.success(request, "Planned touch removed.")
    return redirect(_detail_url(winback, "cadence"))


# --- winner signals -------------------------------------------------------------------------


@workspace_view
def signal_create(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    if request.method != "POST":
        return post_only()
    form = SignalForm(request.POST)
    if form.is_valid():
        try:
            signal = services.signal_create(
                membership=request.membership, winback=winback, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"Signal recorded: {signal.get_kind_display().lower()}.")
            return redirect(_detail_url(winback, "watch"))
    return _detail(request, winback, status=422, signal_form=form)


@workspace_view
def signal_delete(request: WorkspaceRequest, winback_id: int, signal_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    signal = selectors.get_signal(workspace=request.workspace, winback=winback, id=signal_id)
    if request.method != "POST":
        return post_only()
    services.signal_delete(membership=request.membership, signal=signal)
    messages.success(request, "Signal removed.")
    return redirect(_detail_url(winback, "watch"))


# --- reports --------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _amount(value: Decimal) -> str:
    """An amount lost, in whole units with thousands separators ("80,000"), as in the API."""
    return f"{value:,.0f}"


REPORTS = ("competitors", "reasons", "asks", "outcomes", "reengage")


def _report_tables(data: selectors.Reports) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Every report as (header, rows): the page's data tables and the CSV files agree."""
    return {
        "competitors": (
            ["lost to", "lost deals", "amount lost"],
            [[c.label, c.count, _amount(c.amount)] for c in data.losses_by_competitor],
        ),
        "reasons": (
            ["reason", "lost deals"],
            [[r.label, r.count] for r in data.losses_by_reason],
        ),
        "asks": (
            ["status", "asks"],
            [[AskStatus(status).label, n] for status, n in data.asks.items()],
        ),
        "outcomes": (
            ["outcome", "win-backs"],
            [[Status(status).label, n] for status, n in data.outcomes.items()],
        ),
        "reengage": (
            ["win-back", "account", "decision date", "re-engaged on", "days to re-engage"],
            [
                [r.title, r.account_name, r.decision_date, r.reengaged_on, r.days]
                for r in data.reengaged
            ],
        ),
    }


@workspace_view
def reports(request: WorkspaceRequest) -> HttpResponse:
    data = selectors.reports(workspace=request.workspace)
    charts = [
        bar_chart(
            slug="competitors",
            title="Lost deals by who won",
            rows=[
                (c.label, c.count, f"{_plural(c.count, 'deal')} · {_amount(c.amount)} lost")
                for c in data.losses_by_competitor
            ],
            empty="No lost deals yet.",
        ),
        bar_chart(
            slug="reasons",
            title="Lost deals by reason",
            rows=[(r.label, r.count, _plural(r.count, "deal")) for r in data.losses_by_reason],
            empty="No reasons recorded yet.",
        ),
        bar_chart(
            slug="asks",
            title="Asks by answer",
            rows=[(str(AskStatus(s).label), n, _plural(n, "ask")) for s, n in data.asks.items()],
            fill="#166534",
        ),
        bar_chart(
            slug="outcomes",
            title="Win-backs by outcome",
            rows=[
                (str(Status(s).label), n, _plural(n, "win-back")) for s, n in data.outcomes.items()
            ],
            fill="#92400e",
        ),
    ]
    tables = _report_tables(data)
    return render(
        request,
        "winback/reports.html",
        {
            "data": data,
            "charts": [(chart, tables[chart.slug]) for chart in charts],
            "reengage_table": tables["reengage"],
            "granted_rate": _percent(data.asks_granted_rate),
            "winback_rate": _percent(data.winback_rate),
            "median_days": (
                "—" if data.median_days_to_reengage is None else f"{data.median_days_to_reengage:g}"
            ),
        },
    )


@workspace_view
def reports_csv(request: WorkspaceRequest) -> HttpResponse:
    report = request.GET.get("report", "")
    if report not in REPORTS:
        return render(
            request,
            "web/error.html",
            {
                "title": "Which report?",
                "message": "Choose one of the CSV links on the reports page ("
                + ", ".join(REPORTS)
                + ").",
            },
            status=404,
        )
    header, rows = _report_tables(selectors.reports(workspace=request.workspace))[report]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="winback-{report}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_safe(value) for value in row])
    return response


def _csv_safe(value: Any) -> Any:
    """Cells a spreadsheet would run as a formula are prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


urlpatterns: list[URLPattern] = [
    path("", portfolio, name="portfolio"),
    path("new/", winback_create, name="create"),
    path("reports/", reports, name="reports"),
    path("reports.csv", reports_csv, name="reports_csv"),
    path("<int:winback_id>/", winback_detail, name="detail"),
    path("<int:winback_id>/edit/", winback_edit, name="edit"),
    path("<int:winback_id>/profile/", winback_profile, name="profile"),
    path("<int:winback_id>/approve/", winback_approve, name="approve"),
    path("<int:winback_id>/reopen/", winback_reopen, name="reopen"),
    path("<int:winback_id>/close/", winback_close, name="close"),
    path("<int:winback_id>/asks/new/", ask_create, name="ask_create"),
    path("<int:winback_id>/asks/<int:ask_id>/", ask_update, name="ask_update"),
    path("<int:winback_id>/asks/<int:ask_id>/delete/", ask_delete, name="ask_delete"),
    path(
        "<int:winback_id>/asks/<int:ask_id>/attachments/",
        attachment_upload,
        name="attachment_upload",
    ),
    path(
        "<int:winback_id>/asks/<int:ask_id>/attachments/<int:attachment_id>/",
        attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:winback_id>/asks/<int:ask_id>/attachments/<int:attachment_id>/delete/",
        attachment_delete,
        name="attachment_delete",
    ),
    path("<int:winback_id>/touches/new/", touch_create, name="touch_create"),
    path("<int:winback_id>/touches/<int:touch_id>/done/", touch_done, name="touch_done"),
    path("<int:winback_id>/touches/<int:touch_id>/delete/", touch_delete, name="touch_delete"),
    path("<int:winback_id>/signals/new/", signal_create, name="signal_create"),
    path("<int:winback_id>/signals/<int:signal_id>/delete/", signal_delete, name="signal_delete"),
]
