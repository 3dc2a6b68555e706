"""``headway import FILE --workspace SLUG --as EMAIL --kind accounts|contacts|deals`` — the
CSV import from the command line, on the same engine as (later) the web wizard.

A dry run by default: it lists every bad row and what a commit would do, and writes nothing.
``--commit`` writes every row in one transaction, or none when a row is bad. Exit status 1 when
rows are bad, so a script can stop there.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.errors import NotFound
from headway.transfer import engine, mappings, reading
from headway.workspaces import services
from headway.workspaces.models import Membership, User, Workspace

MAX_ERRORS_SHOWN = 200


class Command(BaseCommand):
    help = "Import accounts, contacts or deals from a CSV file (a dry run unless --commit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV file (UTF-8, UTF-16 or Windows-1252).")
        parser.add_argument("--workspace", required=True, help="Workspace slug.")
        parser.add_argument(
            "--as",
            dest="email",
            required=True,
            help="E-mail of the manager or admin the import is recorded as.",
        )
        parser.add_argument("--kind", required=True, choices=mappings.KINDS)
        parser.add_argument("--preset", default="generic", choices=sorted(mappings.PRESETS))
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="TARGET=COLUMN",
            help="Read TARGET from the file's COLUMN (repeatable; TARGET= unmaps it).",
        )
        parser.add_argument(
            "--commit", action="store_true", help="Write the rows (default: a dry run)."
        )
        parser.add_argument(
            "--max-mb", type=float, default=reading.MAX_BYTES / 2**20, help="Size limit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        membership = self._membership(options["email"], options["workspace"])
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        overrides = {}
        for item in options["map"]:
            target, sep, column = item.partition("=")
            if not sep:
                raise CommandError(f"--map takes TARGET=COLUMN, e.g. name='Company'; got {item!r}.")
            overrides[target.strip()] = column.strip()
        try:
            table = reading.read(data, max_bytes=int(options["max_mb"] * 2**20))
            mapping = mappings.resolve(
                table, kind=options["kind"], preset=options["preset"], overrides=overrides
            )
        except ValueError as exc:  # FileRefused or a mapping the file cannot take
            raise CommandError(str(exc)) from None
        self.stderr.write(
            f"{path.name}: {len(table.rows)} rows, {table.encoding}, "
            f"separated by {_delimiter_name(table.delimiter)}; columns: "
            + ", ".join(f"{t} ← {c}" for t, c in mapping.columns.items())
        )
        started = time.monotonic()
        try:
            report = engine.run(
                membership=membership,
                table=table,
                mapping=mapping,
                commit=options["commit"],
                progress=self._progress(started),
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self._finish_progress()
        self._report(report, commit=options["commit"], seconds=time.monotonic() - started)
        if not report.ok:
            sys.exit(1)

    # --- output ---------------------------------------------------------------------------------

    def _progress(self, started: float) -> engine.Progress:
        interactive = self.stderr.isatty()

        def say(stage: str, done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-6)
            line = f"{stage} {done}/{total} rows ({rate:,.0f} rows/s)"
            if interactive:
                self.stderr.write("\r" + line, ending="")
            else:
                self.stderr.write(line)

        return say

    def _finish_progress(self) -> None:
        if self.stderr.isatty():
            self.stderr.write("")

    def _report(self, report: engine.Report, *, commit: bool, seconds: float) -> None:
        for error in report.errors[:MAX_ERRORS_SHOWN]:
            where = f"row {error.row}" + (f", column '{error.column}'" if error.column else "")
            value = f" ({error.value!r})" if error.value else ""
            self.stdout.write(f"{where}{value}: {error.message}")
        if len(report.errors) > MAX_ERRORS_SHOWN:
            self.stdout.write(f"… and {len(report.errors) - MAX_ERRORS_SHOWN} more bad rows.")
        for owner, rows in report.unknown_owners.items():
            shown = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            self.stdout.write(
                f"Unknown owner {owner!r} (rows {shown}): no member has this e-mail; "
                "those rows get no owner. Invite them first to keep their ownership."
            )
        counts = f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged"
        if not report.ok:
            self.stdout.write(
                f"{len(report.errors)} bad rows: nothing was written. Fix them and run again."
            )
        elif report.committed:
            self.stdout.write(f"Imported {report.kind}: {counts} ({seconds:.1f} s).")
        else:
            self.stdout.write(
                f"Dry run, nothing written. A commit would do: {counts}. Run again with --commit."
            )

    # --- lookups ----------------------------------------------------------------------------

    def _membership(self, email: str, slug: str) -> Membership:
        workspace = Workspace.objects.filter(slug=slug.strip()).first()
        if workspace is None:
            raise CommandError(f"No workspace with the slug {slug!r}.")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        try:
            return services.membership_for(user=user, workspace_id=workspace.pk)
        except NotFound:
            raise CommandError(f"{user.email} is not a member of {workspace.slug!r}.") from None


def _delimiter_name(delimiter: str) -> str:
    return {",": "commas", ";": "semicolons", "\t": "tabs"}.get(delimiter, repr(delimiter))
