"""Helpers of the API tests (the API client per person, ``api_for``, is the kit's:
tests/kit.py)."""

from __future__ import annotations

from typing import Any

from headway.workspaces.models import Membership, User


def membership_of(world: Any, user: User) -> Membership:
    return Membership.objects.in_workspace(world.workspace).get(user=user)


def field_errors(response: Any) -> dict[str, str]:
    """A 422's per-field messages, keyed by the field name (the last part of ``loc``)."""
    assert response.status_code == 422, response.content
    out = {}
    for entry in response.json()["detail"]:
        assert set(entry) >= {"loc", "msg", "type"}, entry
        out[str(entry["loc"][-1])] = entry["msg"]
    return out
