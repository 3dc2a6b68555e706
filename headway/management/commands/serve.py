"""``headway serve``: the production-style web server (gunicorn, static files by whitenoise) and
the task worker side by side. Prints the URL and the demo sign-in; Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from typing import Any
from urllib.parse import SplitResult, urlsplit

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from headway.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Start the web server and the background worker (Ctrl-C stops both)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument("--no-worker", action="store_true", help="Web server only.")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"  # IPv6 in brackets
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "headway.settings"}
        env.setdefault("HEADWAY_BASE_URL", f"http://{address}")
        children: list[subprocess.Popen[bytes]] = []
        web = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable, "-m", "gunicorn", "headway.wsgi",
                "--bind", address,
                "--workers", str(options["workers"]),
                "--access-logfile", "-",
                "--graceful-timeout", "5",
                *_no_control_socket(),
            ],
            env=env,
        )  # fmt: skip
        children.append(web)
        if not options["no_worker"]:
            children.append(subprocess.Popen([sys.executable, "-m", "headway", "worker"], env=env))
        stopping = {"flag": False}

        def stop(signum: int, frame: Any) -> None:
            stopping["flag"] = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        url = f"http://{address}/"
        try:  # from here on, whatever happens, the children are stopped with us
            if self._wait_until_up(url + "healthz", web, host=urlsplit(env["HEADWAY_BASE_URL"])):
                self._announce(url)
            while not stopping["flag"] and all(c.poll() is None for c in children):
                time.sleep(0.3)
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Stopped.")

    def _announce(self, url: str) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Headway is running at {url}"))
        try:
            logins = demo_logins()
        except DatabaseError:
            self.stdout.write(self.style.WARNING("The database is not ready: run headway migrate."))
            logins = []
        if logins:
            self.stdout.write(f"Demo sign-in: {logins[0]} / {DEMO_PASSWORD}")
            self.stdout.write("  also: " + ", ".join(logins[1:]) + " (same password)")
        self.stdout.write("Press Ctrl-C to stop the web server and the worker.\n")

    def _wait_until_up(self, url: str, web: subprocess.Popen[bytes], *, host: SplitResult) -> bool:
        # As the public address, which ALLOWED_HOSTS allows (an operator's may not list 127.0.0.1).
        request = urllib.request.Request(url, headers={"Host": host.netloc})  # noqa: S310
        for _ in range(100):
            if web.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(request, timeout=1) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        return True
            except OSError:
                time.sleep(0.2)
        return False


def _no_control_socket() -> list[str]:
    """gunicorn ≥ 25 listens on a control socket at one path per OS user
    (~/.gunicorn/gunicorn.ctl): two installs served by one user would take it from each other.
    Nothing here uses it."""
    from gunicorn.config import Config

    return ["--no-control-socket"] if "control_socket_disable" in Config().settings else []
