"""The one rule for the dates and times people enter, and how a stored one is shown.

**The range.** A date a person enters lies between 1 January 1900 and 31 December 2200, and so
does the date of a moment (a date and a time) in the person's time zone — the zone both doors
activate, the one the web form's time is typed in. That is wide enough for every business date
Headway holds (a decision made, a contract that ends, a deal that should close, a touch planned
years ahead) and narrow enough that every value converts into every time zone and survives the
date arithmetic of cadences and 90-day windows without leaving Python's years 1–9999
(``0001-01-01T00:00Z`` does not exist in New York, ``9999-12-31T23:30Z`` not in Tokyo), and
always prints with four digits. A moment is first checked against the band of those days
anywhere on earth (1900-01-01 00:00 at UTC+14 to 2200-12-31 24:00 at UTC−12), so checking it
never has to convert a moment that cannot be converted.

**An interaction has happened.** Its time is at the latest the end of today in the person's
time zone (the zone both doors activate): a meeting is logged the same day, before or after it
ends, but a touch a year ahead would count as the last touch for a year and silence "no news is
bad news". What comes next is an action, not an interaction.

**One place.** Model fields carry the validators (``validators=[dates.validate_date]``), which
the write path (:func:`headway.crm.writes.validate`, ``full_clean``) runs for every service and
model forms run for the web, so the web and the API answer the same 422 with the same message
on the field, and nothing is written. API schemas use ``headway.schemas.Day`` / ``Moment``,
which check the same range before a service is called and state it in the OpenAPI document.

**Showing what is stored.** Rows written before the rule may hold any year Python can. A
:class:`MomentField` reads a stored moment outside the band as a :class:`StoredMoment`, which
templates show as stored (in UTC) instead of converting it to the viewer's time zone — Django's
``convert_to_local_time`` flag, the one its own ``|localtime`` filter sets — and :func:`local`
converts a moment when it can and returns it unchanged otherwise. Pages never fail on such a
row, so it can still be opened, corrected or deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)

# The widest offsets a time zone has from UTC: a day begins first at UTC+14, ends last at UTC−12.
_EARLIEST_OFFSET = dt.timedelta(hours=14)
_LATEST_OFFSET = dt.timedelta(hours=12)


def first_moment_of(day: dt.date) -> dt.datetime:
    """The first moment ``day`` has begun somewhere on earth."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC) - _EARLIEST_OFFSET


def last_moment_of(day: dt.date) -> dt.datetime:
    """The moment ``day`` has ended everywhere."""
    return first_moment_of(day + dt.timedelta(days=1)) + _EARLIEST_OFFSET + _LATEST_OFFSET


FIRST_MOMENT = first_moment_of(EARLIEST)
"""The first accepted moment: 1 January 1900 has begun somewhere."""
END_MOMENT = last_moment_of(LATEST)
"""The first moment refused: 31 December 2200 has ended everywhere."""

RANGE_TEXT = f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}"
DATE_OUT_OF_RANGE = f"Enter a date {RANGE_TEXT}."
MOMENT_OUT_OF_RANGE = f"Enter a date and time {RANGE_TEXT}."
NOT_HAPPENED_YET = (
    "An interaction is logged once it has happened: choose a time today or earlier. "
    "Plan what comes next as an action."
)
YEAR_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-"
"""The range as the OpenAPI document states it: the year a date or a moment is written with."""


# --- the rule ---------------------------------------------------------------------------------


def date_in_range(value: dt.date) -> bool:
    return EARLIEST <= value <= LATEST


def in_band(value: dt.datetime) -> bool:
    """On a day of the range somewhere on earth (what any time zone can show)."""
    return FIRST_MOMENT <= value < END_MOMENT


def moment_in_range(value: dt.datetime) -> bool:
    """On a day of the range in the current time zone (the person's)."""
    if timezone.is_naive(value):
        return date_in_range(value.date())
    return in_band(value) and date_in_range(timezone.localtime(value).date())


def end_of_today() -> dt.datetime:
    """The first moment of tomorrow in the current time zone (the person's, on both doors)."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time(0), tzinfo=timezone.get_current_timezone())


def validate_date(value: dt.date) -> None:
    """A model field validator: a day in the range."""
    if isinstance(value, dt.datetime):
        validate_moment(value)
    elif not date_in_range(value):
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range")


def validate_moment(value: dt.datetime) -> None:
    """A model field validator: a moment in the range."""
    if not moment_in_range(value):
        raise ValidationError(MOMENT_OUT_OF_RANGE, code="date_out_of_range")


def validate_happened(value: dt.datetime) -> None:
    """A model field validator: a moment in the range, at the latest the end of today (one
    message, not two, for a moment that is both)."""
    validate_moment(value)
    if timezone.is_aware(value) and value >= end_of_today():
        raise ValidationError(NOT_HAPPENED_YET, code="not_happened_yet")


# --- showing what is stored -------------------------------------------------------------------


class StoredMoment(dt.datetime):
    """A stored moment outside the range (of every zone's days): templates show it as it is
    stored (UTC) rather than in the viewer's time zone, where it may not exist."""

    __slots__ = ()
    convert_to_local_time = False


def as_stored(value: dt.datetime) -> dt.datetime:
    """``value`` itself when every time zone can show it, else the same moment as a
    :class:`StoredMoment`."""
    if timezone.is_naive(value) or in_band(value):
        return value
    return StoredMoment(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=value.tzinfo,
        fold=value.fold,
    )


def local(value: dt.datetime) -> dt.datetime:
    """``value`` in the current (the viewer's) time zone when it can be shown there; as it is
    otherwise (a :class:`StoredMoment`, or a moment that would leave the years 1–9999)."""
    if timezone.is_naive(value) or not getattr(value, "convert_to_local_time", True):
        return value
    try:
        return timezone.localtime(value)
    except OverflowError:
        return value


class MomentField(models.DateTimeField):
    """A ``DateTimeField`` for moments people enter (and what is derived from them): a stored
    value outside the range is read as a :class:`StoredMoment`, so no page fails showing it.
    Writing is unchanged; the range itself is the field's validators' business."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if isinstance(value, dt.datetime):
            return as_stored(value)
        return value

    def deconstruct(self) -> Any:
        # Migrations see the plain DateTimeField it is in the database: how a value is read is
        # no schema change (and SQLite would rebuild a table of millions of interactions).
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs
