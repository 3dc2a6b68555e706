"""The Mutual Learning rules, with their boundaries: no database."""

from __future__ import annotations

import datetime as dt

import pytest

from headway.methods.alignment import rules

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("current", "wanted", "parties", "refused"),
    [
        (rules.IMPASSE, rules.EXPLORING, 2, False),
        (rules.IMPASSE, rules.EXPLORING, 1, True),
        (rules.IMPASSE, rules.AGREED, 2, True),
        (rules.IMPASSE, rules.ESCALATED, 1, False),
        (rules.IMPASSE, rules.ABANDONED, 0, False),
        (rules.EXPLORING, rules.AGREED, 2, False),
        (rules.EXPLORING, rules.AGREED, 1, True),
        (rules.EXPLORING, rules.IMPASSE, 2, True),
        (rules.AGREED, rules.EXPLORING, 2, True),
        (rules.ESCALATED, rules.AGREED, 2, True),
        (rules.ABANDONED, rules.EXPLORING, 2, True),
    ],
)
def test_the_status_moves_impasse_exploring_then_one_final_end(current, wanted, parties, refused):
    refusal = rules.transition_refusal(current, wanted, party_count=parties)
    assert (refusal is not None) is refused


def test_agreeing_at_the_impasse_says_to_explore_first():
    assert rules.transition_refusal(rules.IMPASSE, rules.AGREED, party_count=3) == (
        rules.AGREE_NEEDS_EXPLORING
    )


def test_an_ended_alignment_takes_no_more_changes():
    for status in rules.ENDED:
        assert rules.ended_refusal(status) is not None
    for status in rules.OPEN:
        assert rules.ended_refusal(status) is None


def test_the_impasse_is_stuck_from_the_fourteenth_day():
    since = NOW - dt.timedelta(days=14)
    assert rules.stuck_days(since, NOW) == 14
    assert rules.is_stuck(since, NOW)
    just_before = since + dt.timedelta(seconds=1)
    assert rules.stuck_days(just_before, NOW) == 13
    assert not rules.is_stuck(just_before, NOW)
    assert rules.stuck_days(NOW + dt.timedelta(hours=1), NOW) == 0


def test_stuck_words():
    assert rules.stuck_words(0) == "stuck since today"
    assert rules.stuck_words(1) == "stuck for 1 day"
    assert rules.stuck_words(15) == "stuck for 15 days"


def test_removing_a_party_keeps_two_once_exploring():
    assert rules.removal_refusal(2, rules.IMPASSE) is None
    assert rules.removal_refusal(2, rules.EXPLORING) is not None
    assert rules.removal_refusal(3, rules.EXPLORING) is None
    assert rules.removal_refusal(3, rules.AGREED) is not None


def _item(**kw):
    base = {
        "kind": rules.ASSUMPTION,
        "essential": False,
        "test_status": rules.UNTESTED,
        "tested_how": "",
        "tested_on": None,
        "today": NOW.date(),
    }
    return rules.item_refusals(**{**base, **kw})


def test_only_an_interest_is_essential():
    assert _item(kind=rules.INTEREST, essential=True) == {}
    assert _item(kind=rules.INFORMATION, essential=True) == {
        "essential": rules.ESSENTIAL_ONLY_INTERESTS
    }


def test_a_tested_assumption_says_how_and_when_and_not_in_the_future():
    assert _item() == {}
    assert _item(test_status=rules.CONFIRMED) == {
        "tested_how": rules.SAY_HOW_TESTED,
        "tested_on": rules.WHEN_TESTED_NEEDED,
    }
    today = NOW.date()
    assert _item(test_status=rules.REFUTED, tested_how="usage data", tested_on=today) == {}
    assert _item(
        test_status=rules.REFUTED, tested_how="usage data", tested_on=today + dt.timedelta(days=1)
    ) == {"tested_on": rules.TESTED_IN_FUTURE}


def test_only_an_assumption_is_tested():
    assert _item(kind=rules.INTEREST, test_status=rules.CONFIRMED) == {
        "test_status": rules.TEST_ONLY_ASSUMPTIONS
    }


def test_the_decision_rule_names_a_decider_only_when_one_decides():
    assert rules.decision_rule_refusals(rules.CONSENSUS, False) == {}
    assert rules.decision_rule_refusals(rules.ONE_DECIDES, True) == {}
    assert rules.decision_rule_refusals(rules.ONE_DECIDES, False) == {
        "decider": rules.DECIDER_NEEDED
    }
    assert "decider" in rules.decision_rule_refusals(rules.CONSENSUS, True)


def test_an_option_meets_the_essential_interests_only_when_each_is_met_fully():
    essential = [1, 2]
    good = rules.verdict(essential, {1: rules.MEETS, 2: rules.MEETS, 3: rules.NO})
    assert good.meets_all_essential and good.failing == ()
    partly = rules.verdict(essential, {1: rules.MEETS, 2: rules.PARTLY})
    assert partly.failing == (2,)
    unrated = rules.verdict(essential, {1: rules.MEETS})
    assert unrated.failing == (2,)
    assert unrated.words == "fails 1 essential interest"
    assert rules.verdict(essential, {}).words == "fails 2 essential interests"


def test_the_best_options_meet_every_essential_interest_best_score_first():
    verdicts = {
        10: rules.verdict([1], {1: rules.MEETS, 2: rules.NO}),
        11: rules.verdict([1], {1: rules.PARTLY, 2: rules.MEETS}),
        12: rules.verdict([1], {1: rules.MEETS, 2: rules.MEETS}),
    }
    assert rules.best_options(verdicts) == [12, 10]


def test_an_option_failing_an_essential_interest_needs_a_reason():
    refusal = rules.agreement_refusal(label="C", failing_texts=["ships by March"], reason="")
    assert refusal is not None and "“ships by March”" in refusal and "Option C" in refusal
    assert rules.agreement_refusal(label="C", failing_texts=["a", "b"], reason=" ") is not None
    assert (
        rules.agreement_refusal(label="C", failing_texts=["x"], reason="Both accept a delay")
        is None
    )
    assert rules.agreement_refusal(label="C", failing_texts=[], reason="") is None


def test_labels_run_a_to_z_then_aa():
    assert [rules.label_for(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_the_guide_asks_each_party_about_interests_assumptions_and_information():
    questions = rules.guide_questions("Anna")
    assert set(questions) == {rules.INTEREST, rules.ASSUMPTION, rules.INFORMATION}
    assert questions[rules.INTEREST][0] == "What is important to you about your solution, Anna?"
    assert "the product design" in rules.joint_design_question("the product design")
