"""Interactions through the API: who took part, and the account's last touch."""

from __future__ import annotations

from typing import Any

from headway.crm.api import NO_ACCOUNT, NO_CONTACT
from headway.crm.models import Interaction
from headway.crm.services import CONTACT_OTHER_ACCOUNT
from tests import factories
from tests.api.conftest import field_errors


def test_member_logs_reads_changes_and_deletes_an_interaction(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    peter = factories.make_contact(account, name="Peter")
    bill = factories.make_contact(account, name="Bill")
    api = api_for(world.member)

    created = api.post(
        "/interactions",
        {
            "account_id": account.pk,
            "kind": "meeting",
            "occurred_at": "2026-11-20T09:30:00+01:00",
            "summary": "Walked through the TPS report changes.",
            "next_step": "Send the proposal",
            "contact_ids": [peter.pk, bill.pk],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["occurred_at"].startswith("2026-11-20T08:30:00")
    assert sorted(c["name"] for c in body["contacts"]) == ["Bill", "Peter"]
    assert body["author"]["id"] == world.member.pk
    account.refresh_from_db()
    assert account.last_touch_at is not None
    interaction_id = body["id"]

    changed = api.patch(
        f"/interactions/{interaction_id}", {"contact_ids": [peter.pk], "version": 1}
    )
    assert changed.status_code == 200, changed.content
    assert [c["name"] for c in changed.json()["contacts"]] == ["Peter"]
    assert changed.json()["summary"] == "Walked through the TPS report changes."

    assert api.get(f"/interactions/{interaction_id}").json()["kind"] == "meeting"
    assert api.delete(f"/interactions/{interaction_id}").status_code == 204
    account.refresh_from_db()
    assert account.last_touch_at is None


def test_interaction_time_needs_a_time_zone(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    errors = field_errors(
        api_for(world.member).post(
            "/interactions",
            {"account_id": account.pk, "summary": "Call", "occurred_at": "2026-11-20T09:30:00"},
        )
    )
    assert set(errors) == {"occurred_at"}


def test_foreign_or_missing_ids_in_an_interaction_are_refused_per_field(
    world: Any, api_for: Any
) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    rival = factories.make_account(world.other_workspace)
    rival_contact = factories.make_contact(rival)
    api = api_for(world.member)

    errors = field_errors(
        api.post(
            "/interactions",
            {"account_id": rival.pk, "summary": "Call", "contact_ids": [rival_contact.pk]},
        )
    )
    assert errors == {"account_id": NO_ACCOUNT, "contact_ids": NO_CONTACT}
    errors = field_errors(
        api.post(
            "/interactions", {"account_id": account.pk, "summary": "Call", "contact_ids": [987654]}
        )
    )
    assert errors == {"contact_ids": NO_CONTACT}
    assert not Interaction.unscoped_objects.exists()


def test_contacts_of_another_account_cannot_take_part(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    elsewhere = factories.make_contact(factories.make_account(world.workspace))

    response = api_for(world.member).post(
        "/interactions",
        {"account_id": account.pk, "summary": "Call", "contact_ids": [elsewhere.pk]},
    )

    assert field_errors(response) == {"contact_ids": CONTACT_OTHER_ACCOUNT}
    # All or nothing: the interaction itself was not saved either.
    assert not Interaction.objects.in_workspace(world.workspace).exists()
    account.refresh_from_db()
    assert account.last_touch_at is None


def test_interaction_list_filters_by_account_and_kind(world: Any, api_for: Any) -> None:
    initech = factories.make_account(world.workspace)
    globex = factories.make_account(world.workspace)
    factories.make_interaction(initech, kind="call", summary="Initech call")
    factories.make_interaction(initech, kind="lunch", summary="Initech lunch")
    factories.make_interaction(globex, kind="call", summary="Globex call")
    api = api_for(world.viewer)

    def summaries(**params: Any) -> list[str]:
        response = api.get("/interactions", **params)
        assert response.status_code == 200, response.content
        return sorted(item["summary"] for item in response.json()["items"])

    assert summaries(account_id=initech.pk) == ["Initech call", "Initech lunch"]
    assert summaries(kind="call") == ["Globex call", "Initech call"]
    assert summaries(account_id=initech.pk, kind="lunch") == ["Initech lunch"]
