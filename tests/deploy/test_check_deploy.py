"""``headway check --deploy`` is clean with the production environment docs/operations.md gives
an operator (HTTPS behind a TLS-terminating proxy; read from the document, so the two stay in
step), run as the operator runs it: a new process, no test settings."""

from __future__ import annotations

import os
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

from tests.deploy import served

OPERATIONS = served.ROOT / "docs" / "operations.md"


def documented_environment() -> dict[str, str]:
    """The ``sh`` block after ``<!-- production-env -->`` in docs/operations.md, as a dict."""
    text = OPERATIONS.read_text()
    block = text.split("<!-- production-env -->", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    env = {}
    for line in block.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            (env[name],) = shlex.split(value)
    return env


def check_deploy(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(served.CONFIGURATION) and k not in served.CONFIGURATION_NAMES
    }
    clean.update({"HEADWAY_VAR_DIR": str(tmp_path), "SECRET_KEY": secrets.token_urlsafe(50)})
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "headway", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean,
        cwd=served.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_production_environment(
    tmp_path: Path,
) -> None:
    env = documented_environment()
    assert env["HEADWAY_BASE_URL"].startswith("https://") and "SECURE_HSTS_SECONDS" in env
    # The placeholders: a real key, and a database that exists here.
    env.update(SECRET_KEY=secrets.token_urlsafe(50), DATABASE_URL=f"sqlite:///{tmp_path}/db")
    done = check_deploy(tmp_path, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_warns_an_install_left_on_plain_http(tmp_path: Path) -> None:
    done = check_deploy(tmp_path, {})
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr
