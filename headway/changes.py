"""Word that rows have changed, for read models kept beside the facts (the agenda).

The write path (:mod:`headway.crm.writes`) says what it saved and what it is about to delete;
a read model listens. This module knows neither side, so the core can announce without
importing the features that listen (the import contracts forbid that).

    changes.written([obj])                 # after a create or an update
    with changes.deleting([obj]):          # listeners look at the rows while they still exist
        obj.delete()                       # … and bring themselves up to date afterwards

A listener runs inside the writer's transaction: what it stores commits or rolls back with the
change it follows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol


class Listener(Protocol):
    def prepare(self, objs: Sequence[Any]) -> Any:
        """Before ``objs`` are deleted: whatever the listener must look up while they exist."""

    def apply(self, objs: Sequence[Any], prepared: Any = None) -> None:
        """After ``objs`` were saved (``prepared`` is None) or deleted."""


_listeners: list[Listener] = []


def listen(listener: Listener) -> Callable[[], None]:
    """Start listening; returns the function that stops it (for tests)."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)


def written(objs: Sequence[Any]) -> None:
    if not objs:
        return
    for listener in list(_listeners):
        listener.apply(objs)


@contextmanager
def deleting(objs: Sequence[Any]) -> Iterator[None]:
    prepared = [(listener, listener.prepare(objs)) for listener in list(_listeners)]
    yield
    for listener, token in prepared:
        listener.apply(objs, token)
