"""Web pages for win-backs: portfolio, open from a lost deal, the win-back page and its
forms (asks, files, profile, touches, signals, approval, re-open, close), reports + CSV.

Thin doors: parse the request, call a selector or a service, render. Every id in a URL is
resolved in the request's workspace (and under its parent win-back) before anything else, so
another workspace's id is a 404 on GET and on POST alike. Every step goes through the kit's
:func:`~headway.web.steps.form_step` (POST only; invalid input on its form, 422; a refusal by a
rule or a stale edit on the page, 409); the rules (a lost deal only, nothing more on a closed
win-back, one new deal…) live in the services, which the pages also ask before offering a step.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from headway.crm import selectors as crm_selectors
from headway.errors import RuleRefused
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
    WinBackEditForm,
    WinBackFactsForm,
)
from headway.methods.winback.models import (
    MAX_ATTACHMENT_BYTES,
    Ask,
    AskStatus,
    Status,
    WinBack,
)
from headway.pagination import paginate, parse_page_number
from headway.web.errors import post_only
from headway.web.steps import Again, form_step, parse_id, succeed
from headway.workspaces.permissions import can_edit, is_manager, require_create, require_edit
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import members, person_choices

PORTFOLIO_PAGE_SIZE = 25
# A multipart body carries some bytes besides the file itself.
UPLOAD_OVERHEAD = 64 * 1024


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
    owner = parse_id(request.GET.get("owner"))
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


# --- pages of one form: open, edit, re-open, close ------------------------------------------


def _members(request: WorkspaceRequest) -> list[Any]:
    return list(members(request.workspace, active_only=True).only("id", "name", "email"))


def _form_page(request: WorkspaceRequest, template: str, **context: Any) -> Again:
    """A page of one form, again after its step did not run: what was typed stays, with its
    errors (422) or the refusal above the fields (409)."""

    def again(status: int, form: forms.BaseForm | None, refusal: str) -> HttpResponse:
        if refusal and form is not None:
            form.add_error(None, refusal)
        return render(request, template, {"form": form, **context}, status=status)

    return again


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
    # A deal has one win-back: the link (or a second click on the button) leads to it.
    existing = selectors.winback_for_deal(workspace=ws, deal=deal)
    if existing is not None:
        messages.info(request, services.ALREADY_OPEN)
        return redirect("winback:detail", winback_id=existing.pk)
    show = _form_page(request, "winback/create.html", deal=deal)
    if request.method != "POST":
        if refusal := services.create_refusal(deal):
            raise RuleRefused(refusal)  # not offered: the page is the refusal (409)
        initial = WinBackFactsForm.initial_from(
            deal, owner_id=request.user.pk, today=timezone.localdate()
        )
        return show(200, WinBackFactsForm(initial=initial, members=_members(request)), "")
    return form_step(
        request,
        form=WinBackFactsForm(request.POST, members=_members(request)),
        call=lambda data: services.winback_create(membership=membership, deal=deal, **data),
        done=lambda winback: succeed(
            request,
            "Win-back opened. Ask for the four things while they still feel bad "
            "about saying no, then fill in the buyer profile.",
            _detail_url(winback),
        ),
        again=show,
    )


def _get(request: WorkspaceRequest, winback_id: int) -> WinBack:
    return selectors.get_winback(workspace=request.workspace, id=winback_id)


@workspace_view
def winback_edit(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    require_edit(request.membership, winback)
    people = _members(request)
    if request.method != "POST":
        form = WinBackEditForm(initial=WinBackEditForm.initial_for(winback), members=people)
        return render(request, "winback/edit.html", {"form": form, "winback": winback})

    def again(status: int, form: forms.BaseForm | None, refusal: str) -> HttpResponse:
        # As stored: a refused save may have changed the win-back in memory.
        stored = _get(request, winback_id)
        return _form_page(request, "winback/edit.html", winback=stored)(status, form, refusal)

    return form_step(
        request,
        form=WinBackEditForm(request.POST, members=people),
        call=lambda data: services.winback_update(
            membership=request.membership, winback=winback, **data
        ),
        done=lambda _: succeed(request, "Win-back saved.", _detail_url(winback)),
        again=again,
    )


@workspace_view
def winback_reopen(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    """Re-engage: open a new deal with the account, linked to the win-back."""
    winback = _get(request, winback_id)
    require_edit(request.membership, winback)
    show = _form_page(request, "winback/reopen.html", winback=winback)
    if request.method != "POST":
        if refusal := services.reopen_refusal(winback):
            raise RuleRefused(refusal)  # not offered: the page is the refusal (409)
        initial = {"title": f"{winback.deal.title} (win-back)", "amount": winback.value}
        return show(200, ReopenForm(initial=initial), "")
    return form_step(
        request,
        form=ReopenForm(request.POST),
        call=lambda data: services.winback_reopen(
            membership=request.membership, winback=winback, **data
        ),
        done=lambda deal: succeed(
            request,
            f"New deal “{deal.title}” opened, linked to the win-back. Win it and the "
            "win-back counts as won back.",
            reverse("crm:deal_detail", kwargs={"deal_id": deal.pk}),
        ),
        again=show,
    )


@workspace_view
def winback_close(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    require_edit(request.membership, winback)
    show = _form_page(request, "winback/close.html", winback=winback)
    if request.method != "POST":
        if refusal := services.close_refusal(winback):
            raise RuleRefused(refusal)  # not offered: the page is the refusal (409)
        return show(200, CloseForm(), "")
    return form_step(
        request,
        form=CloseForm(request.POST),
        call=lambda data: services.winback_close(
            membership=request.membership, winback=winback, **data
        ),
        done=lambda _: succeed(
            request,
            "Win-back closed. It no longer shows in the portfolio.",
            _detail_url(winback),
        ),
        again=show,
    )


# --- the win-back page ----------------------------------------------------------------------


def _detail(
    request: WorkspaceRequest,
    winback: WinBack,
    *,
    status: int = 200,
    form: forms.BaseForm | None = None,
    refusal: str = "",
) -> HttpResponse:
    """The win-back page; ``form``: a step's form as it was sent (what was typed and its
    errors), in its place — an ask's, a file's or a touch's by its prefix, the others as
    ``<id_prefix>_form``."""
    ws = request.workspace
    page = selectors.winback_page(workspace=ws, winback=winback)
    kept: dict[str, Any] = {}
    if form is not None:
        kept[form.prefix or f"{getattr(form, 'id_prefix', '')}_form"] = form
    for ask in page.asks:
        ask.status_form = kept.get(f"ask-{ask.pk}") or AskStatusForm(  # type: ignore[attr-defined]
            initial={"version": ask.version, "status": ask.status, "obtained": ask.obtained},
            prefix=f"ask-{ask.pk}",
        )
        ask.upload_form = kept.get(f"file-{ask.pk}") or AttachmentForm(  # type: ignore[attr-defined]
            prefix=f"file-{ask.pk}"
        )
    for touch in page.touches:
        touch.done_form = kept.get(f"touch-{touch.pk}") or TouchDoneForm(  # type: ignore[attr-defined]
            initial={"log_interaction": True}, prefix=f"touch-{touch.pk}"
        )
    today = timezone.localdate()
    context = {
        "winback": winback,
        "page": page,
        "watch": page.watch,
        "refusal": refusal,
        "may_edit": bool(can_edit(request.membership, winback)),
        "may_reopen": services.reopen_refusal(winback) is None,
        "may_close": services.close_refusal(winback) is None,
        "is_manager": bool(is_manager(request.membership)),
        "profile_form": kept.get("profile_form")
        or ProfileForm(initial=ProfileForm.initial_for(winback)),
        "newask_form": kept.get("newask_form") or AskCreateForm(),
        "plan_form": kept.get("plan_form")
        or TouchForm(initial={"planned_for": today + dt.timedelta(days=winback.cadence_days)}),
        "signal_form": kept.get("signal_form") or SignalForm(initial={"observed_on": today}),
        "threshold": rules.REENGAGE_THRESHOLD,
        "weights": rules.SIGNAL_WEIGHTS,
        # A loss to "do nothing" has no winner: the watch is on what they kept.
        "did_nothing": winback.lost_to == rules.DO_NOTHING,
        "watch_title": rules.watch_title(winback.lost_to),
        "rival": rules.rival(winback.lost_to, winback.lost_to_name),
        "rival_contract": rules.rival_contract(winback.lost_to, winback.lost_to_name),
        "max_upload_mb": MAX_ATTACHMENT_BYTES // (1024 * 1024),
        "today": today,
    }
    return render(request, "winback/detail.html", context, status=status)


def _again(request: WorkspaceRequest, winback: WinBack) -> Again:
    """The win-back page again after a step did not run: with the step's form and its errors
    (422), or fresh with the refusal at the top (409). Read afresh: a refused step may have
    changed the win-back in memory."""

    def again(status: int, form: forms.BaseForm | None, refusal: str) -> HttpResponse:
        stored = _get(request, winback.pk)
        kept = form if status == 422 else None
        return _detail(request, stored, status=status, form=kept, refusal=refusal)

    return again


def _step(
    request: WorkspaceRequest,
    winback: WinBack,
    service: Callable[..., Any],
    form: forms.BaseForm | None = None,
    /,
    *,
    message: str | Callable[[Any], str],
    anchor: str,
    **using: Any,
) -> HttpResponse:
    """One step on the win-back page (see ``form_step``): ``service`` is called with the
    acting membership, ``using`` (the win-back, or the ask, touch… it acts on) and the form's
    data; on success the ``message`` and back to the step's section."""

    def done(result: Any) -> HttpResponse:
        text = message(result) if callable(message) else message
        return succeed(request, text, _detail_url(winback, anchor))

    return form_step(
        request,
        form=form,
        call=lambda data: service(membership=request.membership, **using, **data),
        done=done,
        again=_again(request, winback),
    )


