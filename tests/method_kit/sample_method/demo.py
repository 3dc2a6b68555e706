from typing import Any

LOADED: list[Any] = []


def load(*, workspace: Any, now: Any) -> None:
    LOADED.append(workspace)
