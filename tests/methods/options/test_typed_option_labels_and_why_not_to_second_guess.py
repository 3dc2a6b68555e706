"""Issue 17, point 8 — the method's own words (source 000). Typing an alternative as the text
writes it, "Option B – Meet/Phone key contact …", gave "Option F – Option B – …": a leading
"Option X –" label is now understood and left out of the words (letters follow the order, so a
typed letter is never kept; the page says which letter it got). Changing the spontaneous
morning choice stays possible and recorded, and the page says why the method discourages it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from headway.methods.options import rules, services
from headway.methods.options.models import Choice
from tests.kit import clock_fixture
from tests.methods.options.helpers import (
    ALTERNATIVES,
    OPTION_B,
    framed,
    membership,
    morning_after,
    option,
    sleeping,
    with_options,
)

pytestmark = pytest.mark.django_db

clock = clock_fixture(dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("typed", "label", "words"),
    [
        (f"Option B – {OPTION_B}", "B", OPTION_B),
        ("option c: Escalate to the sponsor", "C", "Escalate to the sponsor"),
        ("Alternative D - Offer help", "D", "Offer help"),
        ("E – Wait for the offering", "E", "Wait for the offering"),
        ("Option to extend the trial", "", "Option to extend the trial"),
        ("X-ray the trial data", "", "X-ray the trial data"),
        ("Option B", "", "Option B"),  # nothing but a label: kept as written
    ],
)
def test_a_typed_label_is_told_apart_from_the_words(typed: str, label: str, words: str) -> None:
    assert rules.split_label(typed) == (label, words)


def test_the_story_s_option_b_typed_with_its_label_is_option_b_once(world: Any) -> None:
    decision = framed(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    services.alternative_add(membership=m, decision=decision, text=ALTERNATIVES[0][0])
    b = services.alternative_add(membership=m, decision=decision, text=f"Option B – {OPTION_B}")
    assert (b.label, b.text, str(b)) == ("B", OPTION_B, f"Option B – {OPTION_B}")


def test_a_typed_letter_that_is_not_next_is_left_out_and_the_page_says_so(world: Any) -> None:
    decision = with_options(world.workspace, world.member)  # A–E taken
    client = world.client_for(world.member)
    response = client.post(
        f"/decisions/{decision.pk}/alternatives/",
        {"text": "Option B – Invite them to a workshop at our cost"},
        follow=True,
    )
    f = option(decision, "F")
    assert f.text == "Invite them to a workshop at our cost"
    html = response.content.decode()
    assert "Option F added. The “Option B” you typed was left out of its text" in html
    assert "Option F – Option B" not in html


def test_a_typed_label_does_not_hide_a_duplicate(world: Any, api_for: Any) -> None:
    decision = with_options(world.workspace, world.member)
    with pytest.raises(ValidationError) as refused:
        services.alternative_add(
            membership=membership(world.workspace, world.member),
            decision=decision,
            text=f"Option F – {OPTION_B}",
        )
    assert "is already option B" in str(refused.value)
    api = api_for(world.member)
    response = api.post(f"/{decision.pk}/alternatives", {"text": "Option F – Call"})
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Call"


def test_rewording_in_the_table_leaves_a_typed_label_out_too(world: Any) -> None:
    decision = with_options(world.workspace, world.member)
    c = option(decision, "C")
    services.alternatives_edit(
        membership=membership(world.workspace, world.member),
        decision=decision,
        texts={c.pk: "Option C – Propose a joint review with the whole test group"},
    )
    c.refresh_from_db()
    assert c.text == "Propose a joint review with the whole test group"


def test_changing_the_morning_choice_is_recorded_and_the_page_says_why_not(
    world: Any, clock: Any
) -> None:
    decision = sleeping(world.workspace, world.member)
    clock.move_to(morning_after(decision))
    client = world.client_for(world.member)
    b, d = option(decision, "B"), option(decision, "D")
    client.post(f"/decisions/{decision.pk}/choose/", {"alternative": b.pk})
    before = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "intuitive mind researched overnight" in before  # said before you change it

    clock.move_to(morning_after(decision) + dt.timedelta(hours=2))
    response = client.post(f"/decisions/{decision.pk}/choose/", {"alternative": d.pk}, follow=True)
    html = response.content.decode()
    assert "Changed to option D: a second guess. The method advises against it" in html
    assert 'id="second-guess-why"' in html  # and it stays said beside the second guess
    choices = list(Choice.objects.in_workspace(world.workspace).filter(decision=decision))
    assert [(c.alternative_id, c.is_second_guess) for c in choices] == [
        (b.pk, False),
        (d.pk, True),
    ]
