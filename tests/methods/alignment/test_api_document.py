"""The alignments API is documented: every route in the OpenAPI document with the id naming
contract, no key twice, and the grid picture's link."""

from __future__ import annotations

import re

from django.test import Client

ALIGNMENTS = "/api/v1/alignments"


def test_every_alignment_route_is_documented_with_the_id_names(db: None) -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    routes = {
        (method, path)
        for path, ops in doc["paths"].items()
        if path.startswith(ALIGNMENTS)
        for method in ops
    }
    A = ALIGNMENTS + "/{alignment_id}"
    for expected in [
        ("get", ALIGNMENTS),
        ("post", ALIGNMENTS),
        ("get", A),
        ("patch", A),
        ("post", A + "/explore"),
        ("post", A + "/agree"),
        ("post", A + "/escalate"),
        ("post", A + "/abandon"),
        ("put", A + "/rule"),
        ("get", A + "/actions"),
        ("post", A + "/actions"),
        ("post", A + "/parties"),
        ("patch", A + "/parties/{party_id}"),
        ("delete", A + "/parties/{party_id}"),
        ("post", A + "/parties/{party_id}/items"),
        ("patch", A + "/items/{item_id}"),
        ("delete", A + "/items/{item_id}"),
        ("post", A + "/words"),
        ("delete", A + "/words/{word_id}"),
        ("post", A + "/options"),
        ("put", A + "/options/{joint_option_id}/ratings"),
        ("delete", A + "/options/{joint_option_id}"),
    ]:
        assert expected in routes, expected
    names = {n for _, path in routes for n in re.findall(r"{([^}]+)}", path)}
    assert names == {"alignment_id", "party_id", "item_id", "word_id", "joint_option_id"}
    for name in ("AlignmentDetail", "AlignmentOut", "GridRowOut", "AgreeIn"):
        assert name in doc["components"]["schemas"]
