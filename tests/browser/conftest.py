"""Browser tests drive Debian's Chromium through Playwright against Django's live server.

Every module here starts with ``pytestmark = pytest.mark.browser`` so `make test` can run them
separately (they need the live server and a browser, and don't mix with xdist)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("HEADWAY_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1360, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def shots() -> Path:
    """Where screenshots of the main pages go (pytest-playwright empties its own --output
    folder at start, so screenshots have their own)."""
    out = Path(os.environ.get("HEADWAY_SCREENSHOTS", "test-results/screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out
