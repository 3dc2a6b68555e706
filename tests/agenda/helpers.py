"""Small helpers shared by the agenda tests."""

from __future__ import annotations

import datetime as dt

from headway.agenda.selectors import Agenda, build_agenda
from headway.workspaces.models import Membership, User, Workspace


def membership_of(workspace: Workspace, user: User) -> Membership:
    return (
        Membership.objects.in_workspace(workspace)
        .select_related("user", "workspace")
        .get(user=user)
    )


def agenda_for(workspace: Workspace, user: User) -> Agenda:
    return build_agenda(membership_of(workspace, user))


def titles(agenda: Agenda, group: str) -> list[str]:
    return [e.item.title for e in agenda.group(group).entries]


def keys(agenda: Agenda) -> set[str]:
    return {e.item.key for g in agenda.groups for e in g.entries}


def day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)
