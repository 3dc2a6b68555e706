"""The id factories the tenant-isolation test fills routes with, by parameter name.

A module whose pages or API routes take a new kind of id registers a factory in
``tests/methods/<app>/isolation.py`` (or ``tests/<module>/isolation.py``)::

    from tests.isolation_registry import id_factory

    @id_factory("decision_id")
    def _decision(world):  # world: the `world` fixture plus world.objects (account, deal, …)
        return make_decision(world.workspace, owner=world.admin).pk

The factory creates the object in ``world.workspace`` (workspace A); the test then calls every
route with it as a user of workspace B and expects 404.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ID_FACTORIES: dict[str, Callable[[Any], int]] = {}


def id_factory(name: str) -> Callable[[Callable[[Any], int]], Callable[[Any], int]]:
    def decorator(fn: Callable[[Any], int]) -> Callable[[Any], int]:
        ID_FACTORIES[name] = fn
        return fn

    return decorator


def load_module_factories() -> None:
    root = Path(__file__).parent
    for path in sorted(root.glob("**/isolation.py")):
        parts = path.relative_to(root).with_suffix("").parts
        importlib.import_module(".".join(("tests", *parts)))
