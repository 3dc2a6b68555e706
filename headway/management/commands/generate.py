"""``headway generate --accounts N --seed S``: a synthetic workspace for benchmarks and trials."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.generate.run import DEFAULT_PASSWORD, GenerateConflict, generate_workspace


class Command(BaseCommand):
    help = (
        "Generate a realistic synthetic workspace: N accounts with contacts, deals won and "
        "lost, three years of interactions, actions and history, sellers and managers who can "
        "sign in, and every module's rows. Deterministic for a given seed and day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--accounts", type=int, required=True, help="How many accounts.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Generate as if today were this date (YYYY-MM-DD); default: today (UTC).",
        )
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Everyone's password.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete this size and seed's workspace first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size = options["accounts"]
        if size < 1:
            raise CommandError("--accounts must be at least 1.")
        today = options["today"]
        if isinstance(today, str):  # call_command() passes options as given
            today = dt.date.fromisoformat(today)
        now = dt.datetime.combine(today, dt.time(0), tzinfo=dt.UTC) if today else None
        try:
            result = generate_workspace(
                size=size,
                seed=options["seed"],
                now=now,
                password=options["password"],
                reset=options["reset"],
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except GenerateConflict as exc:
            raise CommandError(str(exc)) from exc
        counts = ", ".join(f"{n:,} {what}" for what, n in result.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated “{result.workspace.name}”: {counts}. {result.rows:,} rows in "
                f"{result.seconds:.1f} s = {result.rows_per_second:,.0f} rows/s "
                f"(statistics refreshed in {result.analyze_seconds:.1f} s more)."
            )
        )
        self.stdout.write(f"Sign in with any of these (password for all: {result.password}):")
        self.stdout.write(f"  {result.admin_email}  (admin)")
        self.stdout.write(
            f"  {result.manager_emails[0]} … {result.manager_emails[-1]}  "
            f"({len(result.manager_emails)} managers)"
        )
        self.stdout.write(
            f"  {result.seller_emails[0]} … {result.seller_emails[-1]}  "
            f"({len(result.seller_emails)} sellers, about 250 accounts each)"
        )
