"""API for Mutual Learning, mounted at ``/api/v1/alignments``.

Thin doors, the same rules as the pages (``alignment.services``): an alignment (or party, item,
word, option) id in the path that is missing or another workspace's is 404; an id in the body
that is not this alignment's / account's is 422 on its field; a refused step is 409 with the
reason — agreeing at the impasse, agreeing on an option that fails an essential interest
without a reason, any change once the alignment has ended.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from ninja import Query, Router, Status

from headway.crm import selectors as crm_selectors
from headway.errors import NotFound
from headway.methods.alignment import selectors, services
from headway.methods.alignment.models import Alignment, Item, JointOption, Party
from headway.methods.alignment.schemas import (
    AbandonIn,
    AgreeIn,
    AlignmentActionIn,
    AlignmentActionOut,
    AlignmentDetail,
    AlignmentIn,
    AlignmentPage,
    AlignmentPatch,
    AlignmentQuery,
    EscalateIn,
    ItemIn,
    ItemOut,
    ItemPatch,
    OptionIn,
    OptionOut,
    PartyAdd,
    PartyOut,
    PartyPatch,
    RatingsIn,
    RuleIn,
    WordIn,
    WordOut,
)
from headway.schemas import Detail, ValidationDetail, page
from headway.workspaces.request import ApiRequest
from headway.workspaces.selectors import resolve_member

router = Router(tags=["alignments"])

READ: dict[int, Any] = {401: Detail, 404: Detail, 422: ValidationDetail}
WRITE: dict[int, Any] = {**READ, 403: Detail, 409: Detail}

NO_ACCOUNT = "No such account in this workspace."
NO_DEAL = "No such deal in this workspace."
CONTACT_REQUIRED = "Say which contact: contact_id."
OPTION_REQUIRED = "Say which option: joint_option_id."
DUE_REQUIRED = "Give a due date (YYYY-MM-DD)."
KIND_REQUIRED = "Say what it is: interest, assumption or information."


def _alignment(request: ApiRequest, alignment_id: int) -> Alignment:
    return selectors.get_alignment(workspace=request.workspace, id=alignment_id)


def _party(request: ApiRequest, alignment: Alignment, party_id: int) -> Party:
    return selectors.get_party(workspace=request.workspace, id=party_id, alignment=alignment)


def _item(request: ApiRequest, alignment: Alignment, item_id: int) -> Item:
    return selectors.get_item(workspace=request.workspace, id=item_id, alignment=alignment)


def _option(request: ApiRequest, alignment: Alignment, joint_option_id: int) -> JointOption:
    return selectors.get_option(
        workspace=request.workspace, id=joint_option_id, alignment=alignment
    )


def _detail(alignment: Alignment) -> dict[str, Any]:
    """The whole alignment, in a fixed number of queries (the guide page's selector)."""
    view = selectors.alignment_page(alignment=alignment)
    data: dict[str, Any] = {
        name: getattr(alignment, name)
        for name in (
            "id",
            "version",
            "decision",
            "status",
            "stuck_days",
            "account",
            "deal",
            "owner",
            "decision_rule",
            "agreed_at",
            "agreed_by",
            "agreed_parties",
            "agreement_reason",
            "escalated_to",
            "end_reason",
            "ended_at",
            "created_at",
            "updated_at",
            "account_id",
            "deal_id",
        )
    }
    data["decider_id"] = alignment.decider_id
    data["agreed_option_id"] = alignment.agreed_option_id
    data["parties"] = [
        {
            "id": v.party.pk,
            "contact": {"id": v.party.contact_id, "name": v.party.contact.name},
            "position": v.party.position,
            "interests": v.interests,
            "assumptions": v.assumptions,
            "information": v.information,
        }
        for v in view.parties
    ]
    data["words"] = view.words
    data["options"] = view.options
    data["grid"] = [
        {
            "joint_option_id": row.option.pk,
            "label": row.option.label,
            "ratings": {
                str(i.pk): cell for i, cell in zip(view.interests, row.cells, strict=True) if cell
            },
            "meets_all_essential": bool(view.essential_count) and row.verdict.meets_all_essential,
            "failing_essential_ids": list(row.verdict.failing),
        }
        for row in view.grid
    ]
    data["best_option_ids"] = [row.option.pk for row in view.best]
    data["grid_url"] = reverse("alignment:grid_svg", kwargs={"alignment_id": alignment.pk})
    return data


def _fresh(request: ApiRequest, alignment: Alignment) -> dict[str, Any]:
    return _detail(_alignment(request, alignment.pk))


# --- alignments -----------------------------------------------------------------------------


@router.get("", response={200: AlignmentPage, **READ})
def alignment_list(request: ApiRequest, params: Query[AlignmentQuery]) -> Any:
    """Alignments, most recently changed first."""
    qs = selectors.alignment_list(
        workspace=request.workspace,
        status=params.status or "",
        account=params.account_id,
        deal=params.deal_id,
        q=params.q,
    )
    return page(request, qs, params)


@router.post("", response={201: AlignmentDetail, **WRITE})
def alignment_create(request: ApiRequest, payload: AlignmentIn) -> Any:
    """Start an alignment at the impasse: a decision and ≥ 2 of the account's contacts."""
    try:
        account = crm_selectors.get_account(workspace=request.workspace, id=payload.account_id)
    except NotFound:
        raise ValidationError({"account_id": NO_ACCOUNT}) from None
    deal = None
    if payload.deal_id is not None:
        try:
            deal = crm_selectors.get_deal(workspace=request.workspace, id=payload.deal_id)
        except NotFound:
            raise ValidationError({"deal_id": NO_DEAL}) from None
    parties = [
        (
            selectors.resolve_contact(account.pk, request.workspace, p.contact_id, field="parties"),
            p.position,
        )
        for p in payload.parties
    ]
    alignment = services.alignment_create(
        membership=request.membership,
        account=account,
        decision=payload.decision,
        parties=parties,
        deal=deal,
    )
    return Status(201, _fresh(request, alignment))


@router.get("/{alignment_id}", response={200: AlignmentDetail, **READ})
def alignment_detail(request: ApiRequest, alignment_id: int) -> Any:
    return _detail(_alignment(request, alignment_id))


@router.patch("/{alignment_id}", response={200: AlignmentDetail, **WRITE})
def alignment_update(request: ApiRequest, alignment_id: int, payload: AlignmentPatch) -> Any:
    alignment = _alignment(request, alignment_id)
    services.alignment_update(
        membership=request.membership,
        alignment=alignment,
        decision=payload.decision,
        version=payload.version,
    )
    return _fresh(request, alignment)


@router.post("/{alignment_id}/explore", response={200: AlignmentDetail, **WRITE})
def alignment_explore(request: ApiRequest, alignment_id: int) -> Any:
    """Past the impasse: needs two parties."""
    alignment = _alignment(request, alignment_id)
    services.alignment_explore(membership=request.membership, alignment=alignment)
    return _fresh(request, alignment)


@router.post("/{alignment_id}/agree", response={200: AlignmentDetail, **WRITE})
def alignment_agree(request: ApiRequest, alignment_id: int, payload: AgreeIn) -> Any:
    """Agree on a joint option; one that fails an essential interest needs ``reason`` (409)."""
    alignment = _alignment(request, alignment_id)
    if payload.joint_option_id is None:
        raise ValidationError({"joint_option_id": OPTION_REQUIRED})
    option = selectors.resolve_option(alignment, payload.joint_option_id, field="joint_option_id")
    services.alignment_agree(
        membership=request.membership, alignment=alignment, option=option, reason=payload.reason
    )
    return _fresh(request, alignment)


@router.post("/{alignment_id}/escalate", response={200: AlignmentDetail, **WRITE})
def alignment_escalate(request: ApiRequest, alignment_id: int, payload: EscalateIn) -> Any:
    alignment = _alignment(request, alignment_id)
    services.alignment_escalate(
        membership=request.membership,
        alignment=alignment,
        escalated_to=payload.escalated_to,
        reason=payload.reason,
    )
    return _fresh(request, alignment)


@router.post("/{alignment_id}/abandon", response={200: AlignmentDetail, **WRITE})
def alignment_abandon(request: ApiRequest, alignment_id: int, payload: AbandonIn) -> Any:
    alignment = _alignment(request, alignment_id)
    services.alignment_abandon(
        membership=request.membership, alignment=alignment, reason=payload.reason
    )
    return _fresh(request, alignment)


@router.get("/{alignment_id}/actions", response={200: list[AlignmentActionOut], **READ})
def action_list(request: ApiRequest, alignment_id: int) -> Any:
    alignment = _alignment(request, alignment_id)
    return crm_selectors.actions_for(workspace=alignment.workspace_id, obj=alignment)


@router.post("/{alignment_id}/actions", response={201: AlignmentActionOut, **WRITE})
def action_add(request: ApiRequest, alignment_id: int, payload: AlignmentActionIn) -> Any:
    """A follow-up action of the agreement (what, who, by when). 409 before agreeing."""
    alignment = _alignment(request, alignment_id)
    owner = None
    if payload.owner_id is not None:
        owner = resolve_member(request.workspace.pk, payload.owner_id, field="owner_id")
    if payload.due_date is None:
        raise ValidationError({"due_date": DUE_REQUIRED})
    action = services.alignment_add_action(
        membership=request.membership,
        alignment=alignment,
        title=payload.title,
        due_date=payload.due_date,
        owner=owner,
    )
    return Status(201, action)


@router.put("/{alignment_id}/rule", response={200: AlignmentDetail, **WRITE})
def decision_rule_set(request: ApiRequest, alignment_id: int, payload: RuleIn) -> Any:
    alignment = _alignment(request, alignment_id)
    decider = None
    if payload.decider_party_id is not None:
        decider = selectors.resolve_party(
            alignment, payload.decider_party_id, field="decider_party_id"
        )
    services.decision_rule_set(
        membership=request.membership,
        alignment=alignment,
        decision_rule=payload.decision_rule,
        decider=decider,
    )
    return _fresh(request, alignment)


# --- parties and items ----------------------------------------------------------------------


@router.post("/{alignment_id}/parties", response={201: PartyOut, **WRITE})
def party_add(request: ApiRequest, alignment_id: int, payload: PartyAdd) -> Any:
    alignment = _alignment(request, alignment_id)
    if payload.contact_id is None:
        raise ValidationError({"contact_id": CONTACT_REQUIRED})
    contact = selectors.resolve_contact(
        alignment.account_id, request.workspace, payload.contact_id, field="contact_id"
    )
    party = services.party_add(
        membership=request.membership,
        alignment=alignment,
        contact=contact,
        position=payload.position,
    )
    return Status(201, party)


@router.patch("/{alignment_id}/parties/{party_id}", response={200: PartyOut, **WRITE})
def party_update(request: ApiRequest, alignment_id: int, party_id: int, payload: PartyPatch) -> Any:
    alignment = _alignment(request, alignment_id)
    party = _party(request, alignment, party_id)
    return services.party_update(
        membership=request.membership, alignment=alignment, party=party, position=payload.position
    )


@router.delete("/{alignment_id}/parties/{party_id}", response={204: None, **WRITE})
def party_remove(request: ApiRequest, alignment_id: int, party_id: int) -> Any:
    alignment = _alignment(request, alignment_id)
    party = _party(request, alignment, party_id)
    services.party_remove(membership=request.membership, alignment=alignment, party=party)
    return Status(204, None)


@router.post("/{alignment_id}/parties/{party_id}/items", response={201: ItemOut, **WRITE})
def item_add(request: ApiRequest, alignment_id: int, party_id: int, payload: ItemIn) -> Any:
    """An interest, assumption or piece of information the party holds."""
    alignment = _alignment(request, alignment_id)
    party = _party(request, alignment, party_id)
    if payload.kind is None:
        raise ValidationError({"kind": KIND_REQUIRED})
    item = services.item_add(
        membership=request.membership,
        alignment=alignment,
        party=party,
        kind=payload.kind,
        text=payload.text,
        essential=payload.essential,
        shared=payload.shared,
    )
    return Status(201, item)


@router.patch("/{alignment_id}/items/{item_id}", response={200: ItemOut, **WRITE})
def item_update(request: ApiRequest, alignment_id: int, item_id: int, payload: ItemPatch) -> Any:
    alignment = _alignment(request, alignment_id)
    item = _item(request, alignment, item_id)
    return services.item_update(
        membership=request.membership,
        alignment=alignment,
        item=item,
        **payload.model_dump(exclude_unset=True),
    )


@router.delete("/{alignment_id}/items/{item_id}", response={204: None, **WRITE})
def item_delete(request: ApiRequest, alignment_id: int, item_id: int) -> Any:
    alignment = _alignment(request, alignment_id)
    item = _item(request, alignment, item_id)
    services.item_delete(membership=request.membership, alignment=alignment, item=item)
    return Status(204, None)


# --- agreed words ---------------------------------------------------------------------------


@router.post("/{alignment_id}/words", response={201: WordOut, **WRITE})
def word_add(request: ApiRequest, alignment_id: int, payload: WordIn) -> Any:
    alignment = _alignment(request, alignment_id)
    word = services.word_add(
        membership=request.membership,
        alignment=alignment,
        term=payload.term,
        meaning=payload.meaning,
    )
    return Status(201, word)


@router.delete("/{alignment_id}/words/{word_id}", response={204: None, **WRITE})
def word_delete(request: ApiRequest, alignment_id: int, word_id: int) -> Any:
    alignment = _alignment(request, alignment_id)
    word = selectors.get_word(workspace=request.workspace, id=word_id, alignment=alignment)
    services.word_delete(membership=request.membership, alignment=alignment, word=word)
    return Status(204, None)


# --- joint options --------------------------------------------------------------------------


@router.post("/{alignment_id}/options", response={201: OptionOut, **WRITE})
def option_add(request: ApiRequest, alignment_id: int, payload: OptionIn) -> Any:
    alignment = _alignment(request, alignment_id)
    party = None
    if payload.proposing_party_id is not None:
        party = selectors.resolve_party(
            alignment, payload.proposing_party_id, field="proposing_party_id"
        )
    option = services.option_add(
        membership=request.membership,
        alignment=alignment,
        text=payload.text,
        proposed_by=payload.proposed_by,
        proposing_party=party,
    )
    return Status(201, option)


@router.put(
    "/{alignment_id}/options/{joint_option_id}/ratings", response={200: AlignmentDetail, **WRITE}
)
def option_rate(
    request: ApiRequest, alignment_id: int, joint_option_id: int, payload: RatingsIn
) -> Any:
    """Rate the option against interests (meets / partly / no; "" clears one)."""
    alignment = _alignment(request, alignment_id)
    option = _option(request, alignment, joint_option_id)
    interests = selectors.interests_by_id(alignment)
    ratings = {}
    for entry in payload.ratings:
        interest = interests.get(entry.interest_id)
        if interest is None:
            raise ValidationError({"ratings": services.INTEREST_OF_ALIGNMENT})
        ratings[interest] = entry.rating
    services.option_rate(
        membership=request.membership, alignment=alignment, option=option, ratings=ratings
    )
    return _fresh(request, alignment)


@router.delete("/{alignment_id}/options/{joint_option_id}", response={204: None, **WRITE})
def option_delete(request: ApiRequest, alignment_id: int, joint_option_id: int) -> Any:
    alignment = _alignment(request, alignment_id)
    option = _option(request, alignment, joint_option_id)
    services.option_delete(membership=request.membership, alignment=alignment, option=option)
    return Status(204, None)
