"""The relationship map: an account's contacts drawn by level (rows) and stance (colour AND a
glyph and a word, never colour alone), each with the person on our side who holds the
relationship.

This module only computes the picture (positions, shortened labels, the text alternative); the
template ``crm/relmap.svg`` draws it. It needs no JavaScript and works in a PDF as well as on a
page. Text is shortened here because SVG text does not wrap or ellipsize by itself; the full
names are always in the ``<desc>`` text alternative.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from headway.crm.models import Contact, Level, Stance

# Geometry, in SVG user units (the drawing scales to the page width).
WIDTH = 960
PAD = 16
HEADER_H = 40  # the legend line at the top
LABEL_W = 128  # the row labels on the left
CARD_W = 188
CARD_H = 100
GAP = 10
ROW_PAD = 12
EMPTY_ROW_H = 44
MAX_PER_LEVEL = 12
# Average glyph widths (generous, so text stays inside its card in any sans-serif font).
NAME_CHAR_W = 8.4  # 13px bold
TEXT_CHAR_W = 7.1  # 12px regular

CARDS_PER_LINE = max(1, (WIDTH - PAD * 2 - LABEL_W + GAP) // (CARD_W + GAP))

LEVELS: tuple[tuple[str, str], ...] = (
    (Level.EXECUTIVE, "Executive"),
    (Level.MANAGEMENT, "Management"),
    (Level.OPERATIONAL, "Operational"),
)


@dataclass(frozen=True)
class StanceStyle:
    label: str
    glyph: str
    ink: str  # text and stripe colour (AA contrast on ``fill``)
    fill: str  # card background


STANCES: dict[str, StanceStyle] = {
    Stance.ADVOCATE: StanceStyle("Advocate", "▲", "#166534", "#dcfce7"),
    Stance.NEUTRAL: StanceStyle("Neutral", "●", "#334155", "#f1f5f9"),
    Stance.DETRACTOR: StanceStyle("Detractor", "▼", "#b91c1c", "#fee2e2"),
}


@dataclass
class Card:
    x: int
    y: int
    name: str
    title: str
    stance: StanceStyle
    stance_text: str
    role: str
    ours: str
    contact_id: int | None = None


@dataclass
class MoreCard:
    x: int
    y: int
    count: int


@dataclass
class Row:
    level: str
    label: str
    y: int
    height: int
    total: int
    cards: list[Card] = field(default_factory=list)
    more: MoreCard | None = None

    @property
    def label_y(self) -> int:
        return self.y + 26

    @property
    def count_y(self) -> int:
        return self.y + 44

    @property
    def line_y(self) -> int:
        return self.y + self.height

    @property
    def empty_y(self) -> int:
        return self.y + 27


@dataclass
class RelationshipMap:
    title: str
    desc: str
    width: int
    height: int
    rows: list[Row]
    total: int
    legend: list[tuple[int, StanceStyle]]
    card_w: int = CARD_W
    card_h: int = CARD_H
    label_w: int = LABEL_W
    pad: int = PAD

    @property
    def cards_x(self) -> int:
        return self.pad + self.label_w


def shorten(text: str, width: float, char_w: float = TEXT_CHAR_W) -> str:
    """Cut ``text`` to fit ``width`` units, ending with an ellipsis when cut."""
    text = " ".join(text.split())
    limit = max(1, int(width / char_w))
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _person(contact: Contact) -> str:
    person = contact.our_person
    return person.display_name if person is not None else ""


def _describe(contact: Contact) -> str:
    style = STANCES.get(contact.stance, STANCES[Stance.NEUTRAL])
    parts = [contact.name]
    if contact.title:
        parts.append(contact.title)
    parts.append(style.label.lower())
    parts.append(contact.get_buying_role_display().lower())
    ours = _person(contact)
    parts.append(f"relationship held by {ours}" if ours else "nobody on our side yet")
    return ", ".join(parts)


def build(account_name: str, contacts: Iterable[Contact]) -> RelationshipMap:
    """Lay out ``contacts`` (with ``our_person`` loaded) in three rows, up to
    :data:`MAX_PER_LEVEL` cards each, wrapping onto several lines within a row."""
    contacts = list(contacts)
    by_level: dict[str, list[Contact]] = {level: [] for level, _ in LEVELS}
    for contact in contacts:
        by_level.get(contact.level, by_level[Level.OPERATIONAL]).append(contact)

    text_w = CARD_W - 22  # the stripe and margins
    rows: list[Row] = []
    desc_parts: list[str] = []
    y = PAD + HEADER_H
    for level, label in LEVELS:
        people = by_level[level]
        shown = people[:MAX_PER_LEVEL]
        hidden = len(people) - len(shown)
        slots = len(shown) + (1 if hidden else 0)
        lines = -(-slots // CARDS_PER_LINE) if slots else 0
        height = ROW_PAD * 2 + lines * CARD_H + (lines - 1) * GAP if lines else EMPTY_ROW_H
        row = Row(level=level, label=label, y=y, height=height, total=len(people))
        for i, contact in enumerate(shown):
            col, line = i % CARDS_PER_LINE, i // CARDS_PER_LINE
            style = STANCES.get(contact.stance, STANCES[Stance.NEUTRAL])
            ours = _person(contact)
            row.cards.append(
                Card(
                    x=PAD + LABEL_W + col * (CARD_W + GAP),
                    y=y + ROW_PAD + line * (CARD_H + GAP),
                    name=shorten(contact.name, text_w, NAME_CHAR_W),
                    title=shorten(contact.title or "No title recorded", text_w),
                    stance=style,
                    stance_text=f"{style.glyph} {style.label}",
                    role=shorten(contact.get_buying_role_display(), text_w),
                    ours=shorten(f"Ours: {ours}" if ours else "Ours: nobody yet", text_w),
                    contact_id=contact.pk,
                )
            )
        if hidden:
            i = len(shown)
            col, line = i % CARDS_PER_LINE, i // CARDS_PER_LINE
            row.more = MoreCard(
                x=PAD + LABEL_W + col * (CARD_W + GAP),
                y=y + ROW_PAD + line * (CARD_H + GAP),
                count=hidden,
            )
        rows.append(row)
        y += height

        if people:
            listed = "; ".join(_describe(c) for c in people)
            desc_parts.append(f"{label} ({len(people)}): {listed}.")
        else:
            desc_parts.append(f"{label}: no contacts.")

    total = len(contacts)
    noun = "contact" if total == 1 else "contacts"
    counts = {key: sum(1 for c in contacts if c.stance == key) for key in STANCES}
    summary = ", ".join(f"{counts[key]} {STANCES[key].label.lower()}" for key in STANCES)
    desc = (
        f"{total} {noun} at {account_name} by level ({summary}). "
        + " ".join(desc_parts)
        + (
            f" The picture draws at most {MAX_PER_LEVEL} contacts per level; "
            "the contacts table lists everyone."
            if any(r.more for r in rows)
            else ""
        )
    )
    legend_x = WIDTH - PAD - 3 * 112
    legend = [(legend_x + i * 112, style) for i, style in enumerate(STANCES.values())]
    return RelationshipMap(
        title=f"Relationship map of {account_name}",
        desc=desc,
        width=WIDTH,
        height=y + PAD,
        rows=rows,
        total=total,
        legend=legend,
    )


def stance_style(stance: str) -> StanceStyle:
    return STANCES.get(stance, STANCES[Stance.NEUTRAL])


def level_labels() -> Sequence[tuple[str, str]]:
    return LEVELS
