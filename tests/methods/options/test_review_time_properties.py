"""Property-based tests of the review-time rule: after starting to sleep on it, the review is
the owner's next morning review time in their own zone, at least six hours ahead — across time
zones, daylight-saving changes and start times.

The oracle walks the owner's clock minute by minute from "start + 6 h" and stops at the first
minute whose wall time is the review time, or at which the clocks jumped over it (a skipped
wall time counts from the moment of the jump: the first valid instant at or after it).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from headway.methods.options.rules import instants_at, next_review_time

UTC = dt.UTC
MINUTE = dt.timedelta(minutes=1)
SIX_HOURS = dt.timedelta(hours=6)

# Zones with DST rules of every shape: northern and southern hemisphere, 30-minute shifts
# (Lord Howe), 45-minute offsets (Chatham), a DST change at midnight (Santiago, Havana), zones
# that dropped DST (Sao Paulo, Tehran), a skipped day (Apia, 2011), and plain UTC.
DST_ZONES = [
    "Europe/Paris",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Santiago",
    "America/Havana",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Tehran",
    "Pacific/Apia",
    "UTC",
]

whole_minute_times = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
review_times = st.one_of(
    st.just(dt.time(7, 30)),
    # Wall times that DST changes skip or repeat in many zones.
    st.sampled_from([dt.time(0, 0), dt.time(0, 30), dt.time(1, 30), dt.time(2, 0), dt.time(2, 30)]),
    whole_minute_times,
)


@cache
def transitions(zone_name: str) -> list[dt.datetime]:
    """Every UTC-offset change of the zone between 2005 and 2030 (found by scanning days, then
    bisecting to the minute)."""
    tz = zoneinfo.ZoneInfo(zone_name)
    found = []
    t = dt.datetime(2005, 1, 1, tzinfo=UTC)
    end = dt.datetime(2030, 12, 31, tzinfo=UTC)
    step = dt.timedelta(hours=12)
    while t < end:
        nxt = t + step
        if t.astimezone(tz).utcoffset() != nxt.astimezone(tz).utcoffset():
            low, high = t, nxt
            while high - low > MINUTE:
                mid = low + (high - low) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= low:
                    mid = low + MINUTE
                if mid.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
                    low = mid
                else:
                    high = mid
            found.append(high)
        t = nxt
    return found or [dt.datetime(2026, 3, 29, 1, tzinfo=UTC)]


@st.composite
def near_a_dst_change(draw: st.DrawFn) -> tuple[dt.datetime, str]:
    """A start time within two days before (or a few hours after) one of the zone's changes."""
    zone = draw(st.sampled_from(DST_ZONES))
    change = draw(st.sampled_from(transitions(zone)))
    offset = draw(st.integers(min_value=-48 * 60, max_value=6 * 60))
    seconds = draw(st.integers(0, 59))
    return change + dt.timedelta(minutes=offset, seconds=seconds), zone


any_start = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2037, 12, 31), timezones=st.just(UTC)
)
any_zone = st.timezone_keys()


