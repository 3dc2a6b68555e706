"""Fixtures for the win-back tests: uploads go to a throw-away folder, the clock can stand
still, and an API client per person speaks JSON with a real personal token."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from headway.workspaces.models import Membership
from headway.workspaces.services import token_create
from tests.api.conftest import ApiClient

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


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


@pytest.fixture
def clock():
    """Noon UTC on Sunday 22 November 2026, standing still; ``clock.move_to(...)`` travels."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def api_for(world: Any) -> Any:
    """``api_for(world.member)`` → an API client with a fresh token of that person."""

    def make(user: Any, workspace: Any = None) -> ApiClient:
        membership = Membership.objects.in_workspace(workspace or world.workspace).get(user=user)
        _, raw = token_create(membership=membership, name="tests")
        return ApiClient(raw)

    return make
