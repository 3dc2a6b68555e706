"""Interactions: they land on their account, move its last touch, and a re-import (with or
without source ids) creates nothing."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.crm.models import Account, Interaction
from tests import factories
from tests.transfer.helpers import membership_of, run

FILE = (
    "id,account_external_id,kind,date,summary,author_email\r\n"
    'c1,5001,Call,2026-11-02 09:30,"Budget call, with CFO",member@acme.test\r\n'
    "c2,5001,e-mail,2026-11-10T16:00:00+01:00,Sent the proposal,\r\n"
)


def test_interactions_land_on_their_account_and_move_its_last_touch(world):
    account = factories.make_account(world.workspace, name="Müller", external_id="5001")
    report = run(membership_of(world), FILE, kind="interactions", commit=True)
    assert report.ok and report.created == 2, report.errors
    call = Interaction.objects.in_workspace(world.workspace).get(external_id="c1")
    assert (call.kind, call.author, call.occurred_at) == (
        "call",
        world.member,
        dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC),  # no zone given: UTC
    )
    account.refresh_from_db()
    assert account.last_touch_at == dt.datetime(2026, 11, 10, 15, 0, tzinfo=dt.UTC)
    again = run(membership_of(world), FILE, kind="interactions", commit=True)
    assert (again.created, again.unchanged) == (0, 2)


def test_without_ids_the_same_moment_and_summary_is_the_same_interaction(world):
    factories.make_account(world.workspace, name="Müller", external_id="5001")
    text = "account_name,date,summary\nMüller,2026-11-02 09:30,Budget call\n"
    assert run(membership_of(world), text, kind="interactions", commit=True).created == 1
    again = run(membership_of(world), text, kind="interactions", commit=True)
    assert (again.created, again.unchanged) == (0, 1)


def test_an_interaction_in_the_future_is_a_bad_row(world, clock):
    factories.make_account(world.workspace, name="Müller", external_id="5001")
    text = "account_external_id,date,summary\n5001,2030-01-01,Not yet\n"
    report = run(membership_of(world), text, kind="interactions", commit=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "date")]
    assert not Interaction.objects.in_workspace(world.workspace).exists()


def _queries(world, n: int) -> int:
    for i in range(n):
        factories.make_account(world.workspace, name=f"A{n}-{i}", external_id=f"a{n}-{i}")
    rows = "".join(f"a{n}-{i},2026-11-02 09:{i % 60:02d},Call {i}\n" for i in range(n))
    with CaptureQueriesContext(connection) as ctx:
        report = run(
            membership_of(world),
            "account_external_id,date,summary\n" + rows,
            kind="interactions",
            commit=True,
        )
    assert report.created == n, report.errors
    return len(ctx.captured_queries)


def test_a_commit_of_interactions_runs_the_same_queries_for_5_rows_as_for_50(world):
    assert _queries(world, 5) == _queries(world, 50)
    assert Account.objects.in_workspace(world.workspace).filter(last_touch_at=None).count() == 0
