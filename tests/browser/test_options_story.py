"""The source story (000) in real Chromium through the pages: from an account, frame the
decision, mark the four key considerations, set the bookends, write five alternatives, sleep on
it, choose B first thing next morning, write the action initiative — and a screenshot of the
pictogram for the user guide (``HEADWAY_SCREENSHOTS=docs/screenshots``)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Page, expect

from headway.workspaces.models import Role
from tests import factories
from tests.browser.helpers import sign_in
from tests.methods.options.helpers import (
    ALTERNATIVES,
    GOAL,
    KEY_CONSIDERATIONS,
    OPTION_B,
    OTHER_CONSIDERATIONS,
    YANG,
    YIN,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)  # 16:00 in Paris
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 6, 31, tzinfo=dt.UTC)  # 07:31 in Paris


@pytest.fixture
def seller(db: None) -> Any:
    workspace = factories.make_workspace("Northwind Partners")
    user = factories.make_user("sam@northwind.test", name="Sam Seller", time_zone="Europe/Paris")
    factories.make_membership(workspace, user, Role.MEMBER)
    account = factories.make_account(workspace, name="Major Foodstores", owner=user)
    return user, account


def test_the_story_in_the_browser_ends_with_the_pictogram(
    live_server: Any, page: Page, seller: Any, shots: Path
) -> None:
    user, account = seller
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    with time_machine.travel(MONDAY, tick=True) as clock:
        sign_in(page, base, user.email)

        # From the account page, start a decision.
        page.goto(f"{base}/accounts/{account.pk}/")
        page.get_by_role("link", name="Start a decision").click()
        expect(
            page.get_by_role("heading", name="New decision for Major Foodstores")
        ).to_be_visible()
        page.get_by_label("Goal").fill(GOAL)
        page.get_by_label("Considerations").fill(
            "\n".join([*KEY_CONSIDERATIONS, *OTHER_CONSIDERATIONS])
        )
        page.get_by_role("button", name="Start the decision").click()
        expect(page.locator("#key-count")).to_contain_text("0 of 8 key")

        # Mark the four key considerations (htmx swaps the framing panel each time).
        for n, text in enumerate(KEY_CONSIDERATIONS, 1):
            page.get_by_role("button", name=f"Key: {text}").click()
            expect(page.locator("#key-count")).to_contain_text(f"{n} of 8 key")
        expect(page.locator(".op-question")).to_contain_text(
            "considering 1) test group balked, 2) customer doesn't appreciate the opportunity lost"
        )
        page.get_by_role("button", name="Continue to the options").click()

        # Bookends and five alternatives placed on the spectrum.
        page.get_by_label("Yin bookend (soft extreme)").fill(YIN)
        page.get_by_label("Yang bookend (hard extreme)").fill(YANG)
        page.get_by_role("button", name="Save bookends").click()
        for text, spectrum in ALTERNATIVES:
            page.get_by_label("Alternative", exact=True).fill(text)
            page.get_by_label(re.compile("^Place on the spectrum")).fill(str(spectrum))
            page.get_by_role("button", name="Add alternative").click()
            expect(page.get_by_text(re.compile(r"Option [A-E] added"))).to_be_visible()
        expect(page.get_by_text("5 of at least 5")).to_be_visible()
        # A duplicate is refused with a clear message.
        page.get_by_label("Alternative", exact=True).fill(OPTION_B.lower())
        page.get_by_role("button", name="Add alternative").click()
        expect(page.get_by_text(re.compile("is already option B"))).to_be_visible()

        # Sleep on it; choosing now is refused with the time it ends.
        page.get_by_role("button", name="Sleep on it").click()
        expect(page.get_by_text("Sleeping on it until Tue 24 Nov, 07:30").first).to_be_visible()
        page.goto(page.url.split("#")[0] + "review/")
        expect(page.get_by_role("heading", name="Sleeping on it until Tue 07:30")).to_be_visible()

        # First thing next morning: the agenda says so; review and choose B.
        clock.move_to(TUESDAY_MORNING)
        page.goto(f"{base}/")
        page.get_by_role("link", name=f"Review first thing: {GOAL}").click()
        page.get_by_role("button", name="Show me the pictogram").click()
        expect(page.get_by_role("img", name=re.compile("Decision pictogram"))).to_be_visible()
        page.get_by_role("button", name=f"Choose option B: {OPTION_B}").click()
        expect(page.get_by_text(re.compile(r"You chose option B in \d+ seconds?"))).to_be_visible()

        # The action initiative while it is fresh.
        page.get_by_label("What", exact=True).fill(
            "Phone Priya: share the opportunities lost with the test group"
        )
        page.get_by_label("By when", exact=True).fill("2026-11-25")
        page.get_by_role("button", name="Add action").click()
        expect(
            page.get_by_text("Action “Phone Priya: share the opportunities lost")
        ).to_be_visible()

        pictogram = page.locator("#pictogram .op-pictogram svg")
        expect(pictogram).to_have_attribute("data-chosen", "B")
        page.locator("#pictogram").scroll_into_view_if_needed()
        page.locator("#pictogram").screenshot(path=shots / "options-pictogram.png")
        page.screenshot(path=shots / "options-decision.png", full_page=True)

    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
