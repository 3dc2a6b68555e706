"""Web pages for Option Solving: the list of decisions, a new decision, the decision page that
walks the stages (frame → options → sleep on it → morning choice → act → outcome), the morning
review screen, the colleague's pick page, and the pictogram as SVG and PDF.

Thin doors: parse the request, call a selector or a service, render. Every step goes through the
kit's :func:`~headway.web.steps.form_step` (POST only; invalid input on its form, 422; a refusal
on the page with what to do next, 409). The rules (≥ 2 key considerations, ≥ 5 alternatives, no
choice before the review time, bookends never chosen, picks hidden until the owner chooses…)
live in ``options.rules`` / ``options.services``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from headway.crm import selectors as crm_selectors
from headway.errors import RuleRefused
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
    PageForm,
    PickForm,
    QuestionForm,
    SpectrumForm,
)
from headway.methods.options.models import Alternative, Choice, Decision
from headway.pagination import paginate, parse_page_number
from headway.web.steps import Again, form_step, succeed
from headway.workspaces.permissions import can_edit, require_create
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import members

PAGE_SIZE = 25
PDF_CSS = """
@page { size: A4 landscape; margin: 8mm; }
html, body { margin: 0; padding: 0; }
svg { display: block; width: 100%; height: auto; max-height: 190mm; }
"""
FRAME_PANEL = "options/decision_detail.html#frame-panel"


def _decision(request: WorkspaceRequest, decision_id: int) -> Decision:
    return selectors.get_decision(workspace=request.workspace, id=decision_id)


def _detail_url(decision: Decision, anchor: str = "") -> str:
    url = reverse("options:decision_detail", kwargs={"decision_id": decision.pk})
    return f"{url}#{anchor}" if anchor else url


def _owner_tz(decision: Decision) -> str:
    return decision.owner.time_zone


def _review_text(decision: Decision) -> str:
    if decision.review_at is None:
        return ""
    return rules.local_review_text(decision.review_at, _owner_tz(decision))


def _build(page: selectors.DecisionPage, *, show_choice: bool = True) -> pictogram.Pictogram:
    return pictogram.for_page(page, show_choice=show_choice, today=timezone.localdate())


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
    require_create(request.membership)
    account = None
    raw_account = request.GET.get("account") or request.POST.get("account")
    if raw_account:
        account = crm_selectors.get_account(workspace=request.workspace, id=raw_account)

    def show(status: int, form: Any, refusal: str = "") -> HttpResponse:
        context = {"form": form, "account": account}
        return render(request, "options/decision_form.html", context, status=status)

    if request.method != "POST":
        initial = {"goal": f"moving {account.name} forward"} if account is not None else {}
        return show(200, DecisionForm(initial=initial))
    return form_step(
        request,
        form=DecisionForm(request.POST),
        call=lambda data: services.decision_create(
            membership=request.membership, account=account, **data
        ),
        done=lambda decision: succeed(
            request,
            "Decision started. Mark the key considerations — about half of them.",
            _detail_url(decision, "frame"),
        ),
        again=show,
    )


# --- the decision page --------------------------------------------------------------------------


def _context(request: WorkspaceRequest, decision: Decision, **overrides: Any) -> dict[str, Any]:
    page = selectors.decision_page(decision=decision, viewer_id=request.user.pk)
    people = members(request.workspace.pk, active_only=True)
    pic = _build(page)
    yin, yang = (page.yin.text if page.yin else ""), (page.yang.text if page.yang else "")
    outcome = {"outcome": decision.outcome or None, "lesson": decision.lesson}
    return {
        "decision": decision,
        "page": page,
        "may_edit": can_edit(request.membership, decision),
        "pictogram_svg": pictogram.render_svg(pic),
        "pictogram_desc": pic.desc,
        "owner_tz": _owner_tz(decision),
        "review_text": _review_text(decision),
        "goal_form": GoalForm(initial={"goal": decision.goal, "version": decision.version}),
        "consideration_form": ConsiderationForm(),
        "question_form": QuestionForm(initial={"question": decision.question}),
        "bookends_form": BookendsForm(initial={"yin": yin, "yang": yang}),
        "alternative_form": AlternativeForm(),
        "spectrum_form": SpectrumForm(alternatives=page.alternatives),
        "action_form": ActionForm(members=people, initial={"owner": decision.owner_id}),
        "outcome_form": OutcomeForm(initial=outcome),
        "invite_form": InviteForm(candidates=page.invitable),
        "refusal": "",
        "today": timezone.localdate(),
        "next_url": _detail_url(decision),
        "min_alternatives": rules.MIN_ALTERNATIVES,
        "second_guess_why": rules.SECOND_GUESS_WHY,
        "is_owner": decision.owner_id == request.user.pk,
        **overrides,
    }


def _render(
    request: WorkspaceRequest, decision: Decision, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    context = _context(request, decision, **overrides)
    return render(request, "options/decision_detail.html", context, status=status)


def _again(request: WorkspaceRequest, decision: Decision, *, frame: bool = False) -> Again:
    """The decision page again after a step did not run: with the step's form and its errors
    (422), or fresh with the refusal at the top (409). ``frame``: htmx gets the framing panel
    alone, as 200 with the message in it (htmx does not swap error responses)."""

    def again(status: int, form: Any, refusal: str) -> HttpResponse:
        overrides: dict[str, Any] = {"refusal": refusal}
        if status == 422 and isinstance(form, PageForm):
            overrides[f"{form.id_prefix}_form"] = form
        if frame and request.htmx:
            return render(request, FRAME_PANEL, _context(request, decision, **overrides))
        return _render(request, decision, status=status, **overrides)

    return again


def _step(
    request: WorkspaceRequest,
    decision: Decision,
    service: Callable[..., Any],
    form: PageForm | None = None,
    *,
    message: str | Callable[[Any], str] = "",
    anchor: str = "",
    edits_options: bool = False,
    frame: bool = False,
    **using: Any,
) -> HttpResponse:
    """One step on the decision page (see ``form_step``): ``service`` is called with the acting
    membership, the decision, ``using`` and the form's data; on success the ``message`` and back
    to the step's section (``frame``: htmx gets the redrawn framing panel and pictogram).
    ``edits_options``: say so when the change ended the incubation."""
    was_sleeping = decision.stage == rules.SLEEPING

    def call(data: dict[str, Any]) -> Any:
        return service(membership=request.membership, decision=decision, **using, **data)

    def done(result: Any) -> HttpResponse:
        if edits_options and was_sleeping and decision.stage != rules.SLEEPING:
            messages.warning(request, services.INCUBATION_ENDED)
        if frame and request.htmx:
            return render(request, FRAME_PANEL, _context(request, decision))
        text = message(result) if callable(message) else message
        return succeed(request, text, _detail_url(decision, anchor))

    again = _again(request, decision, frame=frame)
    return form_step(request, form=form, call=call, done=done, again=again)


@workspace_view
def decision_detail(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    return _render(request, _decision(request, decision_id))


@workspace_view
def decision_update(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The goal."""
    decision = _decision(request, decision_id)
    form = GoalForm(request.POST)
    return _step(
        request, decision, services.decision_update, form, message="Goal saved.", anchor="frame"
    )


