"""Fixtures for the win-back tests: uploads go to a throw-away folder (the clock and the API
client per person come from the kit, tests/kit.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _server_time_zone():
    # Requests activate the signed-in user's zone for the thread; start and end every test on
    # the server's zone so one test's requests cannot shift another's dates.
    timezone.deactivate()
    yield
    timezone.deactivate()
