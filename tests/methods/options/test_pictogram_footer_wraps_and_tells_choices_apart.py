"""Issue 17, point 3: the pictogram's footer was one line of SVG text — a long chosen
alternative ran off the picture and the PDF; after a second guess it paired the new choice
with the morning choice's time and duration; in the options stage it said "add at least five
alternatives" whatever the number. The footer now wraps inside the page, says which time and
duration belong to which choice, and says what is really missing."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import time_machine

from headway.methods.options import pictogram, rules, selectors, services
from tests.methods.options.helpers import (
    OPTION_B,
    membership,
    morning_after,
    option,
    sleeping,
    with_options,
)

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
LONG = (
    "Invite the customer's operations director, the head of the test group and their "
    "procurement lead to a half-day workshop at our cost, walk through every complaint the "
    "test group raised, show the finished offering, agree on a second trial in three more "
    "outlets with clear success criteria and a review"
)
assert len(LONG) <= 300


def page_pictogram(decision: Any) -> pictogram.Pictogram:
    page = selectors.decision_page(decision=decision, viewer_id=decision.owner_id)
    return pictogram.for_page(page)


def footer_lines(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode())
    foot = root.find(f"{SVG}g[@class='pg-foot']")
    assert foot is not None
    return [tspan.text or "" for tspan in foot.iter(f"{SVG}tspan")]


def test_a_long_chosen_alternative_wraps_inside_the_page(world: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC), tick=False) as clock:
        decision = with_options(world.workspace, world.member)
        m = membership(world.workspace, world.member)
        services.alternative_add(membership=m, decision=decision, text=LONG, spectrum=60)
        services.decision_start_incubation(membership=m, decision=decision)
        clock.move_to(morning_after(decision))
        services.decision_choose(membership=m, decision=decision, alternative=option(decision, "F"))
        decision = selectors.get_decision(workspace=world.workspace, id=decision.pk)
        pic = page_pictogram(decision)
    lines = footer_lines(pictogram.render_svg(pic))
    assert len(lines) >= 2
    assert " ".join(lines).startswith(f"Chosen: Option F – {LONG[:60]}")
    widest = max(len(line) for line in lines) * (pictogram.STATUS_SIZE + 1) * pictogram.GLYPH
    assert widest <= pictogram.INNER
    assert pic.status_lines[-1].y + 24 <= pic.height  # inside the picture
    assert LONG in pic.desc  # the whole sentence in the text alternative


def test_after_a_second_guess_each_choice_keeps_its_own_time(world: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC), tick=False) as clock:
        decision = sleeping(world.workspace, world.member)
        m = membership(world.workspace, world.member)
        morning = morning_after(decision) + dt.timedelta(seconds=40)
        clock.move_to(morning)
        services.decision_choose(membership=m, decision=decision, alternative=option(decision, "B"))
        later = morning + dt.timedelta(hours=3)
        clock.move_to(later)
        decision = selectors.get_decision(workspace=world.workspace, id=decision.pk)
        services.decision_choose(membership=m, decision=decision, alternative=option(decision, "D"))
        decision = selectors.get_decision(workspace=world.workspace, id=decision.pk)
        pic = page_pictogram(decision)
    tz = decision.owner.time_zone
    status = pic.status
    d_text = option(decision, "D").text
    assert status.startswith(
        f"Chosen: Option D – {d_text} · second guess {rules.local_review_text(later, tz)}"
    )
    assert (
        f"the morning choice was Option B – {OPTION_B} "
        f"({rules.local_review_text(morning, tz)} · decided in "
        f"{rules.duration_words(decision.choice_seconds)})"
    ) in status
    assert f"{d_text} · {rules.local_review_text(morning, tz)}" not in status

    html = world.client_for(world.member).get(f"/decisions/{decision.pk}/review/").content.decode()
    assert "a second guess; the morning choice was Option B" in html


@pytest.mark.parametrize(("count", "says"), [(26, "26 alternatives"), (3, "(now 3)")])
def test_the_options_stage_footer_says_what_is_really_missing(
    world: Any, count: int, says: str
) -> None:
    decision = with_options(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    alternatives = list(decision.alternatives.filter(kind="pragmatic").order_by("position"))
    if count < len(alternatives):
        for alt in alternatives[count:]:
            services.alternative_delete(membership=m, decision=decision, alternative=alt)
    for i in range(len(alternatives), count):
        services.alternative_add(membership=m, decision=decision, text=f"Another way {i}")
    decision = selectors.get_decision(workspace=world.workspace, id=decision.pk)
    status = page_pictogram(decision).status
    assert says in status
    if count >= rules.MIN_ALTERNATIVES:
        assert not re.search(r"at least (five|5)", status)
