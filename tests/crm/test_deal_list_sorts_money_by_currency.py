"""Issue 17, point 1: the deal list sorted by amount keeps each currency's deals together
(currency, then amount) instead of sorting GBP, EUR and USD amounts as plain numbers, and says
so; the API's sort does the same."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def titles_in(html: str) -> list[str]:
    return re.findall(r'<a href="/deals/\d+/">([^<]+)</a>', html)


@pytest.fixture
def deals(world):
    account = factories.make_account(world.workspace)
    for title, amount, currency in (
        ("Small EUR", "500", "EUR"),
        ("Big USD", "9000", "USD"),
        ("Mid GBP", "4000", "GBP"),
        ("Big EUR", "8000", "EUR"),
        ("Small USD", "100", "USD"),
    ):
        factories.make_deal(account, title=title, amount=Decimal(amount), currency=currency)
    return world


def test_the_deal_list_sorts_by_currency_then_amount(deals):
    client = deals.client_for(deals.member)
    html = client.get("/deals/?sort=amount").content.decode()
    assert titles_in(html) == ["Small EUR", "Big EUR", "Mid GBP", "Small USD", "Big USD"]
    assert "Sorted by currency, then amount" in html
    largest = client.get("/deals/?sort=-amount").content.decode()
    assert titles_in(largest) == ["Big USD", "Small USD", "Mid GBP", "Big EUR", "Small EUR"]
    assert "Sorted by currency" not in client.get("/deals/?sort=title").content.decode()


def test_the_api_sorts_amounts_by_currency_too(deals, api_for):
    items = api_for(deals.member).get("/deals", sort="amount").json()["items"]
    assert [d["title"] for d in items] == [
        "Small EUR",
        "Big EUR",
        "Mid GBP",
        "Small USD",
        "Big USD",
    ]
