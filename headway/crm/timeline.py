"""The one timeline of changes for a page: an object, its children, or a whole account, in one
indexed query, with every value shown as a person reads it — moments in the viewer's time zone
("30 Nov 2026, 19:30", not ``2026-11-30T19:30:00+00:00``), money with its currency
("412,000 EUR", not ``412000``), choices by their label (already so when recorded).

Pages render it with ``{% include "web/components/timeline.html" with rows=… %}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from headway import dates
from headway.crm.models import Change, ChangeKind
from headway.workspaces.models import Workspace

LIMIT = 50


@dataclass(frozen=True)
class Entry:
    label: str
    old: str
    new: str


@dataclass
class Row:
    at: dt.datetime
    actor: str  # "" when the person is no longer here
    kind: str
    kind_label: str
    what: str  # the object's kind when it is not the page's own object ("contact"), else ""
    target: str  # its name then
    entries: list[Entry] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return self.kind == ChangeKind.UPDATED


def format_moment(value: dt.datetime) -> str:
    """In the viewer's time zone; a moment that does not exist there (a year-1 or year-9999
    value recorded before dates were bounded) as recorded, never an error."""
    local = dates.local(value)
    return f"{local.day} {local:%b %Y, %H:%M}"


def format_value(model: type[models.Model] | None, entry: Mapping[str, Any], key: str) -> str:
    """One recorded value as a person reads it (the recorded display string otherwise)."""
    value = entry.get(key, "")
    if value in ("", None):
        return ""
    text = str(value)
    try:
        model_field = model._meta.get_field(entry.get("field", "")) if model else None
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, models.DateTimeField):
        try:
            return format_moment(dt.datetime.fromisoformat(text))
        except ValueError:
            return text
    if isinstance(model_field, models.DateField):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return text
        return f"{day.day} {day:%b %Y}"
    if isinstance(model_field, models.DecimalField):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        places = 0 if number == number.to_integral_value() else 2
        shown = f"{number:,.{places}f}"
        currency = entry.get("currency", "")
        return f"{shown} {currency}" if currency else shown
    return text


def timeline(
    *,
    workspace: Workspace | int,
    obj: models.Model | None = None,
    related: Mapping[type[models.Model], Iterable[int]] | None = None,
    account_id: int | None = None,
    hidden: Iterable[str] = (),
    limit: int = LIMIT,
) -> list[Row]:
    """Changes to ``obj``, to the ``related`` rows (model → ids: a win-back's asks), or — with
    ``account_id`` — to everything on that account; newest first, at most ``limit``. Fields in
    ``hidden`` (derived numbers, say) are left out; a row left with nothing to say is kept
    only when it is not an update."""
    wanted = Q(pk__in=[])
    own_type = ContentType.objects.get_for_model(obj).pk if obj is not None else None
    if obj is not None:
        wanted |= Q(target_type_id=own_type, target_id=obj.pk)
    for related_model, ids in (related or {}).items():
        ids = list(ids)
        if ids:
            wanted |= Q(
                target_type=ContentType.objects.get_for_model(related_model), target_id__in=ids
            )
    if account_id is not None:
        wanted |= Q(account_id=account_id)
    changes = (
        Change.objects.in_workspace(workspace)
        .filter(wanted)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    hidden = set(hidden)
    kinds = dict(ChangeKind.choices)
    rows = []
    for change in changes:
        # get_for_id is cached in-process: a handful of content types, not one query per row.
        model = ContentType.objects.get_for_id(change.target_type_id).model_class()
        is_self = (
            obj is not None and change.target_type_id == own_type and change.target_id == obj.pk
        )
        entries = [
            Entry(
                label=str(entry.get("label", entry.get("field", ""))),
                old=format_value(model, entry, "from"),
                new=format_value(model, entry, "to"),
            )
            for entry in change.fields
            if entry.get("field") not in hidden
        ]
        if change.kind == ChangeKind.UPDATED and change.fields and not entries:
            continue
        rows.append(
            Row(
                at=change.at,
                actor=change.actor.display_name if change.actor else "",
                kind=change.kind,
                kind_label=str(kinds.get(change.kind, change.kind)),
                what="" if is_self or model is None else str(model._meta.verbose_name),
                target="" if is_self else change.target_repr,
                entries=entries,
            )
        )
    return rows
