"""Horizontal bar charts for the reports, drawn by the template ``winback/bar_chart.svg``.

A picture a manager takes in at a glance, with the same numbers in words: every bar carries
its value as text (never length or colour alone), the SVG has a ``<title>`` and a ``<desc>``
listing every bar, and the page shows the data table next to it. No JavaScript; it prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
PAD = 12
LABEL_W = 210
VALUE_W = 150
ROW_H = 30
BAR_H = 18
CHAR_W = 7.2  # average glyph width at 13px, generous


@dataclass
class DrawnBar:
    label: str
    full_label: str
    value_text: str
    y: int
    width: float
    text_y: int
    bar_y: int
    value_x: float


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

    @property
    def bar_x(self) -> int:
        return self.pad + self.label_w

    @property
    def axis_bottom(self) -> int:
        return self.height - self.pad


def _shorten(text: str, width: float) -> str:
    text = " ".join(text.split())
    limit = max(1, int(width / CHAR_W))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    *,
    slug: str,
    title: str,
    rows: Sequence[tuple[str, float, str]],
    empty: str = "Nothing to show yet.",
    fill: str = "#1d4ed8",
) -> BarChart:
    """``rows``: (label, value, value as words). Bars scale to the largest value."""
    top = max((value for _, value, _ in rows), default=0) or 1
    bar_area = WIDTH - PAD * 2 - LABEL_W - VALUE_W
    bars = []
    for i, (label, value, words) in enumerate(rows):
        y = PAD + i * ROW_H
        width = max(2.0, bar_area * value / top) if value else 0.0
        bars.append(
            DrawnBar(
                label=_shorten(label, LABEL_W - 10),
                full_label=label,
                value_text=words,
                y=y,
                width=round(width, 1),
                text_y=y + 19,
                bar_y=y + (ROW_H - BAR_H) // 2,
                value_x=round(PAD + LABEL_W + width + 6, 1),
            )
        )
    listed = "; ".join(f"{label}: {words}" for label, _, words in rows)
    desc = f"{title}. {listed}." if rows else f"{title}. {empty}"
    return BarChart(
        slug=slug,
        title=title,
        desc=desc,
        width=WIDTH,
        height=PAD * 2 + max(len(rows), 1) * ROW_H,
        bars=bars,
        fill=fill,
    )
