"""The members page: everyone reads it; admins change roles and remove people."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from headway.workspaces.models import Membership
from headway.workspaces.services import LAST_ADMIN


def membership(world: Any, user: Any) -> Membership:
    return Membership.objects.in_workspace(world.workspace).get(user=user)


def test_members_are_listed_with_their_roles(world: Any) -> None:
    response = world.client_for(world.viewer).get(reverse("workspaces:members"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Ada Admin", "Max Manager", "Mia Member", "Vic Viewer", "Otto Other"):
        assert name in html
    assert "Oscar Outsider" not in html


def test_a_non_admin_sees_the_member_list_read_only(world: Any) -> None:
    html = world.client_for(world.manager).get(reverse("workspaces:members")).content.decode()
    assert (
        reverse("workspaces:membership_role", args=[membership(world, world.member).pk]) not in html
    )
    assert reverse("workspaces:invite") not in html
    assert "Only a workspace admin" in html


def test_an_admin_changes_a_role(world: Any) -> None:
    target = membership(world, world.member)
    client = world.client_for(world.admin)
    response = client.post(
        reverse("workspaces:membership_role", args=[target.pk]), {"role": "manager"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == "manager"
    assert "now manager" in client.get(reverse("workspaces:members")).content.decode()


def test_a_manager_cannot_change_roles(world: Any) -> None:
    target = membership(world, world.member)
    response = world.client_for(world.manager).post(
        reverse("workspaces:membership_role", args=[target.pk]), {"role": "admin"}
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.role == "member"


def test_demoting_the_last_admin_is_refused_with_a_message(world: Any) -> None:
    me = membership(world, world.admin)
    client = world.client_for(world.admin)
    response = client.post(
        reverse("workspaces:membership_role", args=[me.pk]), {"role": "member"}, follow=True
    )
    assert response.status_code == 200
    assert LAST_ADMIN in response.content.decode()
    me.refresh_from_db()
    assert me.role == "admin"


def test_removing_the_last_admin_is_refused_with_a_message(world: Any) -> None:
    me = membership(world, world.admin)
    response = world.client_for(world.admin).post(
        reverse("workspaces:membership_remove", args=[me.pk]), follow=True
    )
    assert LAST_ADMIN in response.content.decode()
    assert Membership.objects.in_workspace(world.workspace).filter(pk=me.pk).exists()


def test_an_admin_removes_a_member(world: Any) -> None:
    target = membership(world, world.other_member)
    response = world.client_for(world.admin).post(
        reverse("workspaces:membership_remove", args=[target.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.in_workspace(world.workspace).filter(pk=target.pk).exists()


def test_a_member_cannot_remove_anyone(world: Any) -> None:
    target = membership(world, world.other_member)
    response = world.client_for(world.member).post(
        reverse("workspaces:membership_remove", args=[target.pk])
    )
    assert response.status_code == 403
    assert Membership.objects.in_workspace(world.workspace).filter(pk=target.pk).exists()


def test_another_workspaces_member_is_not_found(world: Any) -> None:
    foreign = Membership.objects.in_workspace(world.other_workspace).get(user=world.outsider)
    client = world.client_for(world.admin)
    url = reverse("workspaces:membership_role", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"role": "viewer"}).status_code == 404
    assert (
        client.post(reverse("workspaces:membership_remove", args=[foreign.pk])).status_code == 404
    )
    foreign.refresh_from_db()
    assert foreign.role == "admin"


def test_changing_a_role_needs_a_post(world: Any) -> None:
    target = membership(world, world.member)
    response = world.client_for(world.admin).get(
        reverse("workspaces:membership_role", args=[target.pk])
    )
    assert response.status_code == 405
