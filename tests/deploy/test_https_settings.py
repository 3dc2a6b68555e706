"""HTTPS deployment is configured from the environment (docs/operations.md): the public address
HEADWAY_BASE_URL decides the defaults — allowed host, trusted origin for form POSTs, Secure
cookies, and the redirect to HTTPS once SECURE_PROXY_SSL_HEADER says how to tell an HTTPS
request — and each Django setting can be set on its own; malformed values stop start-up
naming the variable."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured


def test_a_laptop_install_stays_on_plain_http(settings_from_env: Any) -> None:
    s = settings_from_env()
    assert s["HEADWAY_BASE_URL"] == "http://127.0.0.1:8000"
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SECURE_PROXY_SSL_HEADER"] is None
    assert s["SECURE_HSTS_SECONDS"] == 0
    assert s["SESSION_COOKIE_SECURE"] is False and s["CSRF_COOKIE_SECURE"] is False
    assert s["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["http://127.0.0.1:8000"]


def test_an_https_address_behind_a_tls_proxy(settings_from_env: Any) -> None:
    s = settings_from_env(
        HEADWAY_BASE_URL="https://crm.example.com/",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
    )
    assert s["HEADWAY_BASE_URL"] == "https://crm.example.com"
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$"]
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert "crm.example.com" in s["ALLOWED_HOSTS"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://crm.example.com"]


def test_without_the_proxy_header_there_is_no_redirect_that_would_loop(
    settings_from_env: Any,
) -> None:
    """Behind a TLS proxy the app sees plain HTTP: redirecting it to HTTPS, unable to tell
    the proxy's HTTPS requests apart, would redirect forever."""
    s = settings_from_env(HEADWAY_BASE_URL="https://crm.example.com")
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SESSION_COOKIE_SECURE"] is True


def test_each_setting_can_be_set_on_its_own(settings_from_env: Any) -> None:
    s = settings_from_env(
        HEADWAY_BASE_URL="https://crm.example.com:8443",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Ssl: on",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="yes",
        CSRF_COOKIE_SECURE="0",
        CSRF_TRUSTED_ORIGINS="https://other.example.com, https://crm.example.com:8443",
        ALLOWED_HOSTS="crm.example.com",
        USE_X_FORWARDED_HOST="true",
    )
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_SSL", "on")
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SECURE_HSTS_SECONDS"] == 31536000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and s["SECURE_HSTS_PRELOAD"] is True
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is False
    assert s["CSRF_TRUSTED_ORIGINS"] == [
        "https://other.example.com",
        "https://crm.example.com:8443",
    ]
    assert s["ALLOWED_HOSTS"] == ["crm.example.com"]
    assert s["USE_X_FORWARDED_HOST"] is True


def test_the_old_secure_cookies_switch_still_works(settings_from_env: Any) -> None:
    s = settings_from_env(HEADWAY_SECURE_COOKIES="true")
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True


def test_an_ipv6_base_address_is_an_allowed_host(settings_from_env: Any) -> None:
    s = settings_from_env(HEADWAY_BASE_URL="https://[2001:db8::5]:8443")
    assert "[2001:db8::5]" in s["ALLOWED_HOSTS"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://[2001:db8::5]:8443"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HEADWAY_BASE_URL", "crm.example.com"),
        ("HEADWAY_BASE_URL", "ftp://crm.example.com"),
        ("SECURE_PROXY_SSL_HEADER", "X Forwarded Proto"),
        ("SECURE_HSTS_SECONDS", "a year"),
        ("SECURE_SSL_REDIRECT", "sometimes"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(
    settings_from_env: Any, name: str, value: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=name):
        settings_from_env(**{name: value})
