"""Template helpers shared by every page."""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: dict[str, Any], **kwargs: Any) -> str:
    """The current query string with some parameters replaced (empty value removes one)."""
    request = context["request"]
    query: QueryDict = request.GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def sort_th(context: dict[str, Any], key: str, label: str, css_class: str = "") -> str:
    """A column header (``<th scope="col">``) whose link toggles ascending / descending sort.
    ``aria-sort`` sits on the header cell, where assistive technology looks for it (on the
    link it means nothing); the arrow says the same to the eye."""
    request = context["request"]
    current = request.GET.get("sort", context.get("default_sort", ""))
    if current == key:
        target, state, arrow = f"-{key}", "ascending", " ▲"
    elif current == f"-{key}":
        target, state, arrow = key, "descending", " ▼"
    else:
        target, state, arrow = key, "", ""
    query = request.GET.copy()
    query["sort"] = target
    query.pop("page", None)
    return format_html(
        '<th scope="col"{}{}><a href="?{}">{}{}</a></th>',
        format_html(' class="{}"', css_class) if css_class else "",
        format_html(' aria-sort="{}"', state) if state else "",
        query.urlencode(),
        label,
        format_html('<span aria-hidden="true">{}</span>', arrow) if arrow else "",
    )


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.simple_tag
def person_options(choices: Any, selected: Any = None, exclude: Any = None) -> SafeString:
    """The ``<option>`` s of a people filter (see ``workspaces.selectors.person_choices``),
    built in one pass with every name escaped: a template loop costs ≈ 10 µs an option, 5 ms a
    page for a team of 400. ``selected`` and ``exclude`` are ids (int or str)."""
    chosen, skipped = str(selected or ""), str(exclude or "")
    parts = []
    for person in choices:
        value = str(person.pk)
        if value == skipped:
            continue
        mark = " selected" if value == chosen else ""
        parts.append(f'<option value="{value}"{mark}>{escape(person.display_name)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - ids are ints, names escaped above
