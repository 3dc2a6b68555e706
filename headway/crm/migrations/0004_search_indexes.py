"""Indexed substring search: SQLite FTS5 trigram tables kept in sync by triggers, PostgreSQL
trigram GIN indexes (see headway/crm/search.py, which holds the statements)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from headway.crm import search

    search.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from headway.crm import search

    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("crm", "0003_account_owner_touch_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
