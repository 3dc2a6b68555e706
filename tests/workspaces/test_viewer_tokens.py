"""A viewer may create API tokens — on purpose (docs/user-guide.md, Roles): a token acts with
its owner's role at each request, so a viewer's token reads and never writes; a change of role
applies to the person's tokens at once, and leaving the workspace stops them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from headway.crm.models import Account
from headway.workspaces import permissions, services
from headway.workspaces.models import Membership, Role
from tests import factories
from tests.kit import ApiClient


def viewer_membership(world: Any) -> Membership:
    return Membership.objects.in_workspace(world.workspace).get(user=world.viewer)


def test_the_rule_is_every_member_viewers_included(world: Any) -> None:
    for role in Role.values:
        membership = Membership(workspace=world.workspace, user=world.viewer, role=role)
        assert permissions.may_hold_tokens(membership)
    assert not permissions.may_hold_tokens(None)


def test_a_viewer_creates_a_token_on_the_page_and_is_told_it_only_reads(world: Any) -> None:
    client = world.client_for(world.viewer)
    page = client.get(reverse("workspaces:tokens")).content.decode()
    assert "as a viewer, your tokens read but cannot change anything" in page
    response = client.post(reverse("workspaces:token_create"), {"name": "reporting"})
    assert response.status_code == 200 and "Copy it now" in response.content.decode()


def test_a_viewers_token_reads_but_never_writes(world: Any) -> None:
    factories.make_account(world.workspace, name="Globex")
    _, raw = services.token_create(membership=viewer_membership(world), name="reporting")
    api = ApiClient(raw)

    assert [a["name"] for a in api.get("/accounts").json()["items"]] == ["Globex"]
    created = api.post("/accounts", {"name": "Initech"})
    assert created.status_code == 403
    assert "Viewers can read" in created.json()["detail"]
    assert not Account.objects.in_workspace(world.workspace).filter(name="Initech").exists()
    # Through the API too, a viewer may make themselves another (read-only) token.
    assert api.post("/tokens", {"name": "second"}).status_code == 201


def test_the_token_follows_its_owners_role_and_membership_at_each_request(world: Any) -> None:
    membership = viewer_membership(world)
    _, raw = services.token_create(membership=membership, name="script")
    api = ApiClient(raw)
    assert api.post("/accounts", {"name": "Before"}).status_code == 403

    Membership.objects.in_workspace(world.workspace).filter(pk=membership.pk).update(
        role=Role.MEMBER
    )
    assert api.post("/accounts", {"name": "Promoted"}).status_code == 201

    Membership.objects.in_workspace(world.workspace).filter(pk=membership.pk).update(
        role=Role.VIEWER
    )
    assert api.post("/accounts", {"name": "Demoted"}).status_code == 403

    Membership.objects.in_workspace(world.workspace).filter(pk=membership.pk).delete()
    assert api.get("/accounts").status_code == 401
