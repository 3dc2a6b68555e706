"""API for Option Solving, mounted at ``/api/v1/decisions``.

Thin doors, the same rules as the pages (``options.services``): a decision id in the path that
is missing or another workspace's is 404; an option or person id in the body that is not this
decision's / workspace's is 422 on its field; a refused step is 409 with the reason, e.g.
``{"detail": "Sleeping on it until Tue 07:30"}`` when choosing before the review time.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Status

from headway.crm import selectors as crm_selectors
from headway.errors import NotFound
from headway.methods.options import pictogram, rules, selectors, services
from headway.methods.options.models import Alternative, Consideration, Decision
from headway.methods.options.schemas import (
    AlternativeIn,
    AlternativeOut,
    AlternativePatch,
    BookendsIn,
    ChooseIn,
    ConsiderationIn,
    ConsiderationOut,
    ConsiderationPatch,
    DecisionActionIn,
    DecisionActionOut,
    DecisionIn,
    DecisionOut,
    DecisionPage,
    DecisionPatch,
    DecisionQuery,
    InviteIn,
    KeyIn,
    OutcomeIn,
    PickIn,
    PicksOut,
    ReviewOut,
)
from headway.schemas import Detail, ValidationDetail, page
from headway.workspaces.models import Membership
from headway.workspaces.request import ApiRequest

router = Router(tags=["decisions"])

READ: dict[int, Any] = {401: Detail, 404: Detail, 422: ValidationDetail}
WRITE: dict[int, Any] = {**READ, 403: Detail, 409: Detail}

NO_ACCOUNT = "No such account in this workspace."
NO_MEMBER = "No such person in this workspace: pick a member of it."
NO_OPTION = "No such option in this decision: use an id from its alternatives."
OPTION_REQUIRED = "Say which option: alternative_id."
DUE_REQUIRED = "Give a due date (YYYY-MM-DD)."


def _decision(request: ApiRequest, decision_id: int) -> Decision:
    return selectors.get_decision(workspace=request.workspace, id=decision_id)


def _consideration(request: ApiRequest, decision: Decision, consideration_id: int) -> Consideration:
    return selectors.get_consideration(
        workspace=request.workspace, id=consideration_id, decision=decision
    )


def _alternative(request: ApiRequest, decision: Decision, alternative_id: int) -> Alternative:
    return selectors.get_alternative(
        workspace=request.workspace, id=alternative_id, decision=decision
    )


def _option(decision: Decision, alternative_id: int | None) -> Alternative:
    """An option id from the body: this decision's, or a 422 on ``alternative_id``."""
    if alternative_id is None:
        raise ValidationError({"alternative_id": OPTION_REQUIRED})
    return selectors.resolve_option(
        decision, alternative_id, field="alternative_id", message=NO_OPTION
    )


def _urls(decision: Decision) -> tuple[str, str]:
    kwargs = {"decision_id": decision.pk}
    return (
        reverse("options:pictogram_svg", kwargs=kwargs),
        reverse("options:pictogram_pdf", kwargs=kwargs),
    )


def _detail(decision: Decision) -> dict[str, Any]:
    """The full decision, in a fixed number of queries."""
    considerations = selectors.considerations_of(decision)
    options = selectors.alternatives_of(decision)
    yin, yang, alternatives = selectors.split_options(options)
    by_id = {a.pk: a for a in options}
    if decision.chosen_alternative_id in by_id:
        decision.chosen_alternative = by_id[decision.chosen_alternative_id]
    svg_url, pdf_url = _urls(decision)
    key_count = sum(1 for c in considerations if c.is_key)
    return {
        **{
            name: getattr(decision, name)
            for name in (
                "id",
                "version",
                "goal",
                "account",
                "owner",
                "stage",
                "review_due",
                "review_at",
                "chosen_alternative",
                "chosen_at",
                "outcome",
                "lesson",
                "created_at",
                "updated_at",
                "question",
                "question_edited",
                "incubation_started_at",
                "review_opened_at",
                "choice_seconds",
                "outcome_at",
            )
        },
        "outcome": decision.outcome or None,
        "key_summary": rules.key_summary(key_count, len(considerations)),
        "considerations": considerations,
        "bookends": {"yin": yin, "yang": yang},
        "alternatives": alternatives,
        "sleeping_until": services.sleeping_until(decision),
        "choices": selectors.choices_of(decision),
        "pictogram_url": svg_url,
        "pictogram_pdf_url": pdf_url,
    }


