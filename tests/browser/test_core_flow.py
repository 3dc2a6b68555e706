"""A seller's first minutes in real Chromium: sign in, create an account, log an interaction,
add an action due today, see it on the agenda, mark it done — and a screenshot of each main page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from headway.workspaces.models import Role
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seller(db: None) -> Any:
    workspace = factories.make_workspace("Northwind Partners")
    user = factories.make_user("sam@northwind.test", name="Sam Seller", time_zone="Europe/Paris")
    factories.make_membership(workspace, user, Role.MEMBER)
    return user


def test_a_seller_signs_in_creates_an_account_logs_a_touch_and_ticks_off_an_action(
    live_server: Any, page: Page, seller: Any, shots: Path
) -> None:
    base = live_server.url
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None
    )

    sign_in(page, base, seller.email)
    page.screenshot(path=shots / "01-agenda-empty.png", full_page=True)

    # Create an account.
    page.goto(f"{base}/accounts/")
    page.get_by_role("link", name=re.compile("new account", re.I)).first.click()
    page.get_by_label(re.compile("^name", re.I)).fill("Harbour & Vale Foodstores")
    page.get_by_label(re.compile("^domain", re.I)).fill("harbourvale.example")
    page.screenshot(path=shots / "02-account-form.png", full_page=True)
    page.get_by_role("button", name=re.compile("add account|save", re.I)).first.click()
    expect(page.get_by_role("heading", name="Harbour & Vale Foodstores")).to_be_visible()

    # Log an interaction from the account page.
    page.get_by_role("link", name=re.compile("log interaction", re.I)).first.click()
    page.get_by_label(re.compile("^summary", re.I)).fill(
        "Trial in three outlets went badly; agreed to talk again next week."
    )
    page.get_by_role("button", name=re.compile("log|save", re.I)).first.click()
    expect(page.get_by_text("Trial in three outlets went badly").first).to_be_visible()

    # Add an action due today (the form defaults to today).
    page.get_by_role("link", name=re.compile("add action", re.I)).first.click()
    page.get_by_label("What").fill("Phone Priya about the lost opportunities")
    page.get_by_role("button", name=re.compile("add|save|create", re.I)).first.click()
    page.screenshot(path=shots / "03-account-page.png", full_page=True)

    # The agenda shows it under Today; mark it done.
    page.goto(f"{base}/")
    today = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Today")))
    item = today.get_by_role("link", name="Phone Priya about the lost opportunities")
    expect(item).to_be_visible()
    page.screenshot(path=shots / "04-agenda-today.png", full_page=True)
    today.get_by_role("button", name=re.compile("^done", re.I)).first.click()
    expect(page.get_by_role("button", name=re.compile("undo", re.I))).to_be_visible()
    expect(
        today.get_by_role("link", name="Phone Priya about the lost opportunities")
    ).to_have_count(0)

    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors


MAIN_PAGES = [
    ("05-accounts", "/accounts/"),
    ("06-contacts", "/contacts/"),
    ("07-deals", "/deals/"),
    ("08-interactions", "/interactions/"),
    ("09-actions", "/actions/"),
    ("10-members", "/members/"),
    ("11-tokens", "/tokens/"),
    ("12-profile", "/profile/"),
    ("13-calendar", "/agenda/calendar/"),
    ("14-api-docs", "/api/v1/docs"),
]


def test_every_main_page_renders_without_errors_in_chromium(
    live_server: Any, page: Page, seller: Any, shots: Path
) -> None:
    from headway.demo.loader import load_demo

    load_demo()
    base = live_server.url
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "requestfailed",
        lambda r: (
            problems.append(f"failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "")
            else None
        ),
    )
    sign_in(page, base, "sofia@demo.headway.test", password="headway-demo")
    page.screenshot(path=shots / "00-demo-agenda.png", full_page=True)
    for name, path in MAIN_PAGES:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        if path.startswith("/api/"):
            expect(page.get_by_text("Headway API").first).to_be_visible()
        page.screenshot(path=shots / f"{name}.png", full_page=True)
    # The best account of the demo, with its relationship map.
    page.goto(f"{base}/accounts/?q=Aldhelm")
    page.get_by_role("link", name=re.compile("St. Aldhelm")).first.click()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    page.screenshot(path=shots / "15-account-page-demo.png", full_page=True)
    assert not problems, problems
