"""The one write path (headway.crm.writes): every write is permitted, validated, version-checked
and recorded — one by one, or in bulk with ids from the database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from headway.crm import writes
from headway.crm.models import Account, Change, ChangeKind, Contact
from headway.errors import ConcurrentEdit, PermissionDenied
from headway.workspaces.models import Membership
from tests import factories


def _membership(world, user) -> Membership:
    return Membership.objects.in_workspace(world.workspace).select_related("user").get(user=user)


def _changes(ws, obj):
    return list(Change.objects.in_workspace(ws).filter(target_id=obj.pk).order_by("at", "id"))


def test_creating_records_who_and_the_values(world):
    m = _membership(world, world.member)
    account = writes.create(Account, membership=m, name="Harbour & Vale", owner=world.member)
    (change,) = _changes(world.workspace, account)
    assert change.kind == ChangeKind.CREATED and change.actor == world.member
    assert {"field": "name", "label": "name", "from": "", "to": "Harbour & Vale"} in change.fields


def test_a_viewer_cannot_create_and_nothing_is_written(world):
    m = _membership(world, world.viewer)
    with pytest.raises(PermissionDenied):
        writes.create(Account, membership=m, name="Nope")
    assert not Account.objects.in_workspace(world.workspace).filter(name="Nope").exists()
    assert not Change.objects.in_workspace(world.workspace).exists()


def test_invalid_values_are_refused_and_nothing_is_written(world):
    m = _membership(world, world.member)
    with pytest.raises(ValidationError):
        writes.create(Account, membership=m, name="")
    assert not Account.objects.in_workspace(world.workspace).exists()
    assert not Change.objects.in_workspace(world.workspace).exists()


def test_an_update_records_only_what_changed_and_a_stale_version_is_refused(world):
    m = _membership(world, world.member)
    account = factories.make_account(world.workspace, owner=world.member, name="Globex")
    writes.update(account, membership=m, changes={"name": "Globex AG"}, version=account.version)
    (change,) = _changes(world.workspace, account)
    assert [(f["field"], f["from"], f["to"]) for f in change.fields] == [
        ("name", "Globex", "Globex AG")
    ]
    stale = Account.objects.in_workspace(world.workspace).get(pk=account.pk)
    with pytest.raises(ConcurrentEdit):
        writes.update(stale, membership=m, changes={"name": "Lost edit"}, version=1)
    assert Account.objects.in_workspace(world.workspace).get(pk=account.pk).name == "Globex AG"
    assert len(_changes(world.workspace, account)) == 1


def test_a_member_cannot_change_someone_elses_account(world):
    account = factories.make_account(world.workspace, owner=world.other_member, name="Theirs")
    with pytest.raises(PermissionDenied):
        writes.update(
            account, membership=_membership(world, world.member), changes={"name": "Mine"}
        )
    assert Account.objects.in_workspace(world.workspace).get(pk=account.pk).name == "Theirs"


def test_deleting_records_what_was_deleted(world):
    m = _membership(world, world.member)
    account = factories.make_account(world.workspace, owner=world.member, name="Gone Ltd")
    account_id = account.pk
    writes.delete(account, membership=m)
    assert not Account.objects.in_workspace(world.workspace).filter(pk=account_id).exists()
    change = Change.objects.in_workspace(world.workspace).get(target_id=account_id)
    assert change.kind == ChangeKind.DELETED and change.target_repr == "Gone Ltd"


def test_bulk_writes_get_ids_from_the_database_and_one_history_row_each(world):
    m = _membership(world, world.member)
    account = factories.make_account(world.workspace, owner=world.member)
    contacts = writes.create_many(
        [Contact(account=account, name=f"Person {n}") for n in range(3)], membership=m
    )
    assert all(c.pk for c in contacts)
    assert len({c.pk for c in contacts}) == 3
    rows = Change.objects.in_workspace(world.workspace).filter(kind=ChangeKind.CREATED)
    assert sorted(rows.values_list("target_id", flat=True)) == sorted(c.pk for c in contacts)
    assert set(rows.values_list("account_id", flat=True)) == {account.pk}

    from headway.crm import history

    befores = {c.pk: history.snapshot(c) for c in contacts}
    for c in contacts:
        c.title = "Buyer"
    writes.update_many(contacts, ["title"], membership=m, befores=befores)
    updated = Change.objects.in_workspace(world.workspace).filter(kind=ChangeKind.UPDATED)
    assert updated.count() == 3
    assert all(r.fields[0]["to"] == "Buyer" for r in updated)


def test_money_is_recorded_with_its_currency(world):
    m = _membership(world, world.member)
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member, amount=Decimal("1000"), currency="GBP")
    writes.update(deal, membership=m, changes={"amount": Decimal("412000")})
    (change,) = _changes(world.workspace, deal)
    assert change.fields[0]["currency"] == "GBP"
