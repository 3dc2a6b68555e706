"""The OpenAPI document lists every route; the docs page works offline under our CSP."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.test import Client

EXPECTED = {
    ("get", "/api/v1/me"),
    ("get", "/api/v1/tokens"),
    ("post", "/api/v1/tokens"),
    ("delete", "/api/v1/tokens/{token_id}"),
    ("get", "/api/v1/accounts/{account_id}/history"),
    ("post", "/api/v1/deals/{deal_id}/lost"),
    ("post", "/api/v1/actions/{action_id}/done"),
    ("post", "/api/v1/actions/{action_id}/snooze"),
}
for name, id_name in [
    ("accounts", "account_id"),
    ("contacts", "contact_id"),
    ("deals", "deal_id"),
    ("interactions", "interaction_id"),
    ("actions", "action_id"),
]:
    EXPECTED |= {("get", f"/api/v1/{name}"), ("post", f"/api/v1/{name}")}
    EXPECTED |= {(m, f"/api/v1/{name}/{{{id_name}}}") for m in ("get", "patch", "delete")}


# Method modules mount their routers here (headway/api/main.py).
MODULE_PREFIXES = ("/api/v1/alignments", "/api/v1/decisions", "/api/v1/winbacks")


def test_openapi_document_lists_every_route(db: None) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Headway API"
    routes = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    # The core routes exactly; each method module (mounted under its own prefix) tests its own.
    core = {(m, p) for m, p in routes if not p.startswith(MODULE_PREFIXES)}
    assert core == EXPECTED
    assert {p.split("/")[3] for _, p in routes if p.startswith(MODULE_PREFIXES)} <= {
        prefix.split("/")[3] for prefix in MODULE_PREFIXES
    }
    # Bearer auth is declared, so the docs page can send a token.
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_docs_page_loads_nothing_from_another_host(db: None) -> None:
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    # What the page loads (scripts, stylesheets, icons, images); its links go back to the app.
    references = re.findall(r'<(?:script|link|img)\b[^>]*?(?:src|href)="([^"]+)"', html)
    assert references, "the page should load Swagger UI"
    for link in re.findall(r'<a\b[^>]*?href="([^"]+)"', html):
        assert not re.match(r"^(https?:)?//", link), f"{link} is on another host"
    for ref in references:
        assert not re.match(r"^(https?:)?//", ref), f"{ref} is on another host"
        assert ref.startswith("/static/")
        assert finders.find(ref.removeprefix("/static/")), f"{ref} is not a bundled static file"


def test_docs_page_runs_no_inline_script_under_the_csp(db: None) -> None:
    response = Client().get("/api/v1/docs")
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        # Only external scripts, or JSON data that a browser never executes.
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        if "src=" in attrs:
            assert not body.strip()
    assert "onload=" not in html and "onclick=" not in html


def test_api_paths_use_the_id_naming_contract(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    names = {n for path in schema["paths"] for n in re.findall(r"{([^}]+)}", path)}
    core = {"account_id", "contact_id", "deal_id", "interaction_id", "action_id", "token_id"}
    # A module's own ids are part of the contract once it registers an isolation factory.
    from tests.isolation_registry import ID_FACTORIES, load_module_factories

    load_module_factories()
    assert core <= names
    assert names - core <= set(ID_FACTORIES), names - core - set(ID_FACTORIES)


def test_documented_filters_match_the_selectors(db: None) -> None:
    from typing import get_args

    from headway.crm import schemas, selectors
    from headway.crm.models import DealStage

    assert set(get_args(schemas.AccountSort)) == set(selectors.ACCOUNT_SORTS)
    assert set(get_args(schemas.ContactSort)) == set(selectors.CONTACT_SORTS)
    assert set(get_args(schemas.DealSort)) == set(selectors.DEAL_SORTS)
    assert set(get_args(schemas.DealStageFilter)) == {"open", *DealStage.values}
