from __future__ import annotations

import functools
import logging
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse

logger = logging.getLogger(__name__)

SERVER_ERROR_PAGE = Path(__file__).resolve().parent / "templates" / "500.html"
SERVER_ERROR_DETAIL = (
    "Something went wrong on the server. The error was logged; try again in a moment."
)
# If even the page's file cannot be read: the same words, unstyled.
SERVER_ERROR_FALLBACK = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Something went wrong · Headway"
    "</title><h1>Something went wrong on our side</h1><p>The error was logged. Try again in a "
    'moment.</p><p><a href="/">Go to your agenda</a></p></html>'
)


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and `make run`'s wait: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the page when something broke — which may be the database, a template
    or a context processor, so it uses none of them. The page is a static file with the app's
    look (its stylesheet and icon), prepared once per process; the API gets JSON with a
    ``detail`` like its other errors."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": SERVER_ERROR_DETAIL}, status=500)
    return HttpResponseServerError(server_error_html(), content_type="text/html; charset=utf-8")


@functools.cache
def server_error_html() -> str:
    try:
        page = SERVER_ERROR_PAGE.read_text(encoding="utf-8")
    except OSError:
        logger.exception("The 500 page %s cannot be read", SERVER_ERROR_PAGE)
        return SERVER_ERROR_FALLBACK
    return page.replace("{{ stylesheet }}", _static("web/headway.css")).replace(
        "{{ icon }}", _static("web/favicon.svg")
    )


def _static(name: str) -> str:
    """The file's address (hashed by the manifest storage); its plain name — which whitenoise
    serves too — if the storage cannot say (e.g. collectstatic was not run)."""
    from django.templatetags.static import static

    try:
        return static(name)
    except Exception:
        logger.exception("No static address for %s on the 500 page", name)
        return f"{settings.STATIC_URL}{name}"
