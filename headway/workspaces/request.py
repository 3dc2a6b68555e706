"""The request a workspace page or API handler receives, and the decorator that guarantees it.

It lives with tenancy (the middleware, or the API's token auth, sets ``request.workspace`` and
``request.membership``), so every door — CRM, agenda, workspaces, method apps — imports it from
here and ``web`` and ``api`` stay the layers on top.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from headway.workspaces.models import Membership, User, Workspace
from headway.workspaces.permissions import may_create_workspace


class WorkspaceRequest(HttpRequest):
    """What the middleware puts on every request that reaches a ``workspace_view``."""

    user: User
    membership: Membership
    workspace: Workspace
    htmx: HtmxDetails


class ApiRequest(HttpRequest):
    """What an API handler behind ``headway.api.auth.TokenAuth`` receives. The token decides
    everything: ``auth`` is the token's membership (what ``TokenAuth`` returns; django-ninja
    stores it as ``request.auth``), and ``membership``, ``workspace`` and ``user`` are set from
    it — the attributes the web middleware sets, so a service reads both requests alike.

    Annotate a handler's first parameter with it; django-ninja recognises that parameter by its
    name (``request``), not by its annotation."""

    auth: Membership
    user: User
    membership: Membership
    workspace: Workspace


def workspace_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and a member of a workspace; otherwise the sign-in page or an explanation."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "membership", None) is None:
            context = {
                "title": "No workspace yet",
                "message": "You do not belong to any workspace. Ask a workspace admin to "
                "invite you, then open the link in the invitation e-mail.",
            }
            if may_create_workspace([]):  # HEADWAY_WORKSPACE_CREATORS = "anyone"
                context["message"] += " Or create a workspace of your own."
                context["action_url"] = reverse("workspaces:workspace_create")
                context["action_label"] = "Create a workspace"
            return render(request, "web/error.html", context, status=403)
        return view(request, *args, **kwargs)

    return wrapper
