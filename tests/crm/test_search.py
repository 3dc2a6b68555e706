"""Search on the account, contact and deal lists: case-insensitive "contains", served by an
index (SQLite FTS5 trigram tables kept in sync by triggers; PostgreSQL trigram GIN indexes).
These run on both databases; on SQLite they also prove the index follows every write."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from headway.crm import search, services
from headway.crm.models import Account, Contact, Deal
from headway.workspaces.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def names_in(html: str) -> list[str]:
    return re.findall(r'<a href="/accounts/\d+/">([^<]+)</a>', html)


def found(client, q: str) -> list[str]:
    return names_in(client.get("/accounts/", {"q": q}).content.decode())


def membership(world, user):
    return Membership.objects.in_workspace(world.workspace).get(user=user)


def test_account_search_finds_whole_words_parts_of_words_and_any_case(world):
    factories.make_account(world.workspace, name="Acme Corp", domain="acme.example")
    factories.make_account(world.workspace, name="Globex", domain="globex.example")
    client = world.client_for(world.member)

    assert found(client, "acme") == ["Acme Corp"]
    assert found(client, "corp") == ["Acme Corp"]
    assert found(client, "acm") == ["Acme Corp"]
    assert found(client, "ACME CO") == ["Acme Corp"]
    assert found(client, "me c") == ["Acme Corp"]  # across the space, like "contains"
    assert found(client, "globex.ex") == ["Globex"]  # the domain too
    assert found(client, "gl") == ["Globex"]  # two letters: the start of a name


def test_one_or_two_letters_find_names_that_start_with_them(world):
    for name in ("Acme Corp", "acorn labs", "Blue Acre", "Zenith"):
        factories.make_account(world.workspace, name=name)
    client = world.client_for(world.member)

    assert found(client, "ac") == ["Acme Corp", "acorn labs"]
    assert found(client, "A") == ["Acme Corp", "acorn labs"]
    assert found(client, "z") == ["Zenith"]


def test_account_search_finds_names_with_accents_and_odd_characters(world):
    factories.make_account(world.workspace, name="Müller Kühlhaus GmbH")
    factories.make_account(world.workspace, name='Fish "n" Chips 100% Ltd')
    client = world.client_for(world.member)

    assert found(client, "kühlhaus") == ["Müller Kühlhaus GmbH"]
    assert found(client, '"n"') == ["Fish &quot;n&quot; Chips 100% Ltd"]
    assert found(client, "100%") == ["Fish &quot;n&quot; Chips 100% Ltd"]
    assert found(client, "zzz") == []


def test_account_search_follows_renames_and_deletes(world):
    manager = membership(world, world.manager)
    account = services.account_create(membership=manager, name="Initech", domain="")
    client = world.client_for(world.member)
    assert found(client, "initech") == ["Initech"]

    services.account_update(membership=manager, account=account, name="Initrode")
    assert found(client, "initech") == []
    assert found(client, "initrode") == ["Initrode"]

    services.account_delete(membership=manager, account=account)
    assert found(client, "initrode") == []


def test_account_search_never_shows_another_workspaces_accounts(world):
    factories.make_account(world.other_workspace, name="Acme Rival")
    factories.make_account(world.workspace, name="Acme Corp")

    assert found(world.client_for(world.member), "acme") == ["Acme Corp"]


def test_contact_search_finds_names_emails_and_titles(world):
    account = factories.make_account(world.workspace, name="Acme Corp")
    factories.make_contact(account, name="Wile Coyote", email="wile@acme.example", title="CTO")
    factories.make_contact(
        account, name="Road Runner", email="beep@desert.example", title="Quality Manager"
    )
    client = world.client_for(world.member)

    def contacts(q: str) -> list[str]:
        html = client.get("/contacts/", {"q": q}).content.decode()
        return re.findall(r'<a href="/contacts/\d+/">([^<]+)</a>', html)

    assert contacts("coyo") == ["Wile Coyote"]
    assert contacts("desert.example") == ["Road Runner"]
    assert contacts("quality") == ["Road Runner"]
    assert contacts("r") == ["Road Runner"]


def test_contact_search_follows_edits(world):
    account = factories.make_account(world.workspace, name="Acme Corp")
    manager = membership(world, world.manager)
    contact = services.contact_create(membership=manager, account=account, name="Wile Coyote")

    services.contact_update(membership=manager, contact=contact, title="Chief Engineer")

    ids = Contact.objects.in_workspace(world.workspace).filter(search.matches(Contact, "engineer"))
    assert list(ids) == [contact]


def test_deal_search_finds_titles_and_account_names(world):
    acme = factories.make_account(world.workspace, name="Acme Corp")
    globex = factories.make_account(world.workspace, name="Globex")
    factories.make_deal(acme, title="Rocket skates")
    factories.make_deal(globex, title="Acme-compatible magnets")
    factories.make_deal(globex, title="Doomsday device")

    def titles(q: str) -> list[str]:
        qs = Deal.objects.in_workspace(world.workspace).filter(
            search.matches(Deal, q) | search.matches(Account, q, through="account")
        )
        return sorted(qs.values_list("title", flat=True))

    assert titles("acme") == ["Acme-compatible magnets", "Rocket skates"]
    assert titles("doom") == ["Doomsday device"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_sqlite_search_index_is_put_back_when_a_migration_drops_its_triggers(world):
    factories.make_account(world.workspace, name="Acme Corp")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER crm_account_search_ai")
    factories.make_account(world.workspace, name="Acme Labs")  # missed by the index

    search.ensure_after_migrate(sender=None, using="default")

    qs = Account.objects.in_workspace(world.workspace).filter(search.matches(Account, "acme"))
    assert sorted(qs.values_list("name", flat=True)) == ["Acme Corp", "Acme Labs"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum analyzes")
def test_the_worker_keeps_sqlite_planner_statistics_current(world, settings):
    assert (
        "headway.crm.search.refresh_planner_statistics",
        6 * 3600,
    ) in settings.HEADWAY_PERIODIC_TASKS
    for n in range(30):
        factories.make_account(world.workspace, name=f"Grown {n}")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'crm_account'")

    search.refresh_planner_statistics()

    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'account_ws_name'")
        (stat,) = cursor.fetchone()
    assert int(stat.split()[0]) >= 30  # rows the planner now knows about
