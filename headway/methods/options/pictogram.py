"""The pictogram: the one-page picture of a decision a consultant hands the client.

The question at the top, the key considerations under it, then the spectrum from the yin
bookend (soft, left) to the yang bookend (hard, right) with the alternatives placed on it by
their position (stacked when close), and the letters' legend with the full texts below. The
choice, once made, is highlighted by colour *and* a star and the word "chosen".

This module only computes the picture (positions, wrapped lines, the text alternative); the
template ``options/pictogram.svg`` draws it, for the page, the SVG download and the PDF alike.
SVG text does not wrap, so lines are wrapped here from a generous average glyph width; the full
texts are always in the ``<desc>`` text alternative.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from headway.methods.options import rules
from headway.methods.options.models import (
    Alternative,
    Choice,
    Consideration,
    Decision,
    Kind,
    Stage,
)
from headway.methods.options.selectors import DecisionPage

# A4 landscape at 96 dpi (297 × 210 mm); taller when many options need more legend rows.
WIDTH = 1120
BASE_HEIGHT = 792
MARGIN = 40
INNER = WIDTH - 2 * MARGIN

# Glyph width as a share of the font size (DejaVu Sans, the font the PDF uses, is wide).
GLYPH = 0.6

BOOKEND_W = 170
BAR_LEFT = MARGIN + BOOKEND_W + 24
BAR_RIGHT = WIDTH - MARGIN - BOOKEND_W - 24
BAR_H = 14
MARKER_R = 16
CHOSEN_R = 20
LEVEL_GAP = 46
MAX_LEVELS = 5
LABEL_CHARS = 24
LABEL_SIZE = 12
STATUS_SIZE = 12.5
STATUS_LINE_H = 17
STATUS_LINES = 4

INK = "#1b2330"
MUTED = "#5a6472"
LINE = "#d9dee5"
BRAND = "#1d4ed8"
YIN_INK, YIN_FILL = "#0f766e", "#ccfbf1"
YANG_INK, YANG_FILL = "#9a3412", "#ffedd5"
CHOSEN_INK, CHOSEN_FILL = "#1e3a8a", "#fde68a"


SEGMENTS = 40


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(a: str, b: str, t: float) -> str:
    ra, ga, ba = _hex(a)
    rb, gb, bb = _hex(b)
    return f"#{round(ra + (rb - ra) * t):02x}{round(ga + (gb - ga) * t):02x}{round(ba + (bb - ba) * t):02x}"


def spectrum_segments() -> list[tuple[float, float, str]]:
    """The yin→yang bar as solid segments (x, width, colour): a gradient drawn this way looks
    the same in every browser and in the PDF (WeasyPrint drops scaled SVG gradients)."""
    middle = "#94a3b8"
    width = (BAR_RIGHT - BAR_LEFT) / SEGMENTS
    out = []
    for i in range(SEGMENTS):
        t = (i + 0.5) / SEGMENTS
        colour = _mix(YIN_INK, middle, t * 2) if t < 0.5 else _mix(middle, YANG_INK, t * 2 - 1)
        out.append((round(BAR_LEFT + i * width, 2), round(width + 0.6, 2), colour))
    return out


def _text_w(text: str, size: float) -> float:
    return len(text) * size * GLYPH


def _chars(width: float, size: float) -> int:
    return max(4, int(width / (size * GLYPH)))


@dataclass
class Line:
    x: float
    y: float
    text: str


@dataclass
class Marker:
    letter: str
    text: str  # short label beside the marker
    full: str
    spectrum: int
    x: float
    y: float
    level: int
    r: int
    chosen: bool
    first_choice: bool  # the morning choice, when a second guess replaced it
    label_x: float
    label_anchor: str  # "start" or "end"
    label_w: float = 0

    @property
    def label_bg_x(self) -> float:
        return self.label_x - 3 if self.label_anchor == "start" else self.label_x - self.label_w - 3

    @property
    def label_bg_y(self) -> float:
        return self.y - 9

    @property
    def label_bg_w(self) -> float:
        return self.label_w + 6

    @property
    def leader_top(self) -> float:
        return self.y + self.r

    @property
    def text_y(self) -> float:
        return self.y + 4.5

    @property
    def tag_y(self) -> float:
        return self.y - self.r - 7


@dataclass
class LegendRow:
    letter: str
    lines: list[Line]
    x: float
    y: float
    chosen: bool
    first_choice: bool
    placed: str
    height: float
    w: float = 0

    @property
    def badge_x(self) -> float:
        return self.x + 18

    @property
    def badge_y(self) -> float:
        return self.y + 17

    @property
    def right(self) -> float:
        return self.x + self.w - 10

    @property
    def tag_y(self) -> float:
        return self.y + 21


@dataclass
class Bookend:
    kind: str
    title: str
    lines: list[Line]
    x: float
    y: float
    w: float
    h: float
    ink: str
    fill: str

    @property
    def title_y(self) -> float:
        return self.y + 20

    @property
    def text_x(self) -> float:
        return self.x + 10


@dataclass
class Pictogram:
    title: str
    desc: str
    width: int
    height: int
    eyebrow: str
    eyebrow_right: str
    goal_lines: list[Line]
    question_box: tuple[float, float, float, float]
    question_lines: list[Line]
    considerations_y: float
    considerations: list[Line]
    bar_y: float
    bar_left: float
    bar_right: float
    ticks: list[tuple[float, str, str]]
    yin: Bookend | None
    yang: Bookend | None
    markers: list[Marker]
    unplaced: str
    unplaced_y: float
    legend_y: float
    legend: list[LegendRow]
    status: str
    status_y: float
    status_lines: list[Line] = field(default_factory=list)
    chosen_letter: str = ""
    colours: dict[str, str] = field(
        default_factory=lambda: {
            "ink": INK,
            "muted": MUTED,
            "line": LINE,
            "brand": BRAND,
            "yin_ink": YIN_INK,
            "yin_fill": YIN_FILL,
            "yang_ink": YANG_INK,
            "yang_fill": YANG_FILL,
            "chosen_ink": CHOSEN_INK,
            "chosen_fill": CHOSEN_FILL,
        }
    )
    margin: int = MARGIN
    bar_h: int = BAR_H

    @property
    def segments(self) -> list[tuple[float, float, str]]:
        return spectrum_segments()

    @property
    def bar_end_r(self) -> float:
        return self.bar_h / 2

    @property
    def right(self) -> int:
        return self.width - self.margin

    @property
    def bar_mid(self) -> float:
        return self.bar_y + self.bar_h / 2

    @property
    def question_label_y(self) -> float:
        return self.question_box[1] + 22

    @property
    def eyebrow_y(self) -> int:
        return self.margin + 6

    @property
    def bar_width(self) -> float:
        return self.bar_right - self.bar_left

    @property
    def bar_bottom(self) -> float:
        return self.bar_y + self.bar_h

    @property
    def footer_line_y(self) -> float:
        return self.status_y - 22


def _place_markers(
    alternatives: list[Alternative], chosen_id: int | None, first_id: int | None, bar_y: float
) -> list[Marker]:
    """Place each alternative at its spectrum position, stacking markers upwards when their
    labels would overlap on the same level."""
    placed = sorted(
        (a for a in alternatives if a.spectrum is not None),
        key=lambda a: (a.spectrum or 0, a.position, a.pk or 0),
    )
    level_right: list[float] = []  # rightmost occupied x per level
    markers = []
    span = BAR_RIGHT - BAR_LEFT
    for alt in placed:
        position = alt.spectrum or 0
        x = BAR_LEFT + span * position / 100
        chosen = alt.pk == chosen_id
        r = CHOSEN_R if chosen else MARKER_R
        short = rules.shorten(alt.text, LABEL_CHARS + (8 if chosen else 0))
        is_first = first_id is not None and alt.pk == first_id and not chosen
        suffix = " (first choice)" if is_first else ""
        label_w = _text_w(short + suffix, LABEL_SIZE) + (18 if chosen else 0)
        flip = x + r + 6 + label_w > WIDTH - MARGIN
        if flip:
            left, right = x - r - 6 - label_w, x + r
        else:
            left, right = x - r, x + r + 6 + label_w
        level = next(
            (i for i, edge in enumerate(level_right) if edge + 10 < left),
            len(level_right),
        )
        if level >= MAX_LEVELS:
            level = min(range(MAX_LEVELS), key=lambda i: level_right[i])
        if level == len(level_right):
            level_right.append(right)
        else:
            level_right[level] = max(level_right[level], right)
        y = bar_y - 44 - level * LEVEL_GAP
        markers.append(
            Marker(
                letter=alt.label,
                text=short,
                full=alt.text,
                spectrum=position,
                x=round(x, 1),
                y=y,
                level=level,
                r=r,
                chosen=chosen,
                first_choice=is_first,
                label_x=round(x - r - 6 if flip else x + r + 6, 1),
                label_anchor="end" if flip else "start",
                label_w=round(label_w, 1),
            )
        )
    return markers


@dataclass
class Chosen:
    """What the footer says of the choice: the option in force and, after a second guess, the
    morning choice it replaced (each with its own time)."""

    words: str  # "Option D – …"
    second_guess_at: dt.datetime | None = None  # when the option in force was chosen, if later
    first_words: str = ""  # the morning choice, when a second guess replaced it


def _morning(decision: Decision, tz_name: str) -> str:
    """The morning choice's own time and how long it took."""
    bits = []
    if decision.chosen_at:
        bits.append(rules.local_review_text(decision.chosen_at, tz_name))
    if decision.choice_seconds is not None:
        bits.append(f"decided in {rules.duration_words(decision.choice_seconds)}")
    return " · ".join(bits)


