"""A request runs in the signed-in user's time zone and gives the thread its previous zone back
afterwards — after a page, after an API call, and when the view raises."""

from __future__ import annotations

import zoneinfo
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from headway.workspaces.middleware import UserTimezoneMiddleware

TOKYO = "Asia/Tokyo"
SAO_PAULO = "America/Sao_Paulo"


@pytest.fixture
def tokyo_member(world: Any) -> Any:
    world.member.time_zone = TOKYO
    world.member.save(update_fields=["time_zone"])
    return world.member


def test_a_page_for_a_user_in_another_zone_leaves_the_threads_zone_unchanged(world, tokyo_member):
    with timezone.override(SAO_PAULO):
        response = world.client_for(tokyo_member).get("/")
        assert response.status_code == 200
        assert timezone.get_current_timezone_name() == SAO_PAULO

    timezone.deactivate()
    world.client_for(tokyo_member).get("/")
    assert timezone.get_current_timezone_name() == "UTC"  # the server's zone, not Tokyo


def test_an_api_call_by_a_user_in_another_zone_leaves_the_threads_zone_unchanged(
    world, tokyo_member, api_for
):
    api = api_for(tokyo_member)
    with timezone.override(SAO_PAULO):
        assert api.get("/me").status_code == 200
        assert timezone.get_current_timezone_name() == SAO_PAULO


def _request(user: Any) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_view_runs_in_the_users_zone_and_the_previous_zone_comes_back(tokyo_member):
    seen = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse("ok")

    with timezone.override(SAO_PAULO):
        UserTimezoneMiddleware(view)(_request(tokyo_member))
        assert timezone.get_current_timezone_name() == SAO_PAULO
        UserTimezoneMiddleware(view)(_request(AnonymousUser()))
        assert timezone.get_current_timezone_name() == SAO_PAULO

    assert seen == [TOKYO, "UTC"]  # the user's zone; the server's for anyone signed out


def test_a_view_that_raises_still_gives_the_previous_zone_back(tokyo_member):
    def view(request: HttpRequest) -> HttpResponse:
        assert timezone.get_current_timezone() == zoneinfo.ZoneInfo(TOKYO)
        raise RuntimeError("boom")

    with timezone.override(SAO_PAULO):
        with pytest.raises(RuntimeError, match="boom"):
            UserTimezoneMiddleware(view)(_request(tokyo_member))
        assert timezone.get_current_timezone_name() == SAO_PAULO
