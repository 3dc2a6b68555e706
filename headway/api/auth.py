"""Bearer-token authentication for the API: personal tokens, hashed at rest, revocable, bound
to one workspace. The token decides the workspace — there is no session or workspace switch."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from headway.workspaces.services import token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token.strip())
        if found is None:
            return None
        api_token, membership = found
        # Handlers and services read the same attributes the web middleware sets.
        request.membership = membership  # type: ignore[attr-defined]
        request.workspace = membership.workspace  # type: ignore[attr-defined]
        request.user = membership.user
        # "Today" (e.g. snoozing to a day after today) is the token owner's today.
        timezone.activate(membership.user.tzinfo)
        return api_token
