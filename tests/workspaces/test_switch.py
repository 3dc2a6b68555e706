"""Switching the current workspace from the user menu."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from headway.workspaces.middleware import SESSION_KEY
from tests import factories


def test_switching_to_ones_own_other_workspace(world: Any) -> None:
    second = factories.make_workspace("Beta Corp")
    factories.make_membership(second, world.member, "viewer")
    client = world.client_for(world.member)
    response = client.post(reverse("workspaces:switch"), {"workspace": second.pk})
    assert response.status_code == 302 and response.url == "/"
    assert client.session[SESSION_KEY] == second.pk
    page = client.get(reverse("workspaces:members"))
    assert page.context["workspace"] == second


def test_switching_to_a_foreign_workspace_is_not_found(world: Any) -> None:
    client = world.client_for(world.member)
    client.get(reverse("workspaces:members"))
    before = client.session.get(SESSION_KEY)
    response = client.post(reverse("workspaces:switch"), {"workspace": world.other_workspace.pk})
    assert response.status_code == 404
    assert client.session.get(SESSION_KEY) == before
    assert before == world.workspace.pk


def test_switching_with_nonsense_is_not_found(world: Any) -> None:
    client = world.client_for(world.member)
    assert client.post(reverse("workspaces:switch"), {"workspace": "abc"}).status_code == 404
    assert client.post(reverse("workspaces:switch"), {}).status_code == 404


def test_switching_is_a_post(world: Any) -> None:
    response = world.client_for(world.member).get(reverse("workspaces:switch"))
    assert response.status_code == 405
