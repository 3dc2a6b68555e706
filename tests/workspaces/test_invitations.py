"""Inviting people by e-mail and joining a workspace through the link."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from headway.workspaces import services
from headway.workspaces.models import Invitation, Membership, User
from tests import factories


def invite(client: Client, email: str, role: str = "member") -> Any:
    return client.post(reverse("workspaces:invite"), {"email": email, "role": role})


def link_path(message: Any) -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/accept/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def admin_membership(world: Any) -> Membership:
    return Membership.objects.in_workspace(world.workspace).get(user=world.admin)


def test_an_invited_newcomer_creates_an_account_and_joins_with_the_invited_role(
    world: Any,
) -> None:
    response = invite(world.client_for(world.admin), "Nina@Example.test", "manager")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.test"]
    assert "Acme Sales" in message.subject and "Ada Admin" in message.subject

    visitor = Client()
    page = visitor.get(link_path(message))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Acme Sales" in html and "Ada Admin" in html and "Create account and join" in html

    joined = visitor.post(
        link_path(message),
        {
            "name": "Nina New",
            "password": "orchid-lantern-42",
            "password_confirm": "orchid-lantern-42",
        },
    )
    assert joined.status_code == 302 and joined.url == "/"
    user = User.objects.get(email="nina@example.test")
    assert user.name == "Nina New" and user.check_password("orchid-lantern-42")
    membership = Membership.objects.in_workspace(world.workspace).get(user=user)
    assert membership.role == "manager"
    assert visitor.session["_auth_user_id"] == str(user.pk)
    # The link worked once.
    assert visitor.get(link_path(message)).status_code == 410


def test_a_newcomer_sees_field_errors_for_a_weak_or_mismatched_password(world: Any) -> None:
    invite(world.client_for(world.admin), "nina@example.test")
    path = link_path(mail.outbox[0])
    mismatch = Client().post(
        path, {"name": "Nina", "password": "orchid-lantern-42", "password_confirm": "other-one-42"}
    )
    assert mismatch.status_code == 200
    assert mismatch.context["form"].errors["password_confirm"]
    weak = Client().post(path, {"name": "Nina", "password": "123", "password_confirm": "123"})
    assert weak.status_code == 200
    assert weak.context["form"].errors["password"]
    assert not User.objects.filter(email="nina@example.test").exists()


def test_someone_with_an_account_is_asked_to_sign_in_first_and_then_joins(world: Any) -> None:
    invite(world.client_for(world.admin), "outsider@rival.test", "viewer")
    path = link_path(mail.outbox[0])
    page = Client().get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("account_login") + "?next=" in html
    assert "password_confirm" not in html

    client = world.client_for(world.outsider)
    assert "Join Acme Sales" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert (
        Membership.objects.in_workspace(world.workspace).get(user=world.outsider).role == "viewer"
    )


def test_an_expired_invitation_is_refused_with_a_friendly_page(world: Any) -> None:
    _, url = services.invitation_create(
        membership=admin_membership(world), email="late@example.test"
    )
    path = url.split("://", 1)[1].split("/", 1)[1]
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        response = Client().get("/" + path)
        again = Client().post(
            "/" + path,
            {
                "name": "Late",
                "password": "orchid-lantern-42",
                "password_confirm": "orchid-lantern-42",
            },
        )
    assert response.status_code == 410
    assert "Ask the person who invited you for a new one" in response.content.decode()
    assert again.status_code == 410
    assert not User.objects.filter(email="late@example.test").exists()


def test_a_revoked_invitation_is_refused(world: Any) -> None:
    admin = world.client_for(world.admin)
    invite(admin, "gone@example.test")
    invitation = Invitation.objects.in_workspace(world.workspace).get(email="gone@example.test")
    response = admin.post(reverse("workspaces:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert Client().get(link_path(mail.outbox[0])).status_code == 410


def test_an_unknown_invitation_link_is_refused(world: Any) -> None:
    response = Client().get(reverse("workspaces:accept_invitation", kwargs={"token": "made-up"}))
    assert response.status_code == 410
    assert "new one" in response.content.decode()


def test_a_member_cannot_invite_anyone(world: Any) -> None:
    response = invite(world.client_for(world.member), "friend@example.test")
    assert response.status_code == 403
    assert mail.outbox == []
    assert not Invitation.objects.in_workspace(world.workspace).exists()


def test_a_member_cannot_revoke_an_invitation(world: Any) -> None:
    invite(world.client_for(world.admin), "friend@example.test")
    invitation = Invitation.objects.in_workspace(world.workspace).get()
    response = world.client_for(world.manager).post(
        reverse("workspaces:invitation_revoke", args=[invitation.pk])
    )
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_inviting_an_existing_member_shows_a_field_error(world: Any) -> None:
    response = invite(world.client_for(world.admin), "member@acme.test")
    assert response.status_code == 200
    assert "already a member" in response.context["invite_form"].errors["email"][0]
    assert mail.outbox == []


def test_admins_see_pending_invitations_with_their_status(world: Any) -> None:
    admin = world.client_for(world.admin)
    invite(admin, "one@example.test")
    invite(admin, "two@example.test")
    second = Invitation.objects.in_workspace(world.workspace).get(email="two@example.test")
    services.invitation_revoke(membership=admin_membership(world), invitation=second)
    html = admin.get(reverse("workspaces:members")).content.decode()
    assert "one@example.test" in html and "Pending" in html
    assert "two@example.test" in html and "Revoked" in html


def test_another_workspaces_invitation_cannot_be_revoked(world: Any) -> None:
    other_admin = Membership.objects.in_workspace(world.other_workspace).get(user=world.outsider)
    invitation, _ = services.invitation_create(membership=other_admin, email="x@example.test")
    response = world.client_for(world.admin).post(
        reverse("workspaces:invitation_revoke", args=[invitation.pk])
    )
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_already_member_is_told_so_instead_of_joining_twice(world: Any) -> None:
    other = factories.make_workspace("Third Co")
    third_admin = factories.make_membership(other, factories.make_user(), "admin")
    _, url = services.invitation_create(membership=third_admin, email="member@acme.test")
    factories.make_membership(other, world.member, "member")
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    page = world.client_for(world.member).get(path)
    assert "already a member" in page.content.decode()


def test_signing_in_from_the_invitation_comes_back_to_it(world: Any) -> None:
    invite(world.client_for(world.admin), "outsider@rival.test")
    path = link_path(mail.outbox[0])
    client = Client()
    response = client.post(
        reverse("account_login") + "?next=" + path,
        {"login": "outsider@rival.test", "password": "correct-horse-battery", "next": path},
    )
    assert response.status_code == 302 and response.url == path
    assert client.post(path).status_code == 302
    assert Membership.objects.in_workspace(world.workspace).filter(user=world.outsider).exists()
