"""The alignment services: the method's steps, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from headway.crm.models import Change
from headway.errors import PermissionDenied, RuleRefused
from headway.methods.alignment import rules, services
from headway.methods.alignment.models import Alignment, Item, OptionRating, Party
from tests import factories
from tests.methods.alignment.helpers import (
    DECISION,
    explored,
    membership,
    parties,
    story,
)


def _fresh(alignment: Alignment) -> Alignment:
    return Alignment.objects.in_workspace(alignment.workspace_id).get(pk=alignment.pk)


def test_an_alignment_starts_at_the_impasse_with_its_parties_and_positions(world, clock):
    alignment = story(world.workspace, world.member)
    assert alignment.status == rules.IMPASSE
    assert alignment.stuck_since == dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    assert [(p.contact.name, p.position) for p in parties(alignment)] == [
        ("Anna Lind", "Build the configurable platform first"),
        ("Ben Ortiz", "Ship the fixed-scope product now"),
    ]
    assert alignment.stuck_words == "stuck since today"


def test_one_party_is_not_an_alignment(world):
    account = factories.make_account(world.workspace)
    anna = factories.make_contact(account, name="Anna")
    with pytest.raises(ValidationError) as invalid:
        services.alignment_create(
            membership=membership(world.workspace, world.member),
            account=account,
            decision=DECISION,
            parties=[(anna, "x"), (anna, "y")],
        )
    assert invalid.value.message_dict == {"contacts": [services.TWO_PARTIES]}
    assert not Alignment.objects.in_workspace(world.workspace).exists()


def test_parties_are_contacts_of_the_account_and_the_deal_is_its_own(world):
    account = factories.make_account(world.workspace, name="Largest Customer")
    other = factories.make_account(world.workspace, name="Elsewhere")
    anna = factories.make_contact(account)
    stranger = factories.make_contact(other)
    deal = factories.make_deal(other)
    with pytest.raises(ValidationError) as invalid:
        services.alignment_create(
            membership=membership(world.workspace, world.member),
            account=account,
            decision=DECISION,
            parties=[(anna, ""), (stranger, "")],
            deal=deal,
        )
    assert set(invalid.value.message_dict) == {"contacts", "deal"}
    assert not Alignment.objects.in_workspace(world.workspace).exists()


def test_a_viewer_cannot_start_one(world):
    account = factories.make_account(world.workspace)
    a, b = factories.make_contact(account), factories.make_contact(account)
    with pytest.raises(PermissionDenied):
        services.alignment_create(
            membership=membership(world.workspace, world.viewer),
            account=account,
            decision=DECISION,
            parties=[(a, ""), (b, "")],
        )


def test_agreeing_at_the_impasse_is_refused_and_changes_nothing(world):
    alignment = story(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    option = services.option_add(membership=m, alignment=alignment, text="Meet in the middle")
    changes = Change.objects.in_workspace(world.workspace).count()
    with pytest.raises(RuleRefused) as refused:
        services.alignment_agree(membership=m, alignment=alignment, option=option)
    assert refused.value.message == rules.AGREE_NEEDS_EXPLORING
    assert _fresh(alignment).status == rules.IMPASSE
    assert Change.objects.in_workspace(world.workspace).count() == changes


def test_the_joint_option_that_meets_both_essential_interests_is_agreed(world, clock):
    story_ = explored(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    agreed = services.alignment_agree(membership=m, alignment=story_.alignment, option=story_.c)
    agreed = _fresh(agreed)
    assert agreed.status == rules.AGREED
    assert agreed.agreed_option_id == story_.c.pk
    assert agreed.agreed_by_id == world.member.pk
    assert agreed.agreed_at is not None
    assert agreed.agreed_parties == "Anna Lind, Ben Ortiz"
    assert agreed.agreement_reason == ""


def test_an_option_failing_an_essential_interest_is_refused_without_a_reason(world):
    story_ = explored(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    changes = Change.objects.in_workspace(world.workspace).count()
    with pytest.raises(RuleRefused) as refused:
        services.alignment_agree(membership=m, alignment=story_.alignment, option=story_.a)
    assert "something in customers' hands by spring" in refused.value.message
    assert refused.value.status_code == 409
    assert _fresh(story_.alignment).status == rules.EXPLORING
    assert Change.objects.in_workspace(world.workspace).count() == changes

    agreed = services.alignment_agree(
        membership=m,
        alignment=story_.alignment,
        option=story_.a,
        reason="Ben's team accepts a summer launch in exchange for the platform",
    )
    assert agreed.status == rules.AGREED
    assert agreed.agreement_reason.startswith("Ben's team")


def test_an_unrated_essential_interest_counts_as_not_met(world):
    story_ = explored(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    d = services.option_add(membership=m, alignment=story_.alignment, text="Something new")
    with pytest.raises(RuleRefused):
        services.alignment_agree(membership=m, alignment=story_.alignment, option=d)


def test_an_ended_alignment_takes_no_more_changes(world):
    story_ = explored(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    services.alignment_agree(membership=m, alignment=story_.alignment, option=story_.c)
    alignment = _fresh(story_.alignment)
    anna = parties(alignment)[0]
    for step in (
        lambda: services.item_add(
            membership=m, alignment=alignment, party=anna, kind="interest", text="late"
        ),
        lambda: services.alignment_abandon(membership=m, alignment=alignment, reason="x"),
        lambda: services.option_add(membership=m, alignment=alignment, text="Another"),
    ):
        with pytest.raises(RuleRefused):
            step()


def test_escalating_says_to_whom_and_why(world):
    alignment = story(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    with pytest.raises(ValidationError) as invalid:
        services.alignment_escalate(membership=m, alignment=alignment, escalated_to="", reason="")
    assert set(invalid.value.message_dict) == {"escalated_to", "reason"}
    done = services.alignment_escalate(
        membership=m, alignment=alignment, escalated_to="VP Product", reason="Schedule slipping"
    )
    assert done.status == rules.ESCALATED and done.escalated_to == "VP Product"
    assert done.ended_at is not None


def test_a_tested_assumption_says_how_and_when(world, clock):
    alignment = story(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    anna = parties(alignment)[0]
    item = services.item_add(
        membership=m,
        alignment=alignment,
        party=anna,
        kind="assumption",
        text="customers want configurability",
    )
    assert item.test_status == rules.UNTESTED
    with pytest.raises(ValidationError) as invalid:
        services.item_update(membership=m, alignment=alignment, item=item, test_status="refuted")
    assert set(invalid.value.message_dict) == {"tested_how", "tested_on"}
    today = dt.date(2026, 11, 22)
    services.item_update(
        membership=m,
        alignment=alignment,
        item=item,
        test_status="refuted",
        tested_how="Usage data of the pilot",
        tested_on=today,
    )
    item.refresh_from_db()
    assert (item.test_status, item.tested_how, item.tested_on) == (
        "refuted",
        "Usage data of the pilot",
        today,
    )
    services.item_update(membership=m, alignment=alignment, item=item, test_status="untested")
    item.refresh_from_db()
    assert (item.tested_how, item.tested_on) == ("", None)


def test_only_interests_are_essential_and_shared_items_are_common_ground(world):
    alignment = story(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    ben = parties(alignment)[1]
    with pytest.raises(ValidationError) as invalid:
        services.item_add(
            membership=m,
            alignment=alignment,
            party=ben,
            kind="information",
            text="pilot figures",
            essential=True,
        )
    assert "essential" in invalid.value.message_dict
    info = services.item_add(
        membership=m,
        alignment=alignment,
        party=ben,
        kind="information",
        text="pilot figures",
        shared=True,
    )
    assert info.shared


def test_the_decision_rule_names_the_decider_among_the_parties(world):
    alignment = story(world.workspace, world.member)
    other = story(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    with pytest.raises(ValidationError) as invalid:
        services.decision_rule_set(
            membership=m,
            alignment=alignment,
            decision_rule="one_decides",
            decider=parties(other)[0],
        )
    assert "decider" in invalid.value.message_dict
    anna = parties(alignment)[0]
    services.decision_rule_set(
        membership=m, alignment=alignment, decision_rule="one_decides", decider=anna
    )
    assert _fresh(alignment).decider_id == anna.pk


def test_past_the_impasse_two_parties_stay(world):
    alignment = story(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    services.alignment_explore(membership=m, alignment=alignment)
    with pytest.raises(RuleRefused):
        services.party_remove(membership=m, alignment=alignment, party=parties(alignment)[0])
    assert Party.objects.in_workspace(world.workspace).filter(alignment=alignment).count() == 2


def test_ratings_change_and_clear(world):
    story_ = explored(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    services.option_rate(
        membership=m,
        alignment=story_.alignment,
        option=story_.c,
        ratings={story_.flex: "partly", story_.soon: ""},
    )
    rows = dict(
        OptionRating.objects.in_workspace(world.workspace)
        .filter(option=story_.c)
        .values_list("interest_id", "rating")
    )
    assert rows == {story_.flex.pk: "partly"}
    other = story(world.workspace, world.member)
    foreign = services.item_add(
        membership=m, alignment=other, party=parties(other)[0], kind="interest", text="x"
    )
    with pytest.raises(ValidationError):
        services.option_rate(
            membership=m, alignment=story_.alignment, option=story_.c, ratings={foreign: "meets"}
        )
    assert Item.objects.in_workspace(world.workspace).filter(pk=foreign.pk).exists()


def test_a_duplicate_option_is_invalid_input(world):
    alignment = story(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    services.option_add(membership=m, alignment=alignment, text="Meet in the middle")
    with pytest.raises(ValidationError) as invalid:
        services.option_add(membership=m, alignment=alignment, text="meet in the  middle.")
    assert invalid.value.message_dict == {"text": [services.DUPLICATE_OPTION.format(label="A")]}


def test_another_member_may_not_work_someone_elses_alignment(world):
    alignment = story(world.workspace, world.member)
    with pytest.raises(PermissionDenied):
        services.alignment_explore(
            membership=membership(world.workspace, world.other_member), alignment=alignment
        )
    services.alignment_explore(
        membership=membership(world.workspace, world.manager), alignment=alignment
    )


def test_every_step_is_in_the_history(world):
    explored(world.workspace, world.member)
    kinds = set(
        Change.objects.in_workspace(world.workspace).values_list("target_type__model", flat=True)
    )
    assert {"alignment", "party", "item", "jointoption", "optionrating"} <= kinds


def test_a_follow_up_action_needs_the_agreement_first(world):
    story_ = explored(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    with pytest.raises(RuleRefused) as refused:
        services.alignment_add_action(
            membership=m, alignment=story_.alignment, title="Start", due_date=dt.date(2026, 12, 1)
        )
    assert refused.value.message == rules.ACTION_NEEDS_AGREEMENT
    services.alignment_agree(membership=m, alignment=story_.alignment, option=story_.c)
    action = services.alignment_add_action(
        membership=m,
        alignment=_fresh(story_.alignment),
        title="Start the design on the fixed core",
        due_date=dt.date(2026, 12, 1),
    )
    assert action.account_id == story_.alignment.account_id
    assert action.owner_id == world.member.pk
