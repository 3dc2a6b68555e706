"""The page and the API ask the same services and give the same status: a choice before the
review time is refused by the service (with the rule's words for the API and a sentence for the
page), a foreign option is invalid input on both doors, a colleague who was not invited is
refused by the service alone (403); the pages ask the service how long the sleep lasts; ids
resolve the one way; the fields are drawn by the kit's one field template."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from headway.errors import NotFound
from headway.methods.options import selectors, services
from headway.methods.options.models import Kind
from tests.kit import clock_fixture
from tests.methods.options.helpers import (
    bookend,
    framed,
    membership,
    morning_after,
    option,
    sleeping,
    with_options,
)

START = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)

clock = clock_fixture(START)


def test_the_service_refuses_an_early_choice_in_the_words_of_both_doors(world, clock):
    world.member.time_zone = "Europe/Paris"
    world.member.save()
    decision = sleeping(world.workspace, world.member)

    with pytest.raises(services.StillSleeping) as refused:
        services.decision_choose(
            membership=membership(world.workspace, world.member),
            decision=decision,
            alternative=option(decision, "B"),
        )

    assert refused.value.status_code == 409
    assert refused.value.message == "Sleeping on it until Tue 07:30"
    assert refused.value.advice.startswith(
        "Not yet: you are sleeping on it until Tue 07:30 (Europe/Paris). "
    )
    with pytest.raises(services.StillSleeping):
        services.decision_open_review(
            membership=membership(world.workspace, world.member), decision=decision
        )


def test_sleeping_until_is_said_only_while_the_incubation_runs(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    assert services.sleeping_until(decision) == services.sleeping_text(decision)
    assert api_for(world.member).get(f"/{decision.pk}").json()["sleeping_until"] == (
        services.sleeping_text(decision)
    )
    review = world.client_for(world.member).get(f"/decisions/{decision.pk}/review/")
    assert f'<h2 id="sleeping-h">{services.sleeping_text(decision)}</h2>' in review.content.decode()

    clock.move_to(morning_after(decision))
    assert services.sleeping_until(decision) is None
    assert api_for(world.member).get(f"/{decision.pk}").json()["sleeping_until"] is None
    assert services.sleeping_until(framed(world.workspace, world.member)) is None


def test_another_decisions_option_is_invalid_input_on_the_page_too(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    other = with_options(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    client = world.client_for(world.member)

    for sent in ({"alternative": option(other, "B").pk}, {"alternative": "B"}, {}):
        page = client.post(f"/decisions/{decision.pk}/choose/", sent)
        assert page.status_code == 422, sent
        assert escape(services.FOREIGN_ALTERNATIVE) in page.content.decode()
    api = api_for(world.member).post(
        f"/{decision.pk}/choose", {"alternative_id": option(other, "B").pk}
    )
    assert api.status_code == 422
    assert decision.choices.count() == 0


def test_a_bookend_is_refused_the_same_on_both_doors(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    yang = bookend(decision, Kind.YANG).pk

    api = api_for(world.member).post(f"/{decision.pk}/choose", {"alternative_id": yang})
    page = world.client_for(world.member).post(
        f"/decisions/{decision.pk}/choose/", {"alternative": yang}
    )

    assert api.status_code == page.status_code == 409
    assert api.json()["detail"] == services.rules.BOOKEND_NOT_CHOOSABLE
    assert "never chosen" in page.content.decode()


def test_only_the_service_refuses_a_colleague_who_was_not_invited(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    a = option(decision, "A").pk

    api = api_for(world.admin).post(f"/{decision.pk}/picks/mine", {"alternative_id": a})
    page = world.client_for(world.admin).post(f"/decisions/{decision.pk}/pick/", {"alternative": a})

    assert api.status_code == page.status_code == 403
    assert api.json()["detail"] == services.NOT_INVITED
    assert "Ask the owner of this decision to invite you." in page.content.decode()
    assert decision.picks.count() == 0


def test_an_empty_pick_says_what_is_missing(world, clock):
    decision = sleeping(world.workspace, world.member)
    services.colleagues_invite(
        membership=membership(world.workspace, world.member),
        decision=decision,
        users=[world.other_member],
    )

    page = world.client_for(world.other_member).post(f"/decisions/{decision.pk}/pick/", {})

    assert page.status_code == 422
    assert "Pick one of the alternatives." in page.content.decode()


def test_ids_resolve_one_way_with_the_same_404(world):
    decision = with_options(world.workspace, world.member)
    other = with_options(world.workspace, world.member)
    foreign = with_options(world.other_workspace, world.outsider)
    b = option(decision, "B")

    assert selectors.get_decision(workspace=world.workspace, id=str(decision.pk)) == decision
    assert selectors.get_alternative(workspace=world.workspace, id=b.pk, decision=decision) == b
    for getter, kwargs in (
        (selectors.get_decision, {"id": foreign.pk}),
        (selectors.get_decision, {"id": "12abc"}),
        (selectors.get_decision, {"id": 2**64}),
        (selectors.get_alternative, {"id": option(other, "B").pk, "decision": decision}),
        (
            selectors.get_consideration,
            {"id": other.considerations.first().pk, "decision": decision},
        ),
    ):
        with pytest.raises(NotFound):
            getter(workspace=world.workspace, **kwargs)
    with pytest.raises(ValidationError) as invalid:
        selectors.resolve_option(
            decision, option(other, "B").pk, field="alternative_id", message="x"
        )
    assert invalid.value.message_dict == {"alternative_id": ["x"]}


def test_a_decision_for_someone_outside_the_workspace_is_refused_on_the_owner(world):
    with pytest.raises(ValidationError) as invalid:
        services.decision_create(
            membership=membership(world.workspace, world.member),
            goal="anything",
            owner=world.outsider,
        )
    assert invalid.value.message_dict == {"owner": ["Pick someone who belongs to this workspace."]}
    made = services.decision_create(
        membership=membership(world.workspace, world.member), goal="anything", owner=world.manager
    )
    assert made.owner == world.manager


def test_the_page_fields_come_from_the_one_field_template(world):
    decision = with_options(world.workspace, world.member)
    client = world.client_for(world.member)

    html = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert '<div class="op-yin"><div class="field">' in html
    assert '<label for="bookends_yin">Yin bookend (soft extreme)</label>' in html
    bad = client.post(f"/decisions/{decision.pk}/goal/", {"goal": ""}).content.decode()
    assert 'aria-describedby="goal_goal_error" id="goal_goal"' in bad
    assert '<ul class="errorlist" id="goal_goal_error"><li>Say what you want to achieve.' in bad
