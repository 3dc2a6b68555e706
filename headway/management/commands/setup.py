"""``headway setup``: the first run of a real install — the first admin and their workspace.

Interactive by default (it asks for what the flags do not give); ``--no-input`` for scripts,
with the password from ``HEADWAY_ADMIN_PASSWORD`` or ``--password-stdin``. It only starts an
empty install and refuses, changing nothing, on one already in use; ``--add-workspace`` adds a
workspace to an install in use (its admin an existing person, or a new one). It never creates
the demo or any of its people: that is ``headway demo``, for trying Headway.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.demo import demo_logins
from headway.errors import RuleRefused
from headway.workspaces import services
from headway.workspaces.models import User, validate_time_zone

PASSWORD_ENV = "HEADWAY_ADMIN_PASSWORD"
# The flag each service field comes from, to name it in an error.
FLAGS = {
    "email": "--email",
    "name": "--name",
    "password": "the password",
    "time_zone": "--time-zone",
    "slug": "--slug",
    "workspace_name": "--workspace",
}


class Command(BaseCommand):
    help = (
        "Start a real install: create the first admin and their workspace (only on an empty "
        "install). With --add-workspace, add a workspace to an install already in use. Asks for "
        "what the options do not give, unless --no-input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--email", default="", help="The admin's e-mail (they sign in with it)."
        )
        parser.add_argument("--name", default="", help="The admin's name, as colleagues see it.")
        parser.add_argument(
            "--workspace", default="", help="The workspace's name, e.g. Acme Sales."
        )
        parser.add_argument(
            "--slug",
            default="",
            help="Its short name for the command line (default: from the name).",
        )
        parser.add_argument(
            "--time-zone",
            default="",
            help="The admin's time zone, e.g. Europe/Paris (default UTC).",
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the admin's password from the first line of standard input.",
        )
        parser.add_argument(
            "--add-workspace",
            action="store_true",
            help="Add a workspace to an install already in use; its admin is the person with "
            "--email (made if new).",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help=f"Never prompt (for scripts): every value from the options, the password from "
            f"{PASSWORD_ENV} or --password-stdin.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Ask only on a terminal, and never when standard input carries the password.
        self.interactive = (
            bool(options["interactive"]) and not options["password_stdin"] and terminal()
        )
        if options["add_workspace"]:
            self._add_workspace(options)
        else:
            self._first_run(options)

    # --- the two paths ----------------------------------------------------------------------

    def _first_run(self, options: dict[str, Any]) -> None:
        if not services.install_is_empty():
            message = services.install_not_empty_message()
            if demo_logins():
                message += (
                    " It holds the demo, whose people share a published password: for your "
                    "team, start from an empty database instead (README: Running it for your "
                    "team)."
                )
            raise CommandError(message)
        self.stdout.write("Setting up Headway: the first admin and their workspace.")
        workspace_name = self._value(
            options["workspace"],
            "Workspace name (your company or team)",
            services.check_workspace_name,
            flag="--workspace",
        )
        email = self._value(
            options["email"], "Your e-mail (you sign in with it)", _check_email, flag="--email"
        )
        name = self._value(
            options["name"], "Your name", lambda v: v.strip(), flag="--name", required=False
        )
        time_zone = self._value(
            options["time_zone"],
            "Your time zone",
            _check_time_zone,
            flag="--time-zone",
            default="UTC",
        )
        password = self._password(options, email=email, name=name)
        try:
            membership = services.install_setup(
                email=email,
                name=name,
                password=password,
                workspace_name=workspace_name,
                slug=options["slug"],
                time_zone=time_zone,
            )
        except RuleRefused as exc:
            raise CommandError(exc.message) from None
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from None
        self._done(membership, made_person=True)

    def _add_workspace(self, options: dict[str, Any]) -> None:
        self.stdout.write("Adding a workspace to this install.")
        workspace_name = self._value(
            options["workspace"],
            "Workspace name",
            services.check_workspace_name,
            flag="--workspace",
        )
        email = self._value(
            options["email"],
            "Its admin's e-mail (someone here already, or a new person)",
            _check_email,
            flag="--email",
        )
        name = password = ""
        time_zone = "UTC"
        if not User.objects.filter(email__iexact=email).exists():
            name = self._value(
                options["name"], "Their name", lambda v: v.strip(), flag="--name", required=False
            )
            time_zone = self._value(
                options["time_zone"],
                "Their time zone",
                _check_time_zone,
                flag="--time-zone",
                default="UTC",
            )
            password = self._password(options, email=email, name=name)
        try:
            membership, made = services.workspace_add(
                workspace_name=workspace_name,
                email=email,
                slug=options["slug"],
                name=name,
                password=password,
                time_zone=time_zone,
            )
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from None
        self._done(membership, made_person=made)

    def _done(self, membership: Any, *, made_person: bool) -> None:
        workspace, user = membership.workspace, membership.user
        base = settings.HEADWAY_BASE_URL.rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the workspace “{workspace.name}” ({workspace.slug}) with "
                f"{user.email} as its admin"
                + ("" if made_person else " (an existing account: same password as before)")
                + "."
            )
        )
        self.stdout.write(
            f"Start Headway with `headway serve`, sign in at {base}/ as {user.email}, and invite "
            "your team under Members (user menu)."
        )

    # --- asking -----------------------------------------------------------------------------

    def _value(
        self,
        given: str,
        prompt: str,
        check: Callable[[str], str],
        *,
        flag: str,
        required: bool = True,
        default: str = "",
    ) -> str:
        """The option's value, checked; else asked for (until it is valid) when interactive."""
        if given or not self.interactive:
            value = given or default
            if not value and required:
                raise CommandError(
                    f"Give {flag}: there is nobody to ask (--no-input, or no terminal)."
                )
            try:
                return check(value) if value else value
            except ValidationError as exc:
                raise CommandError(f"{flag}: {' '.join(exc.messages)}") from None
        suffix = f" [{default}]" if default else ""
        while True:
            value = input(f"{prompt}{suffix}: ").strip() or default
            if not value and not required:
                return ""
            if not value:
                self.stderr.write("  Please enter a value.")
                continue
            try:
                return check(value)
            except ValidationError as exc:
                self.stderr.write("  " + " ".join(exc.messages))

    def _password(self, options: dict[str, Any], *, email: str, name: str) -> str:
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            return self._checked_password(password)
        if os.environ.get(PASSWORD_ENV):
            return self._checked_password(os.environ[PASSWORD_ENV])
        if not self.interactive:
            raise CommandError(
                f"Give the admin's password in the {PASSWORD_ENV} environment variable or on "
                "standard input with --password-stdin (never as an option: others could read "
                "it in the process list)."
            )
        from django.contrib.auth.password_validation import validate_password

        candidate = User(email=email, name=name)
        while True:
            password = getpass.getpass("Password: ")
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                self.stderr.write("  " + " ".join(exc.messages))
                continue
            if getpass.getpass("Password again: ") != password:
                self.stderr.write("  The two passwords differ; try again.")
                continue
            return password

    def _checked_password(self, password: str) -> str:
        if not password:
            raise CommandError("The password is empty.")
        return password  # its strength is checked by the service, with the person's details


def terminal() -> bool:
    """Whether there is someone to ask (a test replaces it)."""
    return sys.stdin.isatty()


def _check_email(value: str) -> str:
    from django.core.validators import validate_email

    value = value.strip().lower()
    validate_email(value)
    return value


def _check_time_zone(value: str) -> str:
    value = value.strip()
    validate_time_zone(value)
    return value


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(
            f"{FLAGS.get(field, field)}: {' '.join(messages)}"
            for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)
