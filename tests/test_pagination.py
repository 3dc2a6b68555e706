"""Web list pages: "Next" and "Previous" carry the sort key of the row at the edge of the page
(a keyset cursor), so a deep page starts from the index at the cursor instead of skipping rows."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def names_in(html: str) -> list[str]:
    return re.findall(r'<a href="/accounts/\d+/">([^<]+)</a>', html)


def link(html: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', html)
    return "/accounts/" + htmllib.unescape(found.group(1)) if found else None


def walk(client, url: str, rel: str = "next") -> list[list[str]]:
    pages = []
    while url:
        html = client.get(url).content.decode()
        pages.append(names_in(html))
        url = link(html, rel)
    return pages


def test_next_walks_every_account_once_in_order_and_previous_walks_back(world):
    for n in range(60):
        factories.make_account(world.workspace, name=f"Account {n:02d}")
    client = world.client_for(world.member)

    pages = walk(client, "/accounts/")

    assert [len(p) for p in pages] == [25, 25, 10]
    assert list(itertools.chain.from_iterable(pages)) == [f"Account {n:02d}" for n in range(60)]
    last = client.get("/accounts/").content.decode()
    for _ in range(2):
        last = client.get(link(last, "next")).content.decode()
    assert "Showing 51–60" in last
    back = walk(client, link(last, "prev"), rel="prev")
    assert back == [pages[1], pages[0]]


def test_previous_to_the_first_page_is_the_plain_first_page(world):
    for n in range(30):
        factories.make_account(world.workspace, name=f"Account {n:02d}")
    client = world.client_for(world.member)
    second = client.get(link(client.get("/accounts/").content.decode(), "next")).content.decode()

    assert link(second, "prev") == "/accounts/?page=1"


def test_a_page_reached_by_next_does_not_skip_rows_with_an_offset(world):
    for n in range(60):
        factories.make_account(world.workspace, name=f"Account {n:02d}")
    client = world.client_for(world.member)
    second = link(client.get("/accounts/").content.decode(), "next")
    third = link(client.get(second).content.decode(), "next")

    with CaptureQueriesContext(connection) as ctx:
        html = client.get(third).content.decode()

    listing = [q["sql"] for q in ctx.captured_queries if 'FROM "crm_account"' in q["sql"]]
    assert listing and all("OFFSET" not in sql.upper() for sql in listing)
    assert names_in(html)[0] == "Account 50"


def test_accounts_added_meanwhile_do_not_repeat_rows_on_the_next_page(world):
    for n in range(30):
        factories.make_account(world.workspace, name=f"Account {n:02d}")
    client = world.client_for(world.member)
    first = client.get("/accounts/").content.decode()

    factories.make_account(world.workspace, name="Account 00a")  # lands on the first page
    second = client.get(link(first, "next")).content.decode()

    assert names_in(second) == [f"Account {n:02d}" for n in range(25, 30)]


def test_sorting_by_last_touch_puts_never_touched_first_and_pages_through_all(world):
    now = timezone.now()
    for n in range(20):
        factories.make_account(world.workspace, name=f"Never {n:02d}")
    for n in range(20):
        factories.make_account(
            world.workspace, name=f"Touched {n:02d}", last_touch_at=now - dt.timedelta(days=n)
        )
    client = world.client_for(world.member)

    ascending = list(itertools.chain.from_iterable(walk(client, "/accounts/?sort=last_touch")))
    descending = list(itertools.chain.from_iterable(walk(client, "/accounts/?sort=-last_touch")))

    assert ascending == [f"Never {n:02d}" for n in range(20)] + [
        f"Touched {n:02d}" for n in range(19, -1, -1)
    ]
    assert descending == list(reversed(ascending))


def test_a_tampered_or_stale_cursor_shows_the_first_page(world):
    for n in range(30):
        factories.make_account(world.workspace, name=f"Account {n:02d}")
    client = world.client_for(world.member)
    next_url = link(client.get("/accounts/").content.decode(), "next")

    tampered = client.get("/accounts/?page=2&after=not-a-cursor")
    other_sort = client.get(next_url + "&sort=-name")

    assert tampered.status_code == 200
    assert names_in(tampered.content.decode())[0] == "Account 00"
    assert names_in(other_sort.content.decode())[0] == "Account 29"


def test_deep_pages_run_as_many_queries_as_the_first(world):
    for n in range(80):
        factories.make_account(world.workspace, name=f"Account {n:02d}")
    client = world.client_for(world.member)
    url = "/accounts/"
    for _ in range(3):
        url = link(client.get(url).content.decode(), "next")
    client.get("/accounts/")
    client.get(url)

    with CaptureQueriesContext(connection) as first:
        client.get("/accounts/")
    with CaptureQueriesContext(connection) as deep:
        client.get(url)

    assert len(deep.captured_queries) == len(first.captured_queries)
