"""An API client per person of the ``world``: a Django test client that sends that person's
personal token (made with the real token service) and speaks JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from headway.workspaces.models import Membership, User
from headway.workspaces.services import token_create

BASE = "/api/v1"


class ApiClient:
    def __init__(self, raw_token: str | None) -> None:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw_token}"} if raw_token else {}
        self.client = Client(enforce_csrf_checks=True, **headers)
        self.raw_token = raw_token

    def url(self, path: str) -> str:
        return path if path.startswith(BASE) or path.startswith("http") else BASE + path

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


def membership_of(world: Any, user: User) -> Membership:
    return Membership.objects.in_workspace(world.workspace).get(user=user)


@pytest.fixture
def api_for(world: Any) -> Any:
    """``api_for(world.member)`` → an :class:`ApiClient` with a fresh token of that person."""

    def make(user: User, workspace: Any = None) -> ApiClient:
        membership = Membership.objects.in_workspace(workspace or world.workspace).get(user=user)
        _, raw = token_create(membership=membership, name="tests")
        return ApiClient(raw)

    return make


def field_errors(response: Any) -> dict[str, str]:
    """A 422's per-field messages, keyed by the field name (the last part of ``loc``)."""
    assert response.status_code == 422, response.content
    out = {}
    for entry in response.json()["detail"]:
        assert set(entry) >= {"loc", "msg", "type"}, entry
        out[str(entry["loc"][-1])] = entry["msg"]
    return out
