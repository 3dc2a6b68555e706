"""The method's pure rules, one behaviour each."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.methods.options import rules
from tests.methods.options.helpers import GOAL, KEY_CONSIDERATIONS, STORY_QUESTION


def test_the_rational_question_is_composed_like_the_story():
    assert rules.compose_question(GOAL, KEY_CONSIDERATIONS) == STORY_QUESTION


def test_the_question_without_key_considerations_still_reads_as_a_question():
    assert rules.compose_question("Moving Globex forward.", []) == (
        "What is our best option for moving Globex forward?"
    )


def test_two_considerations_are_joined_with_and():
    question = rules.compose_question("a renewal", ["price rose", "new CFO"])
    assert (
        question
        == "What is our best option for a renewal; considering 1) price rose, and 2) new CFO?"
    )


@pytest.mark.parametrize(
    ("index", "label"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
    ],
)
def test_alternatives_are_labelled_like_spreadsheet_columns(index, label):
    assert rules.label_for(index) == label


def test_duplicates_ignore_case_and_spaces():
    assert rules.normalise_for_duplicate(
        "  Meet/Phone   KEY contact "
    ) == rules.normalise_for_duplicate("meet/phone key contact")
    assert rules.normalise_for_duplicate("Call him") != rules.normalise_for_duplicate("Call her")


def test_n_of_m_key_hints_at_about_half():
    assert rules.key_summary(4, 8) == "4 of 8 key"
    assert rules.key_summary(1, 8) == "1 of 8 key — the method keeps about half"
    assert rules.key_summary(8, 8) == "8 of 8 key — the method keeps about half"
    assert rules.key_summary(2, 3) == "2 of 3 key"


def test_leaving_framing_needs_two_key_considerations():
    assert rules.framing_refusal(1) is not None and "at least 2 key" in rules.framing_refusal(1)
    assert rules.framing_refusal(2) is None


def test_incubation_lists_everything_that_is_missing():
    refusal = rules.incubation_refusal(
        stage="options", key_count=1, has_yin=True, has_yang=False, alternative_count=4
    )
    assert refusal is not None
    assert "at least 2 key considerations (now 1)" in refusal
    assert "both bookends" in refusal
    assert "at least 5 pragmatic alternatives (now 4)" in refusal
    assert (
        rules.incubation_refusal(
            stage="options", key_count=2, has_yin=True, has_yang=True, alternative_count=5
        )
        is None
    )


def test_choosing_before_the_review_time_says_until_when():
    review_at = dt.datetime(2026, 11, 24, 6, 30, tzinfo=dt.UTC)
    local = rules.local_review(review_at, "Europe/Paris")
    text = rules.sleeping_message(local)
    assert text == "Sleeping on it until Tue 07:30"
    now = review_at - dt.timedelta(hours=1)
    assert (
        rules.choice_refusal(stage="sleeping", now=now, review_at=review_at, review_local_text=text)
        == text
    )
    assert (
        rules.choice_refusal(
            stage="sleeping", now=review_at, review_at=review_at, review_local_text=text
        )
        is None
    )
    assert "Sleep on it first" in rules.choice_refusal(
        stage="options", now=now, review_at=None, review_local_text=""
    )


def test_the_choice_is_timed_from_opening_the_review_or_else_from_the_review_time():
    review_at = dt.datetime(2026, 11, 24, 6, 30, tzinfo=dt.UTC)
    opened = review_at + dt.timedelta(minutes=10)
    chosen = opened + dt.timedelta(seconds=12)
    assert rules.choice_seconds(review_at=review_at, opened_at=opened, chosen_at=chosen) == 12
    assert rules.choice_seconds(review_at=review_at, opened_at=None, chosen_at=chosen) == 612


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (12, "12 seconds"),
        (60, "1 min"),
        (185, "3 min 5 s"),
        (7500, "2 h 5 min"),
        (3 * 86400, "3 days"),
    ],
)
def test_durations_read_in_words(seconds, words):
    assert rules.duration_words(seconds) == words


def test_the_agenda_nags_a_day_after_a_choice_without_action():
    chosen = dt.datetime(2026, 11, 24, 6, 30, tzinfo=dt.UTC)
    day_later = chosen + dt.timedelta(hours=24)
    assert rules.needs_action_nag(stage="act", chosen_at=chosen, now=day_later, has_action=False)
    assert not rules.needs_action_nag(
        stage="act", chosen_at=chosen, now=day_later - dt.timedelta(minutes=1), has_action=False
    )
    assert not rules.needs_action_nag(stage="act", chosen_at=chosen, now=day_later, has_action=True)


def test_stages_show_the_morning_choice_once_the_review_time_has_come():
    assert rules.shown_stage("sleeping", review_due=False) == "sleeping"
    assert rules.shown_stage("sleeping", review_due=True) == "review"
    states = rules.step_states("act", review_due=False)
    assert [s for _, _, s in states] == ["done", "done", "done", "done", "current", "todo"]


def test_past_framing_the_question_keeps_two_key_considerations():
    assert rules.unkey_refusal("options", 1) is not None
    assert rules.unkey_refusal("frame", 0) is None


def test_a_chosen_decision_freezes_its_options():
    assert rules.edit_refusal("act") is not None
    assert rules.edit_refusal("sleeping") is None
    assert rules.ends_incubation("sleeping")


def test_colleagues_picks_are_revealed_only_after_the_owner_chose():
    assert not rules.picks_revealed(owner_has_chosen=False)
    assert rules.picks_revealed(owner_has_chosen=True)


def test_long_text_is_wrapped_and_cut_with_an_ellipsis():
    lines = rules.wrap("one two three four five six seven eight nine ten", 10, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert rules.shorten("Meet/Phone key contact and share", 12) == "Meet/Phone…"
