"""``{% install_is_empty as empty %}``: the sign-in page tells the first visitor of an empty
install how to start it (``headway setup``) instead of offering a sign-in nobody can use."""

from __future__ import annotations

from django import template

from headway.workspaces import services

register = template.Library()


@register.simple_tag
def install_is_empty() -> bool:
    return services.install_is_empty()
