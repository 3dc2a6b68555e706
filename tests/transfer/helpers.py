"""Import a CSV text as a given person, the way the command does."""

from __future__ import annotations

from typing import Any

from headway.transfer import engine, mappings, reading
from headway.workspaces.models import Membership


def membership_of(world: Any, user: Any = None, workspace: Any = None) -> Membership:
    return Membership.objects.in_workspace(workspace or world.workspace).get(
        user=user or world.admin
    )


def run(
    membership: Membership,
    text: str | bytes,
    *,
    kind: str = "accounts",
    preset: str = "generic",
    commit: bool = False,
    **kwargs: Any,
) -> engine.Report:
    data = text.encode() if isinstance(text, str) else text
    table = reading.read(data)
    mapping = mappings.resolve(table, kind=kind, preset=preset)
    return engine.run(membership=membership, table=table, mapping=mapping, commit=commit, **kwargs)
