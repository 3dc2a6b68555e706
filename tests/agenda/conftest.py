from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    """Noon UTC on Sunday 22 November 2026, standing still; ``clock.move_to(...)`` travels."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _server_time_zone():
    # The time zone middleware activates the signed-in user's zone for the thread; start and
    # end every test on the server's zone so one test's requests cannot shift another's dates.
    timezone.deactivate()
    yield
    timezone.deactivate()
