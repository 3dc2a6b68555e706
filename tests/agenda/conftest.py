from __future__ import annotations

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _server_time_zone():
    # The time zone middleware activates the signed-in user's zone for the thread; start and
    # end every test on the server's zone so one test's requests cannot shift another's dates.
    timezone.deactivate()
    yield
    timezone.deactivate()
