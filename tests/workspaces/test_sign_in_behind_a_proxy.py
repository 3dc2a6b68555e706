"""Behind a reverse proxy every request comes from the proxy's address: the per-address sign-in
limit counts the client address the operator's proxy passes (HEADWAY_CLIENT_IP_HEADER, here
X-Real-IP, or HEADWAY_TRUSTED_PROXY_COUNT — that one across real workers in
tests/deploy/test_throttling_across_workers.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "correct-horse-battery"  # tests.factories.make_user's password
PROXY = "10.0.0.2"
ADDRESS_LIMIT = 20  # settings.ACCOUNT_RATE_LIMITS["login_failed"]: 20 per address in 5 minutes


@pytest.fixture(autouse=True)
def behind_nginx(settings: Any) -> None:
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"


def sign_in(email: str, password: str, **headers: str) -> Any:
    return Client().post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=PROXY,
        **headers,
    )  # fmt: skip


def test_a_guessing_client_is_refused_and_a_colleague_behind_the_same_proxy_is_not(
    world: Any,
) -> None:
    for i in range(ADDRESS_LIMIT):
        response = sign_in(f"nobody-{i}@acme.test", "guess", HTTP_X_REAL_IP="203.0.113.5")
        assert "not correct" in response.content.decode()

    refused = sign_in("member@acme.test", PASSWORD, HTTP_X_REAL_IP="203.0.113.5")
    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.content.decode()
    # A client's own X-Forwarded-For is not what the proxy says: it changes nothing.
    spoofed = sign_in(
        "member@acme.test", PASSWORD, HTTP_X_REAL_IP="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert "Too many failed login attempts" in spoofed.content.decode()

    colleague = sign_in("member@acme.test", PASSWORD, HTTP_X_REAL_IP="198.51.100.7")
    assert colleague.status_code == 302


def test_a_request_that_bypassed_the_proxy_cannot_sign_in(world: Any) -> None:
    """No X-Real-IP: it did not come through the proxy, and has no address to count."""
    response = sign_in("member@acme.test", PASSWORD)
    assert response.status_code == 403
    assert "_auth_user_id" not in Client().session
