"""Query-count checks for the CRM pages: a page must run the same number of queries whatever
the number of rows, and print every statement when it does not."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _count(client: Client, url: str) -> tuple[int, list[str]]:
    client.get(url)  # warm per-process caches (content types, sessions) outside the count
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def assert_constant_queries(client: Client, url: str, grow: Callable[[], None]) -> int:
    """Count the queries of ``url``, call ``grow()`` to add rows, count again: equal counts."""
    small, small_sql = _count(client, url)
    grow()
    big, big_sql = _count(client, url)
    if small != big:
        listing = "\n".join(f"  {i}. {sql}" for i, sql in enumerate(big_sql, 1))
        before = "\n".join(f"  {i}. {sql}" for i, sql in enumerate(small_sql, 1))
        raise AssertionError(
            f"{url} ran {small} queries before and {big} after adding rows.\n"
            f"Before:\n{before}\nAfter:\n{listing}"
        )
    return big
