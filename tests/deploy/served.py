"""A real install served by a real ``headway serve`` (gunicorn, several worker processes), for
tests of what only holds across processes: a fresh database made by the install's own commands
(``migrate``, ``setup``, ``token create``) — a file SQLite database, or a new database on the
test PostgreSQL server when ``DATABASE_URL`` points to one — and a tiny HTTP client that can
play the reverse proxy (Host, X-Forwarded-For, X-Forwarded-Proto) and tells which worker
process answered each request (from gunicorn's access log, ``%(p)s``)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-e2e-secret-9"
ADMIN = "ada@team.test"
SECOND = "sam@team.test"
WORKSPACE = "team"
LOGIN = "/auth/login/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def headway(env: dict[str, str], *commands: list[str]) -> list[str]:
    """Run ``headway …`` commands side by side, as an operator would; their standard outputs."""
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "headway", *args],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    outputs = []
    for args, process in zip(commands, running, strict=True):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, f"headway {' '.join(args)}:\n{out}\n{err}"
        outputs.append(out)
    return outputs


# What the operator's environment may set and the served install must not inherit.
SETTINGS = ("HEADWAY_", "SECURE_", "SESSION_COOKIE_", "CSRF_")
CONFIGURATION = (*SETTINGS, "DJANGO_", "PYTEST")
CONFIGURATION_NAMES = {"CACHE_URL", "REDIS_URL", "ALLOWED_HOSTS", "USE_X_FORWARDED_HOST"}


def base_env(var_dir: Path) -> dict[str, str]:
    """The test run's environment less any Headway configuration, plus a data folder and a key
    of the install's own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(CONFIGURATION) and k not in CONFIGURATION_NAMES
    }
    env.update(
        HEADWAY_TESTING="1",  # the fast password hasher and plain static files, nothing else
        HEADWAY_VAR_DIR=str(var_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    return env


@contextlib.contextmanager
def fresh_database(var_dir: Path) -> Iterator[str]:
    """A DATABASE_URL for a database nobody has used: SQLite in ``var_dir``, or a new database
    on the PostgreSQL server the tests run against (dropped afterwards)."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        yield f"sqlite:///{var_dir / 'headway.sqlite3'}"
        return
    name = f"headway_served_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Install:
    env: dict[str, str]
    token: str


def migrate(env: dict[str, str]) -> None:
    headway(env, ["migrate", "--noinput", "-v0"])


def set_up(env: dict[str, str]) -> Install:
    """On a migrated database: the first admin and workspace, a second person, and an API
    token — with the install's own commands, as its README says."""
    env = {**env, "HEADWAY_ADMIN_PASSWORD": PASSWORD}
    first = ["--email", ADMIN, "--name", "Ada Admin", "--workspace", "Team", "--slug", WORKSPACE]
    second = ["--email", SECOND, "--name", "Sam Second", "--workspace", "Second", "--slug", "two"]
    headway(env, ["setup", "--no-input", *first])
    _, token = headway(
        env,
        ["setup", "--no-input", "--add-workspace", *second],
        ["token", "create", "--email", ADMIN, "--workspace", WORKSPACE, "--name", "e2e"],
    )
    token = token.strip()
    return Install(env=env, token=token)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str
    pid: str = ""

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Server:
    """A running ``headway serve``; :meth:`request` makes one request on a new connection."""

    port: int
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)
    _probe: int = 0

    def _read_log(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)

    def connect(self) -> http.client.HTTPConnection:
        """An open connection with no request on it yet: the worker that accepted it waits
        for its request (a sync worker serves one connection at a time), so the next new
        connection goes to another worker."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        conn.connect()
        return conn

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
        conn: http.client.HTTPConnection | None = None,
    ) -> Response:
        """One request, on ``conn`` (from :meth:`connect`) or a new connection; the response
        says which worker process answered (``pid``)."""
        self._probe += 1
        probe = f"probe={self._probe}-{uuid.uuid4().hex[:6]}"
        path = f"{path}{'&' if '?' in path else '?'}{probe}"
        sent = dict(headers or {})
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if json_body is not None:
            body = json.dumps(json_body)
            sent["Content-Type"] = "application/json"
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read().decode())
        finally:
            conn.close()
        response.pid = self._pid_of(probe)
        return response

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("headway serve stopped:\n" + "".join(self.log))
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        raise AssertionError("headway serve did not answer /healthz in time:\n" + "".join(self.log))

    def _pid_of(self, probe: str) -> str:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for line in reversed(self.log):
                if probe in line:
                    return line.split(" ", 1)[0]
            time.sleep(0.01)
        raise AssertionError(f"no access-log line for {probe}:\n{''.join(self.log[-20:])}")


@contextlib.contextmanager
def serve(env: dict[str, str], *, workers: int = 2, wait: bool = True) -> Iterator[Server]:
    """``headway serve`` on a free port (the web workers only), ready when /healthz answers
    (``wait=False``: call :meth:`Server.wait_until_ready` yourself, e.g. after preparing the
    database meanwhile); always stopped, with its whole process group."""
    port = free_port()
    env = {
        **env,
        # Which worker answered: its pid starts each access-log line (gunicorn reads this).
        "GUNICORN_CMD_ARGS": "--access-logformat '%(p)s \"%(r)s\" %(s)s'",
        "PYTHONUNBUFFERED": "1",
    }
    command = ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(
        [sys.executable, "-m", "headway", *command, "--no-worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    server = Server(port=port, process=process)
    threading.Thread(target=server._read_log, daemon=True).start()
    try:
        if wait:
            server.wait_until_ready()
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


# --- signing in like a browser ------------------------------------------------------------------

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def cookies_of(response: Response) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for value in response.headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(server: Server, email: str, password: str, **headers: str) -> Response:
    """The sign-in page, then its form posted with the page's CSRF token and cookie (each on a
    new connection, so either may land on any worker)."""
    return sign_in_form(server, email, password, **headers)(conn=None)


def on_each_worker(server: Server, send: Any) -> list[Response]:
    """``send(conn=…)`` twice, answered by two different workers: the first request goes on a
    connection opened (and so held by one worker) before the second's, which another worker
    must take. Retried if both still landed on one process (a worker slow to accept)."""
    for _ in range(5):
        held = server.connect()
        time.sleep(0.05)  # let a worker accept the held connection
        other = send(conn=None)
        first = send(conn=held)
        if first.pid != other.pid:
            return [first, other]
    raise AssertionError("could not reach two workers")


def sign_in_form(server: Server, email: str, password: str, **headers: str) -> Any:
    """The sign-in page (on any worker); returns ``post(conn=…)`` that posts its form."""
    page = server.request("GET", LOGIN, headers=headers)
    assert page.status == 200, (page.status, page.body[:500])
    match = CSRF_INPUT.search(page.body)
    assert match, page.body[:500]
    form = {"login": email, "password": password, "csrfmiddlewaretoken": match.group(1)}
    cookies = cookies_of(page)

    def post(conn: http.client.HTTPConnection | None) -> Response:
        return server.request("POST", LOGIN, form=form, headers=headers, cookies=cookies, conn=conn)

    return post


def outcome(response: Response) -> str:
    """``signed in``, ``refused`` (throttled), ``wrong`` (a wrong password) — or the status."""
    if response.status == 302 and response.header("Location") == "/":
        return "signed in"
    if response.status == 200 and "Too many failed login attempts" in response.body:
        return "refused"
    if response.status == 200 and "not correct" in response.body:
        return "wrong"
    return f"HTTP {response.status}"


def wait_for(predicate: Any, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
