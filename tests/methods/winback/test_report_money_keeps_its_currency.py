"""Issue 17, point 1: the win-back reports never add one currency to another. "FrostGuard
307,000 lost" was 236,000 EUR + 71,000 USD: every money figure now carries its currency, and
the totals are per currency in the chart, the data table, the CSV and the API."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from headway.methods.winback import selectors
from tests import factories
from tests.methods.winback.factories import lost_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def frostguard(world: Any) -> Any:
    """FrostGuard won a EUR deal and a USD deal; ThermaLog a GBP one."""
    for amount, currency in ((Decimal("236000"), "EUR"), (Decimal("71000"), "USD")):
        lost_deal(
            factories.make_account(world.workspace),
            lost_to_name="FrostGuard",
            amount=amount,
            currency=currency,
        )
    lost_deal(
        factories.make_account(world.workspace),
        lost_to_name="ThermaLog",
        amount=Decimal("67000"),
        currency="GBP",
    )
    return world


def test_the_selector_gives_each_competitor_its_amounts_per_currency(frostguard: Any) -> None:
    rows = selectors.reports(workspace=frostguard.workspace).losses_by_competitor
    frost, therma = rows
    assert (frost.label, frost.count) == ("FrostGuard", 2)
    assert frost.amounts == (
        selectors.Money("EUR", Decimal("236000"), 1),
        selectors.Money("USD", Decimal("71000"), 1),
    )
    assert therma.amounts == (selectors.Money("GBP", Decimal("67000"), 1),)


def test_the_chart_and_the_table_show_each_currency_apart(frostguard: Any) -> None:
    html = frostguard.client_for(frostguard.manager).get("/winbacks/reports/").content.decode()
    assert "FrostGuard: 2 deals · 236,000 EUR + 71,000 USD lost" in html  # the chart's <desc>
    assert "307,000" not in html
    # The data table: one amount column per currency, "—" where a competitor won none.
    for header in ("Amount lost (EUR)", "Amount lost (GBP)", "Amount lost (USD)"):
        assert f'<th scope="col">{header}</th>' in html
    assert "<td>236,000</td>" in html and "<td>71,000</td>" in html and "<td>67,000</td>" in html
    assert '<span aria-hidden="true">—</span><span class="sr-only">none</span>' in html


def test_the_csv_has_an_amount_column_per_currency(frostguard: Any) -> None:
    client = frostguard.client_for(frostguard.manager)
    content = client.get("/winbacks/reports.csv?report=competitors").content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows == [
        ["lost to", "lost deals", "amount lost (EUR)", "amount lost (GBP)", "amount lost (USD)"],
        ["FrostGuard", "2", "236,000", "", "71,000"],
        ["ThermaLog", "1", "", "67,000", ""],
    ]


def test_the_api_gives_the_amounts_per_currency(frostguard: Any, api_for: Any) -> None:
    api = api_for(frostguard.member).get("/winbacks/reports").json()
    assert api["losses_by_competitor"][0] == {
        "label": "FrostGuard",
        "count": 2,
        "amounts": [
            {"currency": "EUR", "amount": "236,000", "count": 1},
            {"currency": "USD", "amount": "71,000", "count": 1},
        ],
    }


def test_the_portfolio_says_how_values_in_other_currencies_count(world: Any) -> None:
    from tests.methods.winback.factories import make_winback

    make_winback(world.workspace, world.member, amount=Decimal("9000"), currency="GBP")
    html = world.client_for(world.member).get("/winbacks/").content.decode()
    assert "9,000 GBP" in html
    assert "in its own currency, without exchange rates" in html
