"""Keyset ("cursor") pagination: the next page starts after the last row seen, not at an offset.

An offset makes the database walk and throw away every earlier row, so page 2,000 of a big
list is slow; and rows inserted meanwhile shift the pages (a row is shown twice or never). A
keyset page filters on the sort key of the last row instead — ``WHERE (name, id) > (…)`` — which
an index answers directly, at any depth, with no ``COUNT(*)``.

Any queryset ordered by plain field paths works (``name``, ``-created_at``, ``account__name``).
A unique last key is appended when missing (``id``), so no two rows tie. Nullable keys are
ordered with NULL as the smallest value on every database (SQLite and PostgreSQL disagree by
default), and the comparison treats NULL the same way.

The cursor is opaque to clients (URL-safe base64 of JSON) and carries the ordering it was made
for: a cursor replayed against another sort is refused instead of silently skipping rows.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

T = TypeVar("T")

MAX_CURSOR_LENGTH = 2000


class InvalidCursor(ValueError):
    """The cursor is malformed or was made for another ordering of the list."""


@dataclass
class KeysetPage(Generic[T]):
    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True)
class _Key:
    path: str
    descending: bool
    field: models.Field
    nullable: bool

    @property
    def token(self) -> str:
        return ("-" if self.descending else "") + self.path


def _resolve(model: type[models.Model], path: str) -> tuple[models.Field, bool]:
    """The concrete field at the end of ``path`` and whether any step may be NULL."""
    parts = path.split("__")
    current = model
    nullable = False
    field: Any = None
    for index, part in enumerate(parts):
        field = current._meta.pk if part == "pk" else current._meta.get_field(part)
        nullable = nullable or bool(getattr(field, "null", False))
        if field.is_relation:
            if index == len(parts) - 1:
                raise TypeError(
                    f"Keyset pagination cannot order by the relation {path!r}: order by one of "
                    "its fields instead (e.g. {path}__name)."
                )
            current = field.related_model
    return field, nullable


def _keys(qs: QuerySet[Any]) -> list[_Key]:
    ordering = list(qs.query.order_by) or (
        list(qs.model._meta.ordering) if qs.query.default_ordering else []
    )
    keys: list[_Key] = []
    for item in ordering:
        if not isinstance(item, str) or item.startswith("?"):
            raise TypeError(f"Keyset pagination needs plain field orderings, not {item!r}.")
        descending = item.startswith("-")
        path = item.lstrip("-+")
        if path == "pk":
            path = qs.model._meta.pk.name
        field, nullable = _resolve(qs.model, path)
        keys.append(_Key(path, descending, field, nullable))
    pk_name = qs.model._meta.pk.name
    if not any(key.path == pk_name for key in keys):
        keys.append(_Key(pk_name, False, qs.model._meta.pk, False))
    return keys


def _order_by(key: _Key) -> str | OrderBy:
    if not key.nullable:
        return key.token
    # NULL sorts as the smallest value, the same on SQLite and PostgreSQL.
    if key.descending:
        return F(key.path).desc(nulls_last=True)
    return F(key.path).asc(nulls_first=True)


def _value_of(row: Any, path: str) -> Any:
    value = row
    for part in path.split("__"):
        value = getattr(value, part)
        if value is None:
            return None
    return value


def _encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode_value(key: _Key, raw: Any) -> Any:
    if raw is None:
        if not key.nullable:
            raise InvalidCursor("empty value for a required key")
        return None
    if isinstance(raw, str) and "\x00" in raw:
        raise InvalidCursor("NUL character")
    if not isinstance(raw, str | int | float | bool):
        raise InvalidCursor("unexpected value type")
    try:
        return key.field.to_python(raw)
    except (ValidationError, TypeError, ValueError, OverflowError):
        raise InvalidCursor("value does not fit its key") from None


class _Encoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        return str(o)


def encode_cursor(keys: list[_Key], row: Any) -> str:
    payload = {
        "o": [k.token for k in keys],
        "v": [_encode_value(_value_of(row, k.path)) for k in keys],
    }
    raw = json.dumps(payload, separators=(",", ":"), cls=_Encoder).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(keys: list[_Key], cursor: str) -> list[Any]:
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidCursor("too long")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError):
        raise InvalidCursor("not a cursor") from None
    if not isinstance(payload, dict):
        raise InvalidCursor("not a cursor")
    if payload.get("o") != [k.token for k in keys]:
        raise InvalidCursor("made for another ordering")
    values = payload.get("v")
    if not isinstance(values, list) or len(values) != len(keys):
        raise InvalidCursor("not a cursor")
    return [_decode_value(key, raw_value) for key, raw_value in zip(keys, values, strict=True)]


_NOTHING = Q(pk__in=[])


def _after(key: _Key, value: Any) -> Q:
    """Rows strictly after ``value`` on this key alone (NULL being the smallest value)."""
    if value is None:
        return _NOTHING if key.descending else Q(**{f"{key.path}__isnull": False})
    condition = Q(**{f"{key.path}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable and key.descending:
        condition |= Q(**{f"{key.path}__isnull": True})
    return condition


def _equal(key: _Key, value: Any) -> Q:
    if value is None:
        return Q(**{f"{key.path}__isnull": True})
    return Q(**{key.path: value})


def _after_row(keys: list[_Key], values: list[Any]) -> Q:
    """Lexicographic "after": k1 > v1, or k1 = v1 and (k2 > v2, or k2 = v2 and (…))."""
    condition = _after(keys[-1], values[-1])
    for key, value in zip(reversed(keys[:-1]), reversed(values[:-1]), strict=True):
        condition = _after(key, value) | (_equal(key, value) & condition)
    return condition


def seek_condition(keys: list[_Key], values: list[Any]) -> Q:
    """Rows after ``values`` in ``keys`` order, in a form an index can seek on.

    The lexicographic condition is an OR, which neither SQLite nor PostgreSQL can start an
    index scan from: they would read the list from the top and filter, so page 4,000 reads
    100,000 rows. The first key's bound as a plain range (``name >= 'K'``, always true for
    the rows wanted) lets both start the scan at the cursor."""
    condition = _after_row(keys, values)
    first, value = keys[0], values[0]
    if value is not None:
        bound = Q(**{f"{first.path}__{'lte' if first.descending else 'gte'}": value})
        if first.nullable and first.descending:
            bound |= Q(**{f"{first.path}__isnull": True})
        condition &= bound
    return condition


def ids_then_rows(qs: QuerySet[Any], ordered: QuerySet[Any], start: int, stop: int) -> list[Any]:
    """``ordered[start:stop]`` in two steps: the page's ids first, in order, from the narrowest
    query (no joins for ``select_related``), then those rows with everything the list shows.
    A list narrowed to thousands of search matches then sorts ids, not joined rows."""
    ids = list(ordered.values_list("pk", flat=True)[start:stop])
    if not ids:
        return []
    found = {row.pk: row for row in qs.filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


def keyset_page(qs: QuerySet[Any], *, size: int, cursor: str | None = None) -> KeysetPage[Any]:
    """One page of ``qs`` in its own order, after ``cursor`` (None: the first page).

    Two queries (plus the queryset's own prefetches): the ids of one row more than ``size``
    (to know whether a next page exists), then those rows (``ids_then_rows``). Raises
    :class:`InvalidCursor` for a bad cursor.
    """
    keys = _keys(qs)
    ordered = qs.order_by(*[_order_by(key) for key in keys])
    if cursor:
        ordered = ordered.filter(seek_condition(keys, decode_cursor(keys, cursor)))
    rows = ids_then_rows(qs, ordered, 0, size + 1)
    items = rows[:size]
    next_cursor = encode_cursor(keys, items[-1]) if len(rows) > size else None
    return KeysetPage(items=items, next_cursor=next_cursor)