def wall(instant: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    return instant.astimezone(tz).replace(tzinfo=None, fold=0)


def oracle(start: dt.datetime, zone: str, review: dt.time) -> dt.datetime:
    """The first review moment at or after start + 6 h, found by walking the clock."""
    tz = zoneinfo.ZoneInfo(zone)
    t = (start + SIX_HOURS).replace(second=0, microsecond=0)
    if t < start + SIX_HOURS:
        t += MINUTE
    for _ in range(4 * 24 * 60):
        now_wall = wall(t, tz)
        before_wall = wall(t - MINUTE, tz)
        target_today = dt.datetime.combine(now_wall.date(), review)
        if now_wall == target_today:
            return t
        jumped = now_wall - before_wall > MINUTE
        if jumped and before_wall < target_today < now_wall:
            return t
        if jumped and now_wall.date() != before_wall.date():
            # Jumped over midnight (and maybe a whole day): the skipped review times count too.
            skipped = dt.datetime.combine(before_wall.date(), review)
            if before_wall < skipped:
                return t
            day = before_wall.date() + dt.timedelta(days=1)
            while day <= now_wall.date():
                if dt.datetime.combine(day, review) < now_wall:
                    return t
                day += dt.timedelta(days=1)
        t += MINUTE
    raise AssertionError("no review moment within four days")


def check(start: dt.datetime, zone: str, review: dt.time) -> dt.datetime:
    result = next_review_time(start, zone, review)
    tz = zoneinfo.ZoneInfo(zone)
    # Always aware UTC, and always at least six hours of real time ahead.
    assert result.tzinfo is not None and result.utcoffset() == dt.timedelta(0)
    assert result - start >= SIX_HOURS
    # At the review time in the owner's zone — or, when the clocks skip that wall time, at the
    # moment they jump over it.
    local = wall(result, tz)
    if local.time() != review:
        before = wall(result - dt.timedelta(seconds=1), tz)
        skipped = [
            before.date() + dt.timedelta(days=n)
            for n in range((local.date() - before.date()).days + 1)
        ]
        assert any(before < dt.datetime.combine(day, review) < local for day in skipped), (
            f"{result} is {local} local: not the review time {review}, and no jump over it"
        )
    # The earliest such moment: nothing earlier would do.
    assert result == oracle(start, zone, review)
    return result


def instants_exist(day: dt.date, review: dt.time, tz: dt.tzinfo) -> bool:
    target = dt.datetime.combine(day, review)
    return any(
        wall(target.replace(tzinfo=tz, fold=f).astimezone(UTC), tz) == target for f in (0, 1)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=any_start, zone=any_zone, review=review_times)
@example(
    start=dt.datetime(2026, 11, 23, 15, 5, tzinfo=UTC), zone="Europe/Paris", review=dt.time(7, 30)
)
def test_review_is_at_the_owners_review_time_at_least_six_hours_ahead(start, zone, review):
    check(start, zone, review)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start_zone=near_a_dst_change(), review=review_times)
@example(
    start_zone=(dt.datetime(2026, 3, 28, 20, 0, tzinfo=UTC), "Europe/Paris"), review=dt.time(2, 30)
)
@example(
    start_zone=(dt.datetime(2026, 11, 1, 0, 0, tzinfo=UTC), "America/New_York"),
    review=dt.time(1, 30),
)
@example(
    start_zone=(dt.datetime(2011, 12, 29, 12, 0, tzinfo=UTC), "Pacific/Apia"), review=dt.time(7, 30)
)
def test_review_time_holds_across_daylight_saving_changes(start_zone, review):
    start, zone = start_zone
    check(start, zone, review)


@settings(max_examples=100, deadline=None)
@given(start=any_start, zone=any_zone)
def test_the_default_review_is_the_next_morning_at_half_past_seven_or_the_one_after(start, zone):
    tz = zoneinfo.ZoneInfo(zone)
    result = next_review_time(start, zone)
    local_start = wall(start, tz)
    local = wall(result, tz)
    assert local.time() == dt.time(7, 30) or not instants_exist(local.date(), dt.time(7, 30), tz)
    # Starting after 01:30 local, the review is the next day's; before it, possibly today's.
    days = (local.date() - local_start.date()).days
    assert 0 <= days <= 2


def test_a_skipped_review_time_is_the_moment_the_clocks_jump():
    # Paris, 29 March 2026: 02:00 → 03:00. A 02:30 review happens at 03:00 local (01:00 UTC).
    result = next_review_time(
        dt.datetime(2026, 3, 28, 18, 0, tzinfo=UTC), "Europe/Paris", dt.time(2, 30)
    )
    assert result == dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert result.astimezone(zoneinfo.ZoneInfo("Europe/Paris")).time() == dt.time(3, 0)


def test_a_repeated_review_time_is_its_first_occurrence_that_is_late_enough():
    # New York, 1 November 2026: 02:00 EDT → 01:00 EST, so 01:30 happens twice.
    tz_name = "America/New_York"
    early = next_review_time(dt.datetime(2026, 10, 31, 18, 0, tzinfo=UTC), tz_name, dt.time(1, 30))
    assert early == dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    # Starting so that the first 01:30 is less than six hours away, the second one still is.
    late = next_review_time(dt.datetime(2026, 11, 1, 0, 15, tzinfo=UTC), tz_name, dt.time(1, 30))
    assert late == dt.datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST


def test_instants_at_lists_both_occurrences_of_a_repeated_wall_time():
    tz = zoneinfo.ZoneInfo("America/New_York")
    both = instants_at(dt.datetime(2026, 11, 1, 1, 30), tz)
    assert both == [
        dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
        dt.datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
    ]


def test_an_unknown_time_zone_counts_as_utc():
    start = dt.datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    assert next_review_time(start, "Mars/Olympus_Mons") == dt.datetime(
        2026, 11, 24, 7, 30, tzinfo=UTC
    )
