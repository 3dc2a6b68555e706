"""API for the CRM core: accounts, contacts, deals, interactions, actions and history.

Thin doors: parse (schemas) → resolve ids in this workspace → service or selector → serialize.
Ids in the path that are missing or another workspace's are 404; ids in the body are 422 on
their field, with one message for "missing" and "foreign" so nothing hints that it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from ninja import Query, Router, Status

from headway.crm import selectors, services
from headway.crm.models import Account, Action, Contact, Deal, Interaction
from headway.crm.schemas import (
    AccountIn,
    AccountOut,
    AccountPage,
    AccountPatch,
    AccountQuery,
    ActionDoneIn,
    ActionIn,
    ActionOut,
    ActionPage,
    ActionPatch,
    ActionQuery,
    ActionSnoozeIn,
    ChangePage,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
    ContactQuery,
    DealIn,
    DealLostIn,
    DealOut,
    DealPage,
    DealPatch,
    DealQuery,
    InteractionIn,
    InteractionOut,
    InteractionPage,
    InteractionPatch,
    InteractionQuery,
)
from headway.errors import NotFound
from headway.schemas import Detail, PageParams, ValidationDetail, page, path_id
from headway.workspaces.models import Membership, User, Workspace
from headway.workspaces.request import ApiRequest

router = Router()

NO_ACCOUNT = "No such account in this workspace."
NO_CONTACT = "No such contact in this workspace."
NO_MEMBER = "No such person in this workspace: pick a member of it."
SNOOZE_NEEDS_DAY = "Give the day to snooze to (YYYY-MM-DD), after today."

READ: dict[int, Any] = {401: Detail, 404: Detail, 422: ValidationDetail}
WRITE: dict[int, Any] = {**READ, 403: Detail, 409: Detail}


T = TypeVar("T")


def _fetch(getter: Callable[..., T], request: ApiRequest, obj_id: int) -> T:
    """``getter`` (a selector's ``get_<object>(workspace=, id=)``) in the token's workspace."""
    return getter(workspace=request.workspace, id=path_id(obj_id))


def _resolve_ids(request: ApiRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Turn ``*_id`` inputs into objects of this workspace; every unknown id is a 422 on its
    own field (all of them reported at once)."""
    workspace = request.workspace
    errors: dict[str, str] = {}
    out = dict(data)
    if "account_id" in out:
        account_id = out.pop("account_id")
        if account_id is None:
            out["account"] = None
        else:
            try:
                out["account"] = selectors.get_account(workspace=workspace, id=account_id)
            except NotFound:
                errors["account_id"] = NO_ACCOUNT
    for key, name in (("owner_id", "owner"), ("our_person_id", "our_person")):
        if key in out:
            user_id = out.pop(key)
            if user_id is None:
                out[name] = None
                continue
            user = _member(workspace, user_id)
            if user is None:
                errors[key] = NO_MEMBER
            else:
                out[name] = user
    if "contact_ids" in out:
        wanted = set(out.pop("contact_ids"))
        contacts = list(selectors.contact_list(workspace=workspace).filter(pk__in=wanted))
        if len(contacts) != len(wanted):
            errors["contact_ids"] = NO_CONTACT
        out["contacts"] = contacts
    if errors:
        raise ValidationError(errors)
    return out


def _member(workspace: Workspace, user_id: int) -> User | None:
    # Scoped to the workspace: only its members can own or hold things in it.
    membership = (
        Membership.objects.in_workspace(workspace)
        .filter(user_id=user_id)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _patch_data(request: ApiRequest, payload: Any) -> tuple[int | None, dict[str, Any]]:
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version", None)
    return version, _resolve_ids(request, data)


# --- accounts -------------------------------------------------------------------------------


@router.get("/accounts", response={200: AccountPage, **READ}, tags=["accounts"])
def account_list(request: ApiRequest, params: Query[AccountQuery]) -> Any:
    filters = selectors.AccountFilters(
        q=params.q,
        status=params.status or "",
        tier=params.tier or "",
        owner=params.owner_id,
        could_do_more=params.could_do_more,
        sort=params.sort,
    )
    qs = selectors.account_list(workspace=request.workspace, filters=filters)
    return page(request, qs, params)


@router.post("/accounts", response={201: AccountOut, **WRITE}, tags=["accounts"])
def account_create(request: ApiRequest, payload: AccountIn) -> Any:
    data = _resolve_ids(request, payload.model_dump(exclude_unset=True))
    return Status(201, services.account_create(membership=request.membership, **data))


@router.get("/accounts/{account_id}", response={200: AccountOut, **READ}, tags=["accounts"])
def account_detail(request: ApiRequest, account_id: int) -> Account:
    return _fetch(selectors.get_account, request, account_id)


@router.patch("/accounts/{account_id}", response={200: AccountOut, **WRITE}, tags=["accounts"])
def account_update(request: ApiRequest, account_id: int, payload: AccountPatch) -> Any:
    account = _fetch(selectors.get_account, request, account_id)
    version, data = _patch_data(request, payload)
    return services.account_update(
        membership=request.membership, account=account, version=version, **data
    )


@router.delete("/accounts/{account_id}", response={204: None, **WRITE}, tags=["accounts"])
def account_delete(request: ApiRequest, account_id: int) -> Any:
    account = _fetch(selectors.get_account, request, account_id)
    services.account_delete(membership=request.membership, account=account)
    return Status(204, None)


@router.get("/accounts/{account_id}/history", response={200: ChangePage, **READ}, tags=["accounts"])
def account_history(request: ApiRequest, account_id: int, params: Query[PageParams]) -> Any:
    """Every recorded change to the account and to its contacts, deals, interactions and
    actions, newest first."""
    account = _fetch(selectors.get_account, request, account_id)
    qs = selectors.change_list(workspace=request.workspace, account=account)
    return page(request, qs, params)


# --- contacts -------------------------------------------------------------------------------


@router.get("/contacts", response={200: ContactPage, **READ}, tags=["contacts"])
def contact_list(request: ApiRequest, params: Query[ContactQuery]) -> Any:
    qs = selectors.contact_list(
        workspace=request.workspace,
        q=params.q,
        account=params.account_id,
        level=params.level or "",
        stance=params.stance or "",
        buying_role=params.buying_role or "",
        sort=params.sort,
    )
    return page(request, qs, params)


@router.post("/contacts", response={201: ContactOut, **WRITE}, tags=["contacts"])
def contact_create(request: ApiRequest, payload: ContactIn) -> Any:
    data = _resolve_ids(request, payload.model_dump(exclude_unset=True))
    return Status(201, services.contact_create(membership=request.membership, **data))


@router.get("/contacts/{contact_id}", response={200: ContactOut, **READ}, tags=["contacts"])
def contact_detail(request: ApiRequest, contact_id: int) -> Contact:
    return _fetch(selectors.get_contact, request, contact_id)


@router.patch("/contacts/{contact_id}", response={200: ContactOut, **WRITE}, tags=["contacts"])
def contact_update(request: ApiRequest, contact_id: int, payload: ContactPatch) -> Any:
    contact = _fetch(selectors.get_contact, request, contact_id)
    version, data = _patch_data(request, payload)
    return services.contact_update(
        membership=request.membership, contact=contact, version=version, **data
    )


@router.delete("/contacts/{contact_id}", response={204: None, **WRITE}, tags=["contacts"])
def contact_delete(request: ApiRequest, contact_id: int) -> Any:
    contact = _fetch(selectors.get_contact, request, contact_id)
    services.contact_delete(membership=request.membership, contact=contact)
    return Status(204, None)


# --- deals ----------------------------------------------------------------------------------


@router.get("/deals", response={200: DealPage, **READ}, tags=["deals"])
def deal_list(request: ApiRequest, params: Query[DealQuery]) -> Any:
    qs = selectors.deal_list(
        workspace=request.workspace,
        q=params.q,
        stage=params.stage or "",
        account=params.account_id,
        owner=params.owner_id,
        sort=params.sort,
    )
    return page(request, qs, params)


@router.post("/deals", response={201: DealOut, **WRITE}, tags=["deals"])
def deal_create(request: ApiRequest, payload: DealIn) -> Any:
    data = _resolve_ids(request, payload.model_dump(exclude_unset=True))
    if data.get("lost_to", "") is None:
        data["lost_to"] = ""
    return Status(201, services.deal_create(membership=request.membership, **data))


@router.get("/deals/{deal_id}", response={200: DealOut, **READ}, tags=["deals"])
def deal_detail(request: ApiRequest, deal_id: int) -> Deal:
    return _fetch(selectors.get_deal, request, deal_id)


@router.patch("/deals/{deal_id}", response={200: DealOut, **WRITE}, tags=["deals"])
def deal_update(request: ApiRequest, deal_id: int, payload: DealPatch) -> Any:
    deal = _fetch(selectors.get_deal, request, deal_id)
    version, data = _patch_data(request, payload)
    if data.get("lost_to", "") is None:
        data["lost_to"] = ""
    return services.deal_update(membership=request.membership, deal=deal, version=version, **data)


@router.post("/deals/{deal_id}/lost", response={200: DealOut, **WRITE}, tags=["deals"])
def deal_mark_lost(request: ApiRequest, deal_id: int, payload: DealLostIn) -> Any:
    """Mark the deal lost: what it was lost to (and, for a competitor, its name) and why."""
    deal = _fetch(selectors.get_deal, request, deal_id)
    return services.deal_mark_lost(
        membership=request.membership,
        deal=deal,
        lost_to=payload.lost_to or "",
        lost_to_name=payload.lost_to_name,
        lost_reasons=payload.lost_reasons,
        version=payload.version,
    )


@router.delete("/deals/{deal_id}", response={204: None, **WRITE}, tags=["deals"])
def deal_delete(request: ApiRequest, deal_id: int) -> Any:
    deal = _fetch(selectors.get_deal, request, deal_id)
    services.deal_delete(membership=request.membership, deal=deal)
    return Status(204, None)


# --- interactions ---------------------------------------------------------------------------


@router.get("/interactions", response={200: InteractionPage, **READ}, tags=["interactions"])
def interaction_list(request: ApiRequest, params: Query[InteractionQuery]) -> Any:
    qs = selectors.interaction_list(
        workspace=request.workspace,
        q=params.q,
        account=params.account_id,
        kind=params.kind or "",
        author=params.author_id,
    )
    return page(request, qs, params)


@router.post("/interactions", response={201: InteractionOut, **WRITE}, tags=["interactions"])
def interaction_create(request: ApiRequest, payload: InteractionIn) -> Any:
    data = _resolve_ids(request, payload.model_dump(exclude_unset=True))
    if data.get("occurred_at", "") is None:
        del data["occurred_at"]
    interaction = services.interaction_create(membership=request.membership, **data)
    return Status(201, _fetch(selectors.get_interaction, request, interaction.pk))


@router.get(
    "/interactions/{interaction_id}", response={200: InteractionOut, **READ}, tags=["interactions"]
)
def interaction_detail(request: ApiRequest, interaction_id: int) -> Interaction:
    return _fetch(selectors.get_interaction, request, interaction_id)


@router.patch(
    "/interactions/{interaction_id}",
    response={200: InteractionOut, **WRITE},
    tags=["interactions"],
)
def interaction_update(request: ApiRequest, interaction_id: int, payload: InteractionPatch) -> Any:
    interaction = _fetch(selectors.get_interaction, request, interaction_id)
    version, data = _patch_data(request, payload)
    services.interaction_update(
        membership=request.membership, interaction=interaction, version=version, **data
    )
    return _fetch(selectors.get_interaction, request, interaction.pk)


@router.delete(
    "/interactions/{interaction_id}", response={204: None, **WRITE}, tags=["interactions"]
)
def interaction_delete(request: ApiRequest, interaction_id: int) -> Any:
    interaction = _fetch(selectors.get_interaction, request, interaction_id)
    services.interaction_delete(membership=request.membership, interaction=interaction)
    return Status(204, None)


# --- actions --------------------------------------------------------------------------------


@router.get("/actions", response={200: ActionPage, **READ}, tags=["actions"])
def action_list(request: ApiRequest, params: Query[ActionQuery]) -> Any:
    qs = selectors.action_list(
        workspace=request.workspace,
        owner=params.owner_id,
        account=params.account_id,
        status=params.status,
        q=params.q,
    )
    return page(request, qs, params)


@router.post("/actions", response={201: ActionOut, **WRITE}, tags=["actions"])
def action_create(request: ApiRequest, payload: ActionIn) -> Any:
    data = _resolve_ids(request, payload.model_dump(exclude_unset=True))
    if "owner" in data and data["owner"] is None:
        del data["owner"]
    account = data.get("account")
    return Status(
        201, services.action_create(membership=request.membership, target=account, **data)
    )


@router.get("/actions/{action_id}", response={200: ActionOut, **READ}, tags=["actions"])
def action_detail(request: ApiRequest, action_id: int) -> Action:
    return _fetch(selectors.get_action, request, action_id)


@router.patch("/actions/{action_id}", response={200: ActionOut, **WRITE}, tags=["actions"])
def action_update(request: ApiRequest, action_id: int, payload: ActionPatch) -> Any:
    action = _fetch(selectors.get_action, request, action_id)
    version, data = _patch_data(request, payload)
    return services.action_update(
        membership=request.membership, action=action, version=version, **data
    )


@router.post("/actions/{action_id}/done", response={200: ActionOut, **WRITE}, tags=["actions"])
def action_done(request: ApiRequest, action_id: int, payload: ActionDoneIn) -> Any:
    """Mark the action done (``{"done": false}`` undoes it)."""
    action = _fetch(selectors.get_action, request, action_id)
    return services.action_complete(membership=request.membership, action=action, done=payload.done)


@router.post("/actions/{action_id}/snooze", response={200: ActionOut, **WRITE}, tags=["actions"])
def action_snooze(request: ApiRequest, action_id: int, payload: ActionSnoozeIn) -> Any:
    """Hide the action from the agenda until a later day."""
    action = _fetch(selectors.get_action, request, action_id)
    if payload.until is None:
        raise ValidationError({"until": SNOOZE_NEEDS_DAY})
    return services.action_snooze(membership=request.membership, action=action, until=payload.until)


@router.delete("/actions/{action_id}", response={204: None, **WRITE}, tags=["actions"])
def action_delete(request: ApiRequest, action_id: int) -> Any:
    action = _fetch(selectors.get_action, request, action_id)
    services.action_delete(membership=request.membership, action=action)
    return Status(204, None)
