from __future__ import annotations

import datetime as dt

import pytest

from headway.agenda import sync
from headway.agenda.registry import (
    AgendaItem,
    Provider,
    Row,
    by_id,
    providers,
    register,
    unregister,
)
from headway.crm.models import Account
from headway.dates import first_moment_of
from tests import factories


def _reviews(workspace_id, ids):
    """A module's facts: one review per account its owner must look at, and one far ahead."""
    qs = Account.objects.in_workspace(workspace_id).filter(owner__isnull=False)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    for account in qs:
        yield Row(
            owner_id=account.owner_id,
            key=f"test-review:{account.pk}",
            subject_id=account.pk,
            visible_at=first_moment_of(dt.date(2000, 1, 1)),
            account_id=account.pk,
            params={"what": account.name},
        )


def _describe(row, ctx):
    due = ctx.horizon + dt.timedelta(days=1) if row.params["what"] == "Far away" else ctx.today
    return AgendaItem(
        key=row.key,
        title=f"Review first thing: the {row.account_name} decision",
        due=due,
        url=f"/somewhere/{row.subject_id}/",
        source="test-reviews",
        label="Review",
        detail=f"for {ctx.user.email}",
    )


@pytest.fixture
def review_provider():
    provider = register(
        Provider(name="test-reviews", derive=_reviews, describe=_describe, watches={Account: by_id})
    )
    yield provider
    unregister("test-reviews")


def test_core_providers_are_registered_when_the_app_starts():
    assert {"actions", "cadence"} <= set(providers())


def test_a_module_plugs_in_a_provider_and_its_items_show_on_the_agenda(
    world, clock, review_provider
):
    globex = factories.make_account(world.workspace, name="Globex", owner=world.member)
    factories.make_account(world.workspace, name="Far away", owner=world.member)

    html = world.client_for(world.member).get("/").content.decode()

    assert "Review first thing: the Globex decision" in html
    assert f'href="/somewhere/{globex.pk}/"' in html
    assert "for member@acme.test" in html
    assert "Far away decision" not in html


def test_a_failing_provider_does_not_take_the_agenda_down(world, clock, caplog):
    def broken(row, ctx):
        raise RuntimeError("boom")

    register(Provider(name="test-broken", derive=_reviews, describe=broken, watches={}))
    try:
        factories.make_account(world.workspace, name="Globex", owner=world.member)
        sync.rebuild_workspace(world.workspace.pk)
        response = world.client_for(world.member).get("/")
    finally:
        unregister("test-broken")

    assert response.status_code == 200
    assert "Some items could not be loaded (test-broken)" in response.content.decode()
    assert "No touch" in response.content.decode()  # the other providers' items still show


def test_a_provider_whose_derive_fails_does_not_stop_the_write(world, clock, caplog):
    def broken(workspace_id, ids):
        raise RuntimeError("boom")

    register(
        Provider(name="test-broken", derive=broken, describe=_describe, watches={Account: by_id})
    )
    try:
        account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    finally:
        unregister("test-broken")

    assert Account.objects.in_workspace(world.workspace).filter(pk=account.pk).exists()
    assert "could not re-derive" in caplog.text
