"""Accounts through the API: create, read, list with filters, change, delete, history."""

from __future__ import annotations

from typing import Any

from headway.crm.models import Account, Change
from tests import factories
from tests.api.conftest import field_errors


def test_member_creates_reads_changes_and_deletes_an_account(world: Any, api_for: Any) -> None:
    api = api_for(world.member)

    created = api.post("/accounts", {"name": "Initech", "domain": "initech.test", "tier": "key"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name"] == "Initech"
    assert body["tier"] == "key"
    assert body["version"] == 1
    # The creator owns it unless told otherwise, shown as a minimal reference.
    assert body["owner"] == {"id": world.member.pk, "name": "Mia Member"}

    account_id = body["id"]
    assert api.get(f"/accounts/{account_id}").json()["domain"] == "initech.test"

    changed = api.patch(f"/accounts/{account_id}", {"status": "customer", "version": 1})
    assert changed.status_code == 200, changed.content
    assert changed.json()["status"] == "customer"
    assert changed.json()["version"] == 2
    assert changed.json()["name"] == "Initech", "fields not sent are left alone"

    assert api.delete(f"/accounts/{account_id}").status_code == 204
    assert api.get(f"/accounts/{account_id}").status_code == 404
    assert not Account.objects.in_workspace(world.workspace).filter(pk=account_id).exists()


def test_account_is_created_for_another_member_of_the_workspace(world: Any, api_for: Any) -> None:
    response = api_for(world.manager).post(
        "/accounts", {"name": "Globex", "owner_id": world.member.pk}
    )
    assert response.status_code == 201
    assert response.json()["owner"]["id"] == world.member.pk


def test_owner_from_another_workspace_is_refused_like_a_missing_one(
    world: Any, api_for: Any
) -> None:
    api = api_for(world.manager)
    foreign = field_errors(api.post("/accounts", {"name": "A", "owner_id": world.outsider.pk}))
    missing = field_errors(api.post("/accounts", {"name": "A", "owner_id": 987654}))
    assert set(foreign) == {"owner_id"}
    assert foreign == missing
    assert not Account.objects.in_workspace(world.workspace).exists()


def test_account_list_filters_by_status_tier_owner_search_and_could_do_more(
    world: Any, api_for: Any
) -> None:
    ws = world.workspace
    factories.make_account(ws, name="Alpha", status="customer", tier="key", owner=world.member)
    factories.make_account(
        ws, name="Beta", status="prospect", domain="beta.test", could_do_more=True
    )
    factories.make_account(ws, name="Gamma", status="customer", owner=world.manager)
    factories.make_account(world.other_workspace, name="Alpha Rival")
    api = api_for(world.viewer)

    def names(**params: Any) -> list[str]:
        response = api.get("/accounts", **params)
        assert response.status_code == 200, response.content
        return [item["name"] for item in response.json()["items"]]

    assert names() == ["Alpha", "Beta", "Gamma"]
    assert names(status="customer") == ["Alpha", "Gamma"]
    assert names(tier="key") == ["Alpha"]
    assert names(owner_id=world.manager.pk) == ["Gamma"]
    assert names(could_do_more="true") == ["Beta"]
    assert names(q="beta.te") == ["Beta"]
    assert names(sort="-name") == ["Gamma", "Beta", "Alpha"]


def test_account_list_refuses_an_unknown_filter_value(world: Any, api_for: Any) -> None:
    errors = field_errors(api_for(world.member).get("/accounts", status="sleeping"))
    assert set(errors) == {"status"}


def test_stale_version_is_refused_and_nothing_is_overwritten(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    api = api_for(world.member)
    assert (
        api.patch(f"/accounts/{account.pk}", {"name": "Initech 2", "version": 1}).status_code == 200
    )

    stale = api.patch(f"/accounts/{account.pk}", {"name": "Initech Old", "version": 1})

    assert stale.status_code == 409
    assert "reload" in stale.json()["detail"]
    account.refresh_from_db()
    assert account.name == "Initech 2"


def test_viewer_cannot_create_change_or_delete_an_account(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    api = api_for(world.viewer)

    for response in (
        api.post("/accounts", {"name": "New"}),
        api.patch(f"/accounts/{account.pk}", {"name": "Changed"}),
        api.delete(f"/accounts/{account.pk}"),
    ):
        assert response.status_code == 403
        assert "Viewers" in response.json()["detail"]
    account.refresh_from_db()
    assert account.name == "Initech"
    assert Account.objects.in_workspace(world.workspace).count() == 1


def test_member_cannot_change_an_account_someone_else_owns(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.other_member)

    response = api_for(world.member).patch(f"/accounts/{account.pk}", {"name": "Mine now"})

    assert response.status_code == 403
    assert "owner" in response.json()["detail"]
    account.refresh_from_db()
    assert account.name == "Initech"


def test_invalid_account_payload_is_refused_per_field_and_nothing_is_saved(
    world: Any, api_for: Any
) -> None:
    api = api_for(world.member)
    errors = field_errors(
        api.post(
            "/accounts",
            {"name": "x" * 201, "relationship_strength": 9, "status": "sleeping", "tier": None},
        )
    )
    assert set(errors) == {"name", "relationship_strength", "status", "tier"}
    assert "200" in errors["name"]
    assert not Account.objects.in_workspace(world.workspace).exists()


def test_blank_name_is_refused_by_the_service_with_the_same_error_shape(
    world: Any, api_for: Any
) -> None:
    response = api_for(world.member).post("/accounts", {"name": "   "})
    errors = field_errors(response)
    assert set(errors) == {"name"}
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


def test_patch_cannot_null_a_required_field(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    errors = field_errors(api_for(world.member).patch(f"/accounts/{account.pk}", {"name": None}))
    assert set(errors) == {"name"}


def test_patch_can_unassign_the_owner(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    response = api_for(world.manager).patch(f"/accounts/{account.pk}", {"owner_id": None})
    assert response.status_code == 200
    assert response.json()["owner"] is None


def test_account_history_lists_changes_newest_first(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    account_id = api.post("/accounts", {"name": "Initech"}).json()["id"]
    api.patch(f"/accounts/{account_id}", {"status": "customer"})
    api.post("/contacts", {"account_id": account_id, "name": "Peter"})

    response = api.get(f"/accounts/{account_id}/history")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["target_type"], i["kind"]) for i in items] == [
        ("contact", "created"),
        ("account", "updated"),
        ("account", "created"),
    ]
    status_change = items[1]["fields"][0]
    assert (status_change["field"], status_change["old"], status_change["new"]) == (
        "status",
        "Prospect",
        "Customer",
    )
    assert items[1]["actor"]["id"] == world.member.pk
    assert Change.objects.in_workspace(world.workspace).count() == 3
