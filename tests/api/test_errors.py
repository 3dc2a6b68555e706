"""One error mapping for the whole API: every error is JSON with ``detail``."""

from __future__ import annotations

from typing import Any

import pytest

from headway.schemas import NUL_MESSAGE
from tests import factories
from tests.api.conftest import field_errors


@pytest.fixture
def foreign(world: Any) -> dict[str, int]:
    """Objects of the other workspace, one of each kind."""
    account = factories.make_account(world.other_workspace, owner=world.outsider)
    return {
        "accounts": account.pk,
        "contacts": factories.make_contact(account).pk,
        "deals": factories.make_deal(account).pk,
        "interactions": factories.make_interaction(account).pk,
        "actions": factories.make_action(world.other_workspace, world.outsider).pk,
    }


@pytest.mark.parametrize("kind", ["accounts", "contacts", "deals", "interactions", "actions"])
def test_another_workspaces_object_is_404_like_a_missing_one(
    world: Any, api_for: Any, foreign: dict[str, int], kind: str
) -> None:
    api = api_for(world.admin)
    url = f"/{kind}/{foreign[kind]}"
    for response in (api.get(url), api.patch(url, {}), api.delete(url)):
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    assert api.get(f"/{kind}/987654").json() == {"detail": "Not found."}


def test_an_id_too_large_for_the_database_is_just_not_found(world: Any, api_for: Any) -> None:
    response = api_for(world.admin).get(f"/accounts/{2**70}")
    assert response.status_code == 404


def test_schema_and_service_errors_have_the_same_per_field_shape(world: Any, api_for: Any) -> None:
    api = api_for(world.member)

    schema_error = api.post("/accounts", {"name": "x" * 300})
    service_error = api.post("/accounts", {"name": ""})

    for response in (schema_error, service_error):
        assert response.status_code == 422
        [entry] = response.json()["detail"]
        assert entry["loc"] == ["body", "name"]
        assert isinstance(entry["msg"], str) and entry["msg"]
        assert isinstance(entry["type"], str)


def test_missing_required_fields_are_named(world: Any, api_for: Any) -> None:
    errors = field_errors(api_for(world.member).post("/deals", {}))
    assert set(errors) == {"account_id", "title"}


def test_nul_characters_are_refused_in_bodies_and_queries(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    assert field_errors(api.post("/accounts", {"name": "Ini\x00tech"})) == {"name": NUL_MESSAGE}
    assert field_errors(api.get("/accounts", q="a\x00")) == {"q": NUL_MESSAGE}


def test_a_made_up_cursor_is_refused(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    assert set(field_errors(api.get("/accounts", cursor="bm9wZQ"))) == {"cursor"}
    assert set(field_errors(api.get("/accounts", cursor="!!!"))) == {"cursor"}


def test_page_size_is_bounded(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    assert set(field_errors(api.get("/accounts", limit=201))) == {"limit"}
    assert set(field_errors(api.get("/accounts", limit=0))) == {"limit"}


def test_wrong_types_in_the_body_are_refused_per_field(world: Any, api_for: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    errors = field_errors(
        api_for(world.member).post(
            "/deals",
            {"account_id": account.pk, "title": "T", "amount": "lots", "expected_close": "soon"},
        )
    )
    assert set(errors) == {"amount", "expected_close"}
