"""Change history: record who changed what (field from → to) and detect concurrent edits.

Services call :func:`snapshot` before a change and :func:`record` after it; there are no
signals, so a bulk import can choose to record one summary row instead of thousands.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from headway.crm.models import Account, Change, ChangeKind
from headway.errors import ConcurrentEdit

SKIPPED_FIELDS = {"id", "workspace", "version", "created_at", "updated_at", "last_touch_at"}


def _display(obj: models.Model, field: models.Field, value: Any) -> Any:
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = getattr(obj, field.name, None)
        return str(related) if related is not None else ""
    if isinstance(value, FieldFile):
        return value.name or ""  # a stored file: the name it is stored under
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def tracked_fields(obj: models.Model) -> list[models.Field]:
    return [
        f
        for f in obj._meta.concrete_fields
        if f.name not in SKIPPED_FIELDS and not f.name.startswith("target_")
    ]


def snapshot(obj: models.Model) -> dict[str, tuple[Any, Any]]:
    """Field name → (raw value, display value), to diff against after the change."""
    return {
        f.name: (f.value_from_object(obj), _display(obj, f, f.value_from_object(obj)))
        for f in tracked_fields(obj)
    }


def account_id_of(obj: models.Model) -> int | None:
    if isinstance(obj, Account):
        return obj.pk
    return getattr(obj, "account_id", None)


def _money_currency(obj: models.Model, name: str) -> str:
    """The currency of a money field (a decimal beside a ``currency`` field), so a timeline can
    say "412,000 EUR", not "412000"."""
    field = obj._meta.get_field(name)
    if isinstance(field, models.DecimalField) and hasattr(obj, "currency"):
        return str(obj.currency or "")
    return ""


def _entry(obj: models.Model, name: str, label: str, old: Any, new: Any) -> dict[str, Any]:
    entry = {"field": name, "label": label, "from": old, "to": new}
    currency = _money_currency(obj, name)
    if currency:
        entry["currency"] = currency
    return entry


def change_row(
    *,
    obj: models.Model,
    actor: Any,
    kind: str,
    before: dict[str, tuple[Any, Any]] | None = None,
    entries: list[dict[str, Any]] | None = None,
) -> Change | None:
    """The history row for one write, unsaved. For updates, only fields whose value changed
    are listed; an update that changed nothing gives ``None``. ``entries`` (``{"field",
    "label", "from", "to"}``) list what changed instead, when it is none of the object's own
    fields (a file added to an ask)."""
    after = snapshot(obj)
    changes: list[dict[str, Any]] = []
    labels = {f.name: str(f.verbose_name) for f in tracked_fields(obj)}
    if entries is not None:
        changes = list(entries)
    elif kind == ChangeKind.UPDATED:
        assert before is not None
        for name, (raw, shown) in after.items():
            if before[name][0] != raw:
                changes.append(_entry(obj, name, labels[name], before[name][1], shown))
        if not changes:
            return None
    elif kind == ChangeKind.CREATED:
        changes = [
            _entry(obj, name, labels[name], "", shown)
            for name, (raw, shown) in after.items()
            if shown not in ("", None)
        ]
    return Change(
        workspace_id=obj.workspace_id,  # type: ignore[attr-defined]
        target_type=ContentType.objects.get_for_model(obj),
        target_id=obj.pk,
        target_repr=str(obj)[:300],
        account_id=account_id_of(obj),
        actor=actor,
        kind=kind,
        fields=changes,
    )


def record(
    *,
    obj: models.Model,
    actor: Any,
    kind: str,
    before: dict[str, tuple[Any, Any]] | None = None,
    entries: list[dict[str, Any]] | None = None,
) -> Change | None:
    """Write one history row (see :func:`change_row`)."""
    row = change_row(obj=obj, actor=actor, kind=kind, before=before, entries=entries)
    if row is not None:
        row.save()
    return row


def record_many(
    *,
    objs: list[Any],
    actor: Any,
    kind: str,
    befores: dict[Any, dict[str, tuple[Any, Any]]] | None = None,
) -> list[Change]:
    """One history row per object, written in one statement (bulk writes)."""
    rows = [
        row
        for obj in objs
        if (row := change_row(obj=obj, actor=actor, kind=kind, before=(befores or {}).get(obj.pk)))
        is not None
    ]
    if not rows:
        return []
    return Change.objects.in_workspace(rows[0].workspace_id).bulk_create(rows)


def claim_version(obj: models.Model, expected_version: int | None) -> None:
    """Bump the row's version if it still has the version the editor started from; otherwise
    someone saved in between and the edit is refused. ``None`` means "the version I just
    loaded" (an API PATCH that sent none)."""
    model = type(obj)
    expected = obj.version if expected_version is None else expected_version  # type: ignore[attr-defined]
    updated = (
        model.objects.in_workspace(obj.workspace_id)  # type: ignore[attr-defined]
        .filter(pk=obj.pk, version=expected)
        .update(version=models.F("version") + 1)
    )
    if not updated:
        raise ConcurrentEdit(str(model._meta.verbose_name))
    obj.version = expected + 1  # type: ignore[attr-defined]
