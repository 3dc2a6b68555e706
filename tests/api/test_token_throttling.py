"""Wrong API tokens are rate-limited per client address (headway.api.throttle): after the
allowed number of wrong tokens in a minute the address gets 429 JSON with ``detail`` and
``Retry-After`` — even with a right token — while other addresses are untouched. Across real
worker processes: tests/deploy/test_throttling_across_workers.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from headway.api.errors import UNAUTHENTICATED
from headway.workspaces.services import token_create
from tests.api.conftest import membership_of

LIMIT = 3


@pytest.fixture(autouse=True)
def small_limit(settings: Any) -> None:
    settings.HEADWAY_API_TOKEN_FAILURES_PER_MINUTE = LIMIT


def me(token: str, address: str = "203.0.113.7", **headers: str) -> Any:
    return Client().get(
        "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR=address, **headers
    )


@pytest.fixture
def good_token(world: Any) -> str:
    return token_create(membership=membership_of(world, world.member), name="script")[1]


def test_after_the_allowed_wrong_tokens_the_address_gets_429_with_retry_after(
    world: Any, good_token: str, clock: Any
) -> None:
    for i in range(LIMIT):
        response = me(f"hw_wrong-{i}")
        assert response.status_code == 401
        assert response.json() == {"detail": UNAUTHENTICATED}

    refused = me("hw_wrong-again")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused["Content-Type"].startswith("application/json")
    assert "wrong API token" in refused.json()["detail"]
    assert "60 seconds" in refused.json()["detail"]
    # A right token from that address is refused too: otherwise the limit would still tell a
    # guesser which guess was right.
    assert me(good_token).status_code == 429

    clock.shift(dt.timedelta(seconds=45))
    assert me(good_token)["Retry-After"] == "15"
    clock.shift(dt.timedelta(seconds=16))
    assert me(good_token).status_code == 200


def test_another_address_is_not_refused(world: Any, good_token: str, clock: Any) -> None:
    for i in range(LIMIT):
        me(f"hw_wrong-{i}", address="203.0.113.7")
    assert me(good_token, address="203.0.113.7").status_code == 429
    assert me(good_token, address="198.51.100.2").status_code == 200
    assert me("hw_wrong", address="198.51.100.2").status_code == 401


def test_a_right_token_does_not_count_and_no_token_is_not_a_guess(
    world: Any, good_token: str, clock: Any
) -> None:
    for _ in range(3 * LIMIT):
        assert me(good_token).status_code == 200
        assert Client().get("/api/v1/me", REMOTE_ADDR="203.0.113.7").status_code == 401
    for i in range(LIMIT - 1):
        assert me(f"hw_wrong-{i}").status_code == 401
    assert me(good_token).status_code == 200


def test_behind_a_proxy_the_forwarded_client_address_is_counted(
    world: Any, good_token: str, settings: Any, clock: Any
) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"  # every request comes from the proxy
    for i in range(LIMIT):
        me(f"hw_wrong-{i}", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert me(good_token, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # A client's own X-Forwarded-For entries come before the one our proxy appends.
    spoofed = "198.51.100.9, 203.0.113.7"
    assert me(good_token, address=proxy, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    assert me(good_token, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.4").status_code == 200


def test_the_limit_can_be_switched_off(
    world: Any, good_token: str, settings: Any, clock: Any
) -> None:
    settings.HEADWAY_API_TOKEN_FAILURES_PER_MINUTE = 0
    for i in range(2 * LIMIT):
        assert me(f"hw_wrong-{i}").status_code == 401
    assert me(good_token).status_code == 200
