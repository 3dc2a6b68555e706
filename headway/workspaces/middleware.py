"""Puts the signed-in user's current workspace and membership on the request, and activates
the user's time zone so every date on a page is in their zone."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from headway.workspaces.models import Membership

SESSION_KEY = "headway_workspace_id"


def user_memberships(request: HttpRequest) -> list[Membership]:
    """All of the signed-in person's memberships, in one query per request (a person has a
    handful): the current one and the workspace switcher's list both come from it."""
    cached = getattr(request, "_headway_memberships", None)
    if cached is not None:
        return cached
    user = request.user
    found: list[Membership] = []
    if user.is_authenticated:
        # unscoped_objects: scoped by user rather than workspace (a person sees only their own
        # memberships, before any workspace is chosen).
        found = list(
            Membership.unscoped_objects.filter(user=user)
            .select_related("workspace")
            .order_by("workspace__name", "id")
        )
        for membership in found:
            membership.user = user  # already loaded: saves every page a query for it
    request._headway_memberships = found  # type: ignore[attr-defined]
    return found


def current_membership(request: HttpRequest) -> Membership | None:
    memberships = user_memberships(request)
    if not memberships:
        return None
    wanted = request.session.get(SESSION_KEY)
    chosen = next((m for m in memberships if m.workspace_id == wanted), None)
    if chosen is None:
        chosen = memberships[0]
        request.session[SESSION_KEY] = chosen.workspace_id
    return chosen


class WorkspaceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not hasattr(request, "membership"):
            membership = current_membership(request)
            request.membership = membership  # type: ignore[attr-defined]
            request.workspace = membership.workspace if membership else None  # type: ignore[attr-defined]
        return self.get_response(request)


class UserTimezoneMiddleware:
    """The signed-in user's zone (the server's for anyone else) for the time of the request;
    the thread's previous zone comes back after the response, even when the view raises."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = user.tzinfo if user is not None and user.is_authenticated else None
        with timezone.override(zone):  # None: the server's zone
            return self.get_response(request)
