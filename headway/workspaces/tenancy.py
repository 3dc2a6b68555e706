"""Tenancy that fails closed.

Every business model inherits :class:`WorkspaceModel`. Its ``objects`` manager returns a
queryset that refuses to run until it has been narrowed to one workspace with
``.in_workspace(ws)``; forgetting the scope is a loud ``UnscopedQueryError`` in development and
tests, never a silent cross-tenant read.

The escape hatch is ``Model.unscoped_objects``: a plain manager, also Django's default manager
so that Django internals (related managers already filtered by their parent, deletion,
serialization, migrations) keep working. Application code that uses it must say why in a
comment next to the call.
"""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django import forms
from django.db import models
from django.forms.models import ModelFormMetaclass

from headway.errors import NotFound

M = TypeVar("M", bound=models.Model)

# Largest id a database key can hold: anything above is "no such object", never an overflow.
MAX_ID = 2**63 - 1


class UnscopedQueryError(RuntimeError):
    """A business query ran without being narrowed to a workspace."""


class WorkspaceQuerySet(models.QuerySet):
    _workspace_scoped: bool = False

    def in_workspace(self, workspace: Any) -> Self:
        """Narrow to one workspace (an instance or its id); the only way to make this runnable."""
        if workspace is None:
            raise UnscopedQueryError("in_workspace() needs a workspace, got None.")
        qs = self.filter(workspace=workspace)
        qs._workspace_scoped = True
        return qs

    def _clone(self) -> Self:
        # django-stubs leaves out QuerySet._clone (private in Django, but the hook to carry state).
        clone = super()._clone()  # type: ignore[misc]
        clone._workspace_scoped = self._workspace_scoped
        return clone

    def _require_scope(self) -> None:
        if not self._workspace_scoped:
            raise UnscopedQueryError(
                f"{self.model.__name__} query ran without .in_workspace(...). Scope it to the "
                "request's workspace, or use unscoped_objects with a comment saying why."
            )

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._require_scope()
        super()._fetch_all()

    def iterator(self, *args: Any, **kwargs: Any) -> Any:
        self._require_scope()
        return super().iterator(*args, **kwargs)

    def count(self) -> int:
        self._require_scope()
        return super().count()

    def exists(self) -> bool:
        self._require_scope()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._require_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        self._require_scope()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._require_scope()
        return super().delete()


# mypy takes no call as a base class. (Naming the from_queryset() class at module level would let
# django-stubs type ``objects`` — every scoped query in every app — a step of its own.)
class WorkspaceScopedManager(models.Manager.from_queryset(WorkspaceQuerySet)):  # type: ignore[misc]
    """The manager application code uses: ``Model.objects.in_workspace(ws)``."""


class WorkspaceModel(models.Model):
    """Base of every business row: it belongs to exactly one workspace."""

    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    # Plain manager first, so it is Django's default manager (see module docstring).
    unscoped_objects = models.Manager()
    objects = WorkspaceScopedManager()

    class Meta:
        abstract = True
        default_manager_name = "unscoped_objects"
        base_manager_name = "unscoped_objects"


class VersionedMixin(models.Model):
    """A version number bumped on every save through a service; edits carry the version they
    started from, and a mismatch means someone else saved in between (see crm.history)."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


def parse_id(raw: Any) -> int | None:
    """An id that arrived in input (URL, query string, form, JSON, an imported file): a
    positive whole number that fits a database key, or ``None``."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        try:
            value = int(str(raw if raw is not None else "").strip())
        except ValueError:
            return None
    return value if 0 < value <= MAX_ID else None


def get_scoped(qs: models.QuerySet[M], *, id: Any, what: str) -> M:
    """The one way to resolve an id: the object, or the same :class:`NotFound` (404) for "no
    such id", "not a valid id" and "another workspace's". ``qs`` is already narrowed with
    ``.in_workspace(ws)`` (it refuses to run otherwise) and may carry the page's own
    ``select_related`` and a parent filter (an ask under its win-back)."""
    pk = parse_id(id)
    obj = qs.filter(pk=pk).first() if pk is not None else None
    if obj is None:
        raise NotFound(f"No such {what}.")
    return obj


def _scoped_formfield(db_field: models.Field, **kwargs: Any) -> Any:
    """Model form fields for relations start from a query that refuses to run: a business
    model's scoped manager (it raises until ``.in_workspace(ws)``), and no user at all. The
    form's ``__init__`` narrows them to the request's workspace; forgetting to is an error,
    never a list of every workspace's rows."""
    if isinstance(db_field, models.ForeignKey | models.ManyToManyField):
        related = db_field.remote_field.model
        if isinstance(related, type) and issubclass(related, WorkspaceModel):
            kwargs.setdefault("queryset", related.objects.all())
        elif isinstance(related, type):
            kwargs.setdefault("queryset", related._default_manager.none())
    return db_field.formfield(**kwargs)


class _WorkspaceModelFormMetaclass(ModelFormMetaclass):
    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        # Django reads the callback from each form's own Meta: give every Meta ours.
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(_scoped_formfield)
        return super().__new__(mcs, name, bases, attrs)


class WorkspaceModelForm(forms.ModelForm, metaclass=_WorkspaceModelFormMetaclass):
    """The base of every model form: relation fields fail closed (see ``_scoped_formfield``)."""
