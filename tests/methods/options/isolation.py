"""Id factories for the Option Solving routes (see tests/isolation_registry.py).

The ids share one decision so that nested routes (/decisions/<d>/alternatives/<a>/…) are real
for the admin of workspace A — the isolation test's positive control — while a user of
workspace B must get 404 on every one of them.
"""

from __future__ import annotations

from typing import Any

from headway.methods.options.models import Alternative, Consideration, Decision, Kind
from tests.isolation_registry import id_factory
from tests.methods.options.helpers import with_options


def _decision(world: Any) -> Decision:
    if "decision" not in world.objects:
        world.objects["decision"] = with_options(world.workspace, world.admin)
    return world.objects["decision"]  # type: ignore[no-any-return]


@id_factory("decision_id")
def _decision_id(world: Any) -> int:
    return _decision(world).pk


@id_factory("consideration_id")
def _consideration_id(world: Any) -> int:
    decision = _decision(world)
    return Consideration.objects.in_workspace(world.workspace).filter(decision=decision).first().pk  # type: ignore[union-attr]


@id_factory("alternative_id")
def _alternative_id(world: Any) -> int:
    decision = _decision(world)
    return (
        Alternative.objects.in_workspace(world.workspace)
        .filter(decision=decision, kind=Kind.PRAGMATIC)
        .first()
        .pk  # type: ignore[union-attr]
    )
