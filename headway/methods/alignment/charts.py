"""The grid picture: joint options (rows) against every party's interests (columns), each cell
a mark and a colour — ✓ meets, ◐ partly, ✗ does not, ? not rated — and a last column saying
whether the option meets every essential interest. The row of an option that does is
outlined, so the one that meets all parties' underlying needs stands out — often one nobody
proposed.

Server-rendered SVG with a ``<title>`` and a ``<desc>`` that says the same in words (and the
page repeats it as text): never colour alone, no JavaScript, it prints.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from django.utils.html import escape

from headway.methods.alignment import rules
from headway.methods.alignment.selectors import AlignmentPage

PAD = 12
LABEL_W = 250
CELL_W = 92
VERDICT_W = 230
HEAD_H = 96
ROW_H = 34
CHAR_W = 6.6

FILLS = {rules.MEETS: "#dcfce7", rules.PARTLY: "#fef9c3", rules.NO: "#fee2e2", "": "#f3f4f6"}
INKS = {rules.MEETS: "#166534", rules.PARTLY: "#854d0e", rules.NO: "#991b1b", "": "#374151"}


SHORT = {rules.MEETS: "Meets", rules.PARTLY: "Partly", rules.NO: "No", "": "Not rated"}


@dataclass
class Picture:
    title: str
    desc: str
    svg_rows: list[str]
    width: int
    height: int


def _short(text: str, width: float) -> str:
    text = " ".join(text.split())
    limit = max(1, int(width / CHAR_W))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


HEAD_LINES = 4


def _wrap(text: str, width: float) -> list[str]:
    """Whole words on up to :data:`HEAD_LINES` lines; the last one cut with … if need be."""
    lines = textwrap.wrap(" ".join(text.split()), max(4, int(width / CHAR_W))) or [""]
    if len(lines) > HEAD_LINES:
        lines = [*lines[: HEAD_LINES - 1], _short(" ".join(lines[HEAD_LINES - 1 :]), width)]
    return lines


def build(page: AlignmentPage) -> Picture:
    interests = page.interests
    width = PAD * 2 + LABEL_W + CELL_W * len(interests) + VERDICT_W
    height = PAD * 2 + HEAD_H + ROW_H * max(1, len(page.grid))
    title = f"Joint options for {page.alignment.decision}"
    parts: list[str] = []
    x0 = PAD + LABEL_W
    for col, interest in enumerate(interests):
        x = x0 + col * CELL_W
        who = page.interest_party.get(interest.pk, "")
        star = "★ " if interest.essential else ""
        parts.append(
            f'<text x="{x + 4}" y="{PAD + 16}" font-size="12" font-weight="600" '
            f'fill="#111827">{escape(_short(who, CELL_W - 6))}</text>'
        )
        for line, words in enumerate(_wrap(star + interest.text, CELL_W - 6)):
            parts.append(
                f'<text x="{x + 4}" y="{PAD + 34 + 16 * line}" font-size="11" '
                f'fill="#374151">{escape(words)}</text>'
            )
    parts.append(
        f'<text x="{x0 + CELL_W * len(interests) + 6}" y="{PAD + 34}" font-size="12" font-weight="600" fill="#111827">'
        "Essential interests</text>"
    )
    lines: list[str] = []
    for row_no, row in enumerate(page.grid):
        y = PAD + HEAD_H + row_no * ROW_H
        good = bool(page.essential_count) and row.verdict.meets_all_essential
        agreed = page.alignment.agreed_option_id == row.option.pk
        label = f"{row.option.label} – {row.option.text}"
        parts.append(
            f'<text x="{PAD}" y="{y + 21}" font-size="13" fill="#111827">'
            f"{escape(_short(label, LABEL_W - 8))}</text>"
        )
        said = []
        for col, rating in enumerate(row.cells):
            x = x0 + col * CELL_W
            parts.append(
                f'<rect x="{x + 2}" y="{y + 3}" width="{CELL_W - 4}" height="{ROW_H - 6}" '
                f'rx="4" fill="{FILLS[rating]}"/>'
                f'<text x="{x + CELL_W / 2}" y="{y + 22}" text-anchor="middle" '
                f'fill="{INKS[rating]}" font-size="12" font-weight="600">{rules.RATING_MARKS[rating]} '
                f"{SHORT[rating]}</text>"
            )
            interest = interests[col]
            said.append(
                f"{page.interest_party.get(interest.pk, '')}'s "
                f"{'essential ' if interest.essential else ''}interest “{interest.text}”: "
                f"{rules.RATING_LABELS.get(rating, 'not rated').lower()}"
            )
        vx = x0 + CELL_W * len(interests)
        verdict = row.verdict.words if page.essential_count else "no essential interest yet"
        ink = "#166534" if good else "#991b1b"
        weight = ' font-weight="600"' if good else ""
        parts.append(
            f'<text x="{vx + 6}" y="{y + 21}" font-size="12" fill="{ink}"{weight}>'
            f"{'✓ ' if good else ''}{escape(verdict)}{' · agreed' if agreed else ''}</text>"
        )
        if good or agreed:
            parts.append(
                f'<rect x="{PAD - 4}" y="{y + 1}" width="{width - 2 * PAD + 8}" '
                f'height="{ROW_H - 2}" rx="6" fill="none" stroke="#1d4ed8" '
                f'stroke-width="{3 if agreed else 2}"/>'
            )
        lines.append(
            f"Option {row.option.label} ({row.option.text}), proposed by {row.proposer}: "
            + ("; ".join(said) if said else "no interest recorded yet")
            + f" — {verdict}{', agreed' if agreed else ''}."
        )
    if not page.grid:
        parts.append(
            f'<text x="{PAD}" y="{PAD + HEAD_H + 21}" font-size="13" fill="#111827">No joint option yet.</text>'
        )
        lines.append("No joint option yet.")
    return Picture(
        title=title,
        desc=" ".join(lines),
        svg_rows=parts,
        width=width,
        height=height,
    )


def render_svg(picture: Picture) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="al-grid-t '
        f'al-grid-d" viewBox="0 0 {picture.width} {picture.height}" width="{picture.width}" '
        f'height="{picture.height}" font-family="\'DejaVu Sans\', Verdana, system-ui, sans-serif">'
        f'<title id="al-grid-t">{escape(picture.title)}</title>'
        f'<desc id="al-grid-d">{escape(picture.desc)}</desc>'
        f'<rect width="{picture.width}" height="{picture.height}" fill="#ffffff"/>'
        + "".join(picture.svg_rows)
        + "</svg>"
    )
