"""An invitation is bound to the address it was sent to: only that person accepts it, once,
before it expires; the admin sees who accepted and when."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from headway.errors import PermissionDenied, RuleRefused
from headway.workspaces import services
from headway.workspaces.models import Invitation, Membership
from tests import factories


def admin_of(world: Any) -> Membership:
    return Membership.objects.in_workspace(world.workspace).get(user=world.admin)


def invite(world: Any, email: str, role: str = "admin") -> tuple[Invitation, str]:
    invitation, url = services.invitation_create(membership=admin_of(world), email=email, role=role)
    return invitation, "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_another_signed_in_user_is_told_whose_invitation_it_is_and_nothing_changes(
    world: Any,
) -> None:
    # The reported case: someone-else@ is invited as admin; a different signed-in person
    # (here a member of another workspace) opens the link and presses Join.
    invitation, path = invite(world, "someone-else@acme.test", role="admin")
    intruder = world.client_for(world.outsider)

    page = intruder.get(path)
    posted = intruder.post(path)

    for response in (page, posted):
        html = response.content.decode()
        assert response.status_code == 403
        assert "This invitation is for someone-else@acme.test" in html
        assert "you are signed in as outsider@rival.test" in html
        assert "Sign out and continue as someone-else@acme.test" in html
        assert "Join Acme Sales</button>" not in html
    assert not Membership.objects.in_workspace(world.workspace).filter(user=world.outsider).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending" and invitation.accepted_by is None


def test_a_member_of_the_workspace_cannot_take_an_invitation_meant_for_someone_else(
    world: Any,
) -> None:
    # A viewer who got hold of an admin invitation for a new colleague does not become admin.
    invitation, path = invite(world, "new-admin@acme.test", role="admin")
    response = world.client_for(world.viewer).post(path)
    assert response.status_code == 403
    assert Membership.objects.in_workspace(world.workspace).get(user=world.viewer).role == "viewer"
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_the_service_refuses_another_address_whatever_door_calls_it(world: Any) -> None:
    invitation, path = invite(world, "someone-else@acme.test")
    token = path.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(PermissionDenied, match=r"Only someone-else@acme\.test can accept it"):
        services.invitation_accept(raw_token=token, user=world.outsider)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_invited_person_signed_in_joins_whatever_the_case_of_the_address(
    world: Any,
) -> None:
    invitation, path = invite(world, "Outsider@Rival.test", role="member")
    response = world.client_for(world.outsider).post(path)
    assert response.status_code == 302
    assert Membership.objects.in_workspace(world.workspace).get(user=world.outsider).role == (
        "member"
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == world.outsider


def test_signing_out_from_the_refusal_comes_back_to_the_invitation(world: Any) -> None:
    _, path = invite(world, "someone-else@acme.test")
    client = world.client_for(world.outsider)
    response = client.post(reverse("account_logout"), {"next": path})
    assert response.status_code == 302 and response.url == path
    page = client.get(path)
    assert page.status_code == 200 and "Create account and join" in page.content.decode()


def test_an_invitation_works_once(world: Any) -> None:
    _, path = invite(world, "outsider@rival.test", role="member")
    client = world.client_for(world.outsider)
    assert client.post(path).status_code == 302
    # Leaving and using the same link again does not bring them back.
    Membership.objects.in_workspace(world.workspace).filter(user=world.outsider).delete()
    again = client.post(path)
    assert again.status_code == 410
    assert not Membership.objects.in_workspace(world.workspace).filter(user=world.outsider).exists()
    token = path.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(RuleRefused):
        services.invitation_accept(raw_token=token, user=world.outsider)


def test_a_link_claimed_meanwhile_is_refused_and_changes_nothing(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two requests with the same link: the second finds it no longer open when it claims it
    # (here the first's claim is written between the second's read and its claim).
    invitation, path = invite(world, "outsider@rival.test", role="member")
    token = path.rstrip("/").rsplit("/", 1)[1]
    found = services.invitation_by_token(token)
    Invitation.objects.in_workspace(world.workspace).filter(pk=invitation.pk).update(
        accepted_at=timezone.now()
    )
    monkeypatch.setattr(services, "invitation_by_token", lambda raw: found)
    with pytest.raises(RuleRefused, match="not valid any more"):
        services.invitation_accept(raw_token=token, user=world.outsider)
    assert not Membership.objects.in_workspace(world.workspace).filter(user=world.outsider).exists()


def test_an_expired_invitation_is_refused_to_the_invited_person_too(world: Any) -> None:
    _, path = invite(world, "outsider@rival.test", role="member")
    client = world.client_for(world.outsider)
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
        response = client.post(path)
    assert response.status_code == 410
    assert not Membership.objects.in_workspace(world.workspace).filter(user=world.outsider).exists()


def test_the_admin_sees_who_accepted_and_when(world: Any, clock: Any) -> None:
    _, path = invite(world, "nina@example.test", role="manager")
    joined = Client().post(
        path,
        {
            "name": "Nina New",
            "password": "orchid-lantern-42",
            "password_confirm": "orchid-lantern-42",
        },
    )
    assert joined.status_code == 302
    invite(world, "later@example.test", role="member")

    html = world.client_for(world.admin).get(reverse("workspaces:members")).content.decode()
    # The admin's time zone is UTC; the clock stands at noon on 22 November 2026.
    assert "by Nina New (nina@example.test), " in html
    assert "22 Nov 2026 12:00" in html
    assert "later@example.test" in html and "Pending" in html


def test_someone_elses_account_made_later_cannot_use_the_link_either(world: Any) -> None:
    # The invited address has no account; a newcomer signing up through the link gets the
    # invited address, never another one (the form has no e-mail field to choose).
    invitation, path = invite(world, "fresh@example.test", role="member")
    other = factories.make_user("sneaky@example.test")
    assert world.client_for(other).post(path).status_code == 403
    page = Client().get(path)
    assert "You will sign in with fresh@example.test" in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == "pending"
