"""Issue 17, point 2: "Lost deals by reason" grouped reasons by a lower-cased key, cut them at
80 characters (mid-word, in the CSV too) and drew twelve bars of "1 deal" with labels cut off.
Reasons now count together when they differ only in case, spacing, a bullet or a closing full
stop, keep the first spelling written ("FrostGuard", not "Frostguard"), are never cut in the
table, the CSV or the API, and the chart draws the reasons given more than once — labels
wrapped and cut only at a word, the full text in each bar's <title>."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.utils import timezone

from headway.methods.winback import charts, rules, selectors
from tests import factories
from tests.methods.winback.factories import lost_deal

pytestmark = pytest.mark.django_db

LONG = (
    "FrostGuard came in 18% cheaper per sensor and promised a six-week rollout against our ten, "
    "which procurement scored highest"
)


def lose(world: Any, reasons: str, days_ago: int) -> Any:
    return lost_deal(
        factories.make_account(world.workspace),
        lost_reasons=reasons,
        closed_at=timezone.now() - dt.timedelta(days=days_ago),
    )


# --- the rules ------------------------------------------------------------------------------


def test_reasons_keep_their_spelling_and_group_without_case_or_spacing() -> None:
    assert rules.reasons("- FrostGuard door sensors.\n* price;  PRICE \n2) 18% cheaper") == [
        ("frostguard door sensors", "FrostGuard door sensors"),
        ("price", "price"),
        ("18% cheaper", "18% cheaper"),
    ]
    assert rules.reason_label("price") == "Price"
    assert rules.reason_label("iPhone app missing") == "iPhone app missing"


def test_a_line_of_sentences_is_one_reason_not_fragments_cut_at_its_semicolon() -> None:
    text = "FrostGuard was cheaper. Procurement scored price highest; Jonas was outvoted."
    assert [written for _, written in rules.reasons(text)] == [
        "FrostGuard was cheaper. Procurement scored price highest; Jonas was outvoted"
    ]


def test_a_reason_is_never_cut_however_long() -> None:
    assert rules.reasons(LONG) == [(LONG.casefold(), LONG)]


def test_a_bounded_head_drops_the_reason_the_cut_went_through() -> None:
    assert rules.complete_reasons("Price\nSupport cover", cut=True) == "Price"
    assert rules.complete_reasons("Price; support cover", cut=True) == "Price"
    assert rules.complete_reasons("One very long reason that went on", cut=True) == (
        "One very long reason that went…"
    )
    assert rules.complete_reasons("Price\nSupport cover", cut=False) == "Price\nSupport cover"


def test_chart_labels_wrap_and_are_cut_only_at_a_word() -> None:
    lines = charts.wrap(LONG, charts.LABEL_W - 10, charts.LABEL_LINES)
    assert len(lines) == 2 and lines[-1].endswith("…")
    words = LONG.split()
    for line in lines:
        assert all(word in words for word in line.removesuffix("…").split())
    assert charts.wrap("2 deals · 236,000 EUR + 71,000 USD lost", 174, 3, breaks=r"(?<=[·+]) ") == [
        "2 deals · 236,000 EUR +",
        "71,000 USD lost",
    ]


# --- the reports ----------------------------------------------------------------------------


def test_reasons_count_together_under_their_first_spelling(world: Any) -> None:
    lose(world, "FrostGuard door sensors already installed\nPrice", days_ago=30)
    lose(world, "- frostguard  door sensors already installed.\nprice.", days_ago=10)
    lose(world, "PRICE", days_ago=5)
    by_reason = selectors.reports(workspace=world.workspace).losses_by_reason
    assert [(r.label, r.count) for r in by_reason] == [
        ("Price", 3),
        ("FrostGuard door sensors already installed", 2),
    ]


def test_the_csv_and_the_table_hold_every_reason_in_full(world: Any) -> None:
    lose(world, LONG, days_ago=3)
    client = world.client_for(world.manager)
    content = client.get("/winbacks/reports.csv?report=reasons").content.decode()
    assert list(csv.reader(io.StringIO(content))) == [["reason", "lost deals"], [LONG, "1"]]
    html = client.get("/winbacks/reports/").content.decode()
    assert f'<th scope="row">{LONG}</th>' in html


def test_a_very_long_text_counts_its_whole_reasons_only(world: Any) -> None:
    filler = "word " * (selectors.REASON_HEAD // 5)
    lose(world, f"Price\nTiming\n{filler}", days_ago=3)
    labels = [r.label for r in selectors.reports(workspace=world.workspace).losses_by_reason]
    assert labels == ["Price", "Timing"]


def test_the_chart_draws_repeated_reasons_with_their_full_text_in_a_title(world: Any) -> None:
    for days in (20, 10):
        lose(world, LONG, days_ago=days)
    lose(world, "Timing", days_ago=4)
    lose(world, "No reference in their sector", days_ago=2)
    html = world.client_for(world.manager).get("/winbacks/reports/").content.decode()
    chart = re.search(r'<svg[^>]*aria-labelledby="chart-reasons-title.*?</svg>', html, re.S)
    assert chart is not None
    svg = chart.group(0)
    assert f"<title>{LONG}: 2 deals</title>" in svg
    drawn = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert "FrostGuard came in 18%" in drawn and drawn.count("1 deal") == 0
    assert all(len(t) <= (charts.LABEL_W - 10) / charts.CHAR_W for t in drawn)
    assert "2 more reasons were each given by one lost deal: see the data table." in html
    assert '<th scope="row">Timing</th>' in html  # still listed


def test_when_no_reason_repeats_the_chart_says_so_instead_of_drawing_bars_of_one(
    world: Any,
) -> None:
    for i, reason in enumerate(("Timing", "Budget frozen", "Their own data loggers")):
        lose(world, reason, days_ago=i + 1)
    html = world.client_for(world.manager).get("/winbacks/reports/").content.decode()
    assert "No reason was given by more than one lost deal yet" in html
    assert "1 deal</tspan>" not in html
