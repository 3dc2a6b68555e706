"""Test data builders. Every business row needs a workspace; builders take it explicitly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from headway.crm.models import Account, Action, Contact, Deal, Interaction
from headway.workspaces.models import Membership, Role, User, Workspace

_seq = {"n": 0}


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
    return Account.objects.create(workspace=workspace, **extra)


def make_contact(account: Account, **extra: Any) -> Contact:
    n = _next()
    extra.setdefault("name", f"Contact {n}")
    return Contact.objects.create(workspace_id=account.workspace_id, account=account, **extra)


def make_deal(account: Account, **extra: Any) -> Deal:
    n = _next()
    extra.setdefault("title", f"Deal {n}")
    extra.setdefault("amount", Decimal("10000"))
    return Deal.objects.create(workspace_id=account.workspace_id, account=account, **extra)


def make_interaction(account: Account, **extra: Any) -> Interaction:
    extra.setdefault("summary", "Talked about next quarter.")
    extra.setdefault("occurred_at", timezone.now())
    return Interaction.objects.create(workspace_id=account.workspace_id, account=account, **extra)


def make_action(workspace: Workspace, owner: User, **extra: Any) -> Action:
    n = _next()
    extra.setdefault("title", f"Follow up {n}")
    extra.setdefault("due_date", timezone.localdate() + dt.timedelta(days=1))
    return Action.objects.create(workspace=workspace, owner=owner, **extra)
