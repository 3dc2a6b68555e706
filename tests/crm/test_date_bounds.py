"""Every date and time a person enters in the CRM is bounded (headway.dates): 1900-01-01 to
2200-12-31, and an interaction at the latest at the end of today in the person's time zone.
Both doors refuse the same way — 422 with the message on the field, nothing written — and
accept the boundary values."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.utils import timezone
from django.utils.html import escape

from headway import dates
from headway.crm.models import Account, Action, Change, Deal, Interaction
from tests import factories
from tests.api.conftest import field_errors

pytestmark = pytest.mark.django_db

NEW_YORK = "America/New_York"  # where 0001-01-01T00:00Z does not exist
TOKYO = "Asia/Tokyo"  # where 9999-12-31T23:30Z does not exist


def _in_zone(user: Any, zone: str) -> None:
    user.time_zone = zone
    user.save(update_fields=["time_zone"])


def _html(response: Any) -> str:
    return response.content.decode()


def _log(**overrides: str) -> dict[str, str]:
    data = {"kind": "call", "occurred_at": "2026-11-20T09:30", "summary": "Talked."}
    data.update(overrides)
    return data


def _deal(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Fleet renewal",
        "amount": "12000",
        "currency": "EUR",
        "stage": "qualify",
        "expected_close": "2026-12-31",
        "competitors": "",
        "owner": "",
        "lost_to": "",
        "lost_to_name": "",
        "lost_reasons": "",
    }
    data.update(overrides)
    return data


# --- the rule -------------------------------------------------------------------------------


def test_the_range_is_1900_to_2200_on_the_persons_calendar() -> None:
    assert dates.date_in_range(dt.date(1900, 1, 1)) and dates.date_in_range(dt.date(2200, 12, 31))
    assert not dates.date_in_range(dt.date(1899, 12, 31))
    assert not dates.date_in_range(dt.date(2201, 1, 1))
    east = dt.timezone(dt.timedelta(hours=14))  # where a day begins first
    west = dt.timezone(dt.timedelta(hours=-12))  # where it ends last
    with timezone.override(east):
        assert dates.moment_in_range(dt.datetime(1900, 1, 1, 0, 0, tzinfo=east))
        assert not dates.moment_in_range(dt.datetime(1899, 12, 31, 23, 59, tzinfo=east))
    with timezone.override(west):
        assert dates.moment_in_range(dt.datetime(2200, 12, 31, 23, 59, 59, tzinfo=west))
        assert not dates.moment_in_range(dt.datetime(2201, 1, 1, 0, 0, tzinfo=west))
    with timezone.override(dt.UTC):  # the same moment, on 31 December 1899 here
        assert not dates.moment_in_range(dt.datetime(1900, 1, 1, 0, 0, tzinfo=east))
    for zone in (east, west, zoneinfo.ZoneInfo(NEW_YORK), zoneinfo.ZoneInfo(TOKYO)):
        with timezone.override(zone):  # never an OverflowError, in any zone
            assert not dates.moment_in_range(dt.datetime(1, 1, 1, tzinfo=dt.UTC))
            assert not dates.moment_in_range(dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC))


# --- interactions, on the web ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "when", "message"),
    [
        (NEW_YORK, "0001-01-01T00:00", dates.MOMENT_OUT_OF_RANGE),
        (TOKYO, "9999-12-31T23:30", dates.MOMENT_OUT_OF_RANGE),
        (NEW_YORK, "1899-12-31T23:59", dates.MOMENT_OUT_OF_RANGE),
        # The clock stands at noon UTC on 22 November: 21:00 in Tokyo, 07:00 in New York.
        (TOKYO, "2026-11-23T00:00", dates.NOT_HAPPENED_YET),
        (NEW_YORK, "2026-11-23T00:00", dates.NOT_HAPPENED_YET),
        (NEW_YORK, "2027-11-22T09:00", dates.NOT_HAPPENED_YET),
    ],
)
def test_the_log_form_refuses_a_time_out_of_range_or_to_come(
    world: Any, clock: Any, zone: str, when: str, message: str
) -> None:
    _in_zone(world.member, zone)
    account = factories.make_account(world.workspace, owner=world.member)
    response = world.client_for(world.member).post(
        f"/accounts/{account.pk}/interactions/new/", _log(occurred_at=when)
    )
    assert response.status_code == 422
    html = _html(response)
    assert escape(message) in html
    assert 'id="id_occurred_at_error"' in html
    assert f'value="{when}"' in html  # what was typed stays, to be corrected
    assert not Interaction.objects.in_workspace(world.workspace).exists()
    account.refresh_from_db()
    assert account.last_touch_at is None
    assert not Change.objects.in_workspace(world.workspace).exists()


@pytest.mark.parametrize(
    ("zone", "when"),
    [(TOKYO, "2026-11-22T23:59"), (NEW_YORK, "2026-11-22T23:59"), (NEW_YORK, "1900-01-01T00:00")],
)
def test_the_log_form_takes_the_boundaries(world: Any, clock: Any, zone: str, when: str) -> None:
    _in_zone(world.member, zone)
    account = factories.make_account(world.workspace, owner=world.member)
    response = world.client_for(world.member).post(
        f"/accounts/{account.pk}/interactions/new/", _log(occurred_at=when)
    )
    assert response.status_code == 302, _html(response)
    stored = Interaction.objects.in_workspace(world.workspace).get()
    assert stored.occurred_at == dt.datetime.fromisoformat(when).replace(
        tzinfo=zoneinfo.ZoneInfo(zone)
    )


def test_editing_an_interaction_into_the_future_changes_nothing(world: Any, clock: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    interaction = factories.make_interaction(account, author=world.member, summary="Before")
    response = world.client_for(world.member).post(
        f"/interactions/{interaction.pk}/edit/",
        _log(occurred_at="9999-12-31T23:30", summary="After", version="1"),
    )
    assert response.status_code == 422
    assert escape(dates.MOMENT_OUT_OF_RANGE) in _html(response)
    interaction.refresh_from_db()
    assert (interaction.summary, interaction.version) == ("Before", 1)


# --- interactions, through the API ----------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("0001-01-01T00:00:00Z", dates.MOMENT_OUT_OF_RANGE),
        ("9999-12-31T23:30:00Z", dates.MOMENT_OUT_OF_RANGE),
        ("0001-01-01T00:00:00+05:00", dates.MOMENT_OUT_OF_RANGE),
        ("1899-12-31T23:59:59Z", dates.MOMENT_OUT_OF_RANGE),
        # Written in 1900, but still 1899 in the person's time zone (Tokyo).
        ("1900-01-01T00:00:00+14:00", dates.MOMENT_OUT_OF_RANGE),
        ("2026-11-23T00:00:00+09:00", dates.NOT_HAPPENED_YET),
        ("2027-06-01T09:00:00Z", dates.NOT_HAPPENED_YET),
    ],
)
def test_the_api_refuses_an_interaction_out_of_range_or_to_come(
    world: Any, api_for: Any, clock: Any, when: str, message: str
) -> None:
    _in_zone(world.member, TOKYO)
    account = factories.make_account(world.workspace, owner=world.member)
    response = api_for(world.member).post(
        "/interactions", {"account_id": account.pk, "summary": "Call", "occurred_at": when}
    )
    assert field_errors(response) == {"occurred_at": message}
    assert not Interaction.objects.in_workspace(world.workspace).exists()
    account.refresh_from_db()
    assert account.last_touch_at is None


def test_the_api_refuses_moving_an_interaction_out_of_range(
    world: Any, api_for: Any, clock: Any
) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    interaction = factories.make_interaction(account, author=world.member)
    api = api_for(world.member)
    for when, message in [
        ("9999-12-31T23:30:00Z", dates.MOMENT_OUT_OF_RANGE),
        ("2026-11-30T09:00:00Z", dates.NOT_HAPPENED_YET),
    ]:
        response = api.patch(f"/interactions/{interaction.pk}", {"occurred_at": when})
        assert field_errors(response) == {"occurred_at": message}
    interaction.refresh_from_db()
    assert interaction.version == 1


@pytest.mark.parametrize(
    "when", ["1900-01-01T00:00:00+09:00", "2026-11-22T23:59:59+09:00", "2026-11-22T12:00:00Z"]
)
def test_the_api_takes_the_boundaries(world: Any, api_for: Any, clock: Any, when: str) -> None:
    _in_zone(world.member, TOKYO)
    account = factories.make_account(world.workspace, owner=world.member)
    response = api_for(world.member).post(
        "/interactions", {"account_id": account.pk, "summary": "Call", "occurred_at": when}
    )
    assert response.status_code == 201, response.content
    assert Interaction.objects.in_workspace(world.workspace).get().occurred_at == (
        dt.datetime.fromisoformat(when)
    )


# --- deals, actions and snoozes -------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
def test_a_close_date_out_of_range_is_refused_on_both_doors(
    world: Any, api_for: Any, day: str
) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    page = world.client_for(world.member).post(
        f"/accounts/{account.pk}/deals/new/", _deal(expected_close=day)
    )
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    api = api_for(world.member)
    created = api.post(
        "/deals", {"account_id": account.pk, "title": "Renewal", "expected_close": day}
    )
    assert field_errors(created) == {"expected_close": dates.DATE_OUT_OF_RANGE}
    assert not Deal.objects.in_workspace(world.workspace).exists()
    deal = factories.make_deal(account, expected_close=dt.date(2027, 3, 31))
    changed = api.patch(f"/deals/{deal.pk}", {"expected_close": day})
    assert field_errors(changed) == {"expected_close": dates.DATE_OUT_OF_RANGE}
    deal.refresh_from_db()
    assert (deal.expected_close, deal.version) == (dt.date(2027, 3, 31), 1)


@pytest.mark.parametrize("day", ["1900-01-01", "2200-12-31"])
def test_close_dates_at_the_boundaries_are_taken(world: Any, api_for: Any, day: str) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    page = world.client_for(world.member).post(
        f"/accounts/{account.pk}/deals/new/", _deal(expected_close=day)
    )
    assert page.status_code == 302
    created = api_for(world.member).post(
        "/deals", {"account_id": account.pk, "title": "Renewal", "expected_close": day}
    )
    assert created.status_code == 201, created.content
    closes = Deal.objects.in_workspace(world.workspace).values_list("expected_close", flat=True)
    assert set(closes) == {dt.date.fromisoformat(day)}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_due_date_out_of_range_is_refused_on_both_doors(
    world: Any, api_for: Any, day: str
) -> None:
    page = world.client_for(world.member).post(
        "/actions/new/", {"title": "Call Anna", "owner": str(world.member.pk), "due_date": day}
    )
    assert page.status_code == 422
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    api = api_for(world.member)
    assert field_errors(api.post("/actions", {"title": "Call Anna", "due_date": day})) == {
        "due_date": dates.DATE_OUT_OF_RANGE
    }
    assert not Action.objects.in_workspace(world.workspace).exists()
    action = factories.make_action(world.workspace, world.member, due_date=dt.date(2026, 12, 1))
    assert field_errors(api.patch(f"/actions/{action.pk}", {"due_date": day})) == {
        "due_date": dates.DATE_OUT_OF_RANGE
    }
    action.refresh_from_db()
    assert (action.due_date, action.version) == (dt.date(2026, 12, 1), 1)


def test_a_snooze_to_the_year_9999_is_refused_on_both_doors(
    world: Any, api_for: Any, clock: Any
) -> None:
    action = factories.make_action(world.workspace, world.member)
    # The list's snooze button answers with a message on the list, like its other refusals.
    page = world.client_for(world.member).post(
        f"/actions/{action.pk}/snooze/", {"until": "9999-12-31"}, follow=True
    )
    assert escape(dates.DATE_OUT_OF_RANGE) in _html(page)
    api = api_for(world.member)
    assert field_errors(api.post(f"/actions/{action.pk}/snooze", {"until": "9999-12-31"})) == {
        "until": dates.DATE_OUT_OF_RANGE
    }
    action.refresh_from_db()
    assert (action.snoozed_until, action.version) == (None, 1)
    # The last day of the range is fine.
    assert api.post(f"/actions/{action.pk}/snooze", {"until": "2200-12-31"}).status_code == 200


def test_the_openapi_document_states_the_range(db: None) -> None:
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]

    def prop(name: str, field: str) -> dict[str, Any]:
        found = schema[name]["properties"][field]
        return next((p for p in found.get("anyOf", []) if p.get("type") == "string"), found)

    for name, field in [
        ("InteractionIn", "occurred_at"),
        ("InteractionPatch", "occurred_at"),
        ("DealIn", "expected_close"),
        ("DealPatch", "expected_close"),
        ("ActionIn", "due_date"),
        ("ActionPatch", "due_date"),
        ("ActionSnoozeIn", "until"),
    ]:
        assert prop(name, field)["pattern"] == dates.YEAR_PATTERN, (name, field)
    assert (
        "1900-01-01 to today" in schema["InteractionIn"]["properties"]["occurred_at"]["description"]
    )


# --- rows stored before the rule still show -------------------------------------------------

LOW = dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.UTC)
HIGH = dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC)


def _stored_extremes(world: Any) -> dict[str, Any]:
    """Rows written before dates were bounded, straight into the tables (no validation)."""
    account = factories.make_account(world.workspace, name="Year Zero", owner=world.member)
    contact = factories.make_contact(account, name="Anna")
    low = factories.make_interaction(account, occurred_at=LOW, author=world.member, summary="Low")
    high = factories.make_interaction(
        account, occurred_at=HIGH, author=world.member, summary="High"
    )
    for interaction in (low, high):
        interaction.contacts.add(contact, through_defaults={"workspace_id": world.workspace.pk})
    Account.objects.in_workspace(world.workspace).filter(pk=account.pk).update(last_touch_at=HIGH)
    other = factories.make_account(world.workspace, name="Zero Hour", owner=world.member)
    Account.objects.in_workspace(world.workspace).filter(pk=other.pk).update(last_touch_at=LOW)
    deal = factories.make_deal(account, title="Far away", expected_close=dt.date(9999, 12, 31))
    factories.make_deal(account, title="Long ago", expected_close=dt.date(1, 1, 1))
    factories.make_action(
        world.workspace,
        world.member,
        title="Ancient",
        account=account,
        due_date=dt.date(1, 1, 1),
        snoozed_until=dt.date(9999, 12, 31),
    )
    # A recorded change of the time, from and to the extremes, on the account's timeline.
    Change.objects.create(
        workspace=world.workspace,
        target_type_id=_content_type(Interaction),
        target_id=low.pk,
        target_repr=str(low),
        account=account,
        actor=world.member,
        kind="updated",
        fields=[
            {
                "field": "occurred_at",
                "label": "When",
                "from": LOW.isoformat(),
                "to": HIGH.isoformat(),
            }
        ],
    )
    return {
        "account": account,
        "other": other,
        "contact": contact,
        "low": low,
        "high": high,
        "deal": deal,
    }


def _content_type(model: Any) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


@pytest.mark.parametrize("zone", [NEW_YORK, TOKYO, "UTC"])
def test_pages_show_rows_stored_out_of_range(world: Any, zone: str) -> None:
    _in_zone(world.member, zone)
    rows = _stored_extremes(world)
    client = world.client_for(world.member)
    pages = [
        "/interactions/",
        f"/interactions/?account={rows['account'].pk}",
        f"/accounts/{rows['account'].pk}/",
        f"/accounts/{rows['other'].pk}/",
        "/accounts/",
        "/accounts/?sort=last_touch",
        "/accounts/?sort=-last_touch",
        f"/contacts/{rows['contact'].pk}/",
        f"/interactions/{rows['low'].pk}/edit/",
        f"/interactions/{rows['high'].pk}/edit/",
        "/deals/",
        "/deals/?sort=close",
        f"/deals/{rows['deal'].pk}/",
        "/actions/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    listed = _html(client.get("/interactions/"))
    # Shown as stored, in UTC: the viewer's zone has no such moment.
    assert "Mon 1 Jan 0001, 00:00" in listed and "Fri 31 Dec 9999, 23:30" in listed
    assert "in the future" in _html(client.get(f"/accounts/{rows['account'].pk}/"))
    edit = _html(client.get(f"/interactions/{rows['high'].pk}/edit/"))
    assert 'value="9999-12-31T23:30"' in edit


@pytest.mark.parametrize("zone", [NEW_YORK, TOKYO])
def test_the_api_lists_rows_stored_out_of_range(world: Any, api_for: Any, zone: str) -> None:
    _in_zone(world.member, zone)
    rows = _stored_extremes(world)
    api = api_for(world.member)
    for path in [
        "/interactions",
        f"/interactions/{rows['high'].pk}",
        "/accounts?sort=-last_touch",
        "/accounts?sort=last_touch",
        "/deals?sort=close",
        "/actions",
        f"/accounts/{rows['account'].pk}/history",
    ]:
        response = api.get(path)
        assert response.status_code == 200, (path, response.content)
        if path.startswith("/interactions/"):
            assert response.json()["occurred_at"].startswith("9999-12-31T23:30:00")


def test_a_row_stored_out_of_range_can_be_corrected_or_deleted(world: Any) -> None:
    _in_zone(world.member, NEW_YORK)
    rows = _stored_extremes(world)
    client = world.client_for(world.member)
    # Saved again as it is, the form says what to correct; corrected, it saves.
    kept = client.post(
        f"/interactions/{rows['low'].pk}/edit/",
        _log(occurred_at="0001-01-01T00:00", summary="Low", version="1"),
    )
    assert kept.status_code == 422
    assert escape(dates.MOMENT_OUT_OF_RANGE) in _html(kept)
    fixed = client.post(
        f"/interactions/{rows['low'].pk}/edit/",
        _log(occurred_at="2026-01-05T10:00", summary="Low", version="1"),
    )
    assert fixed.status_code == 302, _html(fixed)
    deleted = client.post(f"/interactions/{rows['high'].pk}/delete/")
    assert deleted.status_code == 302
    account = Account.objects.in_workspace(world.workspace).get(pk=rows["account"].pk)
    assert account.last_touch_at == dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.UTC)
    assert client.get(f"/accounts/{account.pk}/").status_code == 200