def _question_saved(decision: Decision) -> str:
    if decision.question_edited:
        return "Question saved in your words."
    return "Back to the composed question."


@workspace_view
def question_update(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    form = QuestionForm({"question": ""} if request.POST.get("reset") else request.POST)
    return _step(
        request,
        decision,
        services.decision_update,
        form,
        message=_question_saved,
        anchor="question",
    )


@workspace_view
def consideration_add(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """htmx: the framing panel alone (key toggles, n of m key, the question) and, out of band,
    the redrawn pictogram; otherwise the page."""
    decision = _decision(request, decision_id)
    form = ConsiderationForm(request.POST)
    return _step(
        request,
        decision,
        services.consideration_add,
        form,
        anchor="frame",
        edits_options=True,
        frame=True,
    )


def _on_consideration(
    request: WorkspaceRequest, decision_id: int, consideration_id: int, service: Callable[..., Any]
) -> HttpResponse:
    """Run a service on one consideration (htmx: the framing panel comes back)."""
    decision = _decision(request, decision_id)
    consideration = selectors.get_consideration(
        workspace=request.workspace, id=consideration_id, decision=decision
    )
    return _step(
        request,
        decision,
        service,
        consideration=consideration,
        anchor="frame",
        edits_options=True,
        frame=True,
    )


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
    message = (
        "Now the bookends: the softest and the hardest thing you could do. Then at least five "
        "pragmatic alternatives."
    )
    return _step(
        request, decision, services.decision_leave_framing, message=message, anchor="options"
    )


@workspace_view
def bookends_set(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    form = BookendsForm(request.POST)
    return _step(
        request,
        decision,
        services.bookends_set,
        form,
        message="Bookends saved.",
        anchor="options",
        edits_options=True,
    )


@workspace_view
def alternative_add(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    return _step(
        request,
        decision,
        services.alternative_add,
        AlternativeForm(request.POST),
        message=lambda alternative: _added(alternative, request.POST.get("text", "")),
        anchor="alternatives",
        edits_options=True,
    )


def _added(alternative: Alternative, typed: str) -> str:
    """ "Option F added." — and when a label was typed in front of the words ("Option B – …"),
    that it was left out of the text, and which letter the alternative got."""
    label = rules.split_label(" ".join(typed.split()))[0]
    if not label:
        return f"Option {alternative.label} added."
    if label == alternative.label:
        return f"Option {alternative.label} added (the “Option {label}” you typed is its label)."
    return (
        f"Option {alternative.label} added. The “Option {label}” you typed was left out of its "
        "text: letters follow the order the alternatives are added."
    )


@workspace_view
def alternative_delete(
    request: WorkspaceRequest, decision_id: int, alternative_id: int
) -> HttpResponse:
    decision = _decision(request, decision_id)
    alternative = selectors.get_alternative(
        workspace=request.workspace, id=alternative_id, decision=decision
    )
    return _step(
        request,
        decision,
        services.alternative_delete,
        alternative=alternative,
        message=f"“{alternative.text}” removed; the letters were updated.",
        anchor="alternatives",
        edits_options=True,
    )


@workspace_view
def spectrum_update(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """Reword the alternatives and place them on the yin→yang spectrum, in one form."""
    decision = _decision(request, decision_id)
    alternatives = selectors.split_options(selectors.alternatives_of(decision))[2]
    return _step(
        request,
        decision,
        services.alternatives_edit,
        SpectrumForm(request.POST, alternatives=alternatives),
        message="Alternatives saved.",
        anchor="alternatives",
        edits_options=True,
    )


def _slept(decision: Decision) -> str:
    return (
        f"Sleep on it. Review first thing {_review_text(decision)} — your agenda and your "
        "morning e-mail will remind you."
    )


@workspace_view
def incubate(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """Sleep on it."""
    decision = _decision(request, decision_id)
    return _step(
        request, decision, services.decision_start_incubation, message=_slept, anchor="sleep"
    )


# --- the morning review -------------------------------------------------------------------------


def _review(
    request: WorkspaceRequest, decision: Decision, *, status: int = 200, refusal: str = ""
) -> HttpResponse:
    page = selectors.decision_page(decision=decision, viewer_id=request.user.pk)
    opened = decision.review_opened_at is not None or decision.is_chosen
    svg = pictogram.render_svg(_build(page), id_prefix="review") if opened else ""
    context = {
        "decision": decision,
        "page": page,
        "may_edit": can_edit(request.membership, decision),
        "opened": opened,
        "review_text": _review_text(decision),
        "sleeping_until": services.sleeping_until(decision) or "",
        "pictogram_svg": svg,
        "owner_tz": _owner_tz(decision),
        "refusal": refusal,
    }
    return render(request, "options/decision_review.html", context, status=status)


@workspace_view
def review(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The morning review screen. Before review time it says until when you sleep on it."""
    return _review(request, _decision(request, decision_id))


@workspace_view
def review_open(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """Open the review: the pictogram appears and the choice is timed from now."""
    decision = _decision(request, decision_id)
    url = reverse("options:review", kwargs={"decision_id": decision.pk})
    return form_step(
        request,
        form=None,
        call=lambda _: services.decision_open_review(
            membership=request.membership, decision=decision
        ),
        done=lambda _: succeed(request, "", url),
        again=lambda status, form, refusal: _review(
            request, decision, status=status, refusal=refusal
        ),
    )


@workspace_view
def choose(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The morning choice (or, later, a second guess). Not chosen yet: refused on the review
    screen; a second guess: on the decision page."""
    decision = _decision(request, decision_id)
    was_chosen = decision.is_chosen

    def call(data: dict[str, Any]) -> tuple[Alternative, Choice]:
        alternative = selectors.resolve_option(
            decision, data["alternative"], field="alternative", message=services.FOREIGN_ALTERNATIVE
        )
        try:
            choice = services.decision_choose(
                membership=request.membership, decision=decision, alternative=alternative
            )
        except services.StillSleeping as exc:
            raise RuleRefused(exc.advice) from exc  # a page says it in a sentence
        return alternative, choice

    def done(result: tuple[Alternative, Choice]) -> HttpResponse:
        alternative, choice = result
        if was_chosen:
            text = (
                f"Changed to option {alternative.label}: a second guess. {rules.SECOND_GUESS_WHY}"
            )
            return succeed(request, text, _detail_url(decision, "choice"), level=messages.WARNING)
        text = (
            f"You chose option {alternative.label} in {choice.words}. Now, while it is fresh: "
            "write the action initiative."
        )
        return succeed(request, text, _detail_url(decision, "act"))

    def again(status: int, form: Any, refusal: str) -> HttpResponse:
        if not refusal and form is not None:  # the option's id: the form's only field
            refusal = " ".join(form.errors.get("alternative", []))
        if was_chosen:
            return _render(request, decision, status=status, refusal=refusal)
        return _review(request, decision, status=status, refusal=refusal)

    return form_step(request, form=ChoiceForm(request.POST), call=call, done=done, again=again)


# --- act and outcome ----------------------------------------------------------------------------


def _action_added(action: Any) -> str:
    return f"Action “{action.title}” added; it is on {action.owner.display_name}'s agenda."


@workspace_view
def action_add(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """The action initiative: one next step at a time (what, who, by when)."""
    decision = _decision(request, decision_id)
    form = ActionForm(request.POST, members=members(request.workspace.pk, active_only=True))
    return _step(
        request, decision, services.decision_add_action, form, message=_action_added, anchor="act"
    )


@workspace_view
def outcome(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    return _step(
        request,
        decision,
        services.decision_record_outcome,
        OutcomeForm(request.POST),
        message="Outcome and lesson recorded.",
        anchor="outcome",
    )


@workspace_view
def decision_delete(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    return form_step(
        request,
        form=None,
        call=lambda _: services.decision_delete(membership=request.membership, decision=decision),
        done=lambda _: succeed(
            request, f"Decision “{decision.goal}” deleted.", reverse("options:decision_list")
        ),
        again=_again(request, decision),
    )


# --- colleagues ---------------------------------------------------------------------------------


def _asked(created: list[Any]) -> str:
    n = len(created)
    s = "s" if n != 1 else ""
    return f"Asked {n} colleague{s}. Their picks stay hidden until you have chosen."


@workspace_view
def colleagues_invite(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    candidates = selectors.invitable_members(decision, selectors.picks_of(decision))
    form = InviteForm(request.POST, candidates=candidates)
    return _step(
        request, decision, services.colleagues_invite, form, message=_asked, anchor="colleagues"
    )


@workspace_view
def pick(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    """A colleague's page: which option would you choose? (Only the invited may answer: the
    service refuses anyone else, 403 — as through the API.)"""
    decision = _decision(request, decision_id)
    page = selectors.decision_page(decision=decision, viewer_id=request.user.pk)
    mine = next((v for v in page.picks if v.is_mine), None)
    initial = {"alternative": mine.pick.alternative_id if mine else None}
    url = reverse("options:pick", kwargs={"decision_id": decision.pk})

    def show(status: int = 200, form: Any = None, refusal: str = "") -> HttpResponse:
        form = form or PickForm(alternatives=page.alternatives, initial=initial)
        if refusal:
            form.add_error("alternative", refusal)
        # The colleague sees the owner's choice only after answering (and only once made).
        answered = mine is not None and mine.answered
        svg = pictogram.render_svg(_build(page, show_choice=answered), id_prefix="pick")
        context = {
            "decision": decision,
            "page": page,
            "mine": mine,
            "form": form,
            "answered": answered,
            "pictogram_svg": svg,
        }
        return render(request, "options/decision_pick.html", context, status=status)

    def call(data: dict[str, Any]) -> Any:
        alternative = selectors.resolve_option(
            decision, data["alternative"], field="alternative", message=services.FOREIGN_ALTERNATIVE
        )
        return services.pick_submit(
            membership=request.membership,
            decision=decision,
            alternative=alternative,
            comment=data["comment"],
        )

    if request.method != "POST":
        return show()
    return form_step(
        request,
        form=PickForm(request.POST, alternatives=page.alternatives, initial=initial),
        call=call,
        done=lambda _: succeed(request, "Thank you — your pick is saved.", url),
        again=show,
    )


# --- the pictogram as files ---------------------------------------------------------------------


def _pictogram_for_file(request: WorkspaceRequest, decision: Decision) -> pictogram.Pictogram:
    return _build(selectors.decision_page(decision=decision, viewer_id=request.user.pk))


def _attachment(response: HttpResponse, decision: Decision, ext: str) -> HttpResponse:
    filename = f"decision-{decision.pk}-pictogram.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@workspace_view
def pictogram_svg(request: WorkspaceRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    svg = pictogram.render_svg(_pictogram_for_file(request, decision), standalone=True)
    return _attachment(
        HttpResponse(svg, content_type="image/svg+xml; charset=utf-8"), decision, "svg"
    )


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
    decision = _decision(request, decision_id)
    svg = pictogram.render_svg(_pictogram_for_file(request, decision), id_prefix="pdf")
    pdf = render_pdf(svg, escape(f"Decision pictogram: {decision.goal}"))
    return _attachment(HttpResponse(pdf, content_type="application/pdf"), decision, "pdf")
