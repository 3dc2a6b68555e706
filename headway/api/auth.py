"""Bearer-token authentication for the API: personal tokens, hashed at rest, revocable, bound
to one workspace. The token decides the workspace — there is no session or workspace switch.
Wrong tokens are rate-limited per client address (:mod:`headway.api.throttle`)."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from headway.api import throttle
from headway.workspaces.models import Membership
from headway.workspaces.request import ApiRequest
from headway.workspaces.services import token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Membership | None:
        """The token's membership (django-ninja stores it as ``request.auth``), or ``None``
        for a missing, unknown or revoked token (401) — 429 instead for an address that sent
        too many wrong ones (checked before the token is)."""
        address = throttle.check(request)
        found = token_authenticate(token.strip())
        if found is None:
            throttle.note_wrong_token(address)
            return None
        _api_token, membership = found
        # From here on the request is an ApiRequest: handlers and services read the same
        # attributes the web middleware sets.
        api_request = cast(ApiRequest, request)
        api_request.membership = membership
        api_request.workspace = membership.workspace
        api_request.user = membership.user
        # "Today" (e.g. snoozing to a day after today) is the token owner's today.
        timezone.activate(membership.user.tzinfo)
        return membership
