"""One fresh install per test run (per xdist worker), served by two real multi-worker
``headway serve`` processes: ``plain_server`` as on a laptop or behind a plain-HTTP proxy,
``https_server`` behind a TLS-terminating proxy (which the tests play). Both share the
install's database — and so its cache: each test uses client addresses and people of its own."""

from __future__ import annotations

import contextlib
import os
import runpy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.deploy import served

PUBLIC = "crm.example.test"
# The limit for wrong API tokens in these servers (the default is 20): fewer requests.
API_TOKEN_FAILURES = 5


@dataclass
class Deployment:
    install: served.Install
    plain: served.Server
    https: served.Server


@pytest.fixture(scope="package")
def deployment(tmp_path_factory: Any) -> Iterator[Deployment]:
    var_dir = tmp_path_factory.mktemp("served")
    with served.fresh_database(var_dir) as url, contextlib.ExitStack() as stack:
        env = {**served.base_env(var_dir), "DATABASE_URL": url}
        plain = {
            **env,
            "HEADWAY_TRUSTED_PROXY_COUNT": "1",
            "HEADWAY_API_TOKEN_FAILURES_PER_MINUTE": str(API_TOKEN_FAILURES),
        }
        # The environment docs/operations.md gives an operator behind a TLS-terminating proxy.
        https = {
            **env,
            "HEADWAY_BASE_URL": f"https://{PUBLIC}",
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
            "SECURE_HSTS_SECONDS": "3600",
            "HEADWAY_TRUSTED_PROXY_COUNT": "1",
            # The proxy is another machine, as in most deployments: gunicorn itself trusts
            # X-Forwarded-Proto only from these addresses (loopback by default), so here only
            # the app's own setting can tell an HTTPS request.
            "FORWARDED_ALLOW_IPS": "192.0.2.1",
        }
        # Prepared before any server connects (a writer and a new connection switching SQLite
        # to WAL wait on each other for seconds); the two servers then start side by side.
        served.migrate(env)
        install = served.set_up(env)
        servers = [stack.enter_context(served.serve(e, wait=False)) for e in (plain, https)]
        for server in servers:
            server.wait_until_ready()
        yield Deployment(install, *servers)


@pytest.fixture
def install(deployment: Deployment) -> served.Install:
    return deployment.install


@pytest.fixture
def plain_server(deployment: Deployment) -> served.Server:
    return deployment.plain


@pytest.fixture
def https_server(deployment: Deployment) -> served.Server:
    return deployment.https


@pytest.fixture
def settings_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Any:
    """``settings_from_env(NAME=value, …)``: headway/settings.py run afresh (not the loaded
    settings) in an environment holding only those Headway variables, as a dict."""

    def load(**env: str) -> dict[str, Any]:
        for name in list(os.environ):
            if name.startswith(served.SETTINGS) or name in served.CONFIGURATION_NAMES:
                monkeypatch.delenv(name)
        monkeypatch.setenv("HEADWAY_VAR_DIR", str(tmp_path))
        monkeypatch.setenv("SECRET_KEY", "x" * 50)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(served.ROOT / "headway" / "settings.py"))

    return load
