"""Test data builders. Every business row needs a workspace; builders take it explicitly.

Builders write rows directly (faster than the services, and free of their rules), and then
say so on the write path's channel (:func:`made`), so read models such as the agenda follow
as they do after a service call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from django.utils import timezone

from headway import changes
from headway.crm.models import Account, Action, Contact, Deal, Interaction
from headway.workspaces.models import Membership, Role, User, Workspace

_seq = {"n": 0}
T = TypeVar("T")


def made(obj: T) -> T:
    """Tell the read models about a row written outside the services (returns it)."""
    changes.written([obj])
    return obj


def _next() -> int:
    _seq["n"] += 1
    return _seq["n"]


def make_user(email: str | None = None, **extra: Any) -> User:
    n = _next()
    return User.objects.create_user(
        email or f"user{n}@example.test", "correct-horse-battery", **extra
    )


def make_workspace(name: str | None = None) -> Workspace:
    n = _next()
    return Workspace.objects.create(name=name or f"Workspace {n}", slug=f"ws-{n}")


def make_membership(
    workspace: Workspace, user: User | None = None, role: str = Role.MEMBER
) -> Membership:
    return Membership.objects.create(workspace=workspace, user=user or make_user(), role=role)


def make_account(workspace: Workspace, **extra: Any) -> Account:
    n = _next()
    extra.setdefault("name", f"Account {n}")
    return made(Account.objects.create(workspace=workspace, **extra))


def make_contact(account: Account, **extra: Any) -> Contact:
    n = _next()
    extra.setdefault("name", f"Contact {n}")
    return made(Contact.objects.create(workspace_id=account.workspace_id, account=account, **extra))


def make_deal(account: Account, **extra: Any) -> Deal:
    n = _next()
    extra.setdefault("title", f"Deal {n}")
    extra.setdefault("amount", Decimal("10000"))
    return made(Deal.objects.create(workspace_id=account.workspace_id, account=account, **extra))


def make_interaction(account: Account, **extra: Any) -> Interaction:
    extra.setdefault("summary", "Talked about next quarter.")
    extra.setdefault("occurred_at", timezone.now())
    return made(
        Interaction.objects.create(workspace_id=account.workspace_id, account=account, **extra)
    )


def make_action(workspace: Workspace, owner: User, **extra: Any) -> Action:
    n = _next()
    extra.setdefault("title", f"Follow up {n}")
    extra.setdefault("due_date", timezone.localdate() + dt.timedelta(days=1))
    return made(Action.objects.create(workspace=workspace, owner=owner, **extra))
