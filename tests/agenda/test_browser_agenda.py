"""The agenda in real Chromium: quick-add an action due today, see it under Today, tick it
off, undo, and snooze it — all through htmx, with no CSP complaint."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seller(db: None) -> Any:
    workspace = factories.make_workspace("Northwind Partners")
    user = factories.make_user("sam@northwind.test", name="Sam", time_zone="Pacific/Auckland")
    factories.make_membership(workspace, user, "member")
    return user


def test_quick_add_then_done_undo_and_snooze_on_the_agenda(
    live_server: Any, page: Page, seller: Any
) -> None:
    base = live_server.url
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(base + reverse("account_login"))
    page.get_by_label(re.compile("e-?mail", re.I)).fill(seller.email)
    page.get_by_label(re.compile("^password", re.I)).fill("correct-horse-battery")
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_text("Nothing due — a clear week")).to_be_visible()

    page.get_by_label("New action").fill("Phone Priya about the trial")
    page.get_by_role("button", name="Add action").click()

    today = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Today")))
    expect(today.get_by_text("Phone Priya about the trial")).to_be_visible()
    expect(page.locator(".agenda-notice")).to_contain_text("Added “Phone Priya about the trial”.")

    today.get_by_role("button", name=re.compile("^done", re.I)).click()
    expect(page.get_by_role("button", name=re.compile("undo", re.I))).to_be_visible()
    expect(page.get_by_text("Phone Priya about the trial", exact=True)).to_have_count(0)

    page.get_by_role("button", name=re.compile("undo", re.I)).click()
    today = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Today")))
    expect(today.get_by_text("Phone Priya about the trial")).to_be_visible()

    today.locator("summary", has_text="Snooze").click()
    today.get_by_role("button", name="1 day").click()
    expect(page.locator(".agenda-notice")).to_contain_text("Snoozed until")
    expect(page.get_by_text("Phone Priya about the trial", exact=True)).to_have_count(0)

    assert not problems, problems
