"""The relationship map: a picture a seller reads at a glance, with a text alternative."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from headway.crm import relmap
from tests import factories

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def render(account_name, contacts):
    return render_to_string("crm/relmap.svg", {"map": relmap.build(account_name, contacts)})


def parse(svg_text: str) -> ET.Element:
    """The map must be well-formed XML (so names with & or < cannot break it)."""
    return ET.fromstring(svg_text[svg_text.index("<svg") :])


def card_texts(root: ET.Element) -> list[list[str]]:
    return [
        [t.text or "" for t in card.iter(f"{SVG}text")]
        for card in root.iter(f"{SVG}g")
        if card.get("class") == "relmap-card"
    ]


def test_map_shows_each_contact_with_stance_icon_and_our_person(world):
    account = factories.make_account(world.workspace, name="Globex")
    contacts = [
        factories.make_contact(
            account,
            name="Ada Exec",
            title="CEO",
            level="executive",
            stance="advocate",
            buying_role="decision_maker",
            our_person=world.member,
        ),
        factories.make_contact(
            account,
            name="Ned Middle",
            level="management",
            stance="neutral",
        ),
        factories.make_contact(
            account,
            name="Dot Floor",
            level="operational",
            stance="detractor",
            buying_role="user",
            our_person=world.manager,
        ),
    ]

    root = parse(render("Globex", contacts))

    cards = {texts[0]: texts for texts in card_texts(root)}
    assert cards["Ada Exec"][1:] == ["CEO", "▲ Advocate", "Decision maker", "Ours: Mia Member"]
    assert cards["Ned Middle"][1:] == ["No title recorded", "● Neutral", "User", "Ours: nobody yet"]
    assert cards["Dot Floor"][2:] == ["▼ Detractor", "User", "Ours: Max Manager"]


def test_map_is_an_image_with_a_title_and_a_description_listing_everyone(world):
    account = factories.make_account(world.workspace, name="Globex")
    contacts = [
        factories.make_contact(
            account, name="Ada Exec", level="executive", stance="advocate", our_person=world.member
        ),
        factories.make_contact(account, name="Dot Floor", stance="detractor"),
    ]

    root = parse(render("Globex", contacts))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "relmap-title relmap-desc"
    assert root.find(f"{SVG}title").get("id") == "relmap-title"
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == "relmap-desc"
    assert desc.text.startswith(
        "2 contacts at Globex by level (1 advocate, 0 neutral, 1 detractor)"
    )
    assert "Ada Exec, advocate, user, relationship held by Mia Member" in desc.text
    assert "Dot Floor, detractor, user, nobody on our side yet" in desc.text
    assert "Management: no contacts." in desc.text


def test_map_has_a_legend_with_icons_and_words(world):
    account = factories.make_account(world.workspace, name="Globex")
    svg = render("Globex", [factories.make_contact(account)])

    legend = parse(svg).find(f"{SVG}g")
    words = [t.text for t in legend.iter(f"{SVG}text")]

    assert words[1:] == ["▲ Advocate", "● Neutral", "▼ Detractor"]


def test_empty_levels_say_so(world):
    account = factories.make_account(world.workspace, name="Globex")
    svg = render("Globex", [factories.make_contact(account, level="executive")])

    assert "No management contacts yet" in svg
    assert "No operational contacts yet" in svg
    assert "No executive contacts yet" not in svg


def test_names_with_markup_are_escaped_and_long_names_shortened(world):
    account = factories.make_account(world.workspace, name="Smith & <Sons>")
    long_name = "Maximilian Alexander von Hohenzollern-Sigmaringen"
    contact = factories.make_contact(account, name=long_name, title="Head of <R&D>")

    svg = render("Smith & <Sons>", [contact])
    root = parse(svg)

    [texts] = card_texts(root)
    assert texts[0].endswith("…") and long_name.startswith(texts[0][:-1])
    assert texts[1] == "Head of <R&D>"
    assert long_name in root.find(f"{SVG}desc").text  # the full name is never lost
    assert root.find(f"{SVG}title").text == "Relationship map of Smith & <Sons>"


def test_many_contacts_wrap_within_a_row_and_cap_with_a_more_card(world):
    account = factories.make_account(world.workspace, name="Globex")
    contacts = [
        factories.make_contact(account, name=f"Person {n:02d}", level="management")
        for n in range(20)
    ]

    built = relmap.build("Globex", contacts)
    svg = render_to_string("crm/relmap.svg", {"map": built})
    root = parse(svg)

    management = built.rows[1]
    assert len(management.cards) == relmap.MAX_PER_LEVEL
    assert management.more is not None and management.more.count == 8
    assert "+8 more" in svg
    lines = sorted({card.y for card in management.cards})
    assert len(lines) > 1  # wrapped onto several lines within the row
    for card in management.cards:
        assert card.x + built.card_w <= built.width - built.pad
        assert management.y <= card.y and card.y + built.card_h <= management.y + management.height
    # The next row starts below the wrapped one: nothing overlaps.
    assert built.rows[2].y >= management.y + management.height
    assert int(root.get("viewBox").split()[3]) >= built.rows[2].y + built.rows[2].height
    # Everyone is still in the text alternative, including those not drawn.
    desc = root.find(f"{SVG}desc").text
    assert all(f"Person {n:02d}" in desc for n in range(20))
    assert len(re.findall("relmap-card", svg)) == relmap.MAX_PER_LEVEL


def test_account_page_draws_the_map_inline(world):
    account = factories.make_account(world.workspace, name="Globex")
    factories.make_contact(account, name="Ada Exec", level="executive", stance="advocate")

    html = world.client_for(world.viewer).get(f"/accounts/{account.pk}/").content.decode()

    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = parse(svg)
    assert "Ada Exec" in [t.text for t in root.iter(f"{SVG}text")]
    assert "<script" not in svg
    assert not re.search(r"\sstyle=", svg)  # the CSP forbids inline styles
