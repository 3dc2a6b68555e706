"""Who may do what, by role — predicates shared by views, API and templates (``rules``).

Members read everything in their workspace and edit what they own; managers and admins edit
everything; viewers only read. Predicates take the request's :class:`Membership` (not the
user) because a person's role depends on the workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import rules
from django.conf import settings

from headway.errors import PermissionDenied
from headway.workspaces.models import Membership, Role


def owner_ids(obj: Any) -> set[int]:
    """The users who 'own' a business object, by convention of its fields."""
    ids: set[int] = set()
    for field in ("owner_id", "author_id", "our_person_id", "created_by_id", "user_id"):
        value = getattr(obj, field, None)
        if value:
            ids.add(value)
    account = getattr(obj, "account", None) if hasattr(obj, "account_id") else None
    if account is not None and account.owner_id:
        ids.add(account.owner_id)
    return ids


@rules.predicate
def is_writer(membership: Membership | None) -> bool:
    return membership is not None and membership.role != Role.VIEWER


@rules.predicate
def is_manager(membership: Membership | None) -> bool:
    return membership is not None and membership.role in (Role.ADMIN, Role.MANAGER)


@rules.predicate
def is_admin(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.ADMIN


@rules.predicate
def owns(membership: Membership | None, obj: Any) -> bool:
    if membership is None or obj is None:
        return False
    return membership.user_id in owner_ids(obj)


can_create = is_writer
can_edit = is_manager | (is_writer & owns)
can_admin = is_admin

rules.add_rule("headway.create", can_create)
rules.add_rule("headway.edit", can_edit)
rules.add_rule("headway.admin", can_admin)


def require_create(membership: Membership | None) -> None:
    if not can_create(membership):
        raise PermissionDenied("Viewers can read but not add or change anything.")


def require_edit(membership: Membership | None, obj: Any) -> None:
    if not can_edit(membership, obj):
        if not is_writer(membership):
            raise PermissionDenied("Viewers can read but not add or change anything.")
        raise PermissionDenied(
            "Only its owner, a manager or an admin can change this. Ask the owner to reassign it."
        )


def may_hold_tokens(membership: Membership | None) -> bool:
    """Every member may create API tokens, viewers included — on purpose: a token acts as its
    owner with their role *at each request* (not at creation), so a viewer's token only reads,
    a promotion or demotion applies to their tokens at once, and leaving the workspace stops
    them. A read-only token for a viewer's reporting script is the intended use."""
    return membership is not None


def require_admin(membership: Membership | None) -> None:
    if not can_admin(membership):
        raise PermissionDenied("Only a workspace admin can do this.")


# --- creating workspaces (HEADWAY_WORKSPACE_CREATORS) ----------------------------------------

CREATORS_ADMINS = "Only an admin of a workspace can create another one. Ask one of yours."
CREATORS_NOBODY = (
    "New workspaces are created by whoever runs this install, on the command line "
    "(`headway setup --add-workspace`). Ask them."
)


def may_create_workspace(memberships: Sequence[Membership]) -> bool:
    """Whether a person (given all their memberships) may create a workspace on the web, by
    the install's HEADWAY_WORKSPACE_CREATORS: "admins" (an admin of any workspace), "anyone"
    (every signed-in person) or "nobody" (the command line only)."""
    creators = settings.HEADWAY_WORKSPACE_CREATORS
    if creators == "anyone":
        return True
    if creators == "admins":
        return any(m.role == Role.ADMIN for m in memberships)
    return False


def require_workspace_creator(memberships: Sequence[Membership]) -> None:
    if not may_create_workspace(memberships):
        if settings.HEADWAY_WORKSPACE_CREATORS == "admins":
            raise PermissionDenied(CREATORS_ADMINS)
        raise PermissionDenied(CREATORS_NOBODY)


def require_token_holder(membership: Membership | None) -> None:
    if not may_hold_tokens(membership):
        raise PermissionDenied("Only a member of this workspace can create its API tokens.")
