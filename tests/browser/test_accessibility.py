"""WCAG 2.2 AA in real Chromium (issue 17, points 10, 11 and 13): the main pages reflow at
320 px (nothing scrolls sideways but tables and charts, inside their own boxes), axe-core finds
nothing critical or serious, focus lands somewhere sensible after each htmx update of the agenda,
Escape closes the popovers, the compact navigation says whether it is open, and a running
request shows it is working.

Screenshots of the main pages at 320, 375 and 1440 px go to ``HEADWAY_SCREENSHOTS``
(``docs/screenshots`` for the user guide) as ``a11y-<page>-<width>.png``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, Route, expect

from headway.demo import DEMO_PASSWORD
from headway.workspaces.models import Role
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_SELLER = "sofia@demo.headway.test"  # owns the Rheinwald win-back; sees a decision too
LISTS = {
    "agenda": "/",
    "accounts": "/accounts/",
    "contacts": "/contacts/",
    "deals": "/deals/",
    "interactions": "/interactions/",
    "actions": "/actions/",
    "decisions": "/decisions/",
    "winbacks": "/winbacks/",
    "reports": "/winbacks/reports/",
    "profile": "/profile/",
    "tokens": "/tokens/",
    "calendar": "/agenda/calendar/",
}


@pytest.fixture
def demo(db: None) -> None:
    from headway.demo.loader import load_demo

    load_demo()


@pytest.fixture
def seller(db: None) -> Any:
    """A small workspace for the keyboard flows: two actions due today on one account."""
    workspace = factories.make_workspace("Northwind Partners")
    user = factories.make_user("sam@northwind.test", name="Sam Seller")
    factories.make_membership(workspace, user, Role.MEMBER)
    account = factories.make_account(workspace, name="Harbour & Vale Foodstores", owner=user)
    today = timezone.localdate()
    for title in ["Phone Priya about the trial", "Send Tom the revised quote"]:
        factories.make_action(workspace, user, title=title, account=account, due_date=today)
    return user


def first_detail(page: Page, base: str, list_path: str) -> str:
    """The address of the first object listed on a list page (an account, a deal, …)."""
    page.goto(base + list_path)
    links = page.locator(f"main a[href^='{list_path}']")
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        if re.fullmatch(rf"{re.escape(list_path)}\d+/", href):
            return href
    raise AssertionError(f"no detail link on {list_path}")


def main_pages(page: Page, base: str) -> dict[str, str]:
    pages = dict(LISTS)
    pages["account"] = first_detail(page, base, "/accounts/")
    pages["deal"] = first_detail(page, base, "/deals/")
    pages["decision"] = first_detail(page, base, "/decisions/")
    pages["winback"] = first_detail(page, base, "/winbacks/")
    return pages


# The rendered size of each win-back chart's text: its font size (in viewBox units) times the
# chart's scale on screen.
CHART_TEXT_PX = """[...document.querySelectorAll("svg.wb-chart")].map(svg =>
    svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
    * parseFloat(svg.getAttribute("font-size")))"""


def scroll_width(page: Page) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


def serious_findings(page: Page) -> list[tuple[str, str, list[Any]]]:
    results = Axe().run(page).response
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in results["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def test_the_main_pages_reflow_at_320_and_375_px(
    live_server: Any, page: Page, demo: None, shots: Path
) -> None:
    base = live_server.url
    sign_in(page, base, DEMO_SELLER, password=DEMO_PASSWORD)
    pages = main_pages(page, base)
    too_wide = []
    for width in (320, 375, 1440):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(base + path)
            if width < 1440 and scroll_width(page) > width:
                too_wide.append((width, name, scroll_width(page)))
            if name in {"agenda", "account", "decision", "winback", "reports"}:
                page.screenshot(path=shots / f"a11y-{name}-{width}.png", full_page=True)
        if width == 320:
            # The win-back charts keep readable text (6 px before): their box scrolls instead.
            page.goto(base + pages["reports"])
            sizes = page.evaluate(CHART_TEXT_PX)
            assert sizes and min(sizes) >= 10, sizes
            # The top bar is one row: brand, menu button, user menu (296 px tall before).
            assert page.locator(".topbar").bounding_box()["height"] <= 64  # type: ignore[index]
    assert not too_wide, too_wide


def test_a_page_without_script_still_reflows_with_its_navigation_open(
    live_server: Any, browser: Any, seller: Any
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, seller.email)
    expect(page.locator(".nav-toggle")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts")
    ).to_be_visible()
    assert scroll_width(page) <= 320
    context.close()


def test_axe_finds_nothing_critical_or_serious_on_the_main_pages(
    live_server: Any, page: Page, demo: None
) -> None:
    base = live_server.url
    sign_in(page, base, DEMO_SELLER, password=DEMO_PASSWORD)
    pages = main_pages(page, base)
    found = {}
    for width in (1360, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(base + path)
            if findings := serious_findings(page):
                found[(width, name)] = findings
        # Open states: the compact navigation, the user menu, a snooze popover.
        page.goto(base + "/")
        if width == 320:
            page.get_by_role("button", name="Menu").click()
        page.locator("details.menu > summary").click()
        if findings := serious_findings(page):
            found[(width, "agenda, menus open")] = findings
        page.keyboard.press("Escape")
        page.locator("details.agenda-snooze > summary").first.click()
        if findings := serious_findings(page):
            found[(width, "agenda, snooze open")] = findings
    # The API reference (Swagger UI), with an operation and the Authorize dialog open.
    page.set_viewport_size({"width": 1360, "height": 900})
    page.goto(base + "/api/v1/docs")
    page.wait_for_selector(".opblock")
    if findings := serious_findings(page):
        found["api docs"] = findings
    page.locator(".opblock-summary-control").first.click()
    page.get_by_role("button", name=re.compile("Authorize")).first.click()
    expect(page.locator(".modal-ux")).to_be_visible()
    if findings := serious_findings(page):
        found["api docs, dialog open"] = findings
    assert not found, found


def test_focus_follows_done_undo_snooze_and_add_on_the_agenda(
    live_server: Any, page: Page, seller: Any
) -> None:
    sign_in(page, live_server.url, seller.email)
    today = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Today")))

    # Done (by keyboard): focus goes to the Undo button, one Enter away.
    today.get_by_role("button", name="Done: Phone Priya about the trial").focus()
    page.keyboard.press("Enter")
    undo = page.get_by_role("button", name=re.compile("^↶? ?Undo “Phone Priya about the trial”"))
    expect(undo).to_be_focused()

    # Undo: focus goes to the notice saying the item is back.
    page.keyboard.press("Enter")
    notice = page.locator(".agenda-notice")
    expect(notice).to_contain_text("back on your agenda")
    expect(notice).to_be_focused()
    expect(today.get_by_role("link", name="Phone Priya about the trial")).to_be_visible()

    # Snooze: Escape closes the popover and gives focus back to its button.
    snooze = page.locator("details.agenda-snooze").first
    snooze.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(snooze).to_have_attribute("open", "")
    page.keyboard.press("Tab")  # into the popover: "1 day"
    page.keyboard.press("Escape")
    expect(snooze).not_to_have_attribute("open", "")
    expect(snooze.locator("summary")).to_be_focused()
    # Snoozing: focus on the notice.
    page.keyboard.press("Enter")
    snooze.get_by_role("button", name="1 day").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".agenda-notice")).to_contain_text("Snoozed until")
    expect(page.locator(".agenda-notice")).to_be_focused()

    # Add: focus on the notice saying it was added.
    page.get_by_label("New action").fill("Book the tasting at Harbour & Vale")
    page.keyboard.press("Enter")
    expect(page.locator(".agenda-notice")).to_contain_text("Added")
    expect(page.locator(".agenda-notice")).to_be_focused()


def test_an_htmx_request_disables_its_buttons_and_marks_the_region_busy(
    live_server: Any, page: Page, seller: Any
) -> None:
    sign_in(page, live_server.url, seller.email)
    held: list[Route] = []
    page.route("**/agenda/done/", lambda route: held.append(route))
    button = page.get_by_role("button", name="Done: Phone Priya about the trial")
    button.click()
    page.wait_for_function(
        "document.getElementById('agenda-body').getAttribute('aria-busy') === 'true'"
    )
    expect(button).to_be_disabled()
    held[0].continue_()
    expect(page.get_by_role("button", name=re.compile("Undo “Phone Priya"))).to_be_visible()
    expect(page.locator("#agenda-body")).not_to_have_attribute("aria-busy", "true")


def test_the_user_menu_is_a_disclosure_that_escape_closes(
    live_server: Any, page: Page, seller: Any
) -> None:
    sign_in(page, live_server.url, seller.email)
    menu = page.locator("details.menu")
    summary = menu.locator("summary")
    summary.click()
    expect(menu).to_have_attribute("open", "")
    assert page.locator("[role=menu], [role=menuitem]").count() == 0
    page.get_by_role("link", name="Members").focus()
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()
    # A click elsewhere closes it too.
    summary.click()
    page.get_by_role("heading", name="Agenda").click()
    expect(menu).not_to_have_attribute("open", "")


def test_the_compact_navigation_says_whether_it_is_open_and_escape_closes_it(
    live_server: Any, page: Page, seller: Any
) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, live_server.url, seller.email)
    toggle = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Accounts")).to_be_visible()
    nav.get_by_role("link", name="Accounts").focus()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    assert scroll_width(page) <= 320
    # On a wide screen the navigation is simply there, no button.
    page.set_viewport_size({"width": 1360, "height": 800})
    expect(toggle).to_be_hidden()
    expect(nav.get_by_role("link", name="Accounts")).to_be_visible()


def contrast(a: str, b: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_focus_ring_input_borders_and_sort_headers(
    live_server: Any, page: Page, seller: Any
) -> None:
    base = live_server.url
    sign_in(page, base, seller.email)
    white = "rgb(255, 255, 255)"
    page.goto(base + "/accounts/?sort=name")
    search = page.get_by_label("Search")
    border = search.evaluate("e => getComputedStyle(e).borderTopColor")
    assert contrast(border, white) >= 3, border
    page.keyboard.press("Tab")  # the skip link, focused by keyboard
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert contrast(ring, white) >= 3, ring
    assert contrast(ring, "rgb(15, 23, 42)") >= 3, ring  # the top bar

    header = page.locator("th[aria-sort]")
    expect(header).to_have_count(1)
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert page.locator("th a[aria-sort]").count() == 0
    for link in page.locator("th a").all():
        assert link.bounding_box()["height"] >= 24  # type: ignore[index]


def test_the_pictogram_pdf_link_says_it_is_working(
    live_server: Any, page: Page, demo: None
) -> None:
    base = live_server.url
    sign_in(page, base, DEMO_SELLER, password=DEMO_PASSWORD)
    page.goto(base + first_detail(page, base, "/decisions/"))
    held: list[Route] = []
    page.route("**/pictogram.pdf*", lambda route: held.append(route))
    link = page.get_by_role("link", name="Download PDF")
    link.click()
    busy = page.locator("a[aria-busy=true]")
    expect(busy).to_have_text("Preparing the PDF…")
    assert held, "the PDF was not requested"
    with page.expect_download() as download:
        held[0].continue_()
    assert download.value.suggested_filename.endswith(".pdf")
    expect(page.get_by_role("link", name="Download PDF")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#live-status")).to_contain_text("PDF downloaded")


def test_a_snooze_popover_fits_a_phone(live_server: Any, page: Page, seller: Any) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, live_server.url, seller.email)
    page.locator("details.agenda-snooze > summary").first.click()
    panel = page.locator(".agenda-snooze-panel").first
    expect(panel).to_be_visible()
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert scroll_width(page) <= 320
