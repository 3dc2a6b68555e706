"""API: who am I, and my personal API tokens (list, create — the plain token is shown once —
and revoke)."""

from __future__ import annotations

from typing import Any

from ninja import Query, Router, Status

from headway.schemas import Detail, PageParams, ValidationDetail, page, path_id
from headway.workspaces import services
from headway.workspaces.models import ApiToken
from headway.workspaces.request import ApiRequest
from headway.workspaces.schemas import MeOut, TokenCreated, TokenIn, TokenOut, TokenPage

router = Router(tags=["me"])

ERRORS: dict[int, Any] = {401: Detail, 403: Detail, 404: Detail, 422: ValidationDetail}


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request: ApiRequest) -> Any:
    membership = request.membership
    return {"user": membership.user, "workspace": membership.workspace, "role": membership.role}


@router.get("/tokens", response={200: TokenPage, **ERRORS}, tags=["tokens"])
def token_list(request: ApiRequest, params: Query[PageParams]) -> Any:
    """Your own tokens in this workspace, newest first (revoked ones included, marked)."""
    # Scoped to the workspace and to the person: nobody lists another person's tokens here.
    qs = (
        ApiToken.objects.in_workspace(request.workspace)
        .filter(user_id=request.user.pk)
        .order_by("-created_at", "-id")
    )
    return page(request, qs, params)


@router.post("/tokens", response={201: TokenCreated, **ERRORS}, tags=["tokens"])
def token_create(request: ApiRequest, payload: TokenIn) -> Any:
    """Create a token. The plain token is in this response only: store it now."""
    token, raw = services.token_create(
        membership=request.membership,
        name=payload.name,
    )
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "token": raw})


@router.delete("/tokens/{token_id}", response={204: None, **ERRORS}, tags=["tokens"])
def token_revoke(request: ApiRequest, token_id: int) -> Any:
    """Revoke a token (your own; an admin may revoke anyone's in the workspace)."""
    membership = request.membership
    token = services.get_token(membership=membership, id=path_id(token_id))
    services.token_revoke(membership=membership, token=token)
    return Status(204, None)