# --- decisions ----------------------------------------------------------------------------------


@router.get("", response={200: DecisionPage, **READ})
def decision_list(request: ApiRequest, params: Query[DecisionQuery]) -> Any:
    """Decisions, most recently changed first, with their stage, choice and outcome."""
    qs = selectors.decision_list(
        workspace=request.workspace,
        stage=params.stage or "",
        owner=params.owner_id,
        account=params.account_id,
        q=params.q,
    )
    return page(request, qs, params)


@router.post("", response={201: DecisionOut, **WRITE})
def decision_create(request: ApiRequest, payload: DecisionIn) -> Any:
    """Start a decision (frame): a goal, optionally an account and the considerations."""
    account = None
    if payload.account_id is not None:
        try:
            account = crm_selectors.get_account(
                workspace=request.workspace,
                id=payload.account_id,
            )
        except NotFound:
            raise ValidationError({"account_id": NO_ACCOUNT}) from None
    decision = services.decision_create(
        membership=request.membership,
        goal=payload.goal,
        account=account,
        considerations=payload.considerations,
    )
    return Status(201, _detail(_decision(request, decision.pk)))


@router.get("/{decision_id}", response={200: DecisionOut, **READ})
def decision_detail(request: ApiRequest, decision_id: int) -> Any:
    return _detail(_decision(request, decision_id))


@router.patch("/{decision_id}", response={200: DecisionOut, **WRITE})
def decision_update(request: ApiRequest, decision_id: int, payload: DecisionPatch) -> Any:
    """Change the goal or the rational question (an empty question: the composed one)."""
    decision = _decision(request, decision_id)
    services.decision_update(
        membership=request.membership,
        decision=decision,
        version=payload.version,
        goal=payload.goal,
        question=payload.question,
    )
    return _detail(_decision(request, decision_id))


@router.delete("/{decision_id}", response={204: None, **WRITE})
def decision_delete(request: ApiRequest, decision_id: int) -> Any:
    decision = _decision(request, decision_id)
    services.decision_delete(membership=request.membership, decision=decision)
    return Status(204, None)


# --- considerations -----------------------------------------------------------------------------


@router.get("/{decision_id}/considerations", response={200: list[ConsiderationOut], **READ})
def consideration_list(request: ApiRequest, decision_id: int) -> Any:
    return selectors.considerations_of(_decision(request, decision_id))


@router.post("/{decision_id}/considerations", response={201: ConsiderationOut, **WRITE})
def consideration_add(request: ApiRequest, decision_id: int, payload: ConsiderationIn) -> Any:
    decision = _decision(request, decision_id)
    return Status(
        201,
        services.consideration_add(
            membership=request.membership,
            decision=decision,
            text=payload.text,
            is_key=payload.is_key,
        ),
    )


@router.patch(
    "/{decision_id}/considerations/{consideration_id}", response={200: ConsiderationOut, **WRITE}
)
def consideration_update(
    request: ApiRequest, decision_id: int, consideration_id: int, payload: ConsiderationPatch
) -> Any:
    decision = _decision(request, decision_id)
    consideration = _consideration(request, decision, consideration_id)
    return services.consideration_update(
        membership=request.membership,
        decision=decision,
        consideration=consideration,
        text=payload.text,
        is_key=payload.is_key,
    )


@router.post(
    "/{decision_id}/considerations/{consideration_id}/key",
    response={200: ConsiderationOut, **WRITE},
)
def consideration_key(
    request: ApiRequest, decision_id: int, consideration_id: int, payload: KeyIn
) -> Any:
    """Mark the consideration key (``{"is_key": true}``), not key (false), or toggle ({})."""
    decision = _decision(request, decision_id)
    consideration = _consideration(request, decision, consideration_id)
    is_key = not consideration.is_key if payload.is_key is None else payload.is_key
    return services.consideration_update(
        membership=request.membership,
        decision=decision,
        consideration=consideration,
        is_key=is_key,
    )


@router.delete("/{decision_id}/considerations/{consideration_id}", response={204: None, **WRITE})
def consideration_delete(request: ApiRequest, decision_id: int, consideration_id: int) -> Any:
    decision = _decision(request, decision_id)
    consideration = _consideration(request, decision, consideration_id)
    services.consideration_delete(
        membership=request.membership, decision=decision, consideration=consideration
    )
    return Status(204, None)


# --- options ------------------------------------------------------------------------------------


