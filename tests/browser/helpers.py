"""Shared steps for browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

# The password tests.factories.make_user gives every user.
PASSWORD = "correct-horse-battery"


def sign_in(page: Page, base: str, email: str, *, password: str = PASSWORD) -> None:
    """Sign in through the real form; lands on the agenda."""
    page.goto(f"{base}/auth/login/")
    page.get_by_label(re.compile("e-?mail", re.I)).fill(email)
    page.get_by_label(re.compile("^password", re.I)).fill(password)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).to_have_url(f"{base}/")
