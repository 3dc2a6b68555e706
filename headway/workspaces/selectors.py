"""Read queries about people in a workspace, shared by every module's forms and filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from headway.workspaces.models import Membership, User, Workspace
from headway.workspaces.tenancy import parse_id


def members(workspace: Workspace | int, *, active_only: bool = False) -> QuerySet[User]:
    """The workspace's members, by name. Users are not tenant rows: narrowing by membership
    keeps every choice inside the workspace. ``active_only`` for pickers that assign work
    (filters keep deactivated people so their old rows can still be found)."""
    member_ids = Membership.objects.in_workspace(workspace).values("user_id")
    people = User.objects.filter(pk__in=member_ids)
    if active_only:
        people = people.filter(is_active=True)
    return people.order_by("name", "email")


@dataclass(frozen=True)
class PersonChoice:
    """One person in a filter's drop-down. Plain values, not User rows: a workspace with
    hundreds of members would otherwise build hundreds of objects per page."""

    pk: int
    display_name: str


def person_choices(workspace: Workspace | int) -> list[PersonChoice]:
    rows = members(workspace).values_list("pk", "name", "email")
    return [PersonChoice(pk, User.display_name_for(name, email)) for pk, name, email in rows]


MEMBER_REQUIRED = "Pick someone who belongs to this workspace."


def resolve_member(
    workspace: Workspace | int, raw: Any, *, field: str, active_only: bool = True
) -> User:
    """A person named by id in input (an owner, "our person", a colleague to invite): the user,
    if they belong to the workspace; otherwise a 422 on that field (a foreign user id says
    nothing about who exists). Forms, the API and the import resolve people with this."""
    user_id = parse_id(getattr(raw, "pk", raw))
    user = (
        members(workspace, active_only=active_only).filter(pk=user_id).first() if user_id else None
    )
    if user is None:
        raise ValidationError({field: MEMBER_REQUIRED})
    return user
