"""Every date and time the API takes is bounded (headway.dates): each request-body field and
query parameter with ``format: date`` or ``date-time`` is a ``headway.schemas.Day`` / ``Moment``,
which checks the range and states it as a ``pattern`` — so a module adding a date input without
the bound fails here, by name."""

from __future__ import annotations

from typing import Any

from django.test import Client

from headway import dates

METHODS = ("post", "put", "patch", "delete", "get")


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not ref:
        return schema
    node: Any = document
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return dict(node)


def _unbounded(
    schema: dict[str, Any], document: dict[str, Any], where: str, seen: set[str]
) -> list[str]:
    ref = schema.get("$ref")
    if ref in seen:
        return []
    if ref:
        seen = seen | {ref}
    schema = _resolve(schema, document)
    found = []
    if schema.get("format") in ("date", "date-time") and schema.get("pattern") != (
        dates.YEAR_PATTERN
    ):
        found.append(where)
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            found += _unbounded(option, document, where, seen)
    for name, prop in schema.get("properties", {}).items():
        found += _unbounded(prop, document, f"{where}.{name}", seen)
    if isinstance(schema.get("items"), dict):
        found += _unbounded(schema["items"], document, f"{where}[]", seen)
    return found


def test_every_date_the_api_takes_is_bounded(db: None) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    unbounded = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            name = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                unbounded += _unbounded(
                    parameter.get("schema", {}), document, f"{name} ?{parameter['name']}", set()
                )
            for media in operation.get("requestBody", {}).get("content", {}).values():
                unbounded += _unbounded(media.get("schema", {}), document, f"{name} body", set())
    assert not unbounded, (
        "Dates and times people enter must be bounded: type these inputs "
        "headway.schemas.Day / Moment (and give the model field validators=[dates.validate_…]):\n"
        + "\n".join(sorted(set(unbounded)))
    )


def test_the_check_sees_an_unbounded_date() -> None:
    document = {"components": {"schemas": {"In": {"properties": {"on": {"format": "date"}}}}}}
    found = _unbounded({"$ref": "#/components/schemas/In"}, document, "POST /x body", set())
    assert found == ["POST /x body.on"]
