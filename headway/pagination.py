"""Pagination without COUNT(*): fetch one row more than the page to know if a next page exists.

Counting a whole table to print "page 3 of 4,000" is what makes other CRMs slow at scale; a
list shows previous / next and the range of rows on screen instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

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
