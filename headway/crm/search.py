"""Indexed substring search for accounts, contacts and deals, on SQLite and PostgreSQL.

A plain ``name LIKE '%acm%'`` reads every row of the table: fine for a thousand accounts,
hundreds of milliseconds at a hundred thousand. Both databases can answer substring searches
from an index of trigrams (every run of three characters), so search keeps its simple meaning
— case-insensitive "contains", anywhere in the name, e-mail or title — and becomes indexed:

- **SQLite**: an FTS5 table with the ``trigram`` tokenizer per searched table (external
  content: it stores the index, not a second copy of the text), kept in sync by triggers on
  insert, update and delete — whoever writes (services, bulk generation, imports, raw SQL).
  A term is matched as one quoted phrase, which for trigrams means "contains this substring".
- **PostgreSQL**: GIN indexes with ``gin_trgm_ops`` (the ``pg_trgm`` extension) on
  ``UPPER(column)``, the exact expression Django's ``icontains`` compares, with
  ``workspace_id`` first (``btree_gin``). The query is the ordinary ``icontains``.

Terms shorter than three characters have no trigram. For them search means "the name starts
with" (``ac`` finds Acme Corp and Acorn Labs), answered from the list's name index: two letters
typed in a search box are the start of a name far more often than the middle of a word, and a
"contains" search for them would read the whole table.

A later migration that rebuilds one of these tables on SQLite (Django remakes a table to alter
a column) drops its triggers with it: :func:`install` runs after every ``migrate``
(``post_migrate``) and puts back whatever is missing, rebuilding the index when it did.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

MIN_INDEXED_LENGTH = 3

# table → (columns searched). The SQLite index table is "<table>_search".
SEARCHED: dict[str, tuple[str, ...]] = {
    "crm_account": ("name", "domain"),
    "crm_contact": ("name", "email", "title"),
    "crm_deal": ("title",),
}
TABLE_MODELS = {
    "crm_account": ("crm", "Account"),
    "crm_contact": ("crm", "Contact"),
    "crm_deal": ("crm", "Deal"),
}


# What each list's search box looks at: (searched table, relation from the list's rows).
LIST_SEARCHES: dict[str, tuple[tuple[str, str], ...]] = {
    "crm_account": (("crm_account", ""),),
    "crm_contact": (("crm_contact", ""),),
    "crm_deal": (("crm_deal", ""), ("crm_account", "account")),
}

# A term with fewer indexed matches than this is "rare": the list keeps exactly those rows (by
# id) and sorts them — cost in proportion to the matches, 10–40 ms at the limit. With more it
# is "common": the list is read in its own order from its own index, testing each row, and a
# page fills up after a few hundred rows. Deciding by counting (up to the limit) instead of
# trusting the planner's guess for LIKE '%…%' keeps both kinds fast: the guess is the same for
# "zzqx" (nothing) and "gmbh" (one in twenty).
PROBE_LIMIT = 10_000


def clean(term: str) -> str:
    return term.replace("\x00", "").strip()


def _contains(table: str, term: str, through: str = "") -> Q:
    """The plain ``icontains`` condition (on PostgreSQL the trigram indexes serve it)."""
    prefix = f"{through}__" if through else ""
    condition = Q()
    for column in SEARCHED[table]:
        condition |= Q(**{f"{prefix}{column}__icontains": term})
    return condition


def _case_variants(term: str) -> list[str]:
    return sorted({"".join(p) for p in itertools.product(*[(c.lower(), c.upper()) for c in term])})


def _starts(table: str, term: str, through: str = "") -> Q:
    """Names (the first searched column) that start with ``term``, case-insensitive, from the
    list's own name index: on SQLite one index range per upper/lower-case spelling (at most
    four for two letters), on PostgreSQL an anchored LIKE the trigram index serves."""
    column = SEARCHED[table][0]
    path = f"{through}__{column}" if through else column
    if connection.vendor != "sqlite":
        return Q(**{f"{path}__istartswith": term})
    condition = Q()
    for spelling in _case_variants(term):
        condition |= Q(**{f"{path}__gte": spelling, f"{path}__lt": spelling + "\U0010ffff"})
    return condition


def _sqlite_ids(table: str, term: str) -> list[int]:
    phrase = '"' + term.replace('"', '""') + '"'
    index = f"{table}_search"
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH %s LIMIT %s',  # noqa: S608
            [phrase, PROBE_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]


def narrow(qs: QuerySet[Any], term: str, *, workspace: Any) -> QuerySet[Any]:
    """``qs`` (a list, already scoped and filtered) narrowed to rows matching ``term``.

    One probe query per searched table asks the index for up to :data:`PROBE_LIMIT` matches;
    rare terms then become an ``id IN (…)`` filter, common ones the plain condition read in
    the list's order. Either way the page runs a fixed number of queries.
    """
    term = clean(term)
    if not term:
        return qs
    short = len(term) < MIN_INDEXED_LENGTH
    condition = _starts if short else _contains
    parts = LIST_SEARCHES[qs.model._meta.db_table]
    plain = Q()
    for table, through in parts:
        plain |= condition(table, term, through)
    if short and connection.vendor == "sqlite":
        return qs.filter(plain)  # index ranges already: nothing to probe
    found = Q()
    for table, through in parts:
        if connection.vendor == "sqlite":
            # The FTS index spans workspaces; the list's own filter keeps this one's rows.
            ids = _sqlite_ids(table, term)
        else:
            model: Any = apps.get_model(*TABLE_MODELS[table])
            probe = (
                qs.filter(condition(table, term, through))
                if not through
                else model.objects.in_workspace(workspace).filter(condition(table, term))
            )
            ids = list(probe.order_by().values_list("pk", flat=True)[:PROBE_LIMIT])
        if len(ids) >= PROBE_LIMIT:
            return qs.filter(plain)
        found |= Q(**{f"{through or 'pk'}__in": _id_list(ids)})
    return qs.filter(found)


def _id_list(ids: list[int]) -> RawSQL:
    """Ids as one query parameter (thousands of ``%s`` would hit SQLite's limit), in a form
    both planners read as "look these up by primary key": a JSON array / a bigint array."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])


def matches(model: type[models.Model], term: str, *, through: str = "") -> Q:
    """Rows whose ``model`` — the row itself, or the one at the relation ``through`` (e.g.
    a deal's ``"account"``) — has a searched column containing ``term`` (case-insensitive),
    as one condition (a subquery on the SQLite index). :func:`narrow` is the faster way for a
    list page; this one suits filters that are combined further."""
    table = model._meta.db_table
    term = clean(term)
    if connection.vendor == "sqlite" and len(term) >= MIN_INDEXED_LENGTH:
        phrase = '"' + term.replace('"', '""') + '"'
        index = f"{table}_search"
        # MATCH on the table name searches every column of the index: exactly SEARCHED[table].
        sql = f'SELECT rowid FROM "{index}" WHERE "{index}" MATCH %s'  # noqa: S608 - our table
        ids = RawSQL(sql, [phrase])  # noqa: S611 - the term is a parameter
        return Q(**{f"{through or 'pk'}__in": ids})
    return _contains(table, term, through)


# --- installing the indexes -------------------------------------------------------------------


def _sqlite_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    index = f"{table}_search"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    # Table and column names come from SEARCHED above, never from input.
    insert = f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new});"  # noqa: S608
    delete = f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old});"  # noqa: S608
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5({cols}, content='{table}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {index}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {index}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {index}_au AFTER UPDATE OF {cols} ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def _sqlite_missing(cursor: Any, table: str) -> bool:
    index = f"{table}_search"
    wanted = {index, f"{index}_ai", f"{index}_ad", f"{index}_au"}
    cursor.execute("SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)", sorted(wanted))
    return {row[0] for row in cursor.fetchall()} != wanted


def _postgres_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    return [
        f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
        f"USING gin (workspace_id, (UPPER({column}::text)) gin_trgm_ops)"
        for column in columns
    ]


def install(conn: Any = None) -> None:
    """Create whatever part of the search indexes is missing (idempotent)."""
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            for table, columns in SEARCHED.items():
                if not _sqlite_missing(cursor, table):
                    continue
                for statement in _sqlite_statements(table, columns):
                    cursor.execute(statement)
                index = f"{table}_search"
                cursor.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")  # noqa: S608
        elif conn.vendor == "postgresql":
            with transaction.atomic(using=conn.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
            for table, columns in SEARCHED.items():
                for statement in _postgres_statements(table, columns):
                    cursor.execute(statement)


@contextmanager
def bulk_writes(conn: Any = None) -> Iterator[None]:
    """Around a bulk load on SQLite: the sync triggers are dropped, and the indexes rebuilt in
    one pass at the end (seconds for a million rows, where row-by-row trigger updates would
    make the load several times slower). Searches during the load may miss the new rows."""
    conn = conn or connection
    if conn.vendor != "sqlite":
        yield
        return
    with conn.cursor() as cursor:
        for table in SEARCHED:
            for suffix in ("_ai", "_ad", "_au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_search{suffix}")
    try:
        yield
    finally:
        install(conn)  # puts the triggers back and rebuilds what they missed


def uninstall(conn: Any = None) -> None:
    conn = conn or connection
    with conn.cursor() as cursor:
        for table, columns in SEARCHED.items():
            if conn.vendor == "sqlite":
                index = f"{table}_search"
                for suffix in ("_ai", "_ad", "_au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {index}{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {index}")
            elif conn.vendor == "postgresql":
                for column in columns:
                    cursor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


def ensure_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate`` receiver for SQLite: put back the search triggers if a migration
    remade a searched table, and refresh the query planner's statistics.

    Every index here starts with the workspace; without statistics SQLite takes
    ``workspace_id = ?`` for a selective condition and walks the whole workspace instead of
    looking a few rows up by id. ``ANALYZE`` (sampled, well under a second on a 1 GB file)
    tells it the sizes; ``headway generate`` runs it too, after writing."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    tables = set(conn.introspection.table_names())
    if not all(table in tables for table in SEARCHED):
        return
    install(conn)
    if not conn.in_atomic_block:
        refresh_planner_statistics(using)


def refresh_planner_statistics(using: str = "default") -> None:
    """SQLite only knows the table sizes ``ANALYZE`` last told it: as a workspace grows from
    demo size to 100k accounts, plans chosen on old statistics walk whole workspaces. Run
    after every migrate and by the worker every few hours (``HEADWAY_PERIODIC_TASKS``); sampled
    (``analysis_limit``), it takes well under a second on a 1.5 GB file. PostgreSQL's
    autovacuum keeps its own statistics: nothing to do there."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
