"""Keeping the stored agenda true to the facts.

- **On every write.** The write path announces what it saved or is deleting
  (:mod:`headway.changes`); each provider's ``watches`` turn those rows into the roots they
  touch, and only those roots are re-derived, in the writer's transaction. A provider whose
  code fails is logged and skipped (inside a savepoint, so the write itself still lands); the
  periodic repair puts its rows right.
- **Periodically** (``repair``, in the worker): every provider re-derives every root of every
  workspace; rows that differ from what is stored are counted, logged and repaired. On a healthy
  install the count is zero.
- ``rebuild`` derives a whole workspace from scratch (after the generator or a bulk load that
  wrote without the write path, and on an install whose agenda table is still empty).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import connection, transaction

from headway.agenda.models import AgendaRow
from headway.agenda.registry import ANY_MODEL, Provider, Row, providers
from headway.workspaces.models import Workspace

logger = logging.getLogger(__name__)

CHUNK = 500  # roots re-derived per statement (bounded IN lists)
BATCH = 2000  # rows inserted per statement in a rebuild or repair
Roots = dict[tuple[int, str], set[int]]  # (workspace id, provider name) → root ids


def _watch_for(provider: Provider, model: type) -> Any:
    watch = provider.watches.get(model)
    if watch is None and model not in provider.watches:
        watch = provider.watches.get(ANY_MODEL)
    return watch


def _guarded(steps: Sequence[tuple[str, Callable[[], None]]]) -> None:
    """Run each provider's step; one provider's bug must not stop the write it follows. The
    usual case costs one savepoint for all of them; after a failure each step is run again in
    its own savepoint (the steps are idempotent) and the failing one is logged and skipped."""
    if not steps:
        return
    try:
        with transaction.atomic():
            for _what, step in steps:
                step()
        return
    except Exception:  # noqa: S110 - retried one by one below, where the failure is logged
        pass
    for what, step in steps:
        try:
            with transaction.atomic():
                step()
        except Exception:
            logger.exception("Agenda provider %s", what)


def roots_of(objs: Sequence[Any]) -> Roots:
    """Which roots of which provider these written rows touch."""
    by_model: dict[tuple[type, int], list[Any]] = defaultdict(list)
    for obj in objs:
        workspace_id = getattr(obj, "workspace_id", None)
        if workspace_id is not None and type(obj) is not AgendaRow:
            by_model[(type(obj), workspace_id)].append(obj)
    roots: Roots = defaultdict(set)
    steps = []
    for (model, workspace_id), rows in by_model.items():
        for name, provider in providers().items():
            watch = _watch_for(provider, model)
            if watch is not None:
                steps.append(
                    (
                        f"{name!r} could not map a {model.__name__} write",
                        partial(_map, roots, (workspace_id, name), watch, rows),
                    )
                )
    _guarded(steps)
    return {key: ids for key, ids in roots.items() if ids}


def _map(roots: Roots, key: tuple[int, str], watch: Any, rows: list[Any]) -> None:
    roots[key] = {i for i in watch(key[0], rows) if i is not None}


def _chunks(ids: Collection[int]) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _to_model(workspace_id: int, provider: Provider, row: Row) -> AgendaRow:
    return AgendaRow(
        workspace_id=workspace_id,
        owner_id=row.owner_id,
        source=provider.name,
        bucket=row.bucket or provider.name,
        subject_id=row.subject_id,
        key=row.key,
        account_id=row.account_id,
        visible_at=row.visible_at,
        until=row.until,
        rank=row.rank,
        params=_plain(row.params),
    )


def _insert(rows: Sequence[AgendaRow]) -> None:
    """Insert rows with one prepared statement run per batch (``executemany``): Django's
    ``bulk_create`` splits at SQLite's 999 parameters, 90 rows a statement here."""
    if not rows:
        return
    fields = [f for f in AgendaRow._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    # Names from the model's own metadata; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(AgendaRow._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
                    for row in rows[start : start + BATCH]
                ],
            )


def _plain(params: Any) -> Any:
    """Params as the JSON column gives them back (so stored and derived rows compare equal)."""
    return json.loads(json.dumps(params, sort_keys=True, default=str))


def resync(roots: Roots) -> None:
    """Re-derive these roots and store what they call for now, replacing their old rows."""
    registered = providers()
    _guarded(
        [
            (
                f"{name!r} could not re-derive {len(ids)} items",
                partial(_rederive, workspace_id, registered[name], ids),
            )
            for (workspace_id, name), ids in roots.items()
            if name in registered
        ]
    )


def _rederive(workspace_id: int, provider: Provider, ids: Collection[int]) -> None:
    for chunk in _chunks(ids):
        new = [_to_model(workspace_id, provider, r) for r in provider.derive(workspace_id, chunk)]
        AgendaRow.objects.in_workspace(workspace_id).filter(
            source=provider.name, subject_id__in=chunk
        ).delete()
        _insert(new)


