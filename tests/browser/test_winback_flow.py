"""The second-place finish in real Chromium: mark a deal lost, open the win-back, work the four
asks (with a file), profile the buyer, keep in touch, watch the winner stumble, re-engage and
win — with screenshots of the win-back page, the portfolio, the agenda and the reports for
the user guide (``HEADWAY_SCREENSHOTS=docs/screenshots``)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from headway.crm.models import Stance
from headway.workspaces.models import Role
from tests import factories
from tests.browser.helpers import sign_in
from tests.methods.winback.factories import make_winback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(db: None, tmp_path: Path, settings: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    workspace = factories.make_workspace("Northwind Partners")
    seller = factories.make_user("sam@northwind.test", name="Sam Seller", time_zone="Europe/Paris")
    manager = factories.make_user("maya@northwind.test", name="Maya Manager")
    colleague = factories.make_user("leo@northwind.test", name="Leo Lead")
    factories.make_membership(workspace, seller, Role.MEMBER)
    factories.make_membership(workspace, manager, Role.MANAGER)
    factories.make_membership(workspace, colleague, Role.MEMBER)
    account = factories.make_account(workspace, name="Harbour & Vale Foodstores", owner=seller)
    for name, title, level, stance in [
        ("Priya Shah", "Head of Logistics", "management", Stance.ADVOCATE),
        ("Tom Berger", "CFO", "executive", Stance.NEUTRAL),
        ("Ines Ruiz", "Procurement lead", "operational", Stance.DETRACTOR),
    ]:
        factories.make_contact(account, name=name, title=title, level=level, stance=stance)
    deal = factories.make_deal(
        account, title="Fleet telematics", amount=Decimal("80000"), owner=seller, stage="negotiate"
    )
    # Other win-backs, so the portfolio shows a ranking.
    make_winback(
        workspace,
        colleague,
        account_name="Bramley Outfitters",
        title="Store systems",
        amount=Decimal("60000"),
        lost_to="do_nothing",
        lost_to_name="",
        lost_reasons="No budget",
    )
    make_winback(
        workspace,
        seller,
        account_name="Corbett Dairies",
        title="Cold chain sensors",
        amount=Decimal("30000"),
        lost_to_name="Initech",
        lost_reasons="Price",
    )
    return {"seller": seller, "manager": manager, "deal": deal, "account": account}


def ask_card(page: Page, words: str) -> Any:
    return page.locator("article.wb-ask", has=page.get_by_role("heading", name=re.compile(words)))


def answer(page: Page, words: str, status: str, obtained: str = "") -> None:
    card = ask_card(page, words)
    card.locator("summary").click()
    card.get_by_label("Status").select_option(label=status)
    if obtained:
        card.get_by_label("What we obtained").fill(obtained)
    card.get_by_role("button", name="Save ask").click()
    expect(page.get_by_text(f"Ask saved: {status.lower()}.")).to_be_visible()


def test_a_lost_deal_is_worked_into_a_win_back_and_won(
    live_server: Any, page: Page, story: Any, shots: Path, tmp_path: Path
) -> None:
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, base, "sam@northwind.test")

    # Lose the deal to Globex; the deal page offers a win-back.
    page.goto(f"{base}/deals/{story['deal'].pk}/")
    page.get_by_role("link", name="Mark lost…").click()
    page.get_by_label("A competitor").check()
    page.get_by_label("Name of the competitor or alternative").fill("Globex")
    page.get_by_label("Why we lost").fill("Price\nGlobex already runs their fleet cards")
    page.get_by_role("button", name="Mark lost").click()
    page.get_by_role("link", name="Open a win-back").click()

    # The form comes pre-filled from the deal.
    expect(page.get_by_label("Name of the competitor or alternative")).to_have_value("Globex")
    expect(page.get_by_label("A competitor")).to_be_checked()
    page.get_by_role("button", name="Open the win-back").click()
    expect(page.get_by_role("heading", name="Win back Harbour & Vale Foodstores")).to_be_visible()

    # The four asks: two granted (one with their scorecard attached), one declined.
    answer(
        page,
        "evaluation documentation",
        "Granted",
        "Their scorecard: lost on price, won on service.",
    )
    card = ask_card(page, "evaluation documentation")
    card.locator("summary").click()
    scorecard = tmp_path / "scorecard.csv"
    scorecard.write_text("criterion,us,globex\nprice,6,8\nservice,9,7\n")
    card.get_by_label("Attach a file").set_input_files(str(scorecard))
    card.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("“scorecard.csv” attached.")).to_be_visible()
    answer(page, "final decision criteria", "Granted", "3-year cost first, then integration.")
    answer(page, "person or team who made", "Declined")
    answer(page, "senior executives", "Asked")

    # A repeat buyer with five years on the incumbent: low likelihood, quarterly.
    profile = page.locator("#profile")
    profile.locator("summary").click()
    profile.get_by_label("Yes").check()
    profile.get_by_label("Years on the incumbent").fill("5")
    profile.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("likelihood low, a touch quarterly")).to_be_visible()
    expect(page.locator("#profile").get_by_text("▼ Low likelihood")).to_be_visible()

    # Plan a lunch and log it.
    cadence = page.locator("#cadence")
    cadence.get_by_label(re.compile("^Touch")).select_option(label="Lunch")
    cadence.get_by_label(re.compile("^Note")).fill("Lunch with Priya")
    cadence.get_by_role("button", name="Plan touch").click()
    page.locator("#cadence").get_by_label("What happened").fill("Priya: Globex support is slow")
    page.locator("#cadence").get_by_role("button", name=re.compile("done", re.I)).click()
    expect(page.get_by_text("Lunch done and logged as an interaction.")).to_be_visible()

    # The winner stumbles: a missed promise and support declining → re-engage now.
    for kind, note in [
        ("Missed promise", "Fleet-card integration promised for June, still missing"),
        ("Support declining", "Tickets open for weeks"),
    ]:
        watch = page.locator("#watch")
        watch.get_by_label(re.compile("^Signal")).select_option(label=kind)
        watch.get_by_label("What you learned").fill(note)
        watch.get_by_role("button", name="Record signal").click()
    expect(page.get_by_role("heading", name="⚑ Re-engage now")).to_be_visible()
    page.screenshot(path=shots / "winback-page.png", full_page=True)

    # The agenda says so, with a way to open a new deal.
    page.goto(f"{base}/")
    expect(
        page.get_by_role("link", name="Re-engage now: Harbour & Vale Foodstores")
    ).to_be_visible()
    page.screenshot(path=shots / "winback-agenda.png", full_page=True)

    # The portfolio ranks it with the others.
    page.goto(f"{base}/winbacks/?scope=team")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Harbour & Vale Foodstores")
    expect(rows.first).to_contain_text("⚑ Re-engage now")
    page.screenshot(path=shots / "winback-portfolio.png", full_page=True)

    # Re-engage: a new deal linked to the win-back; win it.
    rows.first.get_by_role("link", name="Win back Harbour & Vale Foodstores").click()
    page.get_by_role("link", name="Open a new deal").first.click()
    page.get_by_label("New deal title").fill("Fleet telematics, take two")
    page.get_by_role("button", name="Open the new deal").click()
    expect(
        page.get_by_role("heading", name=re.compile("Fleet telematics, take two"))
    ).to_be_visible()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Stage").select_option(label="Won")
    page.get_by_role("button", name=re.compile("save", re.I)).click()
    page.goto(f"{base}/winbacks/?scope=team")
    expect(page.locator("table.list tbody tr")).to_have_count(2)

    # The reports, as the manager sees them.
    page.context.clear_cookies()
    sign_in(page, base, "maya@northwind.test")
    page.goto(f"{base}/winbacks/reports/")
    expect(
        page.get_by_role("img", name="Lost deals by what the customer chose instead")
    ).to_be_visible()
    expect(page.locator(".wb-stat-value").first).to_have_text("67%")
    page.screenshot(path=shots / "winback-reports.png", full_page=True)

    assert not errors, errors
