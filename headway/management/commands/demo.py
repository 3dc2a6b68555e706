"""``headway demo``: load the demo workspace (once), and say how to sign in to it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.demo import DemoConflict, load_demo, set_up_for_a_team

TEAM_INSTALL = (
    "This install was set up for a team (it has people and workspaces of its own), so the demo "
    "is not loaded here: its people share a published password. To try the demo, give it a "
    "database of its own, e.g. `HEADWAY_VAR_DIR=var/demo make run`."
)


class Command(BaseCommand):
    help = (
        "Load the demo workspace (Northwind Partners) with believable accounts, contacts, "
        "deals, interactions and actions. Running it again changes nothing; --reset deletes "
        "the demo workspace (and only it) and loads it afresh."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo workspace and load it again (other workspaces are untouched).",
        )
        parser.add_argument(
            "--skip-on-team-install",
            action="store_true",
            help="On an install set up for a team, say so and load nothing instead of failing "
            "(`make run` passes it).",
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        if set_up_for_a_team():
            if options.get("skip_on_team_install"):
                self.stdout.write(
                    "This install was set up for a team: the demo is not loaded (`headway demo` "
                    "says why)."
                )
                return
            raise CommandError(TEAM_INSTALL)
        try:
            result = load_demo(reset=reset)
        except DemoConflict as exc:
            raise CommandError(str(exc)) from exc
        counts = result.counts
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the demo workspace “{result.workspace.name}”: "
                    f"{counts['accounts']} accounts, {counts['contacts']} contacts, "
                    f"{counts['deals']} deals, {counts['interactions']} interactions, "
                    f"{counts['actions']} actions."
                )
            )
        else:
            self.stdout.write(
                f"The demo workspace “{result.workspace.name}” is already loaded; nothing "
                "changed. Use `headway demo --reset` to load it afresh."
            )
        self.stdout.write(f"Sign in with any of these (password for all: {result.password}):")
        width = max(len(p.email) for p in result.people)
        for person in result.people:
            self.stdout.write(f"  {person.email:<{width}}  {person.name} ({person.role})")
