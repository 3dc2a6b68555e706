from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from headway.workspaces.models import Membership


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
            # unscoped_objects: by user — the switcher lists this person's own memberships.
            return list(
                Membership.unscoped_objects.filter(user_id=membership.user_id)
                .exclude(workspace_id=membership.workspace_id)
                .select_related("workspace")
                .order_by("workspace__name")
            )

        ctx["other_workspaces"] = other_workspaces
    return ctx
