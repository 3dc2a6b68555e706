"""``headway demo``: load the demo workspace (once), and say how to sign in to it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.demo import DemoConflict, load_demo


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

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
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
