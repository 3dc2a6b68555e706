"""Importing accounts: dry run, commit, matching, idempotent re-import, all-or-nothing, tenant
isolation, batches."""

from __future__ import annotations

import codecs
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.crm.models import Account, Change
from headway.transfer import engine
from tests import factories
from tests.transfer.helpers import membership_of, run

SALESFORCE = (
    "Account ID,Account Name,Website,Industry,Type,Account Owner Email\r\n"
    '001A,"Müller & Söhne, GmbH",https://www.mueller.example/,Manufacturing,'
    "Customer - Direct,member@acme.test\r\n"
    "001B,Café Olé,cafe.example,Food,Prospect,\r\n"
    "001C,Northwind,northwind.example,,Prospect,nobody@elsewhere.test\r\n"
)


def _accounts(world):
    return list(Account.objects.in_workspace(world.workspace).order_by("external_id"))


def test_a_dry_run_counts_what_a_commit_would_do_and_writes_nothing(world):
    report = run(membership_of(world), SALESFORCE, preset="salesforce")
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.unknown_owners == {"nobody@elsewhere.test": [4]}
    assert not report.committed
    assert _accounts(world) == []


def test_a_commit_writes_every_row_with_history_and_owner(world):
    data = codecs.BOM_UTF8 + SALESFORCE.encode()
    report = run(membership_of(world), data, preset="salesforce", commit=True)
    assert report.committed and report.created == 3
    mueller, cafe, northwind = _accounts(world)
    assert mueller.name == "Müller & Söhne, GmbH"
    assert mueller.domain == "mueller.example"
    assert mueller.status == "customer"
    assert mueller.owner == world.member
    assert cafe.owner is None and northwind.owner is None  # unknown owner: listed, left empty
    changes = Change.objects.in_workspace(world.workspace).filter(kind="created")
    assert changes.count() == 3


def test_reimporting_the_same_file_creates_nothing(world):
    m = membership_of(world)
    run(m, SALESFORCE, preset="salesforce", commit=True)
    again = run(m, SALESFORCE, preset="salesforce", commit=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert len(_accounts(world)) == 3


def test_reimporting_changed_rows_counts_updates_and_records_them(world):
    m = membership_of(world)
    run(m, SALESFORCE, preset="salesforce", commit=True)
    changed = SALESFORCE.replace("Café Olé", "Café Olé SARL").replace(",Food,", ",Catering,")
    report = run(m, changed, preset="salesforce", commit=True)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    cafe = Account.objects.in_workspace(world.workspace).get(external_id="001B")
    assert (cafe.name, cafe.industry, cafe.version) == ("Café Olé SARL", "Catering", 2)
    updated = Change.objects.in_workspace(world.workspace).get(kind="updated")
    assert {e["field"] for e in updated.fields} >= {"name", "industry"}


def test_empty_cells_leave_the_existing_value(world):
    m = membership_of(world)
    run(m, SALESFORCE, preset="salesforce", commit=True)
    report = run(m, "Account ID,Account Name,Industry\n001A,Müller & Söhne,\n", preset="salesforce")
    assert report.updated == 1
    report = run(
        m,
        "Account ID,Account Name,Industry\n001A,Müller & Söhne,\n",
        preset="salesforce",
        commit=True,
    )
    assert (
        Account.objects.in_workspace(world.workspace).get(external_id="001A").industry
        == "Manufacturing"
    )


def test_an_existing_account_is_found_by_domain_before_name_and_takes_the_source_id(world):
    by_domain = factories.make_account(world.workspace, name="Mueller AG", domain="mueller.example")
    by_name = factories.make_account(world.workspace, name="Café Olé")
    report = run(membership_of(world), SALESFORCE, preset="salesforce", commit=True)
    assert (report.created, report.updated) == (1, 2)
    by_domain.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_domain.external_id, by_domain.name) == ("001A", "Müller & Söhne, GmbH")
    assert by_name.external_id == "001B"


def test_an_account_with_another_source_id_is_not_matched_by_name(world):
    factories.make_account(world.workspace, name="Café Olé", external_id="001Z")
    report = run(membership_of(world), SALESFORCE, preset="salesforce")
    assert report.created == 3


