"""Contacts through the API."""

from __future__ import annotations

from typing import Any

from headway.crm.api import NO_ACCOUNT
from headway.crm.models import Contact
from tests import factories
from tests.api.conftest import field_errors


def test_member_creates_reads_changes_and_deletes_a_contact(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    api = api_for(world.member)

    created = api.post(
        "/contacts",
        {
            "account_id": account.pk,
            "name": "Peter Gibbons",
            "level": "management",
            "stance": "advocate",
            "email": "peter@initech.test",
            "our_person_id": world.member.pk,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["account"] == {"id": account.pk, "name": "Initech"}
    assert body["our_person"]["id"] == world.member.pk
    contact_id = body["id"]

    assert api.get(f"/contacts/{contact_id}").json()["email"] == "peter@initech.test"
    changed = api.patch(f"/contacts/{contact_id}", {"stance": "detractor", "version": 1})
    assert changed.status_code == 200
    assert changed.json()["stance"] == "detractor"
    assert api.delete(f"/contacts/{contact_id}").status_code == 204
    assert not Contact.objects.in_workspace(world.workspace).exists()


def test_contact_for_another_workspaces_account_is_refused_like_a_missing_one(
    world: Any, api_for: Any
) -> None:
    foreign_account = factories.make_account(world.other_workspace, name="Rival account")
    api = api_for(world.member)

    foreign = field_errors(api.post("/contacts", {"account_id": foreign_account.pk, "name": "X"}))
    missing = field_errors(api.post("/contacts", {"account_id": 987654, "name": "X"}))

    assert foreign == missing == {"account_id": NO_ACCOUNT}
    assert not Contact.unscoped_objects.filter(name="X").exists()


def test_contact_needs_an_account(world: Any, api_for: Any) -> None:
    errors = field_errors(api_for(world.member).post("/contacts", {"name": "Nobody's"}))
    assert set(errors) == {"account_id"}


def test_invalid_email_and_phone_are_refused_per_field(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    errors = field_errors(
        api_for(world.member).post(
            "/contacts",
            {
                "account_id": account.pk,
                "name": "Peter",
                "email": "not-an-email",
                "phone": "call me",
            },
        )
    )
    assert set(errors) == {"email", "phone"}


def test_contact_list_filters_by_account_level_stance_and_search(world: Any, api_for: Any) -> None:
    initech = factories.make_account(world.workspace, name="Initech")
    globex = factories.make_account(world.workspace, name="Globex")
    factories.make_contact(initech, name="Peter", level="executive", stance="advocate")
    factories.make_contact(initech, name="Bill", level="management", title="VP Lumbergh")
    factories.make_contact(globex, name="Hank", level="executive", stance="detractor")
    api = api_for(world.viewer)

    def names(**params: Any) -> list[str]:
        response = api.get("/contacts", **params)
        assert response.status_code == 200, response.content
        return [item["name"] for item in response.json()["items"]]

    assert names() == ["Bill", "Hank", "Peter"]
    assert names(account_id=initech.pk) == ["Bill", "Peter"]
    assert names(level="executive") == ["Hank", "Peter"]
    assert names(stance="detractor") == ["Hank"]
    assert names(q="lumbergh") == ["Bill"]
    assert names(sort="account") == ["Hank", "Bill", "Peter"]


def test_viewer_cannot_add_a_contact(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    response = api_for(world.viewer).post("/contacts", {"account_id": account.pk, "name": "X"})
    assert response.status_code == 403
    assert not Contact.objects.in_workspace(world.workspace).exists()