def _status(
    decision: Decision,
    *,
    show_choice: bool,
    tz_name: str,
    chosen: Chosen | None,
    missing: str | None,
    alternatives: int,
) -> str:
    if decision.stage == Stage.SLEEPING and decision.review_at:
        when = rules.local_review_text(decision.review_at, tz_name)
        if decision.review_due:
            return f"Morning review: choose first thing, spontaneously (since {when})."
        return f"Sleeping on it — review first thing {when} ({tz_name})."
    if decision.stage in rules.CHOSEN_STAGES and show_choice and chosen:
        # decision.chosen_at and choice_seconds are the morning choice's: a second guess keeps
        # them, so they go with the first choice, never with the option that replaced it.
        morning = _morning(decision, tz_name)
        if chosen.first_words:
            text = f"Chosen: {chosen.words} · second guess"
            if chosen.second_guess_at:
                text += f" {rules.local_review_text(chosen.second_guess_at, tz_name)}"
            text += f" · the morning choice was {chosen.first_words}"
            text += f" ({morning})" if morning else ""
        else:
            text = f"Chosen: {chosen.words}" + (f" · {morning}" if morning else "")
        if decision.outcome:
            text += f" · outcome: {decision.get_outcome_display().lower()}"
        return text + "."
    if decision.stage in rules.CHOSEN_STAGES:
        return "The owner has chosen."
    if missing:
        return f"Options still open. {missing}"
    return (
        f"Options still open: {alternatives} alternatives, enough to choose from — sleep on "
        "them, then choose first thing in the morning."
    )


