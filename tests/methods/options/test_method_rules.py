"""The method's rules hold the same through the API and the pages: at least five alternatives
before sleeping on it, bookends never chosen, editing while sleeping ends the sleep, no choice
before the review time, second guesses kept, colleagues' picks hidden until the owner chose."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from headway.errors import PermissionDenied
from headway.methods.options import services
from headway.methods.options.models import Alternative, Choice, Decision, Kind, Stage
from tests import factories
from tests.kit import clock_fixture
from tests.methods.options.helpers import (
    ALTERNATIVES,
    OPTION_B,
    YANG,
    YIN,
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


def refresh(decision: Decision) -> Decision:
    return Decision.objects.in_workspace(decision.workspace_id).get(pk=decision.pk)


# --- options ------------------------------------------------------------------------------------


def test_fewer_than_five_alternatives_cannot_be_slept_on(world, api_for, clock):
    decision = with_options(world.workspace, world.member, count=4)
    api = api_for(world.member)

    response = api.post(f"/{decision.pk}/incubate")

    assert response.status_code == 409
    assert "at least 5 pragmatic alternatives (now 4)" in response.json()["detail"]
    assert refresh(decision).stage == Stage.OPTIONS
    page = world.client_for(world.member).post(f"/decisions/{decision.pk}/incubate/")
    assert page.status_code == 409
    assert "at least 5 pragmatic alternatives (now 4)" in page.content.decode()


def test_with_five_alternatives_sleeping_on_it_sets_the_owners_next_morning(world, clock):
    world.member.time_zone = "America/New_York"
    world.member.morning_review_time = dt.time(6, 45)
    world.member.save()
    decision = sleeping(world.workspace, world.member)
    # 10:00 in New York on Monday → Tuesday 06:45 New York = 11:45 UTC.
    assert decision.review_at == dt.datetime(2026, 11, 24, 11, 45, tzinfo=dt.UTC)
    assert decision.incubation_started_at == START


def test_a_manager_starting_the_incubation_uses_the_owners_time_zone(world, clock):
    world.member.time_zone = "Asia/Tokyo"
    world.member.save()
    decision = with_options(world.workspace, world.member)
    services.decision_start_incubation(
        membership=membership(world.workspace, world.manager), decision=decision
    )
    # Monday 15:00 UTC is Tuesday 00:00 in Tokyo; 07:30 is only 7.5 h away: that one.
    assert decision.review_at == dt.datetime(2026, 11, 23, 22, 30, tzinfo=dt.UTC)


def test_leaving_framing_needs_two_key_considerations(world, api_for):
    m = membership(world.workspace, world.member)
    decision = services.decision_create(
        membership=m, goal="moving Globex forward", considerations=["price", "timing", "people"]
    )
    first = decision.considerations.first()
    services.consideration_update(membership=m, decision=decision, consideration=first, is_key=True)
    api = api_for(world.member)

    response = api.post(f"/{decision.pk}/alternatives", {"text": "Call the CFO"})

    assert response.status_code == 409
    assert "at least 2 key considerations" in response.json()["detail"]
    page = world.client_for(world.member).post(f"/decisions/{decision.pk}/options/")
    assert page.status_code == 409 and "at least 2 key considerations" in page.content.decode()


def test_a_duplicate_alternative_is_refused_whatever_its_case_and_spaces(world, api_for):
    decision = with_options(world.workspace, world.member)
    api = api_for(world.member)

    response = api.post(
        f"/{decision.pk}/alternatives",
        {"text": "  meet/phone KEY contact and share opportunities   lost with test group "},
    )

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "text"]
    assert "is already option B" in error["msg"] and "Write a different alternative" in error["msg"]
    page = world.client_for(world.member).post(
        f"/decisions/{decision.pk}/alternatives/", {"text": OPTION_B.upper()}
    )
    assert page.status_code == 422
    assert "is already option B" in page.content.decode()


def test_an_alternative_may_not_repeat_a_bookend(world):
    decision = with_options(world.workspace, world.member)
    with pytest.raises(ValidationError) as caught:
        services.alternative_add(
            membership=membership(world.workspace, world.member),
            decision=decision,
            text=YANG.lower(),
        )
    assert "the yang bookend" in caught.value.message_dict["text"][0]


def test_deleting_an_alternative_relabels_the_rest_without_gaps(world):
    decision = with_options(world.workspace, world.member)
    services.alternative_delete(
        membership=membership(world.workspace, world.member),
        decision=decision,
        alternative=option(decision, "B"),
    )
    labels = list(
        Alternative.objects.in_workspace(world.workspace)
        .filter(decision=decision, kind=Kind.PRAGMATIC)
        .order_by("position")
        .values_list("label", "text")
    )
    assert [label for label, _ in labels] == ["A", "B", "C", "D"]
    assert labels[1][1] == ALTERNATIVES[2][0]


def test_a_position_on_the_spectrum_is_between_0_and_100(world, api_for):
    decision = with_options(world.workspace, world.member)
    api = api_for(world.member)
    b = option(decision, "B")

    assert api.patch(f"/{decision.pk}/alternatives/{b.pk}", {"spectrum": 101}).status_code == 422
    response = api.patch(f"/{decision.pk}/alternatives/{b.pk}", {"spectrum": 90})
    assert response.status_code == 200 and response.json()["spectrum"] == 90
    response = api.patch(f"/{decision.pk}/alternatives/{b.pk}", {"spectrum": None})
    assert response.json()["spectrum"] is None


# --- sleeping on it -----------------------------------------------------------------------------


def test_editing_the_options_while_sleeping_on_them_ends_the_incubation(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    api = api_for(world.member)

    response = api.patch(
        f"/{decision.pk}/alternatives/{option(decision, 'C').pk}", {"spectrum": 20}
    )

    assert response.status_code == 200
    decision = refresh(decision)
    assert decision.stage == Stage.OPTIONS
    assert decision.review_at is None and decision.incubation_started_at is None
    # Choosing now needs a new night's sleep.
    clock.move_to(START + dt.timedelta(days=1))
    response = api.post(f"/{decision.pk}/choose", {"alternative_id": option(decision, "B").pk})
    assert response.status_code == 409 and "Sleep on it first" in response.json()["detail"]


def test_adding_an_alternative_on_the_page_while_sleeping_ends_the_incubation_and_says_so(
    world, clock
):
    decision = sleeping(world.workspace, world.member)
    client = world.client_for(world.member)

    response = client.post(
        f"/decisions/{decision.pk}/alternatives/",
        {"text": "Invite the buyer to our flagship store"},
        follow=True,
    )

    assert response.status_code == 200
    assert "the incubation has ended: sleep on them again" in response.content.decode()
    assert refresh(decision).stage == Stage.OPTIONS


def test_choosing_while_sleeping_on_it_is_refused_with_the_time_it_ends(world, api_for, clock):
    world.member.time_zone = "Europe/Paris"
    world.member.save()
    decision = sleeping(world.workspace, world.member)
    b = option(decision, "B")

    response = api_for(world.member).post(f"/{decision.pk}/choose", {"alternative_id": b.pk})

    assert response.status_code == 409
    assert response.json() == {"detail": "Sleeping on it until Tue 07:30"}
    page = world.client_for(world.member).post(
        f"/decisions/{decision.pk}/choose/", {"alternative": b.pk}
    )
    assert page.status_code == 409
    html = page.content.decode()
    assert "Not yet: you are sleeping on it until Tue 07:30 (Europe/Paris)" in html
    assert "come back first thing" in html
    assert refresh(decision).chosen_alternative_id is None


def test_the_review_screen_before_the_review_time_says_until_when(world, clock):
    world.member.time_zone = "Europe/Paris"
    world.member.save()
    decision = sleeping(world.workspace, world.member)

    response = world.client_for(world.member).get(f"/decisions/{decision.pk}/review/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sleeping on it until Tue 07:30" in html
    assert "Choose option" not in html


# --- the choice ---------------------------------------------------------------------------------


def test_bookends_can_never_be_chosen(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    api = api_for(world.member)

    for kind in (Kind.YIN, Kind.YANG):
        response = api.post(
            f"/{decision.pk}/choose", {"alternative_id": bookend(decision, kind).pk}
        )
        assert response.status_code == 409
        assert "never chosen" in response.json()["detail"]
    page = world.client_for(world.member).post(
        f"/decisions/{decision.pk}/choose/", {"alternative": bookend(decision, Kind.YIN).pk}
    )
    assert page.status_code == 409 and "never chosen" in page.content.decode()
    assert refresh(decision).stage == Stage.SLEEPING


def test_another_decisions_option_is_invalid_input(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    other = with_options(world.workspace, world.member)
    clock.move_to(morning_after(decision))

    response = api_for(world.member).post(
        f"/{decision.pk}/choose", {"alternative_id": option(other, "B").pk}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "alternative_id"]
    assert api_for(world.member).post(f"/{decision.pk}/choose").status_code == 422


def test_a_later_change_of_choice_is_kept_as_a_second_guess(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    api = api_for(world.member)
    api.post(f"/{decision.pk}/review")
    clock.shift(dt.timedelta(seconds=20))
    assert (
        api.post(f"/{decision.pk}/choose", {"alternative_id": option(decision, "B").pk}).status_code
        == 200
    )
    clock.shift(dt.timedelta(hours=3))

    response = api.post(f"/{decision.pk}/choose", {"alternative_id": option(decision, "D").pk})

    assert response.status_code == 200
    body = response.json()
    assert body["chosen_alternative"]["label"] == "D"
    assert body["choice_seconds"] == 20  # the morning choice's time stays
    assert [(c["alternative_text"][:8], c["is_second_guess"]) for c in body["choices"]] == [
        ("Option B", False),
        ("Option D", True),
    ]
    page = world.client_for(world.member).get(f"/decisions/{decision.pk}/").content.decode()
    assert "Second guess" in page and "changed to Option D – " in page
    assert "decided in <strong>20 seconds</strong>" in page


def test_choosing_the_same_option_again_is_not_a_second_guess(world, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    m = membership(world.workspace, world.member)
    services.decision_choose(membership=m, decision=decision, alternative=option(decision, "B"))
    services.decision_choose(membership=m, decision=decision, alternative=option(decision, "B"))
    assert Choice.objects.in_workspace(world.workspace).filter(decision=decision).count() == 1


def test_after_the_choice_the_options_are_frozen(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    api = api_for(world.member)
    api.post(f"/{decision.pk}/choose", {"alternative_id": option(decision, "B").pk})

    response = api.post(f"/{decision.pk}/alternatives", {"text": "Something new"})

    assert response.status_code == 409 and "The choice is made" in response.json()["detail"]
    assert api.patch(f"/{decision.pk}", {"question": "Why?"}).status_code == 409


def test_the_action_initiative_follows_the_choice(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    api = api_for(world.member)

    early = api.post(f"/{decision.pk}/actions", {"title": "Phone Priya", "due_date": "2026-11-25"})
    assert early.status_code == 409 and "Choose first" in early.json()["detail"]

    clock.move_to(morning_after(decision))
    api.post(f"/{decision.pk}/choose", {"alternative_id": option(decision, "B").pk})
    missing = api.post(f"/{decision.pk}/actions", {"title": "Phone Priya"})
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "due_date"]
    foreign = api.post(
        f"/{decision.pk}/actions",
        {"title": "Phone Priya", "due_date": "2026-11-25", "owner_id": world.outsider.pk},
    )
    assert foreign.status_code == 422 and foreign.json()["detail"][0]["loc"] == ["body", "owner_id"]
    ok = api.post(
        f"/{decision.pk}/actions",
        {"title": "Phone Priya", "due_date": "2026-11-25", "owner_id": world.other_member.pk},
    )
    assert ok.status_code == 201 and ok.json()["owner"]["id"] == world.other_member.pk
    assert [a["title"] for a in api.get(f"/{decision.pk}/actions").json()] == ["Phone Priya"]


def test_the_outcome_needs_yes_partly_or_no_and_a_lesson(world, api_for, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    api = api_for(world.member)
    assert api.post(f"/{decision.pk}/outcome", {"outcome": "yes", "lesson": "x"}).status_code == 409
    api.post(f"/{decision.pk}/choose", {"alternative_id": option(decision, "B").pk})

    response = api.post(f"/{decision.pk}/outcome", {"outcome": "partly"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "lesson"]
    response = api.post(
        f"/{decision.pk}/outcome",
        {"outcome": "partly", "lesson": "Sharing the lost opportunities reopened the door."},
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "done" and response.json()["outcome"] == "partly"
    listing = world.client_for(world.member).get("/decisions/?stage=done").content.decode()
    assert "Partly worked" in listing and "Sharing the lost opportunities" in listing


# --- colleagues' picks --------------------------------------------------------------------------


def _with_picks(world, clock, api_for):
    decision = sleeping(world.workspace, world.member)
    owner_api = api_for(world.member)
    response = owner_api.post(
        f"/{decision.pk}/picks", {"user_ids": [world.other_member.pk, world.manager.pk]}
    )
    assert response.status_code == 200, response.content
    colleague = api_for(world.other_member)
    response = colleague.post(
        f"/{decision.pk}/picks/mine",
        {"alternative_id": option(decision, "C").pk, "comment": "Less pressure"},
    )
    assert response.status_code == 200, response.content
    return decision, owner_api, colleague


def test_colleagues_picks_stay_hidden_from_the_owner_until_the_owner_has_chosen(
    world, api_for, clock
):
    decision, owner_api, colleague = _with_picks(world, clock, api_for)

    hidden = owner_api.get(f"/{decision.pk}/picks").json()
    assert hidden["revealed"] is False
    assert {
        (p["user"]["name"], p["answered"], p["alternative"], p["comment"]) for p in hidden["picks"]
    } == {
        ("Otto Other", True, None, None),
        ("Max Manager", False, None, None),
    }
    page = world.client_for(world.member).get(f"/decisions/{decision.pk}/").content.decode()
    assert "Otto Other" in page and "hidden until the owner chooses" in page
    assert "Less pressure" not in page and "would choose <strong>" not in page
    # The colleague sees their own pick, not anyone else's.
    own = colleague.get(f"/{decision.pk}/picks").json()
    mine = next(p for p in own["picks"] if p["is_mine"])
    assert mine["alternative"]["label"] == "C"

    clock.move_to(morning_after(decision))
    owner_api.post(f"/{decision.pk}/choose", {"alternative_id": option(decision, "B").pk})

    shown = owner_api.get(f"/{decision.pk}/picks").json()
    assert shown["revealed"] is True
    otto = next(p for p in shown["picks"] if p["user"]["name"] == "Otto Other")
    assert otto["alternative"]["label"] == "C" and otto["comment"] == "Less pressure"
    page = world.client_for(world.member).get(f"/decisions/{decision.pk}/").content.decode()
    assert "would choose <strong>Option C – " in page and "Less pressure" in page
    assert "What colleagues would have chosen" in page


def test_only_invited_colleagues_can_pick_and_never_a_bookend(world, api_for, clock):
    decision, _owner_api, colleague = _with_picks(world, clock, api_for)

    stranger = api_for(world.admin).post(
        f"/{decision.pk}/picks/mine", {"alternative_id": option(decision, "A").pk}
    )
    assert stranger.status_code == 403 and "Ask the owner" in stranger.json()["detail"]
    yang = colleague.post(
        f"/{decision.pk}/picks/mine", {"alternative_id": bookend(decision, Kind.YANG).pk}
    )
    assert yang.status_code == 409
    page = world.client_for(world.admin).post(
        f"/decisions/{decision.pk}/pick/", {"alternative": option(decision, "A").pk}
    )
    assert page.status_code == 403


def test_the_owner_viewers_and_strangers_cannot_be_invited(world, api_for):
    decision = with_options(world.workspace, world.member)
    api = api_for(world.member)
    for user_ids, message in (
        ([world.member.pk], "other than the owner"),
        ([world.viewer.pk], "Viewers can read but not answer"),
        ([world.outsider.pk], "Invite members of this workspace"),
        ([], "at least one colleague"),
    ):
        response = api.post(f"/{decision.pk}/picks", {"user_ids": user_ids})
        assert response.status_code == 422, user_ids
        assert message in response.json()["detail"][0]["msg"]


def test_a_colleague_picks_on_their_page(world, clock):
    decision = sleeping(world.workspace, world.member)
    services.colleagues_invite(
        membership=membership(world.workspace, world.member),
        decision=decision,
        users=[world.other_member],
    )
    client = world.client_for(world.other_member)

    page = client.get(f"/decisions/{decision.pk}/pick/")
    assert page.status_code == 200
    assert "Which option would you choose?" in page.content.decode()
    response = client.post(
        f"/decisions/{decision.pk}/pick/", {"alternative": option(decision, "E").pk}, follow=True
    )
    assert "You would choose <strong>Option E – " in response.content.decode()
    bad = client.post(
        f"/decisions/{decision.pk}/pick/", {"alternative": bookend(decision, Kind.YIN).pk}
    )
    assert bad.status_code == 422


# --- permissions --------------------------------------------------------------------------------


def test_viewers_read_decisions_but_cannot_change_them(world, api_for, clock):
    decision = with_options(world.workspace, world.member)
    viewer = api_for(world.viewer)
    assert viewer.get(f"/{decision.pk}").status_code == 200
    assert viewer.post(f"/{decision.pk}/incubate").status_code == 403
    assert viewer.post("", {"goal": "Anything"}).status_code == 403
    page = world.client_for(world.viewer).get(f"/decisions/{decision.pk}/").content.decode()
    assert "Sleep on it</button>" not in page and "Add alternative" not in page


def test_another_member_cannot_change_someone_elses_decision_but_a_manager_can(world, clock):
    decision = with_options(world.workspace, world.member)
    with pytest.raises(PermissionDenied):
        services.decision_start_incubation(
            membership=membership(world.workspace, world.other_member), decision=decision
        )
    services.decision_start_incubation(
        membership=membership(world.workspace, world.manager), decision=decision
    )
    assert decision.stage == Stage.SLEEPING


def test_past_framing_at_least_two_considerations_stay_key(world, api_for):
    decision = with_options(world.workspace, world.member)
    api = api_for(world.member)
    keys = list(decision.considerations.filter(is_key=True))
    assert (
        api.post(f"/{decision.pk}/considerations/{keys[0].pk}/key", {"is_key": False}).status_code
        == 200
    )
    assert (
        api.post(f"/{decision.pk}/considerations/{keys[1].pk}/key", {"is_key": False}).status_code
        == 200
    )
    refused = api.post(f"/{decision.pk}/considerations/{keys[2].pk}/key", {"is_key": False})
    assert (
        refused.status_code == 409 and "at least 2 key considerations" in refused.json()["detail"]
    )


def test_a_reworded_question_is_kept_and_an_empty_one_goes_back_to_the_composed_one(world, api_for):
    decision = framed(world.workspace, world.member)
    api = api_for(world.member)
    response = api.patch(f"/{decision.pk}", {"question": "Which step gets Priya talking again?"})
    assert response.json()["question"] == "Which step gets Priya talking again?"
    assert response.json()["question_edited"] is True
    response = api.patch(f"/{decision.pk}", {"question": ""})
    assert response.json()["question"].startswith(
        "What is our best option for moving a major customer forward; considering 1) test group balked"
    )
    assert response.json()["question_edited"] is False


def test_a_stale_version_is_refused_instead_of_overwriting(world, api_for):
    decision = framed(world.workspace, world.member)
    api = api_for(world.member)
    loaded = api.get(f"/{decision.pk}").json()["version"]
    api.patch(f"/{decision.pk}", {"goal": "moving Globex forward"})
    stale = api.patch(f"/{decision.pk}", {"goal": "moving Initech forward", "version": loaded})
    assert stale.status_code == 409 and "Someone else changed" in stale.json()["detail"]


def test_bookends_must_differ(world, api_for):
    decision = framed(world.workspace, world.member)
    response = api_for(world.member).post(
        f"/{decision.pk}/bookends", {"yin": YIN, "yang": YIN.upper()}
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "yang"]


def test_a_decision_started_from_another_workspaces_account_is_refused(world, api_for):
    foreign = factories.make_account(world.other_workspace, name="Rival account")
    response = api_for(world.member).post("", {"goal": "anything", "account_id": foreign.pk})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == [
        "body",
        "account_id",
    ]
