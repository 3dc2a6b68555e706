"""Django's form renderer with Headway's one field template, so ``{{ field.as_field_group }}``
draws every field the same way (label, help, errors linked for screen readers)."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    field_template_name = "web/components/field.html"
