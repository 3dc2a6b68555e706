"""Web pages for Mutual Learning: the list of alignments, a new alignment from an account, and
the guide page that walks the method — the parties and their positions; per party their
interests, assumptions and information; common ground; agreed words and the decision rule;
joint options rated in a grid; the agreement (or the escalation).

Thin doors: parse the request, call a selector or a service, render. Every step goes through
the kit's :func:`~headway.web.steps.form_step` (POST only; invalid input on its form, 422; a
refusal on the page with what to do next, 409). The rules live in ``alignment.rules`` and
``alignment.services``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from headway.crm import selectors as crm_selectors
from headway.crm.models import Deal
from headway.methods.alignment import charts, rules, selectors, services
from headway.methods.alignment.forms import (
    AbandonForm,
    ActionForm,
    AgreeForm,
    AlignmentForm,
    DecisionForm,
    EscalateForm,
    ItemForm,
    MarkForm,
    OptionForm,
    PageForm,
    PartyForm,
    PositionForm,
    RatingsForm,
    RuleForm,
    TestForm,
    WordForm,
)
from headway.methods.alignment.models import Alignment
from headway.pagination import paginate, parse_page_number
from headway.web.steps import Again, form_step, succeed
from headway.workspaces.permissions import can_edit, require_create
from headway.workspaces.request import WorkspaceRequest, workspace_view
from headway.workspaces.selectors import members

PAGE_SIZE = 25


def _alignment(request: WorkspaceRequest, alignment_id: int) -> Alignment:
    return selectors.get_alignment(workspace=request.workspace, id=alignment_id)


def _detail_url(alignment: Alignment, anchor: str = "") -> str:
    url = reverse("alignment:alignment_detail", kwargs={"alignment_id": alignment.pk})
    return f"{url}#{anchor}" if anchor else url


# --- list and create ------------------------------------------------------------------------


@workspace_view
def alignment_list(request: WorkspaceRequest) -> HttpResponse:
    """Alignments, most recently changed first; ``?account=`` / ``?deal=`` from the panels."""
    status = request.GET.get("status", "")
    if status not in rules.STATUSES:
        status = ""
    q = request.GET.get("q", "").strip()[:200]
    account = deal = None
    if request.GET.get("account"):
        account = crm_selectors.get_account(workspace=request.workspace, id=request.GET["account"])
    if request.GET.get("deal"):
        deal = crm_selectors.get_deal(workspace=request.workspace, id=request.GET["deal"])
    qs = selectors.alignment_list(
        workspace=request.workspace,
        status=status,
        account=account.pk if account else None,
        deal=deal.pk if deal else None,
        q=q,
    )
    page = paginate(qs, number=parse_page_number(request.GET.get("page")), size=PAGE_SIZE)
    return render(
        request,
        "alignment/alignment_list.html",
        {
            "page": page,
            "status": status,
            "q": q,
            "account": account,
            "deal": deal,
            "status_filters": selectors.STATUS_FILTERS,
            "filtered": bool(status or q or account or deal),
        },
    )


@workspace_view
def alignment_create(request: WorkspaceRequest) -> HttpResponse:
    """Start an alignment from an account (``?account=<id>``): its contacts are the parties
    offered."""
    require_create(request.membership)
    account = crm_selectors.get_account(
        workspace=request.workspace, id=request.GET.get("account") or request.POST.get("account")
    )
    contacts = selectors.account_contacts(workspace=request.workspace, account_id=account.pk)
    deals = list(
        Deal.objects.in_workspace(request.workspace)
        .filter(account=account)
        .order_by("-created_at", "-id")[: selectors.PAGE_LIMIT]
    )

    def make_form(data: Any = None) -> AlignmentForm:
        return AlignmentForm(data, contacts=contacts, deals=deals)

    def show(status: int, form: Any, refusal: str) -> HttpResponse:
        context = {"form": form, "account": account, "contacts": contacts}
        return render(request, "alignment/alignment_form.html", context, status=status)

    if request.method != "POST":
        return show(200, make_form(), "")

    def call(data: dict[str, Any]) -> Alignment:
        by_id = {str(c.pk): c for c in contacts}
        deal = next((d for d in deals if str(d.pk) == data["deal"]), None)
        return services.alignment_create(
            membership=request.membership,
            account=account,
            decision=data["decision"],
            parties=[(by_id[i], "") for i in data["contacts"]],
            deal=deal,
        )

    return form_step(
        request,
        form=make_form(request.POST),
        call=call,
        done=lambda alignment: succeed(
            request,
            "Alignment started at the impasse. Record the solution each party proposes.",
            _detail_url(alignment, "parties"),
        ),
        again=show,
    )


# --- the guide page ------------------------------------------------------------------------


def _context(request: WorkspaceRequest, alignment: Alignment, **overrides: Any) -> dict[str, Any]:
    page = selectors.alignment_page(alignment=alignment)
    parties = [v.party for v in page.parties]
    taken = {p.contact_id for p in parties}
    free = [
        c
        for c in selectors.account_contacts(
            workspace=request.workspace, account_id=alignment.account_id
        )
        if c.pk not in taken
    ]
    sent: dict[Any, Any] = overrides.pop("sent", {})
    party_forms = [
        (
            view,
            sent.get(("position", view.party.pk))
            or PositionForm(initial={"position": view.party.position}, key=view.party.pk),
            sent.get(("item", view.party.pk)) or ItemForm(key=view.party.pk),
        )
        for view in page.parties
    ]
    test_forms = {
        item.pk: sent.get(("test", item.pk))
        or TestForm(
            initial={
                "test_status": item.test_status,
                "tested_how": item.tested_how,
                "tested_on": item.tested_on,
            },
            key=item.pk,
        )
        for view in page.parties
        for item in view.assumptions
    }
    for view in page.parties:
        for item in view.assumptions:
            item.test_form = test_forms[item.pk]  # type: ignore[attr-defined]
    rating_forms = [
        sent.get(("rate", row.option.pk))
        or RatingsForm(
            initial={f"interest_{i.pk}": c for i, c in zip(page.interests, row.cells, strict=True)},
            option=row.option,
            interests=page.interests,
            names=page.interest_party,
        )
        for row in page.grid
    ]
    picture = charts.build(page)
    return {
        "alignment": alignment,
        "page": page,
        "may_edit": can_edit(request.membership, alignment) and alignment.is_open,
        "party_forms": party_forms,
        "grid_rows": list(zip(page.grid, rating_forms, strict=True)),
        "grid_svg": charts.render_svg(picture),
        "grid_desc": picture.desc,
        "decision_form": sent.get("decision")
        or DecisionForm(initial={"decision": alignment.decision, "version": alignment.version}),
        "party_form": sent.get("party") or PartyForm(contacts=free),
        "free_contacts": free,
        "word_form": sent.get("word") or WordForm(),
        "rule_form": sent.get("rule")
        or RuleForm(
            initial={"decision_rule": alignment.decision_rule, "decider": alignment.decider_id},
            parties=parties,
        ),
        "option_form": sent.get("option") or OptionForm(parties=parties),
        "agree_form": sent.get("agree")
        or AgreeForm(
            initial={"option": page.best[0].option.pk if page.best else None},
            options=page.options,
        ),
        "action_form": sent.get("action")
        or ActionForm(
            members=members(request.workspace.pk, active_only=True),
            initial={"owner": alignment.owner_id},
        ),
        "may_act": can_edit(request.membership, alignment)
        and rules.action_refusal(alignment.status) is None,
        "escalate_form": sent.get("escalate") or EscalateForm(),
        "abandon_form": sent.get("abandon") or AbandonForm(),
        "explore_refusal": services.transition_refusal(
            alignment, rules.EXPLORING, party_count=page.party_count
        ),
        "agree_refusal": services.transition_refusal(
            alignment, rules.AGREED, party_count=page.party_count
        ),
        "refusal": "",
        "ratings": rules.RATING_LABELS,
        "marks": rules.RATING_MARKS,
        **overrides,
    }


def _render(
    request: WorkspaceRequest, alignment: Alignment, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    context = _context(request, alignment, **overrides)
    return render(request, "alignment/alignment_detail.html", context, status=status)


def _again(request: WorkspaceRequest, alignment: Alignment, slot: Any = None) -> Again:
    """The guide page again after a step did not run: with the step's form and its errors
    (422, in its ``slot``), or fresh with the refusal at the top (409)."""

    def again(status: int, form: Any, refusal: str) -> HttpResponse:
        sent = {slot: form} if status == 422 and form is not None and slot is not None else {}
        return _render(request, alignment, status=status, refusal=refusal, sent=sent)

    return again


def _step(
    request: WorkspaceRequest,
    alignment: Alignment,
    call: Callable[[dict[str, Any]], Any],
    form: PageForm | RatingsForm | None,
    *,
    message: str,
    anchor: str,
    slot: Any = None,
) -> HttpResponse:
    return form_step(
        request,
        form=form,
        call=call,
        done=lambda _: succeed(request, message, _detail_url(alignment, anchor)),
        again=_again(request, alignment, slot),
    )


@workspace_view
def alignment_detail(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    return _render(request, _alignment(request, alignment_id))


@workspace_view
def alignment_update(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    return _step(
        request,
        alignment,
        lambda d: services.alignment_update(
            membership=request.membership, alignment=alignment, **d
        ),
        DecisionForm(request.POST),
        message="Decision saved.",
        anchor="decision",
        slot="decision",
    )


@workspace_view
def alignment_explore(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    return _step(
        request,
        alignment,
        lambda _: services.alignment_explore(membership=request.membership, alignment=alignment),
        None,
        message="Exploring: ask each party what matters to them, what they assume and why.",
        anchor="parties",
    )


@workspace_view
def alignment_agree(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    options = selectors.options_of(alignment)
    form = AgreeForm(request.POST, options=options)

    def call(data: dict[str, Any]) -> Any:
        option = selectors.resolve_option(alignment, data["option"], field="option")
        return services.alignment_agree(
            membership=request.membership, alignment=alignment, option=option, reason=data["reason"]
        )

    return _step(
        request, alignment, call, form, message="Agreed.", anchor="agreement", slot="agree"
    )


@workspace_view
def alignment_escalate(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    return _step(
        request,
        alignment,
        lambda d: services.alignment_escalate(
            membership=request.membership, alignment=alignment, **d
        ),
        EscalateForm(request.POST),
        message="Escalated.",
        anchor="agreement",
        slot="escalate",
    )


@workspace_view
def alignment_abandon(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    return _step(
        request,
        alignment,
        lambda d: services.alignment_abandon(
            membership=request.membership, alignment=alignment, **d
        ),
        AbandonForm(request.POST),
        message="Abandoned.",
        anchor="agreement",
        slot="abandon",
    )


@workspace_view
def action_add(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    """A follow-up action of the agreement (what, who, by when)."""
    alignment = _alignment(request, alignment_id)
    form = ActionForm(request.POST, members=members(request.workspace.pk, active_only=True))
    return _step(
        request,
        alignment,
        lambda d: services.alignment_add_action(
            membership=request.membership, alignment=alignment, **d
        ),
        form,
        message="Follow-up action added: it is on its owner's agenda.",
        anchor="agreement",
        slot="action",
    )


@workspace_view
def decision_rule_set(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    parties = selectors.parties_of(alignment)
    form = RuleForm(request.POST, parties=parties)

    def call(data: dict[str, Any]) -> Any:
        decider = (
            selectors.resolve_party(alignment, data["decider"], field="decider")
            if data["decider"]
            else None
        )
        return services.decision_rule_set(
            membership=request.membership,
            alignment=alignment,
            decision_rule=data["decision_rule"],
            decider=decider,
        )

    return _step(
        request, alignment, call, form, message="Decision rule saved.", anchor="rule", slot="rule"
    )


# --- parties and what they hold -----------------------------------------------------------


@workspace_view
def party_add(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    contacts = selectors.account_contacts(
        workspace=request.workspace, account_id=alignment.account_id
    )
    form = PartyForm(request.POST, contacts=contacts)

    def call(data: dict[str, Any]) -> Any:
        contact = selectors.resolve_contact(
            alignment.account_id, request.workspace, data["contact"], field="contact"
        )
        return services.party_add(
            membership=request.membership,
            alignment=alignment,
            contact=contact,
            position=data["position"],
        )

    return _step(
        request, alignment, call, form, message="Party added.", anchor="parties", slot="party"
    )


def _party(request: WorkspaceRequest, alignment: Alignment, party_id: int) -> Any:
    return selectors.get_party(workspace=request.workspace, id=party_id, alignment=alignment)


@workspace_view
def party_update(request: WorkspaceRequest, alignment_id: int, party_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    party = _party(request, alignment, party_id)
    return _step(
        request,
        alignment,
        lambda d: services.party_update(
            membership=request.membership, alignment=alignment, party=party, **d
        ),
        PositionForm(request.POST, key=party.pk),
        message="Position saved.",
        anchor=f"party-{party.pk}",
        slot=("position", party.pk),
    )


@workspace_view
def party_remove(request: WorkspaceRequest, alignment_id: int, party_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    party = _party(request, alignment, party_id)
    return _step(
        request,
        alignment,
        lambda _: services.party_remove(
            membership=request.membership, alignment=alignment, party=party
        ),
        None,
        message="Party removed.",
        anchor="parties",
    )


@workspace_view
def item_add(request: WorkspaceRequest, alignment_id: int, party_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    party = _party(request, alignment, party_id)
    return _step(
        request,
        alignment,
        lambda d: services.item_add(
            membership=request.membership, alignment=alignment, party=party, **d
        ),
        ItemForm(request.POST, key=party.pk),
        message="Recorded.",
        anchor=f"party-{party.pk}",
        slot=("item", party.pk),
    )


def _item(request: WorkspaceRequest, alignment: Alignment, item_id: int) -> Any:
    return selectors.get_item(workspace=request.workspace, id=item_id, alignment=alignment)


@workspace_view
def item_test(request: WorkspaceRequest, alignment_id: int, item_id: int) -> HttpResponse:
    """How an assumption was tested (untested / confirmed / refuted, how, when)."""
    alignment = _alignment(request, alignment_id)
    item = _item(request, alignment, item_id)
    return _step(
        request,
        alignment,
        lambda d: services.item_update(
            membership=request.membership, alignment=alignment, item=item, **d
        ),
        TestForm(request.POST, key=item.pk),
        message="Test recorded.",
        anchor=f"party-{item.party_id}",
        slot=("test", item.pk),
    )


@workspace_view
def item_mark(request: WorkspaceRequest, alignment_id: int, item_id: int) -> HttpResponse:
    """Essential (an interest) and shared (common ground) marks."""
    alignment = _alignment(request, alignment_id)
    item = _item(request, alignment, item_id)
    form = MarkForm(request.POST, key=item.pk)

    def call(data: dict[str, Any]) -> Any:
        essential = data["essential"] if item.kind == rules.INTEREST else None
        return services.item_update(
            membership=request.membership,
            alignment=alignment,
            item=item,
            essential=essential,
            shared=data["shared"],
        )

    return _step(request, alignment, call, form, message="Saved.", anchor=f"party-{item.party_id}")


@workspace_view
def item_delete(request: WorkspaceRequest, alignment_id: int, item_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    item = _item(request, alignment, item_id)
    return _step(
        request,
        alignment,
        lambda _: services.item_delete(
            membership=request.membership, alignment=alignment, item=item
        ),
        None,
        message="Removed.",
        anchor=f"party-{item.party_id}",
    )


# --- agreed words -----------------------------------------------------------------------------


@workspace_view
def word_add(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    return _step(
        request,
        alignment,
        lambda d: services.word_add(membership=request.membership, alignment=alignment, **d),
        WordForm(request.POST),
        message="Agreed word added.",
        anchor="words",
        slot="word",
    )


@workspace_view
def word_delete(request: WorkspaceRequest, alignment_id: int, word_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    word = selectors.get_word(workspace=request.workspace, id=word_id, alignment=alignment)
    return _step(
        request,
        alignment,
        lambda _: services.word_delete(
            membership=request.membership, alignment=alignment, word=word
        ),
        None,
        message="Removed.",
        anchor="words",
    )


# --- joint options and the grid ---------------------------------------------------------------


@workspace_view
def option_add(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    parties = selectors.parties_of(alignment)
    form = OptionForm(request.POST, parties=parties)

    def call(data: dict[str, Any]) -> Any:
        party = (
            selectors.resolve_party(alignment, data["proposing_party"], field="proposing_party")
            if data["proposing_party"]
            else None
        )
        return services.option_add(
            membership=request.membership,
            alignment=alignment,
            text=data["text"],
            proposed_by=data["proposed_by"],
            proposing_party=party,
        )

    return _step(
        request, alignment, call, form, message="Option added.", anchor="grid", slot="option"
    )


def _option(request: WorkspaceRequest, alignment: Alignment, joint_option_id: int) -> Any:
    return selectors.get_option(
        workspace=request.workspace, id=joint_option_id, alignment=alignment
    )


@workspace_view
def option_rate(request: WorkspaceRequest, alignment_id: int, joint_option_id: int) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    option = _option(request, alignment, joint_option_id)
    page = selectors.alignment_page(alignment=alignment)
    interests = {i.pk: i for i in page.interests}
    form = RatingsForm(
        request.POST, option=option, interests=page.interests, names=page.interest_party
    )

    def call(_: dict[str, Any]) -> Any:
        ratings = {interests[i]: r for i, r in form.ratings().items() if i in interests}
        return services.option_rate(
            membership=request.membership, alignment=alignment, option=option, ratings=ratings
        )

    return _step(
        request,
        alignment,
        call,
        form,
        message=f"Option {option.label} rated.",
        anchor="grid",
        slot=("rate", option.pk),
    )


@workspace_view
def option_delete(
    request: WorkspaceRequest, alignment_id: int, joint_option_id: int
) -> HttpResponse:
    alignment = _alignment(request, alignment_id)
    option = _option(request, alignment, joint_option_id)
    return _step(
        request,
        alignment,
        lambda _: services.option_delete(
            membership=request.membership, alignment=alignment, option=option
        ),
        None,
        message=f"Option {option.label} removed.",
        anchor="grid",
    )


@workspace_view
def meeting_guide(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    """A printable guide for the next conversation: per party, the mutual-learning questions
    with what is known so far, the untested assumptions, the agreed words and the joint-design
    question."""
    alignment = _alignment(request, alignment_id)
    page = selectors.alignment_page(alignment=alignment)
    parties = [(view, rules.guide_questions(view.name)) for view in page.parties]
    return render(
        request,
        "alignment/meeting_guide.html",
        {
            "alignment": alignment,
            "page": page,
            "parties": parties,
            "joint_question": rules.joint_design_question(alignment.decision),
        },
    )


@workspace_view
def grid_svg(request: WorkspaceRequest, alignment_id: int) -> HttpResponse:
    """The grid picture alone, to download or print."""
    alignment = _alignment(request, alignment_id)
    picture = charts.build(selectors.alignment_page(alignment=alignment))
    return HttpResponse(charts.render_svg(picture), content_type="image/svg+xml; charset=utf-8")
