"""TokenAuth hands the handler the token's membership (``request.auth``) and sets the request's
membership, workspace and user from it — what ``ApiRequest`` promises a handler."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory
from django.utils import timezone

from headway.api.auth import TokenAuth
from headway.workspaces.services import token_create
from tests.api.conftest import membership_of


def test_a_live_token_gives_its_membership_and_sets_the_request(world: Any) -> None:
    membership = membership_of(world, world.member)
    _, raw = token_create(membership=membership, name="tests")
    request: Any = RequestFactory().get("/api/v1/me")

    try:
        found = TokenAuth().authenticate(request, raw)
    finally:
        timezone.deactivate()  # it activates the token owner's zone, as for a real request

    assert found == membership
    assert request.membership == membership
    assert request.workspace == world.workspace
    assert request.user == world.member


def test_an_unknown_token_gives_nothing(world: Any) -> None:
    assert TokenAuth().authenticate(RequestFactory().get("/api/v1/me"), "hw_not-a-token") is None