def build(
    decision: Decision,
    considerations: list[Consideration],
    options: list[Alternative],
    *,
    show_choice: bool = True,
    first_choice_id: int | None = None,
    choices: Sequence[Choice] = (),
    tz_name: str | None = None,
    today: dt.date | None = None,
) -> Pictogram:
    """Lay out the pictogram for a decision (``options``: bookends and alternatives;
    ``choices``: every choice made, oldest first, for the time of a second guess)."""
    tz_name = tz_name or decision.owner.time_zone
    yin_alt = next((a for a in options if a.kind == Kind.YIN), None)
    yang_alt = next((a for a in options if a.kind == Kind.YANG), None)
    alternatives = [a for a in options if a.kind == Kind.PRAGMATIC]
    chosen_id = decision.chosen_alternative_id if show_choice else None
    if not show_choice or first_choice_id == chosen_id:
        first_choice_id = None
    chosen_alt = next((a for a in alternatives if a.pk == chosen_id), None)
    chosen = None
    if chosen_alt is not None:
        chosen = Chosen(f"Option {chosen_alt.label} – {chosen_alt.text}")
        first_alt = next((a for a in alternatives if a.pk == first_choice_id), None)
        if first_alt is not None:
            chosen.first_words = f"Option {first_alt.label} – {first_alt.text}"
            latest = choices[-1] if choices else None
            if latest is not None and latest.alternative_id == chosen_id:
                chosen.second_guess_at = latest.chosen_at

    y: float = MARGIN + 6
    eyebrow = "OPTION SOLVING · DECISION PICTOGRAM"
    right_bits = []
    if decision.account_id and decision.account is not None:
        right_bits.append(decision.account.name)
    right_bits.append(f"{(today or decision.created_at.date()):%d %b %Y}")
    eyebrow_right = " · ".join(right_bits)

    goal = decision.goal[:1].upper() + decision.goal[1:]
    goal_lines = [
        Line(MARGIN, y + 34 + i * 30, text)
        for i, text in enumerate(rules.wrap(goal, _chars(INNER, 24), max_lines=2))
    ]
    y = goal_lines[-1].y + 18

    question = decision.question or rules.compose_question(
        decision.goal, [c.text for c in considerations if c.is_key]
    )
    q_lines_text = rules.wrap(question, _chars(INNER - 40, 15), max_lines=4)
    box_top = y
    question_lines = [
        Line(MARGIN + 22, box_top + 44 + i * 21, t) for i, t in enumerate(q_lines_text)
    ]
    box_h = 44 + len(q_lines_text) * 21 - 6
    question_box = (MARGIN, box_top, INNER, box_h)
    y = box_top + box_h + 30

    keys = [c for c in considerations if c.is_key]
    considerations_y = y
    col_w = (INNER - 20) / 2
    rows_per_col = max(1, (len(keys) + 1) // 2)
    cons_lines = []
    for i, c in enumerate(keys[:8]):
        col, row = divmod(i, rows_per_col) if len(keys) > 1 else (0, i)
        cons_lines.append(
            Line(
                MARGIN + col * (col_w + 20),
                y + 22 + row * 20,
                f"{i + 1}) {rules.shorten(c.text, _chars(col_w - 10, 13) - 4)}",
            )
        )
    if not keys:
        cons_lines.append(Line(MARGIN, y + 22, "No key considerations marked yet."))
    y = max(line.y for line in cons_lines) + 16

    # The spectrum: markers stack upwards from the bar.
    provisional_bar = y + 44 + MAX_LEVELS * LEVEL_GAP
    markers = _place_markers(alternatives, chosen_id, first_choice_id, provisional_bar)
    levels = 1 + max((m.level for m in markers), default=0)
    bar_y = y + 44 + levels * LEVEL_GAP - 4
    shift = bar_y - provisional_bar
    for m in markers:
        m.y += shift
    ticks = [
        (BAR_LEFT + (BAR_RIGHT - BAR_LEFT) * p / 100, word, anchor)
        for p, word, anchor in (
            (0, "0 · soft", "start"),
            (25, "25", "middle"),
            (50, "50 · middle", "middle"),
            (75, "75", "middle"),
            (100, "100 · hard", "end"),
        )
    ]

    def bookend(alt: Alternative | None, kind: str) -> Bookend | None:
        if alt is None:
            return None
        width = BOOKEND_W
        lines_text = rules.wrap(alt.text, _chars(width - 20, 12), max_lines=5)
        h = 34 + len(lines_text) * 16 + 8
        x = MARGIN if kind == Kind.YIN else WIDTH - MARGIN - width
        top = bar_y + BAR_H / 2 - h / 2
        lines = [Line(x + 10, top + 40 + i * 16, t) for i, t in enumerate(lines_text)]
        title = "YIN · soft extreme" if kind == Kind.YIN else "YANG · hard extreme"
        ink, fill = (YIN_INK, YIN_FILL) if kind == Kind.YIN else (YANG_INK, YANG_FILL)
        return Bookend(kind, title, lines, x, top, width, h, ink, fill)

    yin = bookend(yin_alt, Kind.YIN)
    yang = bookend(yang_alt, Kind.YANG)
    bookend_bottom = max([bar_y + BAR_H + 30] + [b.y + b.h for b in (yin, yang) if b is not None])
    unplaced = [a for a in alternatives if a.spectrum is None]
    unplaced_text = ""
    if unplaced:
        unplaced_text = "Not placed on the spectrum yet: " + ", ".join(a.label for a in unplaced)
    unplaced_y = bar_y + BAR_H + 34
    y = max(bookend_bottom, unplaced_y if unplaced else 0) + 30

    # The legend: the letters with the full texts, in two columns.
    legend_y = y
    rows: list[LegendRow] = []
    col_w = (INNER - 30) / 2
    per_col = max(1, (len(alternatives) + 1) // 2)
    col_y = [legend_y + 16, legend_y + 16]
    for i, alt in enumerate(alternatives):
        col = 0 if i < per_col else 1
        x = MARGIN + col * (col_w + 30)
        # Room on the right of every row for the "★ CHOSEN" tag.
        texts = rules.wrap(alt.text, _chars(col_w - 150, 13), max_lines=2)
        row_y = col_y[col]
        height = 12 + len(texts) * 17 + 6
        rows.append(
            LegendRow(
                letter=alt.label,
                lines=[Line(x + 44, row_y + 22 + j * 17, t) for j, t in enumerate(texts)],
                x=x,
                y=row_y,
                chosen=alt.pk == chosen_id,
                first_choice=first_choice_id is not None and alt.pk == first_choice_id,
                placed=rules.spectrum_words(alt.spectrum),
                height=height,
                w=col_w,
            )
        )
        col_y[col] += height + 6
    if not alternatives:
        col_y[0] += 30
    y = max(col_y) + 12
    status = _status(
        decision,
        show_choice=show_choice,
        tz_name=tz_name,
        chosen=chosen,
        missing=rules.incubation_refusal(
            stage=decision.stage,
            key_count=len(keys),
            has_yin=yin_alt is not None,
            has_yang=yang_alt is not None,
            alternative_count=len(alternatives),
        ),
        alternatives=len(alternatives),
    )
    # The footer wraps (a chosen alternative may be 300 characters long); past four lines it
    # ends with "…" — the whole sentence is in the text alternative.
    status_texts = rules.wrap(status, _chars(INNER, STATUS_SIZE + 1), max_lines=STATUS_LINES)
    below = (len(status_texts) - 1) * STATUS_LINE_H
    status_y = max(y + 26, BASE_HEIGHT - MARGIN + 8 - below)
    status_lines = [
        Line(MARGIN, status_y + i * STATUS_LINE_H, t) for i, t in enumerate(status_texts)
    ]
    height = int(max(BASE_HEIGHT, status_y + below + 24))

    desc = describe(
        decision,
        question=question,
        keys=[c.text for c in keys],
        yin=yin_alt,
        yang=yang_alt,
        alternatives=alternatives,
        chosen_id=chosen_id,
        status=status,
    )
    return Pictogram(
        title=f"Decision pictogram: {decision.goal}",
        desc=desc,
        width=WIDTH,
        height=height,
        eyebrow=eyebrow,
        eyebrow_right=eyebrow_right,
        goal_lines=goal_lines,
        question_box=question_box,
        question_lines=question_lines,
        considerations_y=considerations_y,
        considerations=cons_lines,
        bar_y=bar_y,
        bar_left=BAR_LEFT,
        bar_right=BAR_RIGHT,
        ticks=ticks,
        yin=yin,
        yang=yang,
        markers=markers,
        unplaced=unplaced_text,
        unplaced_y=unplaced_y,
        legend_y=legend_y,
        legend=rows,
        status=status,
        status_y=status_y,
        status_lines=status_lines,
        chosen_letter=chosen_alt.label if chosen_alt else "",
    )


def for_page(
    page: DecisionPage, *, show_choice: bool = True, today: dt.date | None = None
) -> Pictogram:
    """The pictogram of a decision page's data: its bookends and alternatives, the first choice
    marked once it was second-guessed."""
    first = page.first_choice
    return build(
        page.decision,
        page.considerations,
        [x for x in (page.yin, page.yang) if x is not None] + page.alternatives,
        show_choice=show_choice,
        first_choice_id=first.alternative_id if first and page.second_guesses else None,
        choices=page.choices,
        today=today,
    )


def describe(
    decision: Decision,
    *,
    question: str,
    keys: list[str],
    yin: Alternative | None,
    yang: Alternative | None,
    alternatives: list[Alternative],
    chosen_id: int | None,
    status: str,
) -> str:
    """The full text alternative: everything the picture shows, in reading order."""
    parts = [f"Goal: {decision.goal}.", f"Rational question: {question}"]
    if keys:
        parts.append(
            "Key considerations: " + "; ".join(f"{i}) {t}" for i, t in enumerate(keys, 1)) + "."
        )
    if yin or yang:
        parts.append(
            "Bookends, never chosen: "
            + "; ".join(
                f"{word}: {alt.text}"
                for word, alt in (("yin (soft)", yin), ("yang (hard)", yang))
                if alt is not None
            )
            + "."
        )
    if alternatives:
        described = []
        for alt in alternatives:
            where = (
                f"at {alt.spectrum} of 100 ({rules.spectrum_words(alt.spectrum)})"
                if alt.spectrum is not None
                else "not placed on the spectrum"
            )
            mark = " — CHOSEN" if alt.pk == chosen_id else ""
            described.append(f"Option {alt.label}: {alt.text}, {where}{mark}")
        parts.append(
            "Alternatives on the spectrum from yin (0) to yang (100): " + "; ".join(described) + "."
        )
    else:
        parts.append("No alternatives yet.")
    parts.append(status)
    return " ".join(parts)


def render_svg(pictogram: Pictogram, *, standalone: bool = False, id_prefix: str = "pg") -> str:
    """The SVG markup. ``standalone`` adds the XML declaration for the download."""
    return render_to_string(
        "options/pictogram.svg",
        {"pic": pictogram, "standalone": standalone, "id_prefix": id_prefix},
    )
