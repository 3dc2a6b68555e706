"""The pictogram: one picture with a text alternative, on the page, as an SVG file and as a
one-page A4 PDF; the choice highlighted by colour, a star and a word."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import time_machine

from headway.methods.options import pictogram, selectors, services
from tests.methods.options.helpers import (
    OPTION_B,
    YANG,
    YIN,
    membership,
    morning_after,
    option,
    sleeping,
    with_options,
)

SVG = "{http://www.w3.org/2000/svg}"


def build(decision, **kwargs):
    page = selectors.decision_page(decision=decision, viewer_id=decision.owner_id)
    return pictogram.build(
        decision, page.considerations, [page.yin, page.yang, *page.alternatives], **kwargs
    )


@pytest.fixture
def chosen(world):
    with time_machine.travel(dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC), tick=False) as clock:
        decision = sleeping(world.workspace, world.member)
        clock.move_to(morning_after(decision))
        services.decision_choose(
            membership=membership(world.workspace, world.member),
            decision=decision,
            alternative=option(decision, "B"),
        )
        yield selectors.get_decision(workspace=world.workspace, id=decision.pk)


def test_the_svg_is_an_image_with_a_title_and_a_full_text_alternative(world, chosen):
    svg = pictogram.render_svg(build(chosen), standalone=True)
    root = ET.fromstring(svg.encode())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "pg-title pg-desc"
    assert root.find(f"{SVG}title").text == "Decision pictogram: moving a major customer forward"
    desc = root.find(f"{SVG}desc").text
    assert "Rational question: What is our best option for moving a major customer forward" in desc
    assert "Key considerations: 1) test group balked; 2)" in desc
    assert f"yin (soft): {YIN}; yang (hard): {YANG}" in desc
    assert f"Option B: {OPTION_B}, at 40 of 100 (middle) — CHOSEN" in desc
    assert desc.count("Option ") >= 5


def test_the_chosen_option_is_highlighted_by_a_star_and_the_word_chosen(world, chosen):
    svg = pictogram.render_svg(build(chosen))
    assert 'data-chosen="B"' in svg
    marker = re.search(r'<g class="pg-marker pg-chosen" data-letter="B">(.*?)</g>', svg, re.S)
    assert marker and "★ Meet/Phone key contact" in marker.group(1) and "CHOSEN" in marker.group(1)
    row = re.search(r'<g class="pg-legend-row pg-chosen" data-letter="B">(.*?)</g>', svg, re.S)
    assert row and "★ CHOSEN" in row.group(1)
    assert svg.count("pg-chosen") == 2


def test_a_colleague_who_has_not_answered_sees_no_choice(world, chosen):
    svg = pictogram.render_svg(build(chosen, show_choice=False))
    assert "pg-chosen" not in svg and 'data-chosen=""' in svg
    assert "The owner has chosen." in svg


def test_a_second_guess_keeps_the_first_choice_visible(world, chosen):
    with time_machine.travel(chosen.chosen_at + dt.timedelta(hours=2), tick=False):
        services.decision_choose(
            membership=membership(world.workspace, world.member),
            decision=chosen,
            alternative=option(chosen, "D"),
        )
    pic = build(chosen, first_choice_id=option(chosen, "B").pk)
    svg = pictogram.render_svg(pic)
    assert pic.chosen_letter == "D"
    assert "(first choice)" in svg and "FIRST CHOICE" in svg


def test_close_alternatives_are_stacked_instead_of_overlapping(world):
    decision = with_options(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    for alt in decision.alternatives.filter(kind="pragmatic"):
        services.alternative_update(membership=m, decision=decision, alternative=alt, spectrum=50)
    pic = build(selectors.get_decision(workspace=world.workspace, id=decision.pk))
    assert sorted(m.level for m in pic.markers) == [0, 1, 2, 3, 4]
    spans = [(m.level, m.label_bg_x, m.label_bg_x + m.label_bg_w) for m in pic.markers]
    for level, left, right in spans:
        for other_level, other_left, other_right in spans:
            if level == other_level and (left, right) != (other_left, other_right):
                assert right <= other_left or other_right <= left


def test_every_marker_sits_on_its_spectrum_position(world):
    decision = with_options(world.workspace, world.member)
    pic = build(decision)
    for marker in pic.markers:
        expected = (
            pictogram.BAR_LEFT + (pictogram.BAR_RIGHT - pictogram.BAR_LEFT) * marker.spectrum / 100
        )
        assert abs(marker.x - expected) < 0.1
        assert marker.label_bg_x >= pictogram.MARGIN
        assert marker.label_bg_x + marker.label_bg_w <= pictogram.WIDTH - pictogram.MARGIN + 1


def test_the_svg_download_is_an_attachment(world, chosen):
    response = world.client_for(world.member).get(f"/decisions/{chosen.pk}/pictogram.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="decision-{chosen.pk}-pictogram.svg"'
    )
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    ET.fromstring(response.content)  # well-formed


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) not installed")
def test_the_pdf_is_one_a4_landscape_page(world, chosen, tmp_path: Path):
    response = world.client_for(world.member).get(f"/decisions/{chosen.pk}/pictogram.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    path = tmp_path / "pictogram.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info), info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Moving a major customer forward" in text and "CHOSEN" in text


def test_the_page_embeds_the_pictogram_with_print_styles_and_downloads(world, chosen):
    html = world.client_for(world.member).get(f"/decisions/{chosen.pk}/").content.decode()
    assert html.count('role="img"') == 1
    assert f'href="/decisions/{chosen.pk}/pictogram.svg"' in html
    assert f'href="/decisions/{chosen.pk}/pictogram.pdf"' in html
    assert "data-print" in html and "options/options.css" in html
    css = (
        Path(__file__).parents[3] / "headway/methods/options/static/options/options.css"
    ).read_text()
    assert "@media print" in css and "size: A4 landscape" in css
    assert not re.search(r"\sstyle=", html)  # strict CSP: no inline styles


def test_a_decision_without_options_yet_still_draws(world):
    decision = with_options(world.workspace, world.member, count=0)
    svg = pictogram.render_svg(build(decision))
    assert "No alternatives yet — add at least five." in svg
    ET.fromstring(svg.encode())
