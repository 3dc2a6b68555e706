"""The cache — where the sign-in and API-token throttling counters live — is one all processes
share: the database cache by default, Redis when CACHE_URL or REDIS_URL points to one (only
with the redis package installed: a clear error otherwise), a per-process memory cache only
when asked for; the per-address limits count the client address the operator's proxy passes."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

DATABASE = "django.core.cache.backends.db.DatabaseCache"
REDIS = "django.core.cache.backends.redis.RedisCache"


def backend(s: dict[str, Any]) -> str:
    return str(s["CACHES"]["default"]["BACKEND"])


def test_the_default_is_the_database_cache(settings_from_env: Any) -> None:
    s = settings_from_env()
    assert backend(s) == DATABASE
    assert s["CACHES"]["default"]["LOCATION"] == "headway_cache"
    # The tests run on it too.
    assert settings.CACHES["default"]["BACKEND"] == DATABASE


def test_every_migrate_creates_the_cache_table_when_it_is_missing(db: None) -> None:
    """So `make run`, `headway setup`'s README steps and an upgrade need no createcachetable."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE headway_cache")
    assert "headway_cache" not in connection.introspection.table_names()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "headway_cache" in connection.introspection.table_names()


@pytest.fixture
def redis_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", types.ModuleType("redis"))


@pytest.mark.parametrize("name", ["REDIS_URL", "CACHE_URL"])
def test_redis_when_configured(settings_from_env: Any, redis_installed: None, name: str) -> None:
    s = settings_from_env(**{name: "redis://cache.internal:6379/1"})
    assert backend(s) == REDIS
    assert s["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_cache_url_wins_over_redis_url(settings_from_env: Any, redis_installed: None) -> None:
    s = settings_from_env(CACHE_URL="db://", REDIS_URL="redis://cache.internal:6379/1")
    assert backend(s) == DATABASE


def test_redis_without_its_package_stops_start_up_saying_what_to_install(
    settings_from_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # import redis → ImportError
    with pytest.raises(ImproperlyConfigured, match=r"REDIS_URL.*pip install"):
        settings_from_env(REDIS_URL="redis://cache.internal:6379/1")


def test_a_per_process_cache_only_when_asked_and_nothing_unknown(settings_from_env: Any) -> None:
    assert "LocMemCache" in backend(settings_from_env(CACHE_URL="locmem://"))
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        settings_from_env(CACHE_URL="memcached://127.0.0.1:11211")


def test_tests_use_the_database_cache_whatever_the_environment(
    settings_from_env: Any, redis_installed: None
) -> None:
    s = settings_from_env(HEADWAY_TESTING="1", REDIS_URL="redis://cache.internal:6379/1")
    assert backend(s) == DATABASE


def test_the_client_address_behind_a_proxy_is_configurable(settings_from_env: Any) -> None:
    s = settings_from_env()
    assert s["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert s["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] is None
    s = settings_from_env(HEADWAY_TRUSTED_PROXY_COUNT="2", HEADWAY_CLIENT_IP_HEADER="X-Real-IP")
    assert s["ALLAUTH_TRUSTED_PROXY_COUNT"] == 2
    assert s["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] == "X-Real-IP"
    assert (
        settings_from_env(HEADWAY_API_TOKEN_FAILURES_PER_MINUTE="0")[
            "HEADWAY_API_TOKEN_FAILURES_PER_MINUTE"
        ]
        == 0
    )
