"""The one write path for business objects: permission → snapshot → validate → claim version →
save → record history → tell the read models (:mod:`headway.changes`), so no change can go
unrecorded and the agenda follows every fact.

Every service writes through these functions (a test,
``tests/crm/test_every_write_is_recorded.py``, fails when a service saves, creates, updates or
deletes a row any other way, outside a short allow-list with reasons). History stays in the
one ``Change`` table rather than django-simple-history's table per model: one indexed query
gives an account's whole timeline (its contacts, deals and every method's rows carry
``account_id``), nothing runs in signals, and a bulk import records its history in bulk
through :func:`create_many` / :func:`update_many` with ids the database hands out (safe while
others write, unlike the generator's reserved ids).

    obj = writes.create(Account, membership=m, check=require_create, name="Harbour & Vale")
    writes.update(obj, membership=m, version=form_version, changes={"tier": "key"})
    writes.delete(obj, membership=m)
    writes.note(ask, membership=m, entries=[{"field": "attachments", "label": "files", …}])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from headway import changes as notify
from headway.crm import history
from headway.crm.models import ChangeKind
from headway.workspaces.models import Membership
from headway.workspaces.permissions import require_create, require_edit
from headway.workspaces.tenancy import WorkspaceModel

M = TypeVar("M", bound=models.Model)

Check = Callable[[Membership, Any], None]


def _may_create(membership: Membership, obj: Any) -> None:
    require_create(membership)


def _may_edit(membership: Membership, obj: Any) -> None:
    require_edit(membership, obj)


def allowed(membership: Membership, obj: Any) -> None:
    """For writes the service has already authorised by its own rule (a colleague's pick on
    someone else's decision): say so at the call site by passing ``check=allowed``."""


def validate(obj: models.Model) -> None:
    """Field validation plus the model's own cross-field rules (``clean_rules``)."""
    exclude = ["workspace", "version"]
    obj.full_clean(exclude=[f for f in exclude if hasattr(obj, f)])
    clean_rules = getattr(obj, "clean_rules", None)
    if clean_rules:
        clean_rules()


def create(
    model: type[M],
    *,
    membership: Membership,
    check: Check = _may_create,
    full_clean: bool = True,
    prepare: Callable[[M], None] | None = None,
    **fields: Any,
) -> M:
    """A new row in the membership's workspace, validated, saved and recorded; ``prepare``
    derives fields before validation (a lost deal's closing time)."""
    obj = model(workspace_id=membership.workspace_id, **fields)
    if prepare is not None:
        prepare(obj)
    check(membership, obj)
    if full_clean:
        validate(obj)
    obj.save()
    history.record(obj=obj, actor=membership.user, kind=ChangeKind.CREATED)
    notify.written([obj])
    return obj


def update(
    obj: M,
    *,
    membership: Membership,
    changes: dict[str, Any],
    version: int | None = None,
    check: Check = _may_edit,
    full_clean: bool = True,
    prepare: Callable[[M], None] | None = None,
    before: dict[str, tuple[Any, Any]] | None = None,
) -> M:
    """Apply ``changes``; ``prepare`` derives fields from the new values before validation
    (a lost deal's closing time). A versioned row claims ``version`` (``None``: the version
    loaded) and refuses a concurrent edit; the history row lists only what changed. A service
    that changed the object step by step passes the ``before`` it took first
    (:func:`history.snapshot`) and ``changes={}``."""
    check(membership, obj)
    if before is None:
        before = history.snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    if prepare is not None:
        prepare(obj)
    if hasattr(obj, "updated_at"):
        obj.updated_at = timezone.now()
    if full_clean:
        validate(obj)
    if hasattr(obj, "version"):
        history.claim_version(obj, version)
    obj.save()
    history.record(obj=obj, actor=membership.user, kind=ChangeKind.UPDATED, before=before)
    notify.written([obj])
    return obj


def lock(obj: WorkspaceModel) -> None:
    """Re-read ``obj`` with its row locked (``SELECT … FOR UPDATE`` on PostgreSQL), so two
    requests cannot both take the same step (two first choices, two agreements); inside the
    service's transaction."""
    rows = type(obj).objects.in_workspace(obj.workspace_id)
    obj.refresh_from_db(from_queryset=rows.select_for_update())


def save_steps(
    obj: M,
    *,
    membership: Membership,
    before: dict[str, tuple[Any, Any]],
    version: int | None = None,
) -> M:
    """Save an object a service changed step by step, after checking permission and the
    method's rules itself: no second check or full clean, the version claimed, the history row
    against ``before`` (the :func:`history.snapshot` the service took first)."""
    return update(
        obj,
        membership=membership,
        changes={},
        version=version,
        check=allowed,
        full_clean=False,
        before=before,
    )


def delete(obj: models.Model, *, membership: Membership, check: Check = _may_edit) -> None:
    """Record the deletion (what the object was), then delete it."""
    check(membership, obj)
    history.record(obj=obj, actor=membership.user, kind=ChangeKind.DELETED)
    with notify.deleting([obj]):
        obj.delete()


def note(
    obj: models.Model,
    *,
    membership: Membership,
    entries: list[dict[str, Any]],
    check: Check = _may_edit,
) -> None:
    """Record a change to ``obj`` that is none of its own fields — a file added to or removed
    from an ask: one "changed" history row listing ``entries`` (``{"field", "label", "from",
    "to"}``, the shape :func:`history.change_row` gives). The row itself is not saved and its
    version stays, so an open edit form of it is still current."""
    check(membership, obj)
    history.record(obj=obj, actor=membership.user, kind=ChangeKind.UPDATED, entries=entries)


def create_many(
    objs: Sequence[M], *, membership: Membership, check: Check = _may_create
) -> list[M]:
    """Insert rows in one statement and record one history row each, in one more statement.
    The database hands out the ids (PostgreSQL and SQLite return them), so this is safe while
    other people write — what an online import needs."""
    objs = list(objs)
    if not objs:
        return []
    for obj in objs:
        obj.workspace_id = membership.workspace_id  # type: ignore[attr-defined]
        check(membership, obj)
    model: Any = type(objs[0])
    created = model.objects.in_workspace(membership.workspace_id).bulk_create(objs)
    history.record_many(objs=created, actor=membership.user, kind=ChangeKind.CREATED)
    notify.written(created)
    return created


def update_many(
    objs: Iterable[M],
    fields: Sequence[str],
    *,
    membership: Membership,
    befores: dict[Any, dict[str, tuple[Any, Any]]],
    check: Check = _may_edit,
) -> int:
    """Save ``fields`` of rows changed in memory (``befores``: each row's
    :func:`history.snapshot` taken before the change) in one statement, and record what changed
    on each in one more."""
    objs = list(objs)
    if not objs:
        return 0
    for obj in objs:
        check(membership, obj)
    model: Any = type(objs[0])
    model.objects.in_workspace(membership.workspace_id).bulk_update(objs, list(fields))
    history.record_many(objs=objs, actor=membership.user, kind=ChangeKind.UPDATED, befores=befores)
    notify.written(objs)
    return len(objs)
