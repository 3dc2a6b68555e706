"""The decisions API is documented: every route in the OpenAPI document with the id naming
contract, and a document Swagger UI can parse (no key twice, no schema name shared with
another module)."""

from __future__ import annotations

import json
import re
from typing import Any

from django.test import Client

DECISIONS = "/api/v1/decisions"


class Obj(dict):
    """A JSON object that remembers the keys it had more than once."""

    duplicates: tuple[str, ...] = ()


def _document() -> dict[str, Any]:
    def hook(pairs: list[tuple[str, Any]]) -> Obj:
        keys = [k for k, _ in pairs]
        obj = Obj(pairs)
        obj.duplicates = tuple(sorted({k for k in keys if keys.count(k) > 1}))
        return obj

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content, object_pairs_hook=hook)  # type: ignore[no-any-return]


def _duplicates(node: Any, where: str = "") -> list[str]:
    found = []
    if isinstance(node, dict):
        found += [f"{where}/{key}" for key in getattr(node, "duplicates", ())]
        for key, value in node.items():
            found += _duplicates(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _duplicates(value, f"{where}/{i}")
    return found


def test_every_decision_route_is_documented_with_the_id_names(db: None) -> None:
    doc = _document()
    routes = {
        (method, path)
        for path, ops in doc["paths"].items()
        if path.startswith(DECISIONS)
        for method in ops
    }
    for expected in [
        ("get", DECISIONS),
        ("post", DECISIONS),
        ("patch", DECISIONS + "/{decision_id}"),
        ("post", DECISIONS + "/{decision_id}/considerations/{consideration_id}/key"),
        ("post", DECISIONS + "/{decision_id}/bookends"),
        ("patch", DECISIONS + "/{decision_id}/alternatives/{alternative_id}"),
        ("post", DECISIONS + "/{decision_id}/incubate"),
        ("post", DECISIONS + "/{decision_id}/review"),
        ("post", DECISIONS + "/{decision_id}/choose"),
        ("post", DECISIONS + "/{decision_id}/actions"),
        ("post", DECISIONS + "/{decision_id}/outcome"),
        ("get", DECISIONS + "/{decision_id}/picks"),
        ("post", DECISIONS + "/{decision_id}/picks"),
        ("post", DECISIONS + "/{decision_id}/picks/mine"),
        ("get", DECISIONS + "/{decision_id}/pictogram.svg"),
    ]:
        assert expected in routes, expected
    names = {n for _, path in routes for n in re.findall(r"{([^}]+)}", path)}
    assert names == {"decision_id", "consideration_id", "alternative_id"}


def test_the_document_has_no_key_twice_in_the_decisions_part(db: None) -> None:
    doc = _document()
    decision_paths = {p: ops for p, ops in doc["paths"].items() if p.startswith(DECISIONS)}
    assert _duplicates(decision_paths) == []
    svg = doc["paths"][DECISIONS + "/{decision_id}/pictogram.svg"]["get"]["responses"]["200"]
    assert "image/svg+xml" in svg["content"]
    schemas = doc["components"]["schemas"]
    assert "DecisionActionOut" in schemas and "ActionOut" in schemas  # not one name for two shapes
