"""API tokens on the web: shown once, stored hashed, revocable; admins oversee all."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from headway.workspaces import services
from headway.workspaces.models import ApiToken, Membership


def create(client: Any, name: str) -> tuple[Any, str]:
    response = client.post(reverse("workspaces:token_create"), {"name": name})
    match = re.search(r'id="new-token-value"[^>]*value="([^"]+)"', response.content.decode())
    if match is None:
        match = re.search(r'value="(hw_[^"]+)"', response.content.decode())
    return response, match.group(1) if match else ""


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(world: Any) -> None:
    client = world.client_for(world.member)
    response, raw = create(client, "laptop script")
    assert response.status_code == 200
    assert raw.startswith("hw_")
    assert "will not be shown again" in response.content.decode()

    token = ApiToken.objects.in_workspace(world.workspace).get(name="laptop script")
    assert token.token_hash == services.hash_secret(raw)
    assert raw not in (token.token_hash, token.prefix)
    assert raw.startswith(token.prefix)

    listing = client.get(reverse("workspaces:tokens")).content.decode()
    assert raw not in listing
    assert f"{token.prefix}…" in listing and "laptop script" in listing

    authenticated = services.token_authenticate(raw)
    assert authenticated is not None and authenticated[1].user == world.member


def test_a_token_needs_a_name(world: Any) -> None:
    client = world.client_for(world.member)
    response = client.post(reverse("workspaces:token_create"), {"name": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.in_workspace(world.workspace).exists()


def test_revoking_a_token_stops_it_working(world: Any) -> None:
    client = world.client_for(world.member)
    _, raw = create(client, "ci")
    token = ApiToken.objects.in_workspace(world.workspace).get(name="ci")
    response = client.post(reverse("workspaces:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert services.token_authenticate(raw) is None
    assert "Revoked" in client.get(reverse("workspaces:tokens")).content.decode()


def test_a_member_cannot_see_or_revoke_someone_elses_token(world: Any) -> None:
    other = Membership.objects.in_workspace(world.workspace).get(user=world.other_member)
    token, raw = services.token_create(membership=other, name="otto's")
    client = world.client_for(world.member)
    assert "otto's" not in client.get(reverse("workspaces:tokens")).content.decode()
    assert client.post(reverse("workspaces:token_revoke", args=[token.pk])).status_code == 404
    assert services.token_authenticate(raw) is not None


def test_an_admin_sees_and_revokes_everyones_tokens(world: Any) -> None:
    other = Membership.objects.in_workspace(world.workspace).get(user=world.other_member)
    token, raw = services.token_create(membership=other, name="otto's script")
    client = world.client_for(world.admin)
    html = client.get(reverse("workspaces:tokens")).content.decode()
    assert "otto&#x27;s script" in html and "Otto Other" in html
    assert client.post(reverse("workspaces:token_revoke", args=[token.pk])).status_code == 302
    assert services.token_authenticate(raw) is None


def test_another_workspaces_token_is_not_found_even_for_an_admin(world: Any) -> None:
    foreign = Membership.objects.in_workspace(world.other_workspace).get(user=world.outsider)
    token, raw = services.token_create(membership=foreign, name="rival")
    client = world.client_for(world.admin)
    url = reverse("workspaces:token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert services.token_authenticate(raw) is not None


def test_a_token_belongs_to_the_current_workspace_only(world: Any) -> None:
    client = world.client_for(world.member)
    _, raw = create(client, "acme only")
    result = services.token_authenticate(raw)
    assert result is not None and result[1].workspace == world.workspace
