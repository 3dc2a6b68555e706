"""Small SQL expressions that read the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db.models import DurationField, Func


class Days(Func):
    """An integer column as a number of days, usable in date arithmetic on every backend
    (PostgreSQL intervals; SQLite stores durations as microseconds), e.g.
    ``Value(now) - Days(F("cadence_days"))``."""

    template = "(%(expressions)s * INTERVAL '1 day')"
    output_field = DurationField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="(%(expressions)s * 86400000000)")
