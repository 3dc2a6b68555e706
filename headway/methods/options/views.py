"""Web pages for Option Solving: the list of decisions, a new decision, the decision page that
walks the stages (frame → options → sleep on it → morning choice → act → outcome), the morning
review screen, the colleague's pick page, and the pictogram as SVG and PDF.

Thin doors: parse the request, call a selector or a service, render. The rules (≥ 2 key
considerations, ≥ 5 alternatives, no choice before the review time, bookends never chosen,
picks hidden until the owner chooses…) live in ``options.rules`` / ``options.services``; a
refusal is shown on the page with what to do next (HTTP 409), invalid input on its form (422).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from headway.crm import selectors as crm_selectors
from headway.errors import ConcurrentEdit, NotFound, RuleRefused
from headway.methods.options import pictogram, rules, selectors, services
from headway.methods.options.forms import (
    ActionForm,
    AlternativeForm,
    BookendsForm,
    ChoiceForm,
    ConsiderationForm,
    DecisionForm,
    GoalForm,
    InviteForm,
    OutcomeForm,
    PickForm,
    QuestionForm,
    SpectrumForm,
    add_service_errors,
)
from headway.methods.options.models import Decision
from headway.pagination import paginate, parse_page_number
from headway.web.errors import post_only
from headway.workspaces.permissions import can_edit, require_create
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import members

PAGE_SIZE = 25
PDF_CSS = """
@page { size: A4 landscape; margin: 8mm; }
html, body { margin: 0; padding: 0; }
svg { display: block; width: 100%; height: auto; max-height: 190mm; }
"""


def _decision(request: WorkspaceRequest, decision_id: int) -> Decision:
    return selectors.get_decision(workspace=request.workspace, id=decision_id)


def _detail_url(decision: Decision, anchor: str = "") -> str:
    url = reverse("options:decision_detail", kwargs={"decision_id": decision.pk})
    return f"{url}#{anchor}" if anchor else url


def _parse_id(raw: str | None) -> int | None:
    try:
        value = int(raw or "")
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None


def _owner_tz(decision: Decision) -> str:
    return decision.owner.time_zone


def _build(page: selectors.DecisionPage, *, show_choice: bool = True) -> pictogram.Pictogram:
    first = page.first_choice
    return pictogram.build(
        page.decision,
        page.considerations,
        [x for x in (page.yin, page.yang) if x is not None] + page.alternatives,
        show_choice=show_choice,
        first_choice_id=first.alternative_id if first and page.second_guesses else None,
        today=timezone.localdate(),
    )


def _pictogram(
    page: selectors.DecisionPage, *, show_choice: bool = True, id_prefix: str = "pg"
) -> str:
    return pictogram.render_svg(_build(page, show_choice=show_choice), id_prefix=id_prefix)


# --- list and create ----------------------------------------------------------------------------


@workspace_view
def decision_list(request: WorkspaceRequest) -> HttpResponse:
    """Past and current decisions with their stage and outcome, newest first."""
    stage = request.GET.get("stage", "")
    if stage not in dict(selectors.STAGE_FILTERS):
        stage = ""
    mine = request.GET.get("owner") == "me"
    q = request.GET.get("q", "").strip()[:200]
    qs = selectors.decision_list(
        workspace=request.workspace,
        stage=stage,
        owner=request.user.pk if mine else None,
        q=q,
    )
    page = paginate(qs, number=parse_page_number(request.GET.get("page")), size=PAGE_SIZE)
    return render(
        request,
        "options/decision_list.html",
        {
            "page": page,
            "stage": stage,
            "mine": mine,
            "q": q,
            "stage_filters": selectors.STAGE_FILTERS,
            "filtered": bool(stage or mine or q),
        },
    )


@workspace_view
def decision_create(request: WorkspaceRequest) -> HttpResponse:
    """Start a decision, on its own or for an account (``?account=<id>``)."""
    membership = request.membership
    require_create(membership)
    account = None
    raw_account = request.GET.get("account") or request.POST.get("account")
    if raw_account:
        account = crm_selectors.get_account(workspace=request.workspace, id=raw_account)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decision = services.decision_create(
                    membership=membership,
                    goal=form.cleaned_data["goal"],
                    account=account,
                    considerations=form.cleaned_data["considerations"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    "Decision started. Mark the key considerations — about half of them.",
                )
                return redirect(_detail_url(decision, "frame"))
        return render(
            request, "options/decision_form.html", {"form": form, "account": account}, status=422
        )
    initial = {}
    if account is not None:
        initial["goal"] = f"moving {account.name} forward"
    return render(
        request,
        "options/decision_form.html",
        {"form": DecisionForm(initial=initial), "account": account},
    )


# --- the decision page --------------------------------------------------------------------------


def _context(request: WorkspaceRequest, decision: Decision, **overrides: Any) -> dict[str, Any]:
    page = selectors.decision_page(decision=decision, viewer_id=request.user.pk)
    may_edit = can_edit(request.membership, decision)
    people = members(request.workspace.pk, active_only=True)
    pic = _build(page)
    ctx: dict[str, Any] = {
        "decision": decision,
        "page": page,
        "may_edit": may_edit,
        "pictogram_svg": pictogram.render_svg(pic),
        "pictogram_desc": pic.desc,
        "owner_tz": _owner_tz(decision),
        "review_text": (
            rules.local_review_text(decision.review_at, _owner_tz(decision))
            if decision.review_at
            else ""
        ),
        "goal_form": GoalForm(initial={"goal": decision.goal, "version": decision.version}),
        "consideration_form": ConsiderationForm(),
        "question_form": QuestionForm(initial={"question": decision.question}),
        "bookends_form": BookendsForm(
            initial={
                "yin": page.yin.text if page.yin else "",
                "yang": page.yang.text if page.yang else "",
            }
        ),
        "alternative_form": AlternativeForm(),
        "spectrum_form": SpectrumForm(alternatives=page.alternatives),
        "action_form": ActionForm(members=people, initial={"owner": decision.owner_id}),
        "outcome_form": OutcomeForm(
            initial={"outcome": decision.outcome or None, "lesson": decision.lesson}
        ),
        "invite_form": InviteForm(candidates=page.invitable),
        "refusal": "",
        "today": timezone.localdate(),
        "next_url": _detail_url(decision),
        "min_alternatives": rules.MIN_ALTERNATIVES,
        "is_owner": decision.owner_id == request.user.pk,
    }
    ctx.update(overrides)
    return ctx


def _render(
    request: WorkspaceRequest, decision: Decision, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    return render(
        request,
        "options/decision_detail.html",
        _context(request, decision, **overrides),
        status=status,
    )


def _refused(request: WorkspaceRequest, decision: Decision, exc: RuleRefused) -> HttpResponse:
    """A rule refused the step: the page again, with the reason and what to do next."""
    return _render(request, decision, status=409, refusal=exc.message)


@workspace_view
def decision_detail(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    return _render(request, decision)


@workspace_view
def decision_update(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The goal."""
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.decision_update(
                membership=request.membership,
                decision=decision,
                version=form.cleaned_data.get("version"),
                goal=form.cleaned_data["goal"],
            )
        except (ConcurrentEdit, RuleRefused) as exc:
            return _refused(request, decision, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Goal saved.")
            return redirect(_detail_url(decision, "frame"))
    return _render(request, decision, status=422, goal_form=form)


@workspace_view
def question_update(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = QuestionForm(request.POST)
    if request.POST.get("reset"):
        form = QuestionForm({"question": ""})
    if form.is_valid():
        try:
            services.decision_update(
                membership=request.membership,
                decision=decision,
                question=form.cleaned_data["question"],
            )
        except RuleRefused as exc:
            return _refused(request, decision, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                "Question saved in your words."
                if decision.question_edited
                else "Back to the composed question.",
            )
            return redirect(_detail_url(decision, "question"))
    return _render(request, decision, status=422, question_form=form)


def _was_sleeping(decision: Decision) -> bool:
    return decision.stage == rules.SLEEPING


def _incubation_notice(request: WorkspaceRequest, was_sleeping: bool, decision: Decision) -> None:
    if was_sleeping and decision.stage != rules.SLEEPING:
        messages.warning(request, services.INCUBATION_ENDED)


def _frame_response(
    request: WorkspaceRequest, decision: Decision, **overrides: Any
) -> HttpResponse:
    """htmx: the framing panel alone (key toggles, n of m key, the question) and, out of band,
    the redrawn pictogram; otherwise the page. htmx does not swap error responses, so a refusal
    or an input error comes back as 200 with the message in the panel (``role="alert"``)."""
    status = overrides.pop("status", 200)
    if request.htmx:
        return render(
            request,
            "options/decision_detail.html#frame-panel",
            _context(request, decision, **overrides),
        )
    if status != 200:
        return _render(request, decision, status=status, **overrides)
    return redirect(_detail_url(decision, "frame"))


@workspace_view
def consideration_add(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = ConsiderationForm(request.POST)
    was_sleeping = _was_sleeping(decision)
    if form.is_valid():
        try:
            services.consideration_add(
                membership=request.membership,
                decision=decision,
                text=form.cleaned_data["text"],
                is_key=form.cleaned_data["is_key"],
            )
        except RuleRefused as exc:
            return _frame_response(request, decision, status=409, refusal=exc.message)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _incubation_notice(request, was_sleeping, decision)
            return _frame_response(request, decision)
    return _frame_response(request, decision, status=422, consideration_form=form)


def _on_consideration(
    request: WorkspaceRequest,
    decision_id: int,
    consideration_id: int,
    service: Callable[..., object],
) -> HttpResponse:
    """Run a service on one consideration (htmx: the framing panel comes back)."""
    decision = _decision(request, decision_id)
    consideration = selectors.get_consideration(decision=decision, id=consideration_id)
    if request.method != "POST":
        return post_only()
    was_sleeping = _was_sleeping(decision)
    try:
        service(membership=request.membership, decision=decision, consideration=consideration)
    except RuleRefused as exc:
        return _frame_response(request, decision, status=409, refusal=exc.message)
    _incubation_notice(request, was_sleeping, decision)
    return _frame_response(request, decision)


@workspace_view
def consideration_key(
    request: WorkspaceRequest, decision_id: int, consideration_id: int
) -> HttpResponse:
    """Mark a consideration key, or not key."""
    return _on_consideration(
        request, decision_id, consideration_id, services.consideration_toggle_key
    )


@workspace_view
def consideration_delete(
    request: WorkspaceRequest, decision_id: int, consideration_id: int
) -> HttpResponse:
    return _on_consideration(request, decision_id, consideration_id, services.consideration_delete)


@workspace_view
def leave_framing(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    try:
        services.decision_leave_framing(membership=request.membership, decision=decision)
    except RuleRefused as exc:
        return _refused(request, decision, exc)
    messages.success(
        request,
        "Now the bookends: the softest and the hardest thing you could do. Then at least five "
        "pragmatic alternatives.",
    )
    return redirect(_detail_url(decision, "options"))


@workspace_view
def bookends_set(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = BookendsForm(request.POST)
    was_sleeping = _was_sleeping(decision)
    if form.is_valid():
        try:
            services.bookends_set(
                membership=request.membership,
                decision=decision,
                yin=form.cleaned_data["yin"],
                yang=form.cleaned_data["yang"],
            )
        except RuleRefused as exc:
            return _refused(request, decision, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _incubation_notice(request, was_sleeping, decision)
            messages.success(request, "Bookends saved.")
            return redirect(_detail_url(decision, "options"))
    return _render(request, decision, status=422, bookends_form=form)


@workspace_view
def alternative_add(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = AlternativeForm(request.POST)
    was_sleeping = _was_sleeping(decision)
    if form.is_valid():
        try:
            alternative = services.alternative_add(
                membership=request.membership,
                decision=decision,
                text=form.cleaned_data["text"],
                spectrum=form.cleaned_data["spectrum"],
            )
        except RuleRefused as exc:
            return _refused(request, decision, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _incubation_notice(request, was_sleeping, decision)
            messages.success(request, f"Option {alternative.label} added.")
            return redirect(_detail_url(decision, "alternatives"))
    return _render(request, decision, status=422, alternative_form=form)


@workspace_view
def alternative_delete(
    request: WorkspaceRequest, decision_id: int, alternative_id: int
) -> HttpResponse:
    decision = _decision(request, decision_id)
    alternative = selectors.get_alternative(decision=decision, id=alternative_id)
    if request.method != "POST":
        return post_only()
    was_sleeping = _was_sleeping(decision)
    try:
        services.alternative_delete(
            membership=request.membership, decision=decision, alternative=alternative
        )
    except RuleRefused as exc:
        return _refused(request, decision, exc)
    _incubation_notice(request, was_sleeping, decision)
    messages.success(request, f"“{alternative.text}” removed; the letters were updated.")
    return redirect(_detail_url(decision, "alternatives"))


@workspace_view
def spectrum_update(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """Reword the alternatives and place them on the yin→yang spectrum, in one form."""
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    alternatives = selectors.split_options(selectors.alternatives_of(decision))[2]
    form = SpectrumForm(request.POST, alternatives=alternatives)
    was_sleeping = _was_sleeping(decision)
    if form.is_valid():
        try:
            services.alternatives_edit(
                membership=request.membership,
                decision=decision,
                texts=form.texts(),
                spectrum=form.positions(),
            )
        except RuleRefused as exc:
            return _refused(request, decision, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _incubation_notice(request, was_sleeping, decision)
            messages.success(request, "Alternatives saved.")
            return redirect(_detail_url(decision, "alternatives"))
    return _render(request, decision, status=422, spectrum_form=form)


@workspace_view
def incubate(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """Sleep on it."""
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    try:
        services.decision_start_incubation(membership=request.membership, decision=decision)
    except RuleRefused as exc:
        return _refused(request, decision, exc)
    assert decision.review_at is not None
    messages.success(
        request,
        f"Sleep on it. Review first thing {rules.local_review_text(decision.review_at, _owner_tz(decision))}"
        " — your agenda and your morning e-mail will remind you.",
    )
    return redirect(_detail_url(decision, "sleep"))


# --- the morning review -------------------------------------------------------------------------


def _review_context(request: WorkspaceRequest, decision: Decision) -> dict[str, Any]:
    page = selectors.decision_page(decision=decision, viewer_id=request.user.pk)
    opened = decision.review_opened_at is not None or decision.is_chosen
    return {
        "decision": decision,
        "page": page,
        "may_edit": can_edit(request.membership, decision),
        "opened": opened,
        "review_text": (
            rules.local_review_text(decision.review_at, _owner_tz(decision))
            if decision.review_at
            else ""
        ),
        "sleeping_text": services.sleeping_text(decision)
        if decision.review_at and not decision.review_due and decision.stage == rules.SLEEPING
        else "",
        "pictogram_svg": _pictogram(page, id_prefix="review") if opened else "",
        "owner_tz": _owner_tz(decision),
        "refusal": "",
    }


@workspace_view
def review(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The morning review screen. Before review time it says until when you sleep on it."""
    decision = _decision(request, decision_id)
    return render(request, "options/decision_review.html", _review_context(request, decision))


@workspace_view
def review_open(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """Open the review: the pictogram appears and the choice is timed from now."""
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    try:
        services.decision_open_review(membership=request.membership, decision=decision)
    except RuleRefused as exc:
        ctx = _review_context(request, decision)
        ctx["refusal"] = exc.message
        return render(request, "options/decision_review.html", ctx, status=409)
    return redirect(reverse("options:review", kwargs={"decision_id": decision.pk}))


@workspace_view
def choose(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The morning choice (or, later, a second guess)."""
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = ChoiceForm(request.POST)
    alternative = None
    if form.is_valid():
        try:
            alternative = selectors.get_alternative(
                decision=decision, id=form.cleaned_data["alternative"]
            )
        except NotFound:
            alternative = None
    was_chosen = decision.is_chosen
    refusal = ""
    if alternative is None:
        refusal = services.FOREIGN_ALTERNATIVE
    else:
        try:
            choice = services.decision_choose(
                membership=request.membership, decision=decision, alternative=alternative
            )
        except RuleRefused as exc:
            refusal = exc.message
            if decision.review_at and refusal == services.sleeping_text(decision):
                refusal = (
                    f"Not yet: you are {refusal[0].lower()}{refusal[1:]} "
                    f"({_owner_tz(decision)}). Let your mind work overnight and come back "
                    "first thing — your agenda will remind you."
                )
        else:
            if was_chosen:
                messages.info(
                    request,
                    f"Changed to option {alternative.label}. Your first choice is kept and "
                    "this is shown as a second guess.",
                )
            else:
                messages.success(
                    request,
                    f"You chose option {alternative.label} in {choice.words}. Now, while it "
                    "is fresh: write the action initiative.",
                )
            return redirect(_detail_url(decision, "act"))
    if was_chosen:
        return _render(request, decision, status=409, refusal=refusal)
    ctx = _review_context(request, decision)
    ctx["refusal"] = refusal
    return render(request, "options/decision_review.html", ctx, status=409)


# --- act and outcome ----------------------------------------------------------------------------


@workspace_view
def action_add(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The action initiative: one next step at a time (what, who, by when)."""
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = ActionForm(request.POST, members=members(request.workspace.pk, active_only=True))
    if form.is_valid():
        try:
            action = services.decision_add_action(
                membership=request.membership,
                decision=decision,
                title=form.cleaned_data["title"],
                owner=form.cleaned_data["owner"],
                due_date=form.cleaned_data["due_date"],
            )
        except RuleRefused as exc:
            return _refused(request, decision, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Action “{action.title}” added; it is on {action.owner.display_name}'s agenda.",
            )
            return redirect(_detail_url(decision, "act"))
    return _render(request, decision, status=422, action_form=form)


@workspace_view
def outcome(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.decision_record_outcome(
                membership=request.membership,
                decision=decision,
                outcome=form.cleaned_data["outcome"],
                lesson=form.cleaned_data["lesson"],
            )
        except RuleRefused as exc:
            return _refused(request, decision, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Outcome and lesson recorded.")
            return redirect(_detail_url(decision, "outcome"))
    return _render(request, decision, status=422, outcome_form=form)


@workspace_view
def decision_delete(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    services.decision_delete(membership=request.membership, decision=decision)
    messages.success(request, f"Decision “{decision.goal}” deleted.")
    return HttpResponseRedirect(reverse("options:decision_list"))


# --- colleagues ---------------------------------------------------------------------------------


@workspace_view
def colleagues_invite(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    if request.method != "POST":
        return post_only()
    picks = selectors.picks_of(decision)
    form = InviteForm(request.POST, candidates=selectors.invitable_members(decision, picks))
    if form.is_valid():
        try:
            created = services.colleagues_invite(
                membership=request.membership, decision=decision, users=form.cleaned_data["users"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Asked {len(created)} colleague{'s' if len(created) != 1 else ''}. Their picks "
                "stay hidden until you have chosen.",
            )
            return redirect(_detail_url(decision, "colleagues"))
    return _render(request, decision, status=422, invite_form=form)


@workspace_view
def pick(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """A colleague's page: which option would you choose?"""
    decision = _decision(request, decision_id)
    page = selectors.decision_page(decision=decision, viewer_id=request.user.pk)
    mine = next((v for v in page.picks if v.is_mine), None)
    form = PickForm(
        request.POST or None,
        alternatives=page.alternatives,
        initial={"alternative": mine.pick.alternative_id if mine else None},
    )
    status = 200
    if request.method == "POST":
        if mine is None:
            return render(
                request,
                "web/error.html",
                {"title": "Not invited", "message": services.NOT_INVITED},
                status=403,
            )
        if form.is_valid():
            try:
                alternative = selectors.get_alternative(
                    decision=decision, id=form.cleaned_data["alternative"]
                )
                services.pick_submit(
                    membership=request.membership,
                    decision=decision,
                    alternative=alternative,
                    comment=form.cleaned_data["comment"],
                )
            except NotFound:
                form.add_error("alternative", services.FOREIGN_ALTERNATIVE)
            except RuleRefused as exc:
                form.add_error("alternative", exc.message)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "Thank you — your pick is saved.")
                return redirect(reverse("options:pick", kwargs={"decision_id": decision.pk}))
        status = 422
    # The colleague sees the owner's choice only after answering (and only once made).
    answered = mine is not None and mine.answered
    return render(
        request,
        "options/decision_pick.html",
        {
            "decision": decision,
            "page": page,
            "mine": mine,
            "form": form,
            "answered": answered,
            "pictogram_svg": _pictogram(page, show_choice=answered, id_prefix="pick"),
        },
        status=status,
    )


# --- the pictogram as files ---------------------------------------------------------------------


def _pictogram_for_file(request: WorkspaceRequest, decision: Decision) -> pictogram.Pictogram:
    return _build(selectors.decision_page(decision=decision, viewer_id=request.user.pk))


def _filename(decision: Decision, ext: str) -> str:
    return f"decision-{decision.pk}-pictogram.{ext}"


@workspace_view
def pictogram_svg(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    svg = pictogram.render_svg(_pictogram_for_file(request, decision), standalone=True)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(decision, "svg")}"'
    return response


def render_pdf(svg: str, title: str) -> bytes:
    """One A4 landscape page with the pictogram (WeasyPrint)."""
    from weasyprint import HTML

    html = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{PDF_CSS}</style></head><body>{svg}</body></html>"
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


@workspace_view
def pictogram_pdf(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    from django.utils.html import escape

    decision = _decision(request, decision_id)
    svg = pictogram.render_svg(_pictogram_for_file(request, decision), id_prefix="pdf")
    pdf = render_pdf(svg, escape(f"Decision pictogram: {decision.goal}"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(decision, "pdf")}"'
    return response
