"""Contacts and deals find their account (source id, else domain, else name), contacts are
matched by e-mail, deals by account and title; stages, amounts and dates as exports write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.crm.models import Contact, Deal
from tests import factories
from tests.transfer.helpers import membership_of, run

HUBSPOT_CONTACTS = (
    "Record ID,First Name,Last Name,Email,Job Title,Phone Number,Associated Company IDs,"
    "Associated Company,Contact owner\r\n"
    "901,Zoë,Ångström,ZOE@mueller.example,CFO,+49 30 1234,5001;5002,,Mia Member\r\n"
    '902,Léa,Dupont,lea@cafe.example,"Head of Ops, EMEA",,,Café Olé,\r\n'
)


def _mueller_and_cafe(world):
    mueller = factories.make_account(world.workspace, name="Müller", external_id="5001")
    cafe = factories.make_account(world.workspace, name="Café Olé", domain="cafe.example")
    return mueller, cafe


def test_hubspot_contacts_land_on_their_accounts_with_joined_names(world):
    mueller, cafe = _mueller_and_cafe(world)
    report = run(
        membership_of(world), HUBSPOT_CONTACTS, kind="contacts", preset="hubspot", commit=True
    )
    assert report.ok and report.created == 2, report.errors
    zoe = Contact.objects.in_workspace(world.workspace).get(external_id="901")
    assert (zoe.name, zoe.email, zoe.account, zoe.our_person) == (
        "Zoë Ångström",
        "zoe@mueller.example",
        mueller,
        world.member,  # HubSpot exports the owner's name; a unique member name matches
    )
    lea = Contact.objects.in_workspace(world.workspace).get(external_id="902")
    assert (lea.account, lea.title) == (cafe, "Head of Ops, EMEA")
    again = run(
        membership_of(world), HUBSPOT_CONTACTS, kind="contacts", preset="hubspot", commit=True
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_contact_without_a_source_id_is_found_by_e_mail(world):
    mueller, _ = _mueller_and_cafe(world)
    known = factories.make_contact(mueller, name="Z. Angstrom", email="zoe@mueller.example")
    report = run(
        membership_of(world), HUBSPOT_CONTACTS, kind="contacts", preset="hubspot", commit=True
    )
    assert (report.created, report.updated) == (1, 1)
    known.refresh_from_db()
    assert (known.external_id, known.name, known.title) == ("901", "Zoë Ångström", "CFO")


def test_a_contact_whose_account_is_unknown_is_a_bad_row(world):
    report = run(
        membership_of(world), HUBSPOT_CONTACTS, kind="contacts", preset="hubspot", commit=True
    )
    assert [(e.row, e.column, e.value, e.message) for e in report.errors] == [
        (
            2,
            "Associated Company IDs",
            "5001",
            "No account matches id '5001'. Import the accounts first, or fix the value.",
        ),
        (
            3,
            "Associated Company",
            "Café Olé",
            "No account matches name 'Café Olé'. Import the accounts first, or fix the value.",
        ),
    ]
    assert not Contact.objects.in_workspace(world.workspace).exists()


def test_contacts_of_another_workspaces_accounts_are_never_attached(world):
    factories.make_account(world.other_workspace, name="Müller", external_id="5001")
    factories.make_account(world.other_workspace, name="Café Olé")
    report = run(membership_of(world), HUBSPOT_CONTACTS, kind="contacts", preset="hubspot")
    assert [e.row for e in report.errors] == [2, 3]


SALESFORCE_DEALS = (
    "Opportunity ID,Opportunity Name,Amount,Opportunity Currency,Stage,Close Date,Account ID,"
    "Account Name\r\n"
    '006A,Line 4 retrofit,"1,250,000.50",EUR,Negotiation/Review,3/31/2027,5001,\r\n'
    '006B,Pilot,"9.500,00",usd,Closed Won,15.01.2026,,Café Olé\r\n'
)


def test_salesforce_opportunities_become_deals(world):
    mueller, cafe = _mueller_and_cafe(world)
    report = run(
        membership_of(world), SALESFORCE_DEALS, kind="deals", preset="salesforce", commit=True
    )
    assert report.ok and report.created == 2, report.errors
    line4 = Deal.objects.in_workspace(world.workspace).get(external_id="006A")
    assert (line4.account, line4.amount, line4.stage, line4.expected_close) == (
        mueller,
        Decimal("1250000.50"),
        "negotiate",
        dt.date(2027, 3, 31),
    )
    pilot = Deal.objects.in_workspace(world.workspace).get(external_id="006B")
    assert (pilot.account, pilot.amount, pilot.currency, pilot.stage) == (
        cafe,
        Decimal("9500.00"),
        "USD",
        "won",
    )
    assert pilot.closed_at is not None  # a won deal is closed, as the services say
    again = run(
        membership_of(world), SALESFORCE_DEALS, kind="deals", preset="salesforce", commit=True
    )
    assert (again.created, again.unchanged) == (0, 2)


def test_a_deal_without_a_source_id_is_the_accounts_deal_of_the_same_title(world):
    mueller, _ = _mueller_and_cafe(world)
    deal = factories.make_deal(mueller, title="Line 4 retrofit")
    text = "title,account_external_id,amount\nLine 4 retrofit,5001,20000\nNew deal,5001,1\n"
    report = run(membership_of(world), text, kind="deals", commit=True)
    assert (report.created, report.updated) == (1, 1)
    deal.refresh_from_db()
    assert deal.amount == Decimal("20000")


def test_bad_deal_rows_say_what_the_api_would(world):
    _mueller_and_cafe(world)
    text = (
        "title,account_external_id,amount,stage,expected_close,currency\n"
        "Lost one,5001,10,lost,,EUR\n"
        "Negative,5001,-5,qualify,,EUR\n"
        "Bad date,5001,5,qualify,someday,EUR\n"
        "Bad currency,5001,5,qualify,,euro\n"
        "No account,,5,qualify,,EUR\n"
    )
    report = run(membership_of(world), text, kind="deals", commit=True)
    got = [(e.row, e.column, e.message) for e in report.errors]
    assert (
        2,
        "lost_to",
        "Say what the deal was lost to and why: the win-back starts from it.",
    ) in got
    assert (3, "amount", "Ensure this value is greater than or equal to 0.") in got
    assert any(row == 4 and col == "expected_close" for row, col, _ in got)
    assert (5, "currency", "Use a three-letter currency code such as EUR.") in got
    assert (
        6,
        "account_external_id",
        "Say which account this row belongs to (its id, name or domain).",
    ) in got
    assert not Deal.objects.in_workspace(world.workspace).exists()


def _contact_queries(world, n: int) -> int:
    for i in range(n):
        factories.make_account(world.workspace, name=f"A{n}-{i}", external_id=f"a{n}-{i}")
    rows = "".join(f"c{n}-{i},Person {i},a{n}-{i},p{n}-{i}@x.example\n" for i in range(n))
    with CaptureQueriesContext(connection) as ctx:
        report = run(
            membership_of(world),
            "external_id,name,account_external_id,email\n" + rows,
            kind="contacts",
            commit=True,
        )
    assert report.created == n, report.errors
    return len(ctx.captured_queries)


def test_a_commit_of_contacts_on_many_accounts_runs_the_same_queries_for_5_as_for_50(world):
    _contact_queries(world, 1)  # warms the content-type cache history uses
    assert _contact_queries(world, 5) == _contact_queries(world, 50)
