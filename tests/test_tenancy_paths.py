"""Safety nets for code not written yet: Django's default manager is the unscoped one (Django's
internals need it), so the paths that would use it silently are banned outside a short list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.db import models

from headway.workspaces.tenancy import UnscopedQueryError, WorkspaceModel, WorkspaceModelForm

ROOT = Path(settings.BASE_DIR) / "headway"
SOURCES = [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]

# Every file allowed to use the loud bypass, and why (each use also carries a comment).
UNSCOPED_ALLOWED = {
    "agenda/selectors.py": "the public .ics feed is found by its secret, before any workspace",
    "agenda/tasks.py": "system jobs that walk every workspace",
    "agenda/sync.py": "the post-migrate fill asks whether any workspace has agenda rows yet",
    "crm/selectors.py": "prefetches already narrowed to the page's own rows",
    "management/commands/token.py": "the operator's command line lists tokens across workspaces",
    "workspaces/middleware.py": "finds the signed-in user's workspaces",
    "workspaces/services.py": "tokens and invitations are found by their secret",
    "workspaces/context_processors.py": "the workspace switcher lists the user's memberships",
    "generate/run.py": "deletes one generated workspace's memberships",
}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_shortcut_looks_objects_up_outside_a_workspace():
    banned = re.compile(
        r"\b(get_object_or_404|get_list_or_404)\b|\._default_manager\b|\._base_manager\b"
    )
    offenders = [
        f"{_rel(p)}:{n}"
        for p in SOURCES
        if _rel(p) != "workspaces/tenancy.py"
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if banned.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == [], "use get_<object>(workspace=, id=) / Model.objects.in_workspace()"


def test_the_unscoped_bypass_is_used_only_where_listed_and_always_with_a_reason():
    for path in SOURCES:
        if _rel(path) == "workspaces/tenancy.py":  # where it is defined
            continue
        lines = path.read_text().splitlines()
        for n, line in enumerate(lines):
            if "unscoped_objects" not in line or line.lstrip().startswith("#"):
                continue
            assert _rel(path) in UNSCOPED_ALLOWED, f"{_rel(path)}:{n + 1} uses unscoped_objects"
            nearby = "\n".join(lines[max(0, n - 4) : n + 6])
            assert "# unscoped_objects" in nearby, f"{_rel(path)}:{n + 1} says not why"


def test_the_admin_site_is_not_installed():
    # Django's admin reads through the default manager: every workspace's rows at once.
    assert "django.contrib.admin" not in settings.INSTALLED_APPS


def _classes(module_node: ast.Module) -> list[ast.ClassDef]:
    return [n for n in ast.walk(module_node) if isinstance(n, ast.ClassDef)]


def test_every_model_form_starts_from_the_workspace_base():
    offenders = []
    for path in SOURCES:
        if _rel(path) == "workspaces/tenancy.py":  # the base itself
            continue
        for cls in _classes(ast.parse(path.read_text())):
            for base in cls.bases:
                name = ast.unparse(base)
                if name in ("forms.ModelForm", "ModelForm", "forms.models.ModelForm"):
                    offenders.append(f"{_rel(path)}:{cls.name}")
    assert offenders == [], "inherit headway.workspaces.tenancy.WorkspaceModelForm"


def test_a_model_form_that_forgets_to_narrow_its_choices_fails_closed(world):
    from headway.crm.models import Deal

    class Careless(WorkspaceModelForm):
        class Meta:
            model = Deal
            fields = ["account", "title", "owner"]

    form = Careless()
    account_field = form.fields["account"]
    assert isinstance(account_field, forms.ModelChoiceField)
    with pytest.raises(UnscopedQueryError):
        list(account_field.queryset)
    owner_field = form.fields["owner"]
    assert isinstance(owner_field, forms.ModelChoiceField)
    assert list(owner_field.queryset) == []  # nobody, until the form names the workspace's people


def test_every_business_model_uses_the_scoped_manager_as_objects():
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, WorkspaceModel):
            assert isinstance(model.objects, models.Manager)
            with pytest.raises(UnscopedQueryError):
                list(model.objects.all())