@router.post("/{decision_id}/bookends", response={200: DecisionOut, **WRITE})
def bookends_set(request: ApiRequest, decision_id: int, payload: BookendsIn) -> Any:
    """Set both bookends: yin (soft extreme) and yang (hard extreme). Never choosable."""
    decision = _decision(request, decision_id)
    services.bookends_set(
        membership=request.membership, decision=decision, yin=payload.yin, yang=payload.yang
    )
    return _detail(_decision(request, decision_id))


@router.get("/{decision_id}/alternatives", response={200: list[AlternativeOut], **READ})
def alternative_list(request: ApiRequest, decision_id: int) -> Any:
    """Every option: the two bookends and the pragmatic alternatives A, B, C…"""
    return selectors.alternatives_of(_decision(request, decision_id))


@router.post("/{decision_id}/alternatives", response={201: AlternativeOut, **WRITE})
def alternative_add(request: ApiRequest, decision_id: int, payload: AlternativeIn) -> Any:
    """Add a pragmatic alternative (labelled with the next letter). Duplicates are 422."""
    decision = _decision(request, decision_id)
    return Status(
        201,
        services.alternative_add(
            membership=request.membership,
            decision=decision,
            text=payload.text,
            spectrum=payload.spectrum,
        ),
    )


@router.get("/{decision_id}/alternatives/{alternative_id}", response={200: AlternativeOut, **READ})
def alternative_detail(request: ApiRequest, decision_id: int, alternative_id: int) -> Any:
    decision = _decision(request, decision_id)
    return _alternative(request, decision, alternative_id)


@router.patch(
    "/{decision_id}/alternatives/{alternative_id}", response={200: AlternativeOut, **WRITE}
)
def alternative_update(
    request: ApiRequest, decision_id: int, alternative_id: int, payload: AlternativePatch
) -> Any:
    """Reword it and/or place it on the spectrum (0 = yin … 100 = yang; null: not placed)."""
    decision = _decision(request, decision_id)
    alternative = _alternative(request, decision, alternative_id)
    data = payload.model_dump(exclude_unset=True)
    if data.get("text") is None:
        data.pop("text", None)  # null text: leave the wording as it is
    return services.alternative_update(
        membership=request.membership, decision=decision, alternative=alternative, **data
    )


@router.delete("/{decision_id}/alternatives/{alternative_id}", response={204: None, **WRITE})
def alternative_delete(request: ApiRequest, decision_id: int, alternative_id: int) -> Any:
    decision = _decision(request, decision_id)
    alternative = _alternative(request, decision, alternative_id)
    services.alternative_delete(
        membership=request.membership, decision=decision, alternative=alternative
    )
    return Status(204, None)


# --- sleep on it, review, choose -----------------------------------------------------------------


@router.post("/{decision_id}/incubate", response={200: DecisionOut, **WRITE})
def incubate(request: ApiRequest, decision_id: int) -> Any:
    """Sleep on it: the options freeze until the owner's next morning review time (their zone,
    at least 6 hours ahead). 409 when something is missing (≥ 2 key considerations, both
    bookends, ≥ 5 alternatives)."""
    decision = _decision(request, decision_id)
    services.decision_start_incubation(membership=request.membership, decision=decision)
    return _detail(_decision(request, decision_id))


@router.post("/{decision_id}/review", response={200: ReviewOut, **WRITE})
def review(request: ApiRequest, decision_id: int) -> Any:
    """Open the morning review (the choice is timed from the first opening). 409 while still
    sleeping on it: ``Sleeping on it until Tue 07:30``."""
    decision = _decision(request, decision_id)
    services.decision_open_review(membership=request.membership, decision=decision)
    yin, yang, alternatives = selectors.split_options(selectors.alternatives_of(decision))
    svg_url, pdf_url = _urls(decision)
    return {
        "decision_id": decision.pk,
        "question": decision.question,
        "review_at": decision.review_at,
        "review_opened_at": decision.review_opened_at,
        "alternatives": alternatives,
        "bookends": {"yin": yin, "yang": yang},
        "pictogram_url": svg_url,
        "pictogram_pdf_url": pdf_url,
        "chosen_alternative_id": decision.chosen_alternative_id,
    }


