"""Puts the signed-in user's current workspace and membership on the request, and activates
the user's time zone so every date on a page is in their zone."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from headway.workspaces.models import Membership

SESSION_KEY = "headway_workspace_id"


def current_membership(request: HttpRequest) -> Membership | None:
    user = request.user
    if not user.is_authenticated:
        return None
    # unscoped_objects: scoped by user rather than workspace (a person sees only their own
    # memberships, before any workspace is chosen).
    memberships = Membership.unscoped_objects.filter(user=user).select_related("workspace")
    wanted = request.session.get(SESSION_KEY)
    chosen = None
    if wanted is not None:
        chosen = memberships.filter(workspace_id=wanted).first()
    if chosen is None:
        chosen = memberships.order_by("workspace__name", "id").first()
        if chosen is not None:
            request.session[SESSION_KEY] = chosen.workspace_id
    if chosen is not None:
        chosen.user = user  # already loaded: saves every page a query for membership.user
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
