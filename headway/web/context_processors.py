from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from headway.kit.methods import nav_entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu: the core's entries (``settings.HEADWAY_NAV``), then each method app's
    declared entry."""
    items = []
    for label, url_name in [*settings.HEADWAY_NAV, *nav_entries()]:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        current = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": label, "url": url, "current": current})
    return {"main_nav": items}
