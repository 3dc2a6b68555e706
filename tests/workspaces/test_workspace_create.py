"""Creating further workspaces on the web: who may is HEADWAY_WORKSPACE_CREATORS ("admins" by
default, "anyone", "nobody" — the command line can always add one)."""

from __future__ import annotations

from typing import Any

from django.test import Client, override_settings
from django.urls import reverse

from headway.workspaces.middleware import SESSION_KEY
from headway.workspaces.models import Membership, Workspace
from tests import factories

NEW = reverse("workspaces:workspace_create")


def created(name: str) -> Workspace | None:
    return Workspace.objects.filter(name=name).first()


def test_an_admin_creates_a_workspace_becomes_its_admin_and_lands_in_it(world: Any) -> None:
    client = world.client_for(world.admin)
    assert "New workspace" in client.get("/").content.decode()  # in the user menu

    response = client.post(NEW, {"name": "EMEA Sales"})

    workspace = created("EMEA Sales")
    assert workspace is not None and workspace.slug == "emea-sales"
    assert response.status_code == 302 and response.url == reverse("workspaces:members")
    assert client.session[SESSION_KEY] == workspace.pk
    membership = Membership.objects.in_workspace(workspace).get()
    assert (membership.user, membership.role) == (world.admin, "admin")
    page = client.get(response.url).content.decode()
    assert "Members of EMEA Sales" in page and "you are its admin" in page


def test_by_default_someone_who_is_admin_nowhere_may_not(world: Any) -> None:
    client = world.client_for(world.manager)
    assert "New workspace" not in client.get("/").content.decode()
    for response in (client.get(NEW), client.post(NEW, {"name": "Shadow IT"})):
        assert response.status_code == 403
        assert "Only an admin of a workspace can create another one" in response.content.decode()
    assert created("Shadow IT") is None


@override_settings(HEADWAY_WORKSPACE_CREATORS="anyone")
def test_with_anyone_every_signed_in_person_may(world: Any) -> None:
    client = world.client_for(world.viewer)
    assert "New workspace" in client.get("/").content.decode()
    assert client.post(NEW, {"name": "Viewer's own"}).status_code == 302
    workspace = created("Viewer's own")
    assert workspace is not None
    assert Membership.objects.in_workspace(workspace).get(user=world.viewer).role == "admin"


@override_settings(HEADWAY_WORKSPACE_CREATORS="anyone")
def test_with_anyone_a_person_without_a_workspace_is_offered_to_create_one(db: None) -> None:
    loner = factories.make_user("loner@example.test")
    client = Client()
    client.force_login(loner)
    page = client.get("/")
    assert page.status_code == 403
    assert f'href="{NEW}"' in page.content.decode() and "Create a workspace" in (
        page.content.decode()
    )
    assert client.post(NEW, {"name": "Loner Ltd"}).status_code == 302
    assert client.get("/").status_code == 200


@override_settings(HEADWAY_WORKSPACE_CREATORS="nobody")
def test_with_nobody_even_an_admin_is_sent_to_the_command_line(world: Any) -> None:
    client = world.client_for(world.admin)
    assert "New workspace" not in client.get("/").content.decode()
    response = client.post(NEW, {"name": "Nope"})
    assert response.status_code == 403
    assert "headway setup --add-workspace" in response.content.decode()
    assert created("Nope") is None


def test_a_person_with_no_workspace_is_not_offered_one_by_default(db: None) -> None:
    client = Client()
    client.force_login(factories.make_user("loner@example.test"))
    page = client.get("/").content.decode()
    assert "No workspace yet" in page and "Create a workspace" not in page
    assert client.get(NEW).status_code == 403


def test_a_name_is_required_and_printable(world: Any) -> None:
    client = world.client_for(world.admin)
    empty = client.post(NEW, {"name": "  "})
    assert empty.status_code == 422
    assert empty.context["form"].errors["name"]
    control = client.post(NEW, {"name": "Bad\x00name"})
    assert control.status_code == 422
    assert Workspace.objects.count() == 2


def test_signed_out_visitors_are_sent_to_sign_in(db: None) -> None:
    response = Client().get(NEW)
    assert response.status_code == 302 and reverse("account_login") in response.url
