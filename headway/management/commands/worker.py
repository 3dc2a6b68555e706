"""``headway worker``: the background task worker plus Headway's periodic jobs.

Runs django-tasks-db's database worker (``db_worker``) as a child process, and in this process
calls each function in ``settings.HEADWAY_PERIODIC_TASKS`` every N seconds (e.g. enqueueing the
morning digests that are due). SIGINT / SIGTERM stop both.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Run the background task worker and the periodic jobs (digest e-mails)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run each periodic job once, drain the queue, and exit (for cron or tests).",
        )

    def handle(self, *args: Any, once: bool = False, **options: Any) -> None:
        jobs = [(import_string(path), every) for path, every in settings.HEADWAY_PERIODIC_TASKS]
        if once:
            for job, _every in jobs:
                job()
            subprocess.run([sys.executable, "-m", "headway", "db_worker", "--batch"], check=True)
            return

        child = subprocess.Popen([sys.executable, "-m", "headway", "db_worker", "--interval", "1"])
        stopping = {"flag": False}

        def stop(signum: int, frame: Any) -> None:
            stopping["flag"] = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Worker started (periodic jobs: {len(jobs)}).")
        next_run = {i: 0.0 for i in range(len(jobs))}
        try:
            while not stopping["flag"] and child.poll() is None:
                now = time.monotonic()
                for i, (job, every) in enumerate(jobs):
                    if now >= next_run[i]:
                        try:
                            job()
                        except Exception as exc:  # a failing job must not stop the worker
                            self.stderr.write(f"Periodic job {job.__name__} failed: {exc!r}")
                        finally:
                            close_old_connections()
                        next_run[i] = now + every
                time.sleep(0.5)
        finally:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Worker stopped.")
