"""The method's pure rules, boundaries included: likelihood from the buyer profile, effort and
cadence, "no news" overdue, signal points and threshold, the 90-day contract end window,
priority for ranking, and the report arithmetic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from headway.methods.winback import rules
from headway.methods.winback.rules import (
    CONTRACT_END,
    HIGH,
    KEY_PERSON_LEFT,
    LOW,
    MEDIUM,
    MISSED_PROMISE,
    PRICE_RISE,
    PRODUCT_PROBLEM,
    SUPPORT_DECLINE,
)

TODAY = dt.date(2026, 11, 22)

# --- likelihood -----------------------------------------------------------------------------


def test_a_repeat_buyer_with_five_years_on_the_incumbent_is_unlikely_to_switch_soon():
    level, reason = rules.likelihood(True, 5)
    assert level == LOW
    assert "Repeat buyer" in reason and "5 years" in reason


def test_a_first_time_buyer_with_a_short_tenure_is_likely_to_switch():
    level, reason = rules.likelihood(False, 0.5)
    assert level == HIGH
    assert "First-time buyer" in reason


@pytest.mark.parametrize(
    ("repeat", "years", "expected"),
    [
        (True, 2.9, MEDIUM),  # repeat buyer, just under the long-tenure line
        (True, 3.0, LOW),  # exactly 3 years counts as long
        (False, 2.9, HIGH),
        (False, 3.0, MEDIUM),  # long tenure alone
        (False, 0, HIGH),
        (True, 0, MEDIUM),
    ],
)
def test_three_years_on_the_incumbent_is_where_tenure_starts_to_hold_them(repeat, years, expected):
    assert rules.likelihood(repeat, years)[0] == expected


@pytest.mark.parametrize(("repeat", "years"), [(None, None), (True, None), (None, 10), (None, 0)])
def test_an_unknown_profile_stays_medium_and_says_what_to_find_out(repeat, years):
    level, reason = rules.likelihood(repeat, years)
    assert level == MEDIUM
    assert reason.startswith("Not known yet")
    if repeat is None:
        assert "repeat buyer" in reason
    if years is None:
        assert "how long" in reason


def test_one_year_reads_singular():
    assert "1 year on the incumbent" in rules.likelihood(False, 1)[1]


# --- effort and cadence ---------------------------------------------------------------------


def test_likelihood_sets_the_cadence_every_two_weeks_monthly_or_quarterly():
    assert rules.cadence_days(HIGH) == 14
    assert rules.cadence_days(MEDIUM) == 30
    assert rules.cadence_days(LOW) == 90
    assert [rules.cadence_words(rules.cadence_days(lv)) for lv in (HIGH, MEDIUM, LOW)] == [
        "every 2 weeks",
        "monthly",
        "quarterly",
    ]
    assert rules.cadence_words(45) == "every 45 days"


def test_effort_follows_the_likelihood():
    assert rules.effort(HIGH).startswith("High effort")
    assert rules.effort(MEDIUM).startswith("Medium effort")
    assert rules.effort(LOW).startswith("Low effort")


NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def test_no_news_is_bad_news_only_once_the_cadence_has_passed():
    on_time = NOW - dt.timedelta(days=90)
    assert not rules.cadence_overdue(on_time, 90, NOW)
    assert rules.cadence_overdue(on_time - dt.timedelta(seconds=1), 90, NOW)
    assert rules.cadence_overdue(NOW - dt.timedelta(days=91), 90, NOW)
    assert not rules.cadence_overdue(NOW - dt.timedelta(days=89), 90, NOW)


def test_never_touched_is_overdue():
    assert rules.cadence_overdue(None, 90, NOW)


# --- winner watch ---------------------------------------------------------------------------


def test_a_missed_promise_and_support_declining_reach_the_threshold():
    signals = [(MISSED_PROMISE, TODAY), (SUPPORT_DECLINE, TODAY)]
    score = rules.signal_score(signals, TODAY)
    assert score == rules.REENGAGE_THRESHOLD == 5
    assert rules.reengage_now(score, None, TODAY)


def test_one_point_under_the_threshold_is_not_yet_time():
    signals = [(SUPPORT_DECLINE, TODAY), (PRICE_RISE, TODAY)]
    score = rules.signal_score(signals, TODAY)
    assert score == rules.REENGAGE_THRESHOLD - 1
    assert not rules.reengage_now(score, None, TODAY)


def test_signal_weights_are_the_documented_ones():
    assert rules.SIGNAL_WEIGHTS == {
        MISSED_PROMISE: 3,
        PRODUCT_PROBLEM: 3,
        SUPPORT_DECLINE: 2,
        PRICE_RISE: 2,
        KEY_PERSON_LEFT: 2,
        CONTRACT_END: 0,
    }


def test_signals_from_after_today_do_not_count_yet():
    signals = [(MISSED_PROMISE, TODAY), (PRODUCT_PROBLEM, TODAY + dt.timedelta(days=1))]
    assert rules.signal_score(signals, TODAY) == 3


def test_the_threshold_is_crossed_on_the_day_of_the_tipping_signal():
    signals = [
        (SUPPORT_DECLINE, dt.date(2026, 9, 1)),
        (KEY_PERSON_LEFT, dt.date(2026, 10, 1)),
        (PRICE_RISE, dt.date(2026, 8, 1)),
    ]
    # Aug 1: 2, Sep 1: 4, Oct 1: 6 → crossed on Oct 1.
    assert rules.threshold_crossed_on(signals) == dt.date(2026, 10, 1)
    assert rules.threshold_crossed_on(signals[:2]) is None


@pytest.mark.parametrize(
    ("days", "near"), [(-1, False), (0, True), (89, True), (90, True), (91, False)]
)
def test_a_contract_end_within_90_days_inclusive_means_re_engage_now(days, near):
    end = TODAY + dt.timedelta(days=days)
    assert rules.contract_end_near(end, TODAY) is near
    assert rules.reengage_now(0, end, TODAY) is near


def test_no_contract_end_is_never_near():
    assert not rules.contract_end_near(None, TODAY)


def test_re_engaging_is_due_from_the_earlier_of_the_two_triggers():
    end = TODAY + dt.timedelta(days=30)
    assert rules.reengage_due(None, end, TODAY) == end - dt.timedelta(days=90)
    assert rules.reengage_due(dt.date(2026, 1, 5), end, TODAY) == dt.date(2026, 1, 5)
    assert rules.reengage_due(dt.date(2026, 11, 1), None, TODAY) == dt.date(2026, 11, 1)
    assert rules.reengage_due(None, TODAY + dt.timedelta(days=91), TODAY) is None


# --- priority -------------------------------------------------------------------------------


def test_priority_is_likelihood_times_value_times_signals():
    assert rules.priority(HIGH, Decimal("10000"), 0) == 30000
    assert rules.priority(MEDIUM, Decimal("10000"), 0) == 20000
    assert rules.priority(LOW, Decimal("10000"), 0) == 10000
    # 5 points (the threshold) double the weight of a win-back.
    assert rules.priority(LOW, Decimal("10000"), 5) == 20000


def test_ranking_orders_likelihood_value_and_signals():
    ranked = sorted(
        [
            ("low, big, quiet", rules.priority(LOW, 100_000, 0)),
            ("high, small, quiet", rules.priority(HIGH, 10_000, 0)),
            ("medium, small, noisy", rules.priority(MEDIUM, 10_000, 10)),
            ("high, big, quiet", rules.priority(HIGH, 100_000, 0)),
        ],
        key=lambda item: -item[1],
    )
    assert [name for name, _ in ranked] == [
        "high, big, quiet",
        "low, big, quiet",
        "medium, small, noisy",
        "high, small, quiet",
    ]


def test_signals_can_at_most_triple_the_priority():
    assert rules.priority(MEDIUM, 1000, 10) == rules.priority(MEDIUM, 1000, 50) == 6000


def test_a_win_back_with_no_value_still_ranks_by_likelihood():
    assert rules.priority(HIGH, 0, 0) > rules.priority(LOW, 0, 0) > 0


# --- reports --------------------------------------------------------------------------------


def test_median_and_rate_handle_nothing_to_count():
    assert rules.median([]) is None
    assert rules.median([10, 30, 20]) == 20
    assert rules.median([10, 20]) == 15
    assert rules.rate(0, 0) is None
    assert rules.rate(2, 3) == pytest.approx(2 / 3)


def test_days_to_re_engage_count_from_the_decision():
    assert rules.days_to_reengage(dt.date(2026, 3, 2), dt.date(2026, 8, 3)) == 154


def test_reasons_are_grouped_by_line_without_bullets_or_case():
    text = "- Price.\n* support coverage; PRICE\n\n  Globex already there  "
    assert rules.reason_keys(text) == ["price", "support coverage", "globex already there"]
    assert rules.reason_keys("") == []
