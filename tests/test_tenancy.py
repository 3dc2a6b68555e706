"""Tenancy fails closed: every business model is keyed by workspace and refuses unscoped queries."""

import pytest
from django.apps import apps
from django.db import connection

from headway.crm.models import Account
from headway.workspaces.tenancy import UnscopedQueryError, WorkspaceScopedManager
from tests import factories


def business_models():
    return [
        m
        for m in apps.get_models()
        if any(f.name == "workspace" for f in m._meta.concrete_fields)
        and m._meta.app_label.split(".")[0] not in {"django_tasks_db"}
    ]


def test_every_model_with_a_workspace_uses_the_scoped_manager():
    models = business_models()
    assert len(models) >= 8
    for model in models:
        assert isinstance(model.objects, WorkspaceScopedManager), model
        assert model._default_manager.name == "unscoped_objects", model


def test_every_index_of_a_business_table_starts_with_the_workspace():
    for model in business_models():
        for index in model._meta.indexes:
            assert index.fields[0] == "workspace", (model, index.name)
        for constraint in model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if fields:
                assert fields[0] == "workspace", (model, constraint.name)


@pytest.mark.django_db
def test_a_query_without_a_workspace_is_refused():
    ws = factories.make_workspace()
    factories.make_account(ws)
    with pytest.raises(UnscopedQueryError):
        list(Account.objects.all())
    with pytest.raises(UnscopedQueryError):
        Account.objects.filter(name__startswith="A").count()
    with pytest.raises(UnscopedQueryError):
        Account.objects.get(pk=1)
    with pytest.raises(UnscopedQueryError):
        Account.objects.update(name="x")
    with pytest.raises(UnscopedQueryError):
        Account.objects.in_workspace(None)


@pytest.mark.django_db
def test_a_scoped_query_sees_only_its_own_workspace():
    mine, theirs = factories.make_workspace(), factories.make_workspace()
    a = factories.make_account(mine, name="Mine")
    factories.make_account(theirs, name="Theirs")
    assert list(Account.objects.in_workspace(mine)) == [a]
    assert Account.objects.in_workspace(mine).filter(name="Theirs").count() == 0


@pytest.mark.django_db
def test_the_workspace_id_is_the_leading_column_of_account_indexes_in_the_database():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Account._meta.db_table)
    named = {name: c for name, c in constraints.items() if name.startswith("account_ws")}
    assert named
    for c in named.values():
        assert c["columns"][0] == "workspace_id"