@router.post("/{decision_id}/choose", response={200: DecisionOut, **WRITE})
def choose(request: ApiRequest, decision_id: int, payload: ChooseIn) -> Any:
    """The morning choice — later changes are kept as second guesses. 409 while sleeping on it
    or for a bookend; 422 for an option that is not this decision's."""
    decision = _decision(request, decision_id)
    alternative = _option(decision, payload.alternative_id)
    services.decision_choose(
        membership=request.membership, decision=decision, alternative=alternative
    )
    return _detail(_decision(request, decision_id))


# --- act and outcome ----------------------------------------------------------------------------


@router.get("/{decision_id}/actions", response={200: list[DecisionActionOut], **READ})
def action_list(request: ApiRequest, decision_id: int) -> Any:
    decision = _decision(request, decision_id)
    return crm_selectors.actions_for(workspace=decision.workspace_id, obj=decision)


@router.post("/{decision_id}/actions", response={201: DecisionActionOut, **WRITE})
def action_add(request: ApiRequest, decision_id: int, payload: DecisionActionIn) -> Any:
    """Add an action of the initiative (what, who, by when). 409 before the choice."""
    decision = _decision(request, decision_id)
    owner = None
    if payload.owner_id is not None:
        membership = (
            Membership.objects.in_workspace(decision.workspace_id)
            .filter(user_id=payload.owner_id)
            .select_related("user")
            .first()
        )
        if membership is None:
            raise ValidationError({"owner_id": NO_MEMBER})
        owner = membership.user
    if payload.due_date is None:
        raise ValidationError({"due_date": DUE_REQUIRED})
    action = services.decision_add_action(
        membership=request.membership,
        decision=decision,
        title=payload.title,
        owner=owner or decision.owner,
        due_date=payload.due_date,
    )
    return Status(201, action)


@router.post("/{decision_id}/outcome", response={200: DecisionOut, **WRITE})
def outcome(request: ApiRequest, decision_id: int, payload: OutcomeIn) -> Any:
    """Did it work (yes / partly / no) and the lesson learnt."""
    decision = _decision(request, decision_id)
    services.decision_record_outcome(
        membership=request.membership,
        decision=decision,
        outcome=payload.outcome or "",
        lesson=payload.lesson,
    )
    return _detail(_decision(request, decision_id))


# --- colleagues' picks --------------------------------------------------------------------------


def _picks(request: ApiRequest, decision: Decision) -> dict[str, Any]:
    picks = selectors.picks_of(decision)
    revealed, views = selectors.pick_views(decision, picks, viewer_id=request.user.pk)
    return {"revealed": revealed, "picks": views}


@router.get("/{decision_id}/picks", response={200: PicksOut, **READ})
def picks(request: ApiRequest, decision_id: int) -> Any:
    """Who was asked and who answered; *what* they picked only once the owner has chosen
    (each colleague always sees their own pick)."""
    return _picks(request, _decision(request, decision_id))


@router.post("/{decision_id}/picks", response={200: PicksOut, **WRITE})
def picks_invite(request: ApiRequest, decision_id: int, payload: InviteIn) -> Any:
    """Ask workspace members which option they would choose."""
    decision = _decision(request, decision_id)
    services.colleagues_invite(
        membership=request.membership, decision=decision, users=payload.user_ids
    )
    return _picks(request, decision)


@router.post("/{decision_id}/picks/mine", response={200: PicksOut, **WRITE})
def pick_mine(request: ApiRequest, decision_id: int, payload: PickIn) -> Any:
    """An invited colleague's pick (403 if you were not invited)."""
    decision = _decision(request, decision_id)
    alternative = _option(decision, payload.alternative_id)
    services.pick_submit(
        membership=request.membership,
        decision=decision,
        alternative=alternative,
        comment=payload.comment,
    )
    return _picks(request, decision)


# --- the pictogram ------------------------------------------------------------------------------


@router.get(
    "/{decision_id}/pictogram.svg",
    # The 200 (an SVG file, not JSON) is described in openapi_extra only: declaring it here too
    # would put two "200" keys in the document.
    response=READ,
    openapi_extra={
        "responses": {"200": {"description": "The pictogram", "content": {"image/svg+xml": {}}}}
    },
)
def pictogram_svg(request: ApiRequest, decision_id: int) -> HttpResponse:
    """The one-page pictogram as SVG (with a text alternative in ``<desc>``)."""
    decision = _decision(request, decision_id)
    page_data = selectors.decision_page(decision=decision, viewer_id=request.user.pk)
    svg = pictogram.render_svg(pictogram.for_page(page_data), standalone=True)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decision-{decision.pk}-pictogram.svg"'
    return response
