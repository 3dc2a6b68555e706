"""Read queries for CRM pages and API lists, scoped to one workspace, with their own joins.

Lookups by id go through ``get_<object>``: "missing" and "another workspace's" raise the same
:class:`NotFound`, so nothing hints that a foreign object exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from headway.crm import search
from headway.crm.models import (
    OPEN_STAGES,
    Account,
    Action,
    Change,
    Contact,
    Deal,
    Interaction,
    Level,
)
from headway.workspaces.models import Workspace
from headway.workspaces.tenancy import get_scoped


def _get(qs: QuerySet[Any], obj_id: Any, what: str) -> Any:
    return get_scoped(qs, id=obj_id, what=what)


def get_account(*, workspace: Workspace | int, id: Any) -> Account:
    return _get(Account.objects.in_workspace(workspace).select_related("owner"), id, "account")


def get_contact(*, workspace: Workspace | int, id: Any) -> Contact:
    qs = Contact.objects.in_workspace(workspace).select_related("account", "our_person")
    return _get(qs, id, "contact")


def get_deal(*, workspace: Workspace | int, id: Any) -> Deal:
    qs = Deal.objects.in_workspace(workspace).select_related("account", "account__owner", "owner")
    return _get(qs, id, "deal")


def get_interaction(*, workspace: Workspace | int, id: Any) -> Interaction:
    qs = Interaction.objects.in_workspace(workspace).select_related(
        "account", "account__owner", "author"
    )
    return _get(qs, id, "interaction")


def get_action(*, workspace: Workspace | int, id: Any) -> Action:
    qs = Action.objects.in_workspace(workspace).select_related("account", "account__owner", "owner")
    return _get(qs, id, "action")


# --- lists ----------------------------------------------------------------------------------

ACCOUNT_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "last_touch": ("last_touch_at", "id"),
    "-last_touch": ("-last_touch_at", "-id"),
    "strength": ("relationship_strength", "name", "id"),
    "-strength": ("-relationship_strength", "name", "id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
}


@dataclass
class AccountFilters:
    q: str = ""
    status: str = ""
    tier: str = ""
    owner: int | None = None
    could_do_more: bool | None = None
    sort: str = "name"
    extra: dict[str, Any] = field(default_factory=dict)


def account_list(*, workspace: Workspace | int, filters: AccountFilters) -> QuerySet[Account]:
    qs = Account.objects.in_workspace(workspace).select_related("owner")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.tier:
        qs = qs.filter(tier=filters.tier)
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    if filters.could_do_more is not None:
        qs = qs.filter(could_do_more=filters.could_do_more)
    if filters.q:
        qs = search.narrow(qs, filters.q, workspace=workspace)
    return qs.order_by(*ACCOUNT_SORTS.get(filters.sort, ACCOUNT_SORTS["name"]))


CONTACT_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    # Ties between accounts of the same name are broken by the account, so each account's
    # people stay together and the order matches the two indexes that serve it.
    "account": ("account__name", "account__id", "name", "id"),
    "-account": ("-account__name", "-account__id", "name", "id"),
    "level": ("level", "name", "id"),
}


def contact_list(
    *,
    workspace: Workspace | int,
    q: str = "",
    account: int | None = None,
    level: str = "",
    stance: str = "",
    buying_role: str = "",
    sort: str = "name",
) -> QuerySet[Contact]:
    qs = Contact.objects.in_workspace(workspace).select_related("account", "our_person")
    if account:
        qs = qs.filter(account_id=account)
    if level:
        qs = qs.filter(level=level)
    if stance:
        qs = qs.filter(stance=stance)
    if buying_role:
        qs = qs.filter(buying_role=buying_role)
    if q:
        qs = search.narrow(qs, q, workspace=workspace)
    if sort in ("account", "-account"):
        # Always true (a contact's account is in its workspace); said in SQL so the database
        # can walk the accounts' name index first instead of sorting every contact.
        qs = qs.filter(account__workspace=workspace)
    return qs.order_by(*CONTACT_SORTS.get(sort, CONTACT_SORTS["name"]))


DEAL_SORTS = {
    "-created": ("-created_at", "-id"),
    "created": ("created_at", "id"),
    "close": ("expected_close", "id"),
    "-close": ("-expected_close", "-id"),
    # Money sorts by currency first: 9,000 GBP and 9,000 USD are not the same amount, so each
    # currency's deals stay together (A→Z smallest first, reversed for largest first).
    "-amount": ("-currency", "-amount", "-id"),
    "amount": ("currency", "amount", "id"),
    "title": ("title", "id"),
}


def deal_list(
    *,
    workspace: Workspace | int,
    q: str = "",
    stage: str = "",
    account: int | None = None,
    owner: int | None = None,
    sort: str = "-created",
) -> QuerySet[Deal]:
    qs = Deal.objects.in_workspace(workspace).select_related("account", "owner")
    if stage == "open":
        qs = qs.filter(stage__in=OPEN_STAGES)
    elif stage:
        qs = qs.filter(stage=stage)
    if account:
        qs = qs.filter(account_id=account)
    if owner:
        qs = qs.filter(owner_id=owner)
    if q:
        qs = search.narrow(qs, q, workspace=workspace)
    return qs.order_by(*DEAL_SORTS.get(sort, DEAL_SORTS["-created"]))


def interaction_list(
    *,
    workspace: Workspace | int,
    q: str = "",
    account: int | None = None,
    kind: str = "",
    author: int | None = None,
) -> QuerySet[Interaction]:
    qs = (
        Interaction.objects.in_workspace(workspace)
        .select_related("account", "author")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.unscoped_objects.only("id", "name"))
        )
    )
    # unscoped_objects above: the prefetch is filtered to the interactions' own contacts.
    if q:
        qs = qs.filter(summary__icontains=q.strip())
    if account:
        qs = qs.filter(account_id=account)
    if kind:
        qs = qs.filter(kind=kind)
    if author:
        qs = qs.filter(author_id=author)
    return qs.order_by("-occurred_at", "-id")


def action_list(
    *,
    workspace: Workspace | int,
    owner: int | None = None,
    account: int | None = None,
    status: str = "open",
    q: str = "",
) -> QuerySet[Action]:
    qs = Action.objects.in_workspace(workspace).select_related("account", "owner")
    if owner:
        qs = qs.filter(owner_id=owner)
    if account:
        qs = qs.filter(account_id=account)
    if status == "open":
        qs = qs.filter(done_at__isnull=True).order_by("due_date", "id")
    elif status == "done":
        qs = qs.filter(done_at__isnull=False).order_by("-done_at", "-id")
    else:
        qs = qs.order_by("-due_date", "-id")
    if q:
        qs = qs.filter(title__icontains=q.strip())
    return qs


# --- account page ---------------------------------------------------------------------------

LEVEL_ORDER = [Level.EXECUTIVE, Level.MANAGEMENT, Level.OPERATIONAL]
ACCOUNT_PAGE_LIMIT = 50


@dataclass
class AccountPage:
    account: Account
    contacts: list[Contact]
    contacts_by_level: list[tuple[str, list[Contact]]]
    deals: list[Deal]
    interactions: list[Interaction]
    actions: list[Action]
    days_since_touch: int | None
    overdue_touch: bool


def account_page(*, workspace: Workspace | int, account: Account) -> AccountPage:
    """Everything the account page shows, in a fixed number of queries; side lists are
    bounded (the newest 50 interactions) so a 10-year account stays fast. Its history comes
    from :mod:`headway.crm.timeline`."""
    contacts = list(
        Contact.objects.in_workspace(workspace)
        .filter(account=account)
        .select_related("our_person")
        .order_by("name", "id")[:200]
    )
    by_level = [
        (Level(level).label, [c for c in contacts if c.level == level]) for level in LEVEL_ORDER
    ]
    deals = list(
        Deal.objects.in_workspace(workspace)
        .filter(account=account)
        .select_related("owner")
        .order_by("-created_at", "-id")[:ACCOUNT_PAGE_LIMIT]
    )
    interactions = list(
        Interaction.objects.in_workspace(workspace)
        .filter(account=account)
        .select_related("author")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.unscoped_objects.only("id", "name"))
        )
        .order_by("-occurred_at", "-id")[:ACCOUNT_PAGE_LIMIT]
    )
    # unscoped_objects above: the prefetch only follows this account's own interactions.
    actions = list(
        Action.objects.in_workspace(workspace)
        .filter(account=account, done_at__isnull=True)
        .select_related("owner")
        .order_by("due_date", "id")[:ACCOUNT_PAGE_LIMIT]
    )
    days, overdue = account.touch_age(timezone.now())
    return AccountPage(
        account=account,
        contacts=contacts,
        contacts_by_level=by_level,
        deals=deals,
        interactions=interactions,
        actions=actions,
        days_since_touch=days,
        overdue_touch=overdue,
    )


def object_history(*, workspace: Workspace | int, obj: Any, limit: int = 50) -> list[Change]:
    return list(
        Change.objects.in_workspace(workspace)
        .filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )


def actions_for(*, workspace: Workspace | int, obj: Any) -> list[Action]:
    return list(
        Action.objects.in_workspace(workspace)
        .filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)
        .select_related("owner")
        .order_by("done_at", "due_date", "id")[:ACCOUNT_PAGE_LIMIT]
    )


def workspace_today(tz: dt.tzinfo | None = None) -> dt.date:
    return timezone.localdate(timezone=tz)


def contact_interactions(
    *, workspace: Workspace | int, contact: Contact, limit: int = ACCOUNT_PAGE_LIMIT
) -> list[Interaction]:
    """The newest interactions a contact took part in (for the contact page), bounded."""
    return list(
        Interaction.objects.in_workspace(workspace)
        .filter(interactioncontact__contact=contact)
        .select_related("author")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.unscoped_objects.only("id", "name"))
        )
        .order_by("-occurred_at", "-id")[:limit]
    )
    # unscoped_objects above: the prefetch only follows these interactions' own participants.


def change_list(*, workspace: Workspace | int, account: Account) -> QuerySet[Change]:
    """The account's whole timeline — its own changes and those of its contacts, deals,
    interactions and actions — newest first (the API pages through it)."""
    return (
        Change.objects.in_workspace(workspace)
        .filter(account=account)
        .select_related("actor")
        .order_by("-at", "-id")
    )
