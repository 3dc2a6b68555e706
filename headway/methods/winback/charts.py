"""Horizontal bar charts for the reports, drawn by the template ``winback/bar_chart.svg``.

A picture a manager takes in at a glance, with the same numbers in words: every bar carries
its value as text (never length or colour alone), the SVG has a ``<title>`` and a ``<desc>``
listing every bar, and the page shows the data table next to it. No JavaScript; it prints.

SVG text does not wrap, so labels and values are wrapped here (from a generous average glyph
width) at words — a long label takes two lines and, if it is longer still, ends at a word with
"…"; its full text is the bar's own ``<title>`` (a tooltip) and is in the ``<desc>``. A row is
as tall as its longest text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 640
PAD = 12
LABEL_W = 210
VALUE_W = 180
ROW_H = 30
BAR_H = 18
LINE_H = 15
LABEL_LINES = 2
VALUE_LINES = 3
CHAR_W = 7.2  # average glyph width at 13px, generous


@dataclass
class TextLine:
    text: str
    y: float


@dataclass
class DrawnBar:
    label_lines: list[TextLine]
    full_label: str
    value_text: str
    value_lines: list[TextLine]
    y: int
    height: int
    width: float
    bar_y: float
    value_x: float

    @property
    def label(self) -> str:
        """The label as drawn (its lines joined)."""
        return " ".join(line.text for line in self.label_lines)

    @property
    def cut(self) -> bool:
        return self.label != " ".join(self.full_label.split())


@dataclass
class BarChart:
    slug: str
    title: str
    desc: str
    width: int
    height: int
    bars: list[DrawnBar]
    label_w: int = LABEL_W
    pad: int = PAD
    bar_h: int = BAR_H
    fill: str = "#1d4ed8"
    empty_lines: list[TextLine] = field(default_factory=list)
    note: str = ""  # a sentence under the chart (what it leaves to the data table)

    @property
    def bar_x(self) -> int:
        return self.pad + self.label_w

    @property
    def axis_bottom(self) -> int:
        return self.height - self.pad


def _fit(words: list[str], limit: int) -> tuple[str, list[str]]:
    """As many whole words as fit in ``limit`` characters (at least one), and the rest."""
    line = words[0]
    for i, word in enumerate(words[1:], 1):
        if len(line) + 1 + len(word) > limit:
            return line, words[i:]
        line += " " + word
    return line, []


def wrap(text: str, width: float, max_lines: int, *, breaks: str = r"\s+") -> list[str]:
    """``text`` in lines of at most ``width`` pixels, broken only where ``breaks`` matches (any
    space by default), at most ``max_lines``: text left over ends the last line with "…" after
    a whole word. Only a single word longer than a line is cut inside (with "…")."""
    limit = max(4, int(width / CHAR_W))
    words = [w for w in re.split(breaks, " ".join(text.split())) if w]
    lines: list[str] = []
    while words and len(lines) < max_lines:
        line, words = _fit(words, limit)
        lines.append(line)
    if words:  # cut: end the last line at a word, with room for the ellipsis
        last = lines[-1].split(" ")
        while len(last) > 1 and len(" ".join(last)) + 1 > limit:
            last.pop()
        lines[-1] = " ".join(last).rstrip(" ,;:.·+") + "…"
    return [line if len(line) <= limit else line[: limit - 1].rstrip() + "…" for line in lines]


def bar_chart(
    *,
    slug: str,
    title: str,
    rows: Sequence[tuple[str, float, str]],
    empty: str = "Nothing to show yet.",
    fill: str = "#1d4ed8",
    note: str = "",
) -> BarChart:
    """``rows``: (label, value, value as words). Bars scale to the largest value. A value in
    words breaks only after " · " or " + " ("2 deals · 236,000 EUR +" / "71,000 USD lost")."""
    top = max((value for _, value, _ in rows), default=0) or 1
    bar_area = WIDTH - PAD * 2 - LABEL_W - VALUE_W
    bars = []
    y = PAD
    for label, value, words in rows:
        label_text = wrap(label, LABEL_W - 10, LABEL_LINES)
        value_text = wrap(words, VALUE_W - 6, VALUE_LINES, breaks=r"(?<=[·+]) ")
        lines = max(len(label_text), len(value_text))
        height = max(ROW_H, 12 + lines * LINE_H)
        width = max(2.0, bar_area * value / top) if value else 0.0

        def placed(texts: list[str], top: int = y, height: int = height) -> list[TextLine]:
            first = top + (height - len(texts) * LINE_H) / 2 + 11
            return [TextLine(t, round(first + i * LINE_H, 1)) for i, t in enumerate(texts)]

        bars.append(
            DrawnBar(
                label_lines=placed(label_text),
                full_label=label,
                value_text=words,
                value_lines=placed(value_text),
                y=y,
                height=height,
                width=round(width, 1),
                bar_y=y + (height - BAR_H) / 2,
                value_x=round(PAD + LABEL_W + width + 6, 1),
            )
        )
        y += height
    empty_lines = []
    if not rows:
        empty_lines = [
            TextLine(text, PAD + 19 + i * LINE_H)
            for i, text in enumerate(wrap(empty, WIDTH - 2 * PAD, 3))
        ]
        y = PAD + max(ROW_H, 12 + len(empty_lines) * LINE_H)
    listed = "; ".join(f"{label}: {words}" for label, _, words in rows)
    desc = f"{title}. {listed}." if rows else f"{title}. {empty}"
    return BarChart(
        slug=slug,
        title=title,
        desc=desc,
        width=WIDTH,
        height=y + PAD,
        bars=bars,
        fill=fill,
        empty_lines=empty_lines,
        note=note,
    )
