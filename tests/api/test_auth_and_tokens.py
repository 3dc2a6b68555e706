"""Bearer tokens: who you are, which workspace, and what happens without or with a dead token."""

from __future__ import annotations

from typing import Any

from headway.workspaces.models import ApiToken
from headway.workspaces.services import get_token, token_revoke
from tests import factories
from tests.api.conftest import field_errors, membership_of
from tests.kit import ApiClient


def test_request_without_a_token_is_401_with_what_to_do(world: Any) -> None:
    response = ApiClient(None).get("/accounts")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_is_401(world: Any) -> None:
    assert ApiClient("hw_not-a-real-token").get("/accounts").status_code == 401
    assert ApiClient("something-else").get("/me").status_code == 401


def test_revoked_token_stops_working(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    assert api.get("/me").status_code == 200
    membership = membership_of(world, world.member)
    token = ApiToken.objects.in_workspace(world.workspace).get(user=world.member)
    token_revoke(membership=membership, token=get_token(membership=membership, id=token.pk))

    response = api.get("/me")

    assert response.status_code == 401
    assert "detail" in response.json()


def test_signed_in_browser_session_is_not_enough_for_the_api(world: Any) -> None:
    client = world.client_for(world.member)
    assert client.get("/api/v1/accounts").status_code == 401


def test_me_tells_the_person_workspace_and_role_of_the_token(world: Any, api_for: Any) -> None:
    body = api_for(world.viewer).get("/me").json()
    assert body["user"]["email"] == "viewer@acme.test"
    assert body["workspace"]["name"] == "Acme Sales"
    assert body["role"] == "viewer"


def test_token_only_sees_its_own_workspace(world: Any, api_for: Any) -> None:
    factories.make_account(world.workspace, name="Ours")
    factories.make_account(world.other_workspace, name="Theirs")
    api = api_for(world.outsider, world.other_workspace)
    names = [item["name"] for item in api.get("/accounts").json()["items"]]
    assert names == ["Theirs"]


def test_writes_need_no_csrf_token_with_bearer_auth(world: Any, api_for: Any) -> None:
    # The API client enforces CSRF checks like a browser would.
    assert api_for(world.member).post("/accounts", {"name": "Initech"}).status_code == 201


def test_created_token_is_shown_once_and_works(world: Any, api_for: Any) -> None:
    api = api_for(world.member)

    created = api.post("/tokens", {"name": "laptop script"})

    assert created.status_code == 201, created.content
    raw = created.json()["token"]
    assert raw.startswith(created.json()["prefix"])
    assert ApiClient(raw).get("/me").json()["user"]["id"] == world.member.pk
    listed = api.get("/tokens").json()["items"]
    assert "laptop script" in [t["name"] for t in listed]
    assert all("token" not in t for t in listed)
    # Only the hash is stored.
    assert not ApiToken.objects.in_workspace(world.workspace).filter(token_hash=raw).exists()


def test_token_needs_a_name(world: Any, api_for: Any) -> None:
    assert set(field_errors(api_for(world.member).post("/tokens", {"name": "  "}))) == {"name"}
    assert set(field_errors(api_for(world.member).post("/tokens", {"name": "a\x00b"}))) == {"name"}


def test_token_list_shows_only_your_own_tokens(world: Any, api_for: Any) -> None:
    api_for(world.manager)
    api = api_for(world.member)
    items = api.get("/tokens").json()["items"]
    assert len(items) == 1


def test_revoking_a_token_by_id(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    other = api.post("/tokens", {"name": "old"}).json()

    assert api.delete(f"/tokens/{other['id']}").status_code == 204

    assert ApiClient(other["token"]).get("/me").status_code == 401
    listed = {t["id"]: t for t in api.get("/tokens").json()["items"]}
    assert listed[other["id"]]["is_active"] is False


def test_member_cannot_revoke_someone_elses_token_but_an_admin_can(
    world: Any, api_for: Any
) -> None:
    managers = api_for(world.manager)
    manager_token_id = ApiToken.objects.in_workspace(world.workspace).get(user=world.manager).pk

    assert api_for(world.member).delete(f"/tokens/{manager_token_id}").status_code == 404
    assert managers.get("/me").status_code == 200
    assert api_for(world.admin).delete(f"/tokens/{manager_token_id}").status_code == 204
    assert managers.get("/me").status_code == 401
