"""The reports selector returns plain numbers; the chart, the data table, the CSV and the API
format them, and agree."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from headway.methods.winback import selectors
from tests import factories
from tests.methods.winback.factories import lost_deal, make_winback

pytestmark = pytest.mark.django_db


def test_losses_by_competitor_are_numbers_that_every_door_formats_alike(
    world: Any, api_for: Any
) -> None:
    make_winback(world.workspace, world.member, amount=Decimal("1234567.50"))
    lost_deal(factories.make_account(world.workspace), lost_to_name="globex ", amount=Decimal("0"))
    (globex,) = selectors.reports(workspace=world.workspace).losses_by_competitor
    assert (globex.label, globex.count) == ("Globex", 2)
    assert globex.amounts == (selectors.Money("EUR", Decimal("1234567.50"), 2),)

    client = world.client_for(world.manager)
    assert (
        'Globex,2,"1,234,568"'
        in client.get("/winbacks/reports.csv?report=competitors").content.decode()
    )
    html = client.get("/winbacks/reports/").content.decode()
    assert "Globex: 2 deals · 1,234,568 EUR lost" in html  # the chart's <desc>
    assert "<td>1,234,568</td>" in html  # its data table
    api = api_for(world.member).get("/winbacks/reports").json()
    assert api["losses_by_competitor"] == [
        {
            "label": "Globex",
            "count": 2,
            "amounts": [{"currency": "EUR", "amount": "1,234,568", "count": 2}],
        }
    ]
