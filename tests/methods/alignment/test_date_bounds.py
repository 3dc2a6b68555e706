"""An assumption's test date is bounded like every date a person enters (headway.dates): a day
out of 1900-01-01 … 2200-12-31 is refused on the page and in the API with the message on the
field, and nothing changes; the first day of the range is taken."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.html import escape

from headway import dates
from tests.api.conftest import field_errors
from tests.methods.alignment.helpers import parties, story

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_a_test_date_out_of_range_is_refused_on_both_doors(
    world: Any, api_for: Any, clock: Any, day: str
) -> None:
    alignment = story(world.workspace, world.member)
    anna = parties(alignment)[0]
    client = world.client_for(world.member)
    client.post(
        f"/alignments/{alignment.pk}/parties/{anna.pk}/items/",
        {"kind": "assumption", "text": "customers want configurability"},
    )
    item = anna.items.get()
    tested = {"test_status": "confirmed", "tested_how": "Asked five customers", "tested_on": day}
    page = client.post(f"/alignments/{alignment.pk}/items/{item.pk}/test/", tested)
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in page.content.decode()
    api = api_for(world.member)
    patched = api.patch(f"/api/v1/alignments/{alignment.pk}/items/{item.pk}", tested)
    assert field_errors(patched) == {"tested_on": dates.DATE_OUT_OF_RANGE}
    item.refresh_from_db()
    assert (item.test_status, item.tested_on) == ("untested", None)

    tested["tested_on"] = "1900-01-01"
    assert (
        client.post(f"/alignments/{alignment.pk}/items/{item.pk}/test/", tested).status_code == 302
    )
    item.refresh_from_db()
    assert str(item.tested_on) == "1900-01-01"
