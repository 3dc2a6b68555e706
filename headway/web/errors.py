"""The one web mapping of domain errors to pages (the API has its own single handler).

NotFound → 404 (same page for missing and foreign objects), PermissionDenied → 403,
RuleRefused / ConcurrentEdit → 409, ValidationError → 422, each with the rule's own message
saying what to do next. Form steps (:mod:`headway.web.steps`) show these on their own page;
this is the net under every other door, so a forgotten catch is never a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from headway.errors import DomainError, NotFound, PermissionDenied, RuleRefused


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None
        if isinstance(exc, NotFound):
            raise Http404(exc.message)
        if isinstance(exc, PermissionDenied):
            return render(
                request,
                "web/error.html",
                {"title": "Not allowed", "message": exc.message},
                status=403,
            )
        if isinstance(exc, RuleRefused):
            return render(
                request, "web/error.html", {"title": "Not now", "message": exc.message}, status=409
            )
        if isinstance(exc, ValidationError):
            return render(
                request,
                "web/error.html",
                {"title": "Please check what you entered", "message": " ".join(exc.messages)},
                status=422,
            )
        if isinstance(exc, DomainError):
            return render(
                request,
                "web/error.html",
                {"title": "Cannot do that", "message": exc.message},
                status=exc.status_code,
            )
        return None


def post_only() -> HttpResponse:
    """For POST-only routes reached by GET, after the object was found (so a foreign id is
    still a 404, never a hint)."""
    return HttpResponseNotAllowed(["POST"])
