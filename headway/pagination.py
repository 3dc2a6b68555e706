"""Pagination without COUNT(*): fetch one row more than the page to know if a next page exists.

Counting a whole table to print "page 3 of 4,000" is what makes other CRMs slow at scale; a
list shows previous / next and the range of rows on screen instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

# The keyset module's ordering helpers (key resolution, NULL-safe comparisons, cursor codec)
# are shared with the API's cursor pages rather than written twice.
from headway import keyset

T = TypeVar("T")

MAX_PAGE_SIZE = 200


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)


def parse_page_number(raw: Any) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return max(1, min(number, 1_000_000))


def paginate(qs: QuerySet[Any], *, number: int, size: int) -> Page[Any]:
    size = max(1, min(size, MAX_PAGE_SIZE))
    offset = (number - 1) * size
    rows = list(qs[offset : offset + size + 1])
    return Page(items=rows[:size], number=number, size=size, has_next=len(rows) > size)


# --- keyset pages for the web lists -----------------------------------------------------------
#
# An OFFSET makes the database walk and throw away every earlier row: page 2,000 of 100,000
# accounts reads 50,000 rows. The web lists therefore link "Next" and "Previous" with a cursor —
# the sort key of the last (or first) row on screen — and the database starts right there from
# its index, at any depth. ``page`` stays in the address as the position shown ("Showing
# 51–75"); an address with ``page`` and no cursor (an old bookmark) is still served by offset.


@dataclass
class CursorPage(Page[T]):
    has_previous_rows: bool = False
    next_cursor: str | None = None
    previous_cursor: str | None = None

    @property
    def has_previous(self) -> bool:
        return self.has_previous_rows

    @property
    def previous_link_cursor(self) -> str | None:
        """No cursor back to the first page: its plain address is the first page."""
        return None if self.number <= 2 else self.previous_cursor


def _reverse(keys: list[Any]) -> list[Any]:
    return [replace(key, descending=not key.descending) for key in keys]


def paginate_request(qs: QuerySet[Any], params: Any, *, size: int) -> CursorPage[Any]:
    """One page of ``qs`` (ordered by plain fields) for a web list, from the request's
    ``page`` and ``after`` / ``before`` cursor. A cursor that does not fit (another sort, a
    tampered address) shows the first page instead of an error."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    number = parse_page_number(params.get("page"))
    keys = keyset._keys(qs)
    after, before = params.get("after"), params.get("before")
    try:
        if after:
            return _page_after(qs, keys, keyset.decode_cursor(keys, after), number, size)
        if before:
            return _page_before(qs, keys, keyset.decode_cursor(keys, before), number, size)
    except keyset.InvalidCursor:
        number = 1
    ordered = qs.order_by(*[keyset._order_by(key) for key in keys])
    offset = (number - 1) * size
    rows = keyset.ids_then_rows(qs, ordered, offset, offset + size + 1)
    return _page(keys, rows[:size], number, size, has_next=len(rows) > size, has_prev=number > 1)


def _page_after(
    qs: QuerySet[Any], keys: list[Any], values: list[Any], number: int, size: int
) -> CursorPage[Any]:
    ordered = qs.order_by(*[keyset._order_by(key) for key in keys]).filter(
        keyset.seek_condition(keys, values)
    )
    rows = keyset.ids_then_rows(qs, ordered, 0, size + 1)
    return _page(keys, rows[:size], max(number, 2), size, has_next=len(rows) > size, has_prev=True)


def _page_before(
    qs: QuerySet[Any], keys: list[Any], values: list[Any], number: int, size: int
) -> CursorPage[Any]:
    back = _reverse(keys)
    ordered = qs.order_by(*[keyset._order_by(key) for key in back]).filter(
        keyset.seek_condition(back, values)
    )
    rows = keyset.ids_then_rows(qs, ordered, 0, size + 1)
    has_prev = len(rows) > size
    items = list(reversed(rows[:size]))
    # Back at the top of the list: whatever the address said, this is page 1.
    return _page(keys, items, number if has_prev else 1, size, has_next=True, has_prev=has_prev)


def _page(
    keys: list[Any], items: list[Any], number: int, size: int, *, has_next: bool, has_prev: bool
) -> CursorPage[Any]:
    return CursorPage(
        items=items,
        number=number,
        size=size,
        has_next=has_next and bool(items),
        has_previous_rows=has_prev and bool(items),
        next_cursor=keyset.encode_cursor(keys, items[-1]) if has_next and items else None,
        previous_cursor=keyset.encode_cursor(keys, items[0]) if has_prev and items else None,
    )
