"""Building blocks every module's API schemas share: safe text types, references, paging.

They live here rather than in ``headway.api`` because module ``schemas.py`` / ``api.py`` files
(``crm``, ``workspaces``, the method apps) must not import the API package that assembles them.

- Text types reject the NUL character (PostgreSQL refuses it; SQLite would store it) and carry
  the model's maximum length, so a bad payload is a 422 on its field, never a 500.
- :data:`Day` / :data:`Moment` are dates and times people enter, in the range of
  :mod:`headway.dates` (checked here with its message, stated in the document as a ``pattern``
  on the year); the services' model validators hold the same range for every door.
- :class:`Ref` / :class:`UserRef` are the minimal nested ``{id, name}`` of a related object.
- :func:`page` turns a selector's queryset into ``{"items": [...], "next": url | null}`` with
  keyset pagination: one query per page at any depth, no ``COUNT(*)``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import AfterValidator, AwareDatetime, StringConstraints
from pydantic_core import PydanticCustomError

from headway import dates
from headway.errors import NotFound
from headway.keyset import InvalidCursor, keyset_page

NUL_MESSAGE = "Remove the NUL character (\\u0000): text cannot contain it."
BAD_CURSOR = (
    "This cursor is not valid for this list (it may belong to another sort or filter). Start "
    "again without a cursor and follow the “next” links."
)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_ID = 2**63 - 1


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("nul_character", NUL_MESSAGE)
    return value


# One alias per maximum length used by the models (mypy needs real aliases, not calls).
Str3 = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=3), AfterValidator(_no_nul)
]
Str40 = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_no_nul)
]
Str80 = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=80), AfterValidator(_no_nul)
]
Str100 = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=100), AfterValidator(_no_nul)
]
Str200 = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_no_nul)
]
Str254 = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_no_nul)
]
Str300 = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_no_nul)
]
# Free text (summaries, reasons): bounded so one request cannot store megabytes.
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=20_000), AfterValidator(_no_nul)
]
# A search term in a query string.
SearchText = Str200
# An object id: a positive 64-bit integer (larger ones would overflow the database column).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Cursor = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_no_nul)]


def _day_in_range(value: dt.date) -> dt.date:
    if not dates.date_in_range(value):
        raise PydanticCustomError("date_out_of_range", dates.DATE_OUT_OF_RANGE)
    return value


def _moment_in_range(value: dt.datetime) -> dt.datetime:
    # The day as written (what the document's pattern states) and the day in the person's
    # time zone (what the model validators hold) must both be in the range.
    if not (dates.date_in_range(value.date()) and dates.moment_in_range(value)):
        raise PydanticCustomError("date_out_of_range", dates.MOMENT_OUT_OF_RANGE)
    return value


# A date a person enters: 1900-01-01 … 2200-12-31 (headway.dates).
Day = Annotated[
    dt.date,
    AfterValidator(_day_in_range),
    Field(
        description=f"A date {dates.RANGE_TEXT}.",
        json_schema_extra={"pattern": dates.YEAR_PATTERN},
    ),
]
# A moment a person enters, with its time zone, on a day 1900-01-01 … 2200-12-31 as written
# and in the person's time zone.
Moment = Annotated[
    AwareDatetime,
    AfterValidator(_moment_in_range),
    Field(
        description=f"A date and time with a time zone, on a day {dates.RANGE_TEXT} "
        "(as written and in your time zone).",
        json_schema_extra={"pattern": dates.YEAR_PATTERN},
    ),
]


def omitted() -> Any:
    """Default of a PATCH field that may be left out (then it is not changed) but, unlike a
    nullable field, not sent as ``null``: the default is not validated, an explicit null is."""
    return Field(default=None)


def path_id(value: int) -> int:
    """An object id from the URL: one too large for the database is simply not found."""
    if not 1 <= value <= MAX_ID:
        raise NotFound()
    return value


class Ref(Schema):
    """A related object in a response: enough to show and link it."""

    id: int
    name: str


class UserRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.display_name)


class Detail(Schema):
    """Every error response: ``{"detail": "what went wrong and what to do"}``."""

    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationDetail(Schema):
    """A 422: one entry per invalid field, ``loc`` naming where it is (``["body", "name"]``)."""

    detail: list[FieldError]


class PageParams(Schema):
    """``?limit=`` (1–200, default 50) and ``?cursor=`` from the previous page's ``next``."""

    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    cursor: Cursor | None = None


def page(request: HttpRequest, qs: Any, params: PageParams) -> dict[str, Any]:
    """One page of a selector's queryset, in the queryset's own order.

    ``next`` is the full URL of the following page (this request's query with the new
    cursor), or null on the last page.
    """
    try:
        result = keyset_page(qs, size=params.limit, cursor=params.cursor or None)
    except InvalidCursor:
        raise NinjaValidationError(
            [{"loc": ["query", "cursor"], "msg": BAD_CURSOR, "type": "value_error"}]
        ) from None
    next_url = None
    if result.next_cursor is not None:
        query = request.GET.copy()
        query["cursor"] = result.next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"items": result.items, "next": next_url}
