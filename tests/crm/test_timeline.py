"""A timeline shows values as a person reads them: moments in the viewer's time zone, money with
its currency, choices by label — not ISO strings and bare numbers."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from headway.crm import timeline, writes
from headway.crm.models import Contact
from headway.workspaces.models import Membership
from tests import factories


def _m(world) -> Membership:
    return (
        Membership.objects.in_workspace(world.workspace)
        .select_related("user")
        .get(user=world.member)
    )


def test_moments_are_shown_in_the_viewers_time_zone_and_money_with_its_currency(world):
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member, amount=Decimal("1000"), currency="EUR")
    writes.update(
        deal,
        membership=_m(world),
        changes={
            "amount": Decimal("412000"),
            "expected_close": dt.date(2026, 12, 24),
            "stage": "propose",
        },
    )
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        (row,) = timeline.timeline(workspace=world.workspace, obj=deal)
    shown = {e.label: (e.old, e.new) for e in row.entries}
    assert shown["amount"] == ("1,000 EUR", "412,000 EUR")
    assert shown["expected close"][1] == "24 Dec 2026"
    assert row.actor == "Mia Member" and row.what == ""


def test_a_datetime_value_is_shown_in_the_viewers_zone():
    entry = {"field": "occurred_at", "from": "", "to": "2026-11-30T19:30:00+00:00"}
    from headway.crm.models import Interaction

    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        assert timeline.format_value(Interaction, entry, "to") == "30 Nov 2026, 20:30"
    with timezone.override(zoneinfo.ZoneInfo("America/Los_Angeles")):
        assert timeline.format_value(Interaction, entry, "to") == "30 Nov 2026, 11:30"


def test_an_account_timeline_names_the_contact_that_changed(world):
    account = factories.make_account(world.workspace, owner=world.member)
    m = _m(world)
    contact = writes.create(Contact, membership=m, account=account, name="Jane Doe")
    writes.update(contact, membership=m, changes={"stance": "advocate"})
    rows = timeline.timeline(workspace=world.workspace, obj=account, account_id=account.pk)
    assert rows[0].what == "contact" and rows[0].target == "Jane Doe"
    assert [(e.label, e.old, e.new) for e in rows[0].entries] == [("stance", "Neutral", "Advocate")]


def test_hidden_fields_are_left_out_and_an_update_with_nothing_left_disappears(world):
    account = factories.make_account(world.workspace, owner=world.member)
    writes.update(account, membership=_m(world), changes={"relationship_strength": 4})
    assert (
        timeline.timeline(workspace=world.workspace, obj=account, hidden={"relationship_strength"})
        == []
    )


def test_another_workspaces_changes_never_show(world):
    account = factories.make_account(world.workspace, owner=world.member)
    writes.update(account, membership=_m(world), changes={"name": "Renamed"})
    assert timeline.timeline(workspace=world.other_workspace, obj=account) == []
