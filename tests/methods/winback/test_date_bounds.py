"""The win-back's dates are bounded like every date a person enters (headway.dates, the
range 1900-01-01 … 2200-12-31, held by the models' validators): a decision date, a planned
touch, a signal's day and a contract end, and the re-opened deal's close date — refused on the
page and in the API with the same message on the field, nothing written; the boundaries taken."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from headway import dates
from headway.crm.models import Account, Deal
from headway.methods.winback.models import PlannedTouch, WinBack, WinnerSignal
from tests import factories
from tests.api.conftest import field_errors
from tests.methods.winback.factories import lost_deal, make_winback

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"]


def _html(response: Any) -> str:
    return response.content.decode()


def _facts(**overrides: str) -> dict[str, str]:
    data = {"lost_to": "competitor", "lost_to_name": "Globex", "decision_date": "2026-11-20"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_a_decision_date_out_of_range_is_refused_on_both_doors(
    world: Any, api_for: Any, clock: Any, day: str
) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = lost_deal(account, owner=world.member)
    page = world.client_for(world.member).post(
        f"/winbacks/new/?deal={deal.pk}", _facts(decision_date=day)
    )
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    api = api_for(world.member)
    created = api.post("/winbacks", {"deal_id": deal.pk, "decision_date": day})
    assert field_errors(created) == {"decision_date": dates.DATE_OUT_OF_RANGE}
    assert not WinBack.objects.in_workspace(world.workspace).exists()

    winback = make_winback(world.workspace, world.member, decision_date=dt.date(2026, 11, 2))
    edited = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/edit/", _facts(decision_date=day, version="1")
    )
    assert edited.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(edited)
    patched = api.patch(f"/winbacks/{winback.pk}", {"decision_date": day})
    assert field_errors(patched) == {"decision_date": dates.DATE_OUT_OF_RANGE}
    winback.refresh_from_db()
    assert (winback.decision_date, winback.version) == (dt.date(2026, 11, 2), 1)


def test_a_decision_date_at_the_start_of_the_range_is_taken(
    world: Any, api_for: Any, clock: Any
) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = lost_deal(account, owner=world.member)
    created = api_for(world.member).post(
        "/winbacks", {"deal_id": deal.pk, "decision_date": "1900-01-01"}
    )
    assert created.status_code == 201, created.content
    assert created.json()["decision_date"] == "1900-01-01"


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_a_touch_planned_out_of_range_is_refused_on_both_doors(
    world: Any, api_for: Any, clock: Any, day: str
) -> None:
    winback = make_winback(world.workspace, world.member)
    page = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/touches/new/", {"kind": "call", "planned_for": day}
    )
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    api = api_for(world.member)
    planned = api.post(f"/winbacks/{winback.pk}/touches", {"kind": "call", "planned_for": day})
    assert field_errors(planned) == {"planned_for": dates.DATE_OUT_OF_RANGE}
    assert not PlannedTouch.objects.in_workspace(world.workspace).exists()

    touch = api.post(f"/winbacks/{winback.pk}/touches", {"planned_for": "2026-12-01"}).json()
    moved = api.patch(f"/winbacks/{winback.pk}/touches/{touch['id']}", {"planned_for": day})
    assert field_errors(moved) == {"planned_for": dates.DATE_OUT_OF_RANGE}
    stored = PlannedTouch.objects.in_workspace(world.workspace).get()
    assert (stored.planned_for, stored.version) == (dt.date(2026, 12, 1), 1)


def test_a_touch_planned_on_the_last_day_of_the_range_is_taken(
    world: Any, api_for: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    page = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/touches/new/", {"kind": "call", "planned_for": "2200-12-31"}
    )
    assert page.status_code == 302
    api = api_for(world.member)
    planned = api.post(f"/winbacks/{winback.pk}/touches", {"planned_for": "2200-12-31"})
    assert planned.status_code == 201, planned.content
    days = PlannedTouch.objects.in_workspace(world.workspace).values_list("planned_for", flat=True)
    assert list(days) == [dt.date(2200, 12, 31)] * 2


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_a_contract_end_out_of_range_is_refused_on_both_doors(
    world: Any, api_for: Any, clock: Any, day: str
) -> None:
    winback = make_winback(world.workspace, world.member)
    body = {"kind": "contract_end", "observed_on": "2026-11-20", "contract_end": day}
    page = world.client_for(world.member).post(f"/winbacks/{winback.pk}/signals/new/", body)
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    api = api_for(world.member)
    signal = api.post(f"/winbacks/{winback.pk}/signals", body)
    assert field_errors(signal) == {"contract_end": dates.DATE_OUT_OF_RANGE}
    assert not WinnerSignal.objects.in_workspace(world.workspace).exists()
    winback.refresh_from_db()
    assert winback.signal_score == 0


def test_a_signal_observed_before_1900_is_refused_on_both_doors(
    world: Any, api_for: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    body = {"kind": "price_rise", "observed_on": "0001-01-01"}
    page = world.client_for(world.member).post(f"/winbacks/{winback.pk}/signals/new/", body)
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    api = api_for(world.member)
    signal = api.post(f"/winbacks/{winback.pk}/signals", body)
    assert field_errors(signal) == {"observed_on": dates.DATE_OUT_OF_RANGE}
    kept = api.post(f"/winbacks/{winback.pk}/signals", {"kind": "price_rise"}).json()
    moved = api.patch(f"/winbacks/{winback.pk}/signals/{kept['id']}", body)
    assert field_errors(moved) == {"observed_on": dates.DATE_OUT_OF_RANGE}
    assert WinnerSignal.objects.in_workspace(world.workspace).get().observed_on == dt.date(
        2026, 11, 22
    )


def test_reopening_with_a_close_date_out_of_range_opens_no_deal(
    world: Any, api_for: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    deals_before = Deal.objects.in_workspace(world.workspace).count()
    page = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/reopen/",
        {"title": "Second take", "amount": "1000", "expected_close": "9999-12-31"},
    )
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    reopened = api_for(world.member).post(
        f"/winbacks/{winback.pk}/reopen", {"expected_close": "9999-12-31"}
    )
    assert field_errors(reopened) == {"expected_close": dates.DATE_OUT_OF_RANGE}
    assert Deal.objects.in_workspace(world.workspace).count() == deals_before
    winback.refresh_from_db()
    assert winback.reopened_deal_id is None and winback.reengaged_on is None


def test_the_openapi_document_states_the_range(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name, field in [
        ("WinBackIn", "decision_date"),
        ("WinBackPatch", "decision_date"),
        ("ReopenIn", "expected_close"),
        ("TouchIn", "planned_for"),
        ("TouchPatch", "planned_for"),
        ("SignalIn", "observed_on"),
        ("SignalIn", "contract_end"),
        ("SignalPatch", "observed_on"),
        ("SignalPatch", "contract_end"),
    ]:
        found = schema[name]["properties"][field]
        string = next((p for p in found.get("anyOf", []) if p.get("type") == "string"), found)
        assert string["pattern"] == dates.YEAR_PATTERN, (name, field)


@pytest.mark.parametrize(
    ("zone", "touched"),
    [
        ("America/New_York", dt.datetime(1, 1, 1, tzinfo=dt.UTC)),
        ("Asia/Tokyo", dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC)),
    ],
)
def test_win_back_pages_show_dates_stored_out_of_range(
    world: Any, api_for: Any, zone: str, touched: dt.datetime
) -> None:
    """Rows written before the rule, straight into the tables: the pages still show them."""
    world.member.time_zone = zone
    world.member.save(update_fields=["time_zone"])
    winback = make_winback(world.workspace, world.member)
    ws = world.workspace
    WinBack.objects.in_workspace(ws).filter(pk=winback.pk).update(decision_date=dt.date(1, 1, 1))
    for end in (dt.date(9999, 12, 31), dt.date(1, 1, 1)):
        WinnerSignal.objects.create(
            workspace=ws,
            winback=winback,
            kind="contract_end",
            observed_on=dt.date(1, 1, 1),
            contract_end=end,
        )
    for day in (dt.date(9999, 12, 31), dt.date(1, 1, 1)):
        PlannedTouch.objects.create(workspace=ws, winback=winback, planned_for=day)
    factories.make_interaction(winback.account, occurred_at=touched)
    Account.objects.in_workspace(ws).filter(pk=winback.account_id).update(last_touch_at=touched)
    client = world.client_for(world.member)
    for url in [f"/winbacks/{winback.pk}/", f"/winbacks/{winback.pk}/edit/", "/winbacks/"]:
        assert client.get(url).status_code == 200, url
    api = api_for(world.member)
    for path in [f"/winbacks/{winback.pk}", "/winbacks", f"/winbacks/{winback.pk}/touches"]:
        assert api.get(path).status_code == 200, path
