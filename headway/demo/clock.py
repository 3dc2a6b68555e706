"""The demo's story clock: each method's demo tells its source story through the real services,
step by step, at the moment the step happens in the story.

``with clock.at(moment):`` runs the steps of one moment with the process's clock set to it
(time-machine, the library made for this), so the services stamp rows, their defaults and their
history with the story's time — nothing is rewritten afterwards, and what the history says is
what the services recorded. ``headway demo`` is a process of its own, so moving its clock moves
nobody else's.

    clock = StoryClock(tz=liam.user.tzinfo, now=now)
    with clock.at(clock.local(clock.days_ago(1), 17, 30)):
        services.decision_start_incubation(membership=liam, decision=decision)
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine


class StoryClock:
    """The story's moments in one person's time zone, relative to the day the demo is loaded."""

    def __init__(self, *, tz: zoneinfo.ZoneInfo | dt.tzinfo, now: dt.datetime) -> None:
        self.tz = tz
        self.now = now
        self.today = now.astimezone(tz).date()

    def days_ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def local(self, day: dt.date | int, hour: int, minute: int = 0) -> dt.datetime:
        """A wall-clock time on ``day`` (a date, or so many days ago) in the person's zone, as
        UTC."""
        if isinstance(day, int):
            day = self.days_ago(day)
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz).astimezone(dt.UTC)

    @contextmanager
    def at(self, moment: dt.datetime) -> Iterator[dt.datetime]:
        """Run the enclosed steps at exactly ``moment`` (the clock stands still, so what the
        rules measure between two moments — how long a choice took — is what the story says;
        rows written in one moment keep their order by id)."""
        with time_machine.travel(moment, tick=False):
            yield moment