class WriteListener:
    """The agenda's ear on the write path (registered in ``AgendaConfig.ready``)."""

    def prepare(self, objs: Sequence[Any]) -> Roots:
        # Before a delete: the roots the rows (and what cascades with them) belong to.
        return roots_of(_with_cascade(objs))

    def apply(self, objs: Sequence[Any], prepared: Any = None) -> None:
        resync(prepared if prepared is not None else roots_of(objs))


def _with_cascade(objs: Sequence[Any]) -> list[Any]:
    """The rows and every row a delete of them takes along (Django's own collector): a deleted
    account's actions and decisions leave the agenda with it."""
    from django.db.models.deletion import Collector

    if not objs:
        return []
    collector = Collector(using="default")
    collector.collect(list(objs))
    found: list[Any] = []
    for instances in collector.data.values():
        found.extend(instances)
    for qs in collector.fast_deletes:
        if any(_watch_for(p, qs.model) is not None for p in providers().values()):
            found.extend(qs)
    return found


# --- whole workspaces -------------------------------------------------------------------------


def _key(row: AgendaRow) -> tuple[Any, ...]:
    return (
        row.source,
        row.subject_id,
        row.key,
        row.owner_id,
        row.bucket,
        row.account_id,
        row.visible_at,
        row.until,
        float(row.rank),
        json.dumps(row.params, sort_keys=True),
    )


@dataclass
class Drift:
    missing: int = 0  # derived, not stored
    stale: int = 0  # stored, no longer derived (or different)

    @property
    def total(self) -> int:
        return self.missing + self.stale


def _derived(workspace_id: int, provider: Provider) -> list[AgendaRow] | None:
    """A provider's rows for a whole workspace, or None (logged) when its code fails: one
    module's bug must not stop a repair, a rebuild or a migrate."""
    try:
        with transaction.atomic():
            return [
                _to_model(workspace_id, provider, r) for r in provider.derive(workspace_id, None)
            ]
    except Exception:
        logger.exception(
            "Agenda provider %r could not derive workspace %s", provider.name, workspace_id
        )
        return None


def repair_workspace(workspace_id: int, *, fix: bool = True) -> Drift:
    """Re-derive every provider's rows for one workspace; store what differs (unless
    ``fix=False``: only count it); say how much. A provider whose code fails keeps its rows."""
    drift = Drift()
    for name, provider in providers().items():
        derived = _derived(workspace_id, provider)
        if derived is None:
            continue
        with transaction.atomic():
            stored = list(AgendaRow.objects.in_workspace(workspace_id).filter(source=name))
            want = {_key(r): r for r in derived}
            have: dict[tuple[Any, ...], list[AgendaRow]] = defaultdict(list)
            for row in stored:
                have[_key(row)].append(row)
            extra = [
                r.pk for k, rows in have.items() for r in (rows if k not in want else rows[1:])
            ]
            missing = [r for k, r in want.items() if k not in have]
            if extra and fix:
                for start in range(0, len(extra), CHUNK):
                    AgendaRow.objects.in_workspace(workspace_id).filter(
                        pk__in=extra[start : start + CHUNK]
                    ).delete()
            if fix:
                _insert(missing)
            drift.missing += len(missing)
            drift.stale += len(extra)
    return drift


def rebuild_workspace(workspace_id: int) -> int:
    """Derive a whole workspace's agenda from scratch; returns the number of rows stored (a
    provider whose code fails keeps its rows, logged)."""
    stored = 0
    with transaction.atomic():
        for name, provider in providers().items():
            rows = _derived(workspace_id, provider)
            if rows is None:
                continue
            AgendaRow.objects.in_workspace(workspace_id).filter(source=name).delete()
            _insert(rows)
            stored += len(rows)
    return stored


def repair() -> int:
    """The periodic job: repair every workspace's agenda; returns the rows that had drifted
    (logged as a warning when not zero — something wrote without the write path)."""
    total = 0
    for workspace_id in Workspace.objects.order_by("id").values_list("id", flat=True):
        drift = repair_workspace(workspace_id)
        if drift.total:
            logger.warning(
                "Agenda drift repaired in workspace %s: %d missing, %d stale rows",
                workspace_id,
                drift.missing,
                drift.stale,
            )
        total += drift.total
    return total


def fill_if_empty(**kwargs: Any) -> None:
    """``post_migrate``: an install upgraded to the stored agenda derives it once."""
    # unscoped_objects: a system step across all workspaces: is any agenda stored yet at all?
    if AgendaRow.unscoped_objects.exists():
        return
    for workspace_id in Workspace.objects.order_by("id").values_list("id", flat=True):
        rebuild_workspace(workspace_id)
