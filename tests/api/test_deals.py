"""Deals through the API, including marking one lost."""

from __future__ import annotations

from typing import Any

from headway.crm.models import Deal
from headway.crm.services import LOST_NEEDS_REASON, LOST_TO_NEEDS_NAME
from tests import factories
from tests.api.conftest import field_errors


def test_member_creates_reads_changes_and_deletes_a_deal(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, name="Initech", owner=world.member)
    api = api_for(world.member)

    created = api.post(
        "/deals",
        {
            "account_id": account.pk,
            "title": "TPS rollout",
            "amount": "125000.50",
            "currency": "USD",
            "expected_close": "2027-01-31",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["amount"] == "125000.50"
    assert body["expected_close"] == "2027-01-31"
    assert body["stage"] == "qualify"
    assert body["account"] == {"id": account.pk, "name": "Initech"}
    assert body["owner"]["id"] == world.member.pk
    deal_id = body["id"]

    changed = api.patch(f"/deals/{deal_id}", {"stage": "propose", "amount": 99000})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["stage"], changed.json()["amount"]) == ("propose", "99000.00")
    assert api.get(f"/deals/{deal_id}").json()["version"] == 2
    assert api.delete(f"/deals/{deal_id}").status_code == 204
    assert not Deal.objects.in_workspace(world.workspace).exists()


def test_deal_amount_and_currency_are_validated(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    errors = field_errors(
        api_for(world.member).post(
            "/deals",
            {"account_id": account.pk, "title": "T", "amount": "-1", "currency": "eu"},
        )
    )
    assert set(errors) == {"amount"}  # schema errors come first; the service judges the rest
    errors = field_errors(
        api_for(world.member).post(
            "/deals", {"account_id": account.pk, "title": "T", "amount": "1.234", "currency": "eu"}
        )
    )
    assert set(errors) == {"amount"}
    errors = field_errors(
        api_for(world.member).post(
            "/deals", {"account_id": account.pk, "title": "T", "amount": "12", "currency": "eu"}
        )
    )
    assert set(errors) == {"currency"}
    assert not Deal.objects.in_workspace(world.workspace).exists()


def test_marking_a_deal_lost_needs_what_it_was_lost_to_and_why(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member)
    api = api_for(world.member)

    errors = field_errors(api.post(f"/deals/{deal.pk}/lost", {}))
    assert errors == {"lost_to": LOST_NEEDS_REASON, "lost_reasons": LOST_NEEDS_REASON}
    errors = field_errors(
        api.post(f"/deals/{deal.pk}/lost", {"lost_to": "competitor", "lost_reasons": "Price"})
    )
    assert errors == {"lost_to_name": LOST_TO_NEEDS_NAME}
    deal.refresh_from_db()
    assert deal.stage == "qualify"

    response = api.post(
        f"/deals/{deal.pk}/lost",
        {"lost_to": "competitor", "lost_to_name": "Globex", "lost_reasons": "Price"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["stage"], body["lost_to"], body["lost_to_name"]) == (
        "lost",
        "competitor",
        "Globex",
    )
    assert body["closed_at"] is not None


def test_deal_list_filters_open_stages_account_owner_and_search(world: Any, api_for: Any) -> None:
    initech = factories.make_account(world.workspace, name="Initech")
    globex = factories.make_account(world.workspace, name="Globex")
    factories.make_deal(initech, title="Open one", stage="develop", owner=world.member)
    factories.make_deal(initech, title="Won one", stage="won")
    factories.make_deal(globex, title="Other", stage="qualify", owner=world.manager)
    api = api_for(world.viewer)

    def titles(**params: Any) -> list[str]:
        response = api.get("/deals", **params)
        assert response.status_code == 200, response.content
        return sorted(item["title"] for item in response.json()["items"])

    assert titles(stage="open") == ["Open one", "Other"]
    assert titles(stage="won") == ["Won one"]
    assert titles(account_id=initech.pk) == ["Open one", "Won one"]
    assert titles(owner_id=world.manager.pk) == ["Other"]
    assert titles(q="globex") == ["Other"]
    assert field_errors(api.get("/deals", stage="closed")).keys() == {"stage"}


def test_stale_lost_marking_is_refused(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member)
    api = api_for(world.member)
    api.patch(f"/deals/{deal.pk}", {"title": "Renamed"})

    response = api.post(
        f"/deals/{deal.pk}/lost",
        {"lost_to": "do_nothing", "lost_reasons": "No budget", "version": 1},
    )

    assert response.status_code == 409
    deal.refresh_from_db()
    assert deal.stage == "qualify"
