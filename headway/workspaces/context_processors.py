from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from headway.workspaces.middleware import user_memberships
from headway.workspaces.models import Membership
from headway.workspaces.permissions import may_create_workspace


def workspace(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    ctx: dict[str, Any] = {
        "membership": membership,
        "workspace": getattr(request, "workspace", None),
    }
    if membership is not None:
        ctx["can_write"] = membership.can_write
        ctx["can_manage"] = membership.can_manage
        ctx["is_admin"] = membership.is_admin

        def other_workspaces() -> list[Membership]:
            # The switcher: this person's other memberships, already loaded by the middleware.
            return [m for m in user_memberships(request) if m.pk != membership.pk]

        ctx["other_workspaces"] = other_workspaces
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # The menu's "New workspace", by HEADWAY_WORKSPACE_CREATORS (no query of its own).
        ctx["may_create_workspace"] = lambda: may_create_workspace(user_memberships(request))
    return ctx
