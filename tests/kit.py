"""The shared test kit: a clock that stands still, an API client that speaks JSON with a real
personal token, and query counters that print every SQL statement when a count is wrong.

The root ``tests/conftest.py`` makes ``clock`` and ``api_for`` available to every test; a folder
or a module that needs another moment or another API prefix builds its own with
:func:`clock_fixture` / :func:`api_for_fixture`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from headway.workspaces.models import Membership, User
from headway.workspaces.services import token_create

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
"""Noon UTC on Sunday 22 November 2026: where ``clock`` stands unless told otherwise."""

API = "/api/v1"


# --- the clock ----------------------------------------------------------------------------------


def clock_fixture(at: dt.datetime = NOW) -> Any:
    """A ``clock`` fixture standing still at ``at``; ``clock.move_to(...)`` travels.

    ``clock = clock_fixture(START)`` in a conftest or a test module replaces the root one."""

    @pytest.fixture(name="clock")
    def clock() -> Iterator[time_machine.Traveller]:
        with time_machine.travel(at, tick=False) as traveller:
            yield traveller

    return clock


# --- the API ------------------------------------------------------------------------------------


class ApiClient:
    """A Django test client that sends ``raw_token`` (none: anonymous) and speaks JSON. Paths
    are relative to ``base`` unless they start with ``/api/`` or ``http``."""

    def __init__(self, raw_token: str | None, base: str = API) -> None:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw_token}"} if raw_token else {}
        self.client = Client(enforce_csrf_checks=True, **headers)
        self.raw_token = raw_token
        self.base = base

    def url(self, path: str) -> str:
        return path if path.startswith(("/api/", "http")) else self.base + path

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(self.url(path), params)

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(
            self.url(path),
            json.dumps({} if body is None else body),
            content_type="application/json",
        )

    def patch(self, path: str, body: Any) -> Any:
        return self.client.patch(self.url(path), json.dumps(body), content_type="application/json")

    def delete(self, path: str) -> Any:
        return self.client.delete(self.url(path))


def api_for_fixture(base: str = API) -> Any:
    """An ``api_for`` fixture: ``api_for(world.member)`` → an :class:`ApiClient` with a fresh
    token of that person (made with the real token service) in ``world.workspace`` or the
    ``workspace`` given; its paths are relative to ``base``."""

    @pytest.fixture(name="api_for")
    def api_for(world: Any) -> Callable[..., ApiClient]:
        def make(user: User, workspace: Any = None) -> ApiClient:
            membership = Membership.objects.in_workspace(workspace or world.workspace).get(
                user=user
            )
            _, raw = token_create(membership=membership, name="tests")
            return ApiClient(raw, base)

        return make

    return api_for


# --- query counts -------------------------------------------------------------------------------


def count_queries(fn: Callable[[], object]) -> tuple[int, list[str]]:
    """Run ``fn``: how many queries it ran, and their SQL."""
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def _count_page(client: Client, url: str) -> tuple[int, list[str]]:
    client.get(url)  # warm per-process caches (content types, sessions) outside the count
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def assert_constant_queries(client: Client, url: str, grow: Callable[[], None]) -> int:
    """Count the queries of ``url``, call ``grow()`` to add rows, count again: equal counts,
    or every statement of both counts is printed."""
    small, small_sql = _count_page(client, url)
    grow()
    big, big_sql = _count_page(client, url)
    if small != big:
        listing = "\n".join(f"  {i}. {sql}" for i, sql in enumerate(big_sql, 1))
        before = "\n".join(f"  {i}. {sql}" for i, sql in enumerate(small_sql, 1))
        raise AssertionError(
            f"{url} ran {small} queries before and {big} after adding rows.\n"
            f"Before:\n{before}\nAfter:\n{listing}"
        )
    return big
