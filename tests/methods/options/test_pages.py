"""The decision pages: list, new decision (also from an account), the workshop page through
every stage, the morning review and the colleague's pick page."""

from __future__ import annotations

import datetime as dt
import re

from headway.methods.options.models import Decision, Stage
from tests import factories
from tests.kit import clock_fixture
from tests.methods.options.helpers import (
    GOAL,
    KEY_CONSIDERATIONS,
    OPTION_B,
    OTHER_CONSIDERATIONS,
    STORY_QUESTION,
    YANG,
    YIN,
    framed,
    morning_after,
    option,
    sleeping,
    with_options,
)

START = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


clock = clock_fixture(START)


def test_the_decision_list_says_what_to_do_first_when_empty(world):
    response = world.client_for(world.member).get("/decisions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No decisions yet" in html and "Start your first decision" in html


def test_the_decision_list_shows_stage_choice_and_outcome_and_filters_by_stage(world, clock):
    sleeping(world.workspace, world.member)
    framed(world.workspace, world.admin)
    client = world.client_for(world.member)

    html = client.get("/decisions/").content.decode()
    assert html.count("Moving a major customer forward") == 2
    assert "☾ Sleeping on it" in html and '<span class="badge">Frame</span>' in html

    only_sleeping = client.get("/decisions/?stage=sleeping").content.decode()
    assert only_sleeping.count("Moving a major customer forward") == 1
    assert '<span class="badge">Frame</span>' not in only_sleeping
    clock.move_to(START + dt.timedelta(days=1))
    due = client.get("/decisions/?stage=review").content.decode()
    assert "☀ Review first thing" in due
    mine = client.get("/decisions/?owner=me").content.decode()
    assert mine.count("Moving a major customer forward") == 1


def test_a_decision_is_started_from_an_account(world):
    account = factories.make_account(world.workspace, name="Major Foodstores", owner=world.member)
    client = world.client_for(world.member)

    form = client.get(f"/decisions/new/?account={account.pk}")
    assert form.status_code == 200
    assert "New decision for Major Foodstores" in form.content.decode()
    response = client.post(
        f"/decisions/new/?account={account.pk}",
        {
            "goal": GOAL,
            "considerations": "\n".join([*KEY_CONSIDERATIONS, "", *OTHER_CONSIDERATIONS]),
        },
    )

    decision = Decision.objects.in_workspace(world.workspace).get()
    assert (
        response.status_code == 302 and response["Location"] == f"/decisions/{decision.pk}/#frame"
    )
    assert decision.account == account and decision.owner == world.member
    assert decision.considerations.count() == 8
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "0 of 8 key" in page and "Major Foodstores" in page


def test_a_decision_needs_a_goal(world):
    response = world.client_for(world.member).post("/decisions/new/", {"goal": "  "})
    assert response.status_code == 422
    assert "Say what you want to achieve." in response.content.decode()


def test_a_foreign_account_cannot_start_a_decision(world):
    foreign = factories.make_account(world.other_workspace, name="Rival account")
    assert (
        world.client_for(world.member).get(f"/decisions/new/?account={foreign.pk}").status_code
        == 404
    )


def test_marking_key_considerations_with_htmx_updates_n_of_m_and_the_question(world):
    decision = framed(world.workspace, world.member)
    client = world.client_for(world.member)
    first = decision.considerations.order_by("position").first()

    response = client.post(
        f"/decisions/{decision.pk}/considerations/{first.pk}/key/", HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="panel op-section" id="frame"')
    assert "3 of 8 key" in html
    assert "considering 1) customer doesn&#x27;t appreciate the opportunity lost" in html
    assert 'aria-pressed="false" aria-label="Key: test group balked"' in html


def test_the_frame_stage_composes_the_question_and_moves_on_with_two_keys(world):
    decision = framed(world.workspace, world.member)
    client = world.client_for(world.member)
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "4 of 8 key" in page
    assert STORY_QUESTION.replace("'", "&#x27;") in page
    assert 'aria-current="step"' in page and "Continue to the options" in page

    response = client.post(f"/decisions/{decision.pk}/options/", follow=True)
    assert response.status_code == 200
    assert Decision.objects.in_workspace(world.workspace).get().stage == Stage.OPTIONS


def test_rewording_the_question_on_the_page(world):
    decision = framed(world.workspace, world.member)
    client = world.client_for(world.member)
    client.post(
        f"/decisions/{decision.pk}/question/", {"question": "Which move gets Priya talking?"}
    )
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "Which move gets Priya talking?" in page and "in your words" in page
    client.post(f"/decisions/{decision.pk}/question/", {"reset": "1"})
    assert "in your words" not in client.get(f"/decisions/{decision.pk}/").content.decode()


def test_bookends_alternatives_and_positions_on_the_page(world):
    decision = framed(world.workspace, world.member)
    client = world.client_for(world.member)
    assert (
        client.post(f"/decisions/{decision.pk}/bookends/", {"yin": YIN, "yang": YANG}).status_code
        == 302
    )
    for text in (
        "Wait for the offering",
        OPTION_B,
        "Joint review",
        "Help complete the offering",
        "Escalate",
    ):
        assert (
            client.post(f"/decisions/{decision.pk}/alternatives/", {"text": text}).status_code
            == 302
        )
    b = option(decision, "B")
    response = client.post(f"/decisions/{decision.pk}/spectrum/", {f"spectrum_{b.pk}": "40"})
    assert response.status_code == 302
    bad = client.post(f"/decisions/{decision.pk}/spectrum/", {f"spectrum_{b.pk}": "140"})
    assert bad.status_code == 422 and "Use 0 (yin) to 100 (yang)." in bad.content.decode()

    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "5 of at least 5" in page
    assert 'value="40"' in page
    assert "Not placed on the spectrum yet: A, C, D, E" in page  # the pictogram says so too


def test_sleep_on_it_then_review_first_thing_and_choose_on_the_pages(world, clock):
    world.member.time_zone = "Europe/Paris"
    world.member.save()
    decision = with_options(world.workspace, world.member)
    client = world.client_for(world.member)

    response = client.post(f"/decisions/{decision.pk}/incubate/", follow=True)
    html = response.content.decode()
    assert "Sleep on it. Review first thing Tue 24 Nov, 07:30" in html
    assert "☾ Sleeping on it until Tue 24 Nov, 07:30" in html

    decision.refresh_from_db()
    clock.move_to(morning_after(decision))
    review = client.get(f"/decisions/{decision.pk}/review/").content.decode()
    assert "Good morning. Ready?" in review and "<svg" not in review  # nothing shown before opening
    response = client.post(f"/decisions/{decision.pk}/review/open/", follow=True)
    html = response.content.decode()
    assert (
        'role="img"' in html and f'<span class="sr-only">Choose option B: </span>{OPTION_B}' in html
    )
    clock.shift(dt.timedelta(seconds=9))
    response = client.post(
        f"/decisions/{decision.pk}/choose/", {"alternative": option(decision, "B").pk}, follow=True
    )
    html = response.content.decode()
    assert "You chose option B in 9 seconds" in html
    assert "write the action initiative" in html
    assert 'data-chosen="B"' in html

    response = client.post(
        f"/decisions/{decision.pk}/actions/",
        {"title": "Phone Priya", "owner": world.member.pk, "due_date": "2026-11-25"},
        follow=True,
    )
    assert "Action “Phone Priya” added" in response.content.decode()
    response = client.post(
        f"/decisions/{decision.pk}/outcome/",
        {"outcome": "yes", "lesson": "Talking about the lost opportunities worked."},
        follow=True,
    )
    html = response.content.decode()
    assert "✓ Worked" in html and "Talking about the lost opportunities worked." in html


def test_the_page_nags_a_day_after_the_choice_without_action(world, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    client = world.client_for(world.member)
    client.post(f"/decisions/{decision.pk}/choose/", {"alternative": option(decision, "B").pk})
    assert "more than a day ago" not in client.get(f"/decisions/{decision.pk}/").content.decode()
    clock.shift(dt.timedelta(hours=25))
    assert "more than a day ago" in client.get(f"/decisions/{decision.pk}/").content.decode()


def test_an_action_needs_what_who_and_when(world, clock):
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    client = world.client_for(world.member)
    client.post(f"/decisions/{decision.pk}/choose/", {"alternative": option(decision, "B").pk})
    response = client.post(
        f"/decisions/{decision.pk}/actions/", {"title": "", "owner": world.outsider.pk}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Say what will be done." in html and "Give a due date." in html
    assert "Pick someone who belongs to this workspace." in html


def test_a_decision_is_deleted_by_its_owner(world):
    decision = framed(world.workspace, world.member)
    response = world.client_for(world.member).post(f"/decisions/{decision.pk}/delete/")
    assert response.status_code == 302
    assert not Decision.objects.in_workspace(world.workspace).exists()


def test_post_only_routes_refuse_get(world):
    decision = framed(world.workspace, world.member)
    assert (
        world.client_for(world.member).get(f"/decisions/{decision.pk}/incubate/").status_code == 405
    )


def test_the_stages_are_shown_with_words_not_colour_alone(world, clock):
    decision = sleeping(world.workspace, world.member)
    html = world.client_for(world.member).get(f"/decisions/{decision.pk}/").content.decode()
    steps = re.findall(r'<li class="op-step op-step-(\w+)"', html)
    assert steps == ["done", "done", "current", "todo", "todo", "todo"]
    assert "(current stage)" in html and "(done)" in html


def test_with_htmx_a_refused_toggle_comes_back_in_the_panel_and_the_pictogram_is_redrawn(world):
    decision = with_options(world.workspace, world.member)
    client = world.client_for(world.member)
    keys = list(decision.considerations.filter(is_key=True).order_by("position"))
    for consideration in keys[:2]:
        response = client.post(
            f"/decisions/{decision.pk}/considerations/{consideration.pk}/key/",
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
    html = response.content.decode()
    assert 'id="pictogram-figure" hx-swap-oob="true"' in html and 'role="img"' in html

    refused = client.post(
        f"/decisions/{decision.pk}/considerations/{keys[2].pk}/key/", HTTP_HX_REQUEST="true"
    )

    assert refused.status_code == 200  # htmx swaps only successful responses
    assert 'role="alert"' in refused.content.decode()
    assert "at least 2 key considerations" in refused.content.decode()
    without_htmx = client.post(f"/decisions/{decision.pk}/considerations/{keys[2].pk}/key/")
    assert without_htmx.status_code == 409


def test_alternatives_are_reworded_in_the_table_and_duplicates_refused_there_too(world):
    decision = with_options(world.workspace, world.member)
    client = world.client_for(world.member)
    a, c = option(decision, "A"), option(decision, "C")

    same = client.post(f"/decisions/{decision.pk}/spectrum/", {f"text_{c.pk}": OPTION_B.lower()})
    assert same.status_code == 422
    assert "Option C: “meet/phone key contact" in same.content.decode()
    assert "is already option B" in same.content.decode()
    empty = client.post(f"/decisions/{decision.pk}/spectrum/", {f"text_{a.pk}": " "})
    assert empty.status_code == 422 and "Write a few words." in empty.content.decode()

    ok = client.post(
        f"/decisions/{decision.pk}/spectrum/",
        {f"text_{a.pk}": "Wait until the offering is complete", f"spectrum_{a.pk}": "10"},
    )
    assert ok.status_code == 302
    a.refresh_from_db()
    c.refresh_from_db()
    assert (a.text, a.spectrum) == ("Wait until the offering is complete", 10)
    assert c.spectrum == 35  # not sent, not changed