@workspace_view
def winback_detail(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    return _detail(request, _get(request, winback_id))


def _profile_saved(winback: WinBack) -> str:
    return (
        f"Buyer profile saved: likelihood {winback.level_label.lower()}, "
        f"a touch {winback.cadence_words}."
    )


@workspace_view
def winback_profile(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    form = ProfileForm(request.POST)
    return _step(
        request,
        winback,
        services.winback_update,
        form,
        winback=winback,
        message=_profile_saved,
        anchor="profile",
    )


@workspace_view
def winback_approve(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    approved = request.POST.get("approved", "1") != "0"
    return _step(
        request,
        winback,
        services.winback_approve,
        winback=winback,
        approved=approved,
        message="Plan approved." if approved else "Approval withdrawn.",
        anchor="approval",
    )


# --- asks -----------------------------------------------------------------------------------


def _ask(request: WorkspaceRequest, winback: WinBack, ask_id: int) -> Ask:
    return selectors.get_ask(workspace=request.workspace, winback=winback, id=ask_id)


@workspace_view
def ask_create(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    return _step(
        request,
        winback,
        services.ask_create,
        AskCreateForm(request.POST),
        winback=winback,
        message="Ask added to the checklist.",
        anchor="asks",
    )


@workspace_view
def ask_update(request: WorkspaceRequest, winback_id: int, ask_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    ask = _ask(request, winback, ask_id)
    return _step(
        request,
        winback,
        services.ask_update,
        AskStatusForm(request.POST, prefix=f"ask-{ask.pk}"),
        ask=ask,
        message=lambda saved: f"Ask saved: {saved.get_status_display().lower()}.",
        anchor=f"ask-{ask.pk}",
    )


@workspace_view
def ask_delete(request: WorkspaceRequest, winback_id: int, ask_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    ask = _ask(request, winback, ask_id)
    return _step(
        request,
        winback,
        services.ask_delete,
        ask=ask,
        message="Ask removed from the checklist.",
        anchor="asks",
    )


@csrf_exempt
@workspace_view
def attachment_upload(request: WorkspaceRequest, winback_id: int, ask_id: int) -> HttpResponse:
    """Upload a file for an ask. The declared size is checked before the body is read (the
    CSRF check, which reads the body, runs after it), so a huge upload is refused early."""
    winback = _get(request, winback_id)
    ask = _ask(request, winback, ask_id)
    if request.method != "POST":  # before the size check and the CSRF check
        return post_only()
    require_edit(request.membership, winback)
    declared = parse_id(request.META.get("CONTENT_LENGTH"))
    if declared and declared > MAX_ATTACHMENT_BYTES + UPLOAD_OVERHEAD:
        message = ""
        try:
            services.attachment_check_size(declared)
        except ValidationError as exc:
            message = exc.message_dict["file"][0]
        form = AttachmentForm.refused(prefix=f"file-{ask.pk}", message=message)
        return _detail(request, winback, status=413, form=form)
    return _attachment_upload(request, winback, ask)


@csrf_protect
def _attachment_upload(request: WorkspaceRequest, winback: WinBack, ask: Ask) -> HttpResponse:
    return _step(
        request,
        winback,
        lambda membership, file: services.attachment_add(
            membership=membership, ask=ask, upload=file
        ),
        AttachmentForm(request.POST, request.FILES, prefix=f"file-{ask.pk}"),
        message=lambda attachment: f"“{attachment.original_name}” attached.",
        anchor=f"ask-{ask.pk}",
    )


@workspace_view
def attachment_download(
    request: WorkspaceRequest, winback_id: int, ask_id: int, attachment_id: int
) -> Any:  # a streaming FileResponse
    """The file, only to people of this workspace, always as a download."""
    winback = _get(request, winback_id)
    ask = _ask(request, winback, ask_id)
    attachment = selectors.get_attachment(workspace=request.workspace, ask=ask, id=attachment_id)
    return attachment_response(attachment)


@workspace_view
def attachment_delete(
    request: WorkspaceRequest, winback_id: int, ask_id: int, attachment_id: int
) -> HttpResponse:
    winback = _get(request, winback_id)
    ask = _ask(request, winback, ask_id)
    attachment = selectors.get_attachment(workspace=request.workspace, ask=ask, id=attachment_id)
    return _step(
        request,
        winback,
        services.attachment_delete,
        attachment=attachment,
        message=f"“{attachment.original_name}” deleted.",
        anchor=f"ask-{ask.pk}",
    )


# --- planned touches ------------------------------------------------------------------------


@workspace_view
def touch_create(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    return _step(
        request,
        winback,
        services.touch_create,
        TouchForm(request.POST),
        winback=winback,
        message=lambda touch: (
            f"{touch.get_kind_display()} planned for {touch.planned_for:%d %b %Y}."
        ),
        anchor="cadence",
    )


def _touch_done(touch: Any) -> str:
    logged = " and logged as an interaction" if touch.interaction_id else ""
    return f"{touch.get_kind_display()} done{logged}."


@workspace_view
def touch_done(request: WorkspaceRequest, winback_id: int, touch_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    touch = selectors.get_touch(workspace=request.workspace, winback=winback, id=touch_id)
    return _step(
        request,
        winback,
        services.touch_complete,
        TouchDoneForm(request.POST, prefix=f"touch-{touch.pk}"),
        touch=touch,
        message=_touch_done,
        anchor="cadence",
    )


@workspace_view
def touch_delete(request: WorkspaceRequest, winback_id: int, touch_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    touch = selectors.get_touch(workspace=request.workspace, winback=winback, id=touch_id)
    return _step(
        request,
        winback,
        services.touch_delete,
        touch=touch,
        message="Planned touch removed.",
        anchor="cadence",
    )


# --- winner signals -------------------------------------------------------------------------


@workspace_view
def signal_create(request: WorkspaceRequest, winback_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    return _step(
        request,
        winback,
        services.signal_create,
        SignalForm(request.POST),
        winback=winback,
        message=lambda signal: f"Signal recorded: {signal.get_kind_display().lower()}.",
        anchor="watch",
    )


@workspace_view
def signal_delete(request: WorkspaceRequest, winback_id: int, signal_id: int) -> HttpResponse:
    winback = _get(request, winback_id)
    signal = selectors.get_signal(workspace=request.workspace, winback=winback, id=signal_id)
    return _step(
        request,
        winback,
        services.signal_delete,
        signal=signal,
        message="Signal removed.",
        anchor="watch",
    )


# --- reports --------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _amount(value: Decimal) -> str:
    """An amount lost, in whole units with thousands separators ("80,000"), as in the API."""
    return f"{value:,.0f}"


def _money(amounts: Sequence[selectors.Money]) -> str:
    """Amounts with their currencies, never added across them: "236,000 EUR + 71,000 USD"."""
    return " + ".join(f"{_amount(m.amount)} {m.currency}" for m in amounts) or "0"


def _currencies(data: selectors.Reports) -> list[str]:
    return sorted({m.currency for c in data.losses_by_competitor for m in c.amounts})


def _competitor_table(data: selectors.Reports) -> tuple[list[str], list[list[Any]]]:
    """One row per competitor (as in the chart), one amount column per currency: a manager
    compares who beats us in each currency without adding one currency to another. A currency
    a competitor never won in is an empty cell (None: "—" on the page, empty in the CSV)."""
    currencies = _currencies(data)
    rows = []
    for c in data.losses_by_competitor:
        by_currency = {m.currency: _amount(m.amount) for m in c.amounts}
        rows.append([c.label, c.count, *(by_currency.get(code) for code in currencies)])
    return ["lost to", "lost deals", *(f"amount lost ({code})" for code in currencies)], rows


REPORTS = ("competitors", "reasons", "asks", "outcomes", "reengage")


def _report_tables(data: selectors.Reports) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Every report as (header, rows): the page's data tables and the CSV files agree."""
    return {
        "competitors": _competitor_table(data),
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


def _reasons_chart(data: selectors.Reports) -> Any:
    """The reasons more than one lost deal gave: a bar per reason given once says nothing a
    list does not (twelve bars of "1 deal"), so those are counted in a sentence and listed in
    the data table and the CSV, in full."""
    repeated = [r for r in data.losses_by_reason if r.count > 1][: selectors.REPORT_ROWS]
    once = data.reasons_given_once
    if not data.losses_by_reason:
        empty = "No reasons recorded yet."
    else:
        empty = (
            f"No reason was given by more than one lost deal yet: the "
            f"{_plural(once, 'reason')} given are in the data table."
        )
    note = ""
    if repeated and once:
        given = "was" if once == 1 else "were each"
        note = f"{_plural(once, 'more reason')} {given} given by one lost deal: see the data table."
    return bar_chart(
        slug="reasons",
        title="Lost deals by reason",
        rows=[(r.label, r.count, _plural(r.count, "deal")) for r in repeated],
        empty=empty,
        note=note,
    )


@workspace_view
def reports(request: WorkspaceRequest) -> HttpResponse:
    data = selectors.reports(workspace=request.workspace)
    charts = [
        bar_chart(
            slug="competitors",
            title="Lost deals by what the customer chose instead",
            rows=[
                (c.label, c.count, f"{_plural(c.count, 'deal')} · {_money(c.amounts)} lost")
                for c in data.losses_by_competitor
            ],
            empty="No lost deals yet.",
        ),
        _reasons_chart(data),
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
