"""Bulk writes for generated data: many rows per statement, ids assigned up front.

``Model.objects.bulk_create`` builds a model instance per row and asks the database for ids
back; at millions of rows that bookkeeping is most of the time. The writer takes plain tuples
instead, assigns ids itself (so related rows can point at each other before anything is
written), and sends them with ``executemany`` on SQLite and ``COPY … FROM STDIN`` on
PostgreSQL. Triggers still fire (SQLite's search index stays in sync), foreign keys are still
checked.

Ids are reserved from the table's current maximum, so a generation run must not share the
database with other writers; on PostgreSQL each table is locked against writes while a batch
is written and its identity sequence is moved past the new rows afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models

Converter = Callable[[Any], Any]


def _sqlite_datetime(value: Any) -> Any:
    # Django stores SQLite datetimes as naive UTC text "YYYY-MM-DD HH:MM:SS[.ffffff]".
    if value is None:
        return None
    if value.utcoffset():
        value = value.astimezone(dt.UTC)
    return str(value.replace(tzinfo=None))


def _sqlite_date(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _to_str(value: Any) -> Any:
    return None if value is None else str(value)


def _to_json(value: Any) -> Any:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class BulkWriter:
    """Writes rows of any model in large batches; see the module docstring."""

    def __init__(self, batch_size: int = 5000) -> None:
        self.vendor = connection.vendor
        self.batch_size = batch_size
        self.rows_written = 0
        self._next_id: dict[type[models.Model], int] = {}
        self._locked: set[str] = set()

    # --- ids ------------------------------------------------------------------------------

    def reserve_ids(self, model: type[models.Model], n: int) -> range:
        """``n`` fresh primary keys for ``model``, above every id already in the table."""
        if model not in self._next_id:
            self._lock(model)
            table = model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT MAX("id") FROM "{table}"')  # noqa: S608 - our table name
                (current,) = cursor.fetchone()
            self._next_id[model] = (current or 0) + 1
        start = self._next_id[model]
        self._next_id[model] = start + n
        return range(start, start + n)

    def finish(self) -> None:
        """Move PostgreSQL's identity sequences past the ids written (SQLite's AUTOINCREMENT
        follows explicit ids by itself). Call before the transaction ends."""
        if self.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in self._next_id:
                    table = model._meta.db_table
                    highest = f'SELECT MAX("id") FROM "{table}"'  # noqa: S608 - our table
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(({highest}), 1))",
                        [table],
                    )
        self._next_id.clear()
        self._locked.clear()

    def _lock(self, model: type[models.Model]) -> None:
        table = model._meta.db_table
        if self.vendor == "postgresql" and table not in self._locked:
            with connection.cursor() as cursor:
                # Readers go on; other writers wait until this batch commits.
                cursor.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
            self._locked.add(table)

    # --- rows ------------------------------------------------------------------------------

    def insert(
        self, model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Insert ``rows`` (tuples in the order of ``fields``, attribute names such as
        ``account_id``) into ``model``'s table. Values are Python values: aware datetimes,
        dates, Decimals, dicts/lists for JSON fields. Returns the number of rows."""
        self._lock(model)
        columns = [_concrete(model, f).column for f in fields]
        converters = self._converters(model, fields)
        table = model._meta.db_table
        quoted = ", ".join(f'"{c}"' for c in columns)
        written = 0
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= self.batch_size:
                written += self._send(table, quoted, len(columns), converters, batch)
                batch = []
        if batch:
            written += self._send(table, quoted, len(columns), converters, batch)
        self.rows_written += written
        return written

    def _converters(
        self, model: type[models.Model], fields: Sequence[str]
    ) -> list[tuple[int, Converter]]:
        out: list[tuple[int, Converter]] = []
        for index, name in enumerate(fields):
            kind = _concrete(model, name).get_internal_type()
            if kind == "JSONField":
                out.append((index, _to_json))
            elif self.vendor != "sqlite":
                continue
            elif kind == "DateTimeField":
                out.append((index, _sqlite_datetime))
            elif kind == "DateField":
                out.append((index, _sqlite_date))
            elif kind in ("DecimalField", "TimeField"):
                out.append((index, _to_str))
        return out

    def _send(
        self,
        table: str,
        quoted: str,
        width: int,
        converters: list[tuple[int, Converter]],
        batch: list[Sequence[Any]],
    ) -> int:
        if converters:
            converted: list[Sequence[Any]] = []
            for row in batch:
                values = list(row)
                for index, convert in converters:
                    values[index] = convert(values[index])
                converted.append(values)
            batch = converted
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * width)
                cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', batch)  # noqa: S608
        return len(batch)


def _concrete(model: type[models.Model], attname: str) -> models.Field:
    """The concrete field written as ``attname`` (``account_id`` → the ``account`` key)."""
    for field in model._meta.concrete_fields:
        if attname in (field.attname, field.name):
            return field
    raise ValueError(f"{model.__name__} has no column {attname!r}.")


def decimal(value: int | float | str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
