"""Option Solving fixtures: the kit's API client per person (tests/kit.py), with paths relative
to the decisions API."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.kit import API, api_for_fixture

api_for = api_for_fixture(f"{API}/decisions")


@pytest.fixture(autouse=True)
def _server_time_zone():
    # The time zone middleware activates the signed-in user's zone for the thread; start and
    # end every test on the server's zone so one test's requests cannot shift another's dates.
    timezone.deactivate()
    yield
    timezone.deactivate()
