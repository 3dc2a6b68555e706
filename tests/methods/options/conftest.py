"""Option Solving fixtures: an API client per person (real personal tokens) and the clock."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from headway.workspaces.models import Membership, User
from headway.workspaces.services import token_create

BASE = "/api/v1/decisions"


class ApiClient:
    def __init__(self, raw_token: str) -> None:
        self.client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw_token}")

    def url(self, path: str) -> str:
        return path if path.startswith("/api/") else BASE + path

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(self.url(path), params)

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(
            self.url(path),
            json.dumps({} if body is None else body),
            content_type="application/json",
        )

    def patch(self, path: str, body: Any) -> Any:
        return self.client.patch(self.url(path), json.dumps(body), content_type="application/json")

    def delete(self, path: str) -> Any:
        return self.client.delete(self.url(path))


@pytest.fixture
def api_for(world: Any) -> Any:
    """``api_for(world.member)`` → an :class:`ApiClient` with a fresh token of that person."""

    def make(user: User, workspace: Any = None) -> ApiClient:
        membership = Membership.objects.in_workspace(workspace or world.workspace).get(user=user)
        _, raw = token_create(membership=membership, name="tests")
        return ApiClient(raw)

    return make


@pytest.fixture(autouse=True)
def _server_time_zone():
    # The time zone middleware activates the signed-in user's zone for the thread; start and
    # end every test on the server's zone so one test's requests cannot shift another's dates.
    timezone.deactivate()
    yield
    timezone.deactivate()
