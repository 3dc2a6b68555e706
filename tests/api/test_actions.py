"""Actions (next steps) through the API: create, done, snooze, list by status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from headway.crm.api import SNOOZE_NEEDS_DAY
from headway.crm.models import Action
from tests import factories
from tests.api.conftest import field_errors


def test_member_creates_completes_snoozes_and_deletes_an_action(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    api = api_for(world.member)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    created = api.post(
        "/actions",
        {"title": "Send the proposal", "due_date": tomorrow.isoformat(), "account_id": account.pk},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["owner"]["id"] == world.member.pk
    assert body["account"] == {"id": account.pk, "name": "Initech"}
    action_id = body["id"]

    later = (tomorrow + dt.timedelta(days=6)).isoformat()
    snoozed = api.post(f"/actions/{action_id}/snooze", {"until": later})
    assert snoozed.status_code == 200, snoozed.content
    assert snoozed.json()["snoozed_until"] == later

    done = api.post(f"/actions/{action_id}/done")
    assert done.status_code == 200
    assert done.json()["done_at"] is not None
    undone = api.post(f"/actions/{action_id}/done", {"done": False})
    assert undone.json()["done_at"] is None

    changed = api.patch(f"/actions/{action_id}", {"title": "Send the revised proposal"})
    assert changed.json()["title"] == "Send the revised proposal"
    assert api.get(f"/actions/{action_id}").json()["version"] == changed.json()["version"]
    assert api.delete(f"/actions/{action_id}").status_code == 204
    assert not Action.objects.in_workspace(world.workspace).exists()


def test_snooze_needs_a_day_after_today(world: Any, api_for: Any) -> None:
    action = factories.make_action(world.workspace, world.member)
    api = api_for(world.member)

    assert field_errors(api.post(f"/actions/{action.pk}/snooze", {})) == {"until": SNOOZE_NEEDS_DAY}
    today = timezone.localdate().isoformat()
    assert set(field_errors(api.post(f"/actions/{action.pk}/snooze", {"until": today}))) == {
        "until"
    }
    action.refresh_from_db()
    assert action.snoozed_until is None


def test_action_for_someone_outside_the_workspace_is_refused(world: Any, api_for: Any) -> None:
    response = api_for(world.manager).post(
        "/actions", {"title": "T", "due_date": "2026-12-01", "owner_id": world.outsider.pk}
    )
    assert set(field_errors(response)) == {"owner_id"}


def test_action_list_by_status_owner_and_account(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace)
    factories.make_action(world.workspace, world.member, title="Open mine", account=account)
    factories.make_action(world.workspace, world.member, title="Done mine", done_at=timezone.now())
    factories.make_action(world.workspace, world.manager, title="Open theirs")
    api = api_for(world.member)

    def titles(**params: Any) -> list[str]:
        response = api.get("/actions", **params)
        assert response.status_code == 200, response.content
        return sorted(item["title"] for item in response.json()["items"])

    assert titles() == ["Open mine", "Open theirs"]
    assert titles(status="done") == ["Done mine"]
    assert titles(status="all", owner_id=world.member.pk) == ["Done mine", "Open mine"]
    assert titles(account_id=account.pk) == ["Open mine"]


def test_member_cannot_complete_someone_elses_action(world: Any, api_for: Any) -> None:
    action = factories.make_action(world.workspace, world.other_member)
    response = api_for(world.member).post(f"/actions/{action.pk}/done")
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.done_at is None


def test_viewer_cannot_add_an_action(world: Any, api_for: Any) -> None:
    response = api_for(world.viewer).post("/actions", {"title": "T", "due_date": "2026-12-01"})
    assert response.status_code == 403
    assert not Action.objects.in_workspace(world.workspace).exists()
