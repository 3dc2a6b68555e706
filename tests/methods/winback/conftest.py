"""Fixtures for the win-back tests: uploads go to a throw-away folder (the clock and the API
client per person come from the kit, tests/kit.py)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