def test_two_accounts_of_the_same_name_are_ambiguous(world):
    factories.make_account(world.workspace, name="Northwind")
    factories.make_account(world.workspace, name="northwind ")
    text = "Account Name\nNorthwind\n"
    report = run(membership_of(world), text, preset="salesforce")
    assert report.errors == [
        engine.RowError(
            2,
            "Account Name",
            "Northwind",
            "2 accounts match this name: give the row its source id to say which.",
        )
    ]


BAD = (
    "name,external_id,relationship_strength,status,cadence_days\n"
    "Good One,e1,3,prospect,\n"
    ",e2,3,prospect,\n"
    "Too Strong,e3,9,prospect,\n"
    "Odd Status,e4,3,sleeping,\n"
    "Not a number,e5,3,prospect,soon\n"
    "Twice,e1,3,prospect,\n"
    "Long row,e6,3,prospect,,extra\n"
)


def test_every_bad_row_is_listed_with_row_column_value_and_message_and_nothing_written(world):
    report = run(membership_of(world), BAD, commit=True)
    assert not report.committed
    got = [(e.row, e.column, e.value, e.message) for e in report.errors]
    assert got == [
        (3, "name", "", "This field cannot be blank."),
        (4, "relationship_strength", "9", "Ensure this value is less than or equal to 5."),
        (5, "status", "sleeping", "Value 'sleeping' is not a valid choice."),
        (6, "cadence_days", "soon", "“soon” value must be an integer."),
        (
            7,
            "external_id",
            "e1",
            "This id appears again: row 2 has it already. Each row needs its own id.",
        ),
        (8, "", "", "Row 8 has 6 values but the header names 5 columns."),
    ]
    assert _accounts(world) == []


def test_an_error_while_writing_row_n_undoes_every_row_before_it(world):
    rows = "".join(f"Account {i},a{i}\n" for i in range(7))
    real = engine.writes.create_many
    calls = {"n": 0}

    def failing(objs, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the database went away")
        return real(objs, **kwargs)

    with mock.patch.object(engine.writes, "create_many", failing), pytest.raises(RuntimeError):
        run(membership_of(world), "name,external_id\n" + rows, commit=True, batch_size=2)
    assert calls["n"] == 3  # two batches (4 rows) were written, then undone
    assert _accounts(world) == []
    assert not Change.objects.in_workspace(world.workspace).exists()


def test_another_workspaces_accounts_and_members_are_never_matched(world):
    factories.make_account(world.other_workspace, name="Café Olé", external_id="001B")
    factories.make_account(world.other_workspace, name="Mueller", domain="mueller.example")
    text = SALESFORCE.replace("member@acme.test", "outsider@rival.test")
    report = run(membership_of(world), text, preset="salesforce", commit=True)
    assert (report.created, report.updated) == (3, 0)
    assert "outsider@rival.test" in report.unknown_owners
    assert Account.objects.in_workspace(world.other_workspace).count() == 2
    assert all(a.owner is None or a.owner == world.member for a in _accounts(world))


def test_only_managers_and_admins_import(world):
    with pytest.raises(PermissionDenied, match="Only a manager or an admin can import"):
        run(membership_of(world, world.member), SALESFORCE, preset="salesforce")
    assert run(membership_of(world, world.manager), SALESFORCE, preset="salesforce").ok


def _commit_queries(world, count: int) -> int:
    rows = "".join(f"Account {i},x{count}-{i},d{count}-{i}.example\n" for i in range(count))
    with CaptureQueriesContext(connection) as ctx:
        report = run(membership_of(world), "name,external_id,domain\n" + rows, commit=True)
    assert report.created == count
    return len(ctx.captured_queries)


def _update_queries(world, count: int) -> int:
    rows = "".join(f"Renamed {i},x{count}-{i}\n" for i in range(count))
    with CaptureQueriesContext(connection) as ctx:
        report = run(membership_of(world), "name,external_id\n" + rows, commit=True)
    assert report.updated == count
    return len(ctx.captured_queries)


def test_a_commit_runs_the_same_queries_for_5_rows_as_for_50(world):
    assert _commit_queries(world, 5) == _commit_queries(world, 50)
    assert _update_queries(world, 5) == _update_queries(world, 50)
