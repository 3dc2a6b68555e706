"""One function per user action on the CRM core.

Every service takes the acting ``membership`` (which carries workspace, user and role), checks
permissions and rules, writes inside a transaction, and records history. Web views and API
handlers call these and nothing else to change data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from headway import changes as notify
from headway.crm import writes
from headway.crm.models import (
    Account,
    Action,
    Contact,
    Deal,
    DealStage,
    Interaction,
    InteractionContact,
    LostTo,
)
from headway.workspaces.models import Membership
from headway.workspaces.permissions import require_create
from headway.workspaces.selectors import MEMBER_REQUIRED

M = TypeVar("M", bound=models.Model)

LOST_NEEDS_REASON = "Say what the deal was lost to and why: the win-back starts from it."
LOST_TO_NEEDS_NAME = "Name the competitor that won."
CONTACT_OTHER_ACCOUNT = "Only contacts of this interaction's account can take part."


def _check_members(membership: Membership, data: dict[str, Any], *fields: str) -> None:
    """People named in input (owner, our person) must belong to the workspace."""
    errors = {}
    for field in fields:
        user = data.get(field)
        if user is None:
            continue
        user_id = getattr(user, "pk", user)
        if not (
            Membership.objects.in_workspace(membership.workspace_id)
            .filter(user_id=user_id)
            .exists()
        ):
            errors[field] = MEMBER_REQUIRED
    if errors:
        raise ValidationError(errors)


def _create(model: type[M], *, membership: Membership, data: dict[str, Any]) -> M:
    return writes.create(model, membership=membership, **data)


def _update(obj: M, *, membership: Membership, data: dict[str, Any], version: int | None) -> M:
    return writes.update(obj, membership=membership, changes=data, version=version)


def _delete(obj: models.Model, *, membership: Membership) -> None:
    writes.delete(obj, membership=membership)


# --- accounts -------------------------------------------------------------------------------


@transaction.atomic
def account_create(*, membership: Membership, **data: Any) -> Account:
    require_create(membership)
    data.setdefault("owner", membership.user)
    _check_members(membership, data, "owner")
    return _create(Account, membership=membership, data=data)


@transaction.atomic
def account_update(
    *, membership: Membership, account: Account, version: int | None = None, **data: Any
) -> Account:
    _check_members(membership, data, "owner")
    return _update(account, membership=membership, data=data, version=version)


@transaction.atomic
def account_delete(*, membership: Membership, account: Account) -> None:
    _delete(account, membership=membership)


# --- contacts -------------------------------------------------------------------------------


@transaction.atomic
def contact_create(*, membership: Membership, **data: Any) -> Contact:
    require_create(membership)
    _check_members(membership, data, "our_person")
    return _create(Contact, membership=membership, data=data)


@transaction.atomic
def contact_update(
    *, membership: Membership, contact: Contact, version: int | None = None, **data: Any
) -> Contact:
    _check_members(membership, data, "our_person")
    return _update(contact, membership=membership, data=data, version=version)


@transaction.atomic
def contact_delete(*, membership: Membership, contact: Contact) -> None:
    _delete(contact, membership=membership)


# --- deals ----------------------------------------------------------------------------------


def deal_check_lost(deal: Deal) -> None:
    """A lost deal must say what it was lost to and why; a won or lost deal is closed."""
    if deal.stage == DealStage.LOST:
        errors = {}
        if not deal.lost_to:
            errors["lost_to"] = LOST_NEEDS_REASON
        elif deal.lost_to == LostTo.COMPETITOR and not deal.lost_to_name.strip():
            errors["lost_to_name"] = LOST_TO_NEEDS_NAME
        if not deal.lost_reasons.strip():
            errors["lost_reasons"] = LOST_NEEDS_REASON
        if errors:
            raise ValidationError(errors)
    else:
        deal.lost_to, deal.lost_to_name, deal.lost_reasons = "", "", ""
    if deal.is_open:
        deal.closed_at = None
    elif deal.closed_at is None:
        deal.closed_at = timezone.now()


@transaction.atomic
def deal_create(*, membership: Membership, **data: Any) -> Deal:
    require_create(membership)
    data.setdefault("owner", membership.user)
    _check_members(membership, data, "owner")
    return writes.create(Deal, membership=membership, prepare=deal_check_lost, **data)


@transaction.atomic
def deal_update(
    *, membership: Membership, deal: Deal, version: int | None = None, **data: Any
) -> Deal:
    _check_members(membership, data, "owner")
    return writes.update(
        deal, membership=membership, changes=data, version=version, prepare=deal_check_lost
    )


def deal_mark_lost(
    *,
    membership: Membership,
    deal: Deal,
    lost_to: str,
    lost_to_name: str = "",
    lost_reasons: str,
    version: int | None = None,
) -> Deal:
    return deal_update(
        membership=membership,
        deal=deal,
        version=version,
        stage=DealStage.LOST,
        lost_to=lost_to,
        lost_to_name=lost_to_name,
        lost_reasons=lost_reasons,
    )


@transaction.atomic
def deal_delete(*, membership: Membership, deal: Deal) -> None:
    _delete(deal, membership=membership)


# --- interactions ---------------------------------------------------------------------------


def _refresh_last_touch(account_id: int, workspace_id: int) -> None:
    latest = (
        Interaction.objects.in_workspace(workspace_id)
        .filter(account_id=account_id)
        .aggregate(latest=Max("occurred_at"))["latest"]
    )
    Account.objects.in_workspace(workspace_id).filter(pk=account_id).update(last_touch_at=latest)
    notify.written([Account(pk=account_id, workspace_id=workspace_id, last_touch_at=latest)])


def _set_participants(interaction: Interaction, contacts: Iterable[Contact]) -> None:
    contacts = list(contacts)
    if any(c.account_id != interaction.account_id for c in contacts):
        raise ValidationError({"contacts": CONTACT_OTHER_ACCOUNT})
    InteractionContact.objects.in_workspace(interaction.workspace_id).filter(
        interaction=interaction
    ).delete()
    InteractionContact.objects.bulk_create(
        InteractionContact(
            workspace_id=interaction.workspace_id, interaction=interaction, contact=c
        )
        for c in contacts
    )


@transaction.atomic
def interaction_create(
    *, membership: Membership, contacts: Iterable[Contact] = (), **data: Any
) -> Interaction:
    require_create(membership)
    data.setdefault("author", membership.user)
    interaction = _create(Interaction, membership=membership, data=data)
    _set_participants(interaction, contacts)
    _refresh_last_touch(interaction.account_id, interaction.workspace_id)
    return interaction


@transaction.atomic
def interaction_update(
    *,
    membership: Membership,
    interaction: Interaction,
    version: int | None = None,
    contacts: Iterable[Contact] | None = None,
    **data: Any,
) -> Interaction:
    old_account_id = interaction.account_id
    _update(interaction, membership=membership, data=data, version=version)
    if contacts is not None:
        _set_participants(interaction, contacts)
    _refresh_last_touch(interaction.account_id, interaction.workspace_id)
    if old_account_id != interaction.account_id:
        _refresh_last_touch(old_account_id, interaction.workspace_id)
    return interaction


@transaction.atomic
def interaction_delete(*, membership: Membership, interaction: Interaction) -> None:
    account_id, workspace_id = interaction.account_id, interaction.workspace_id
    _delete(interaction, membership=membership)
    _refresh_last_touch(account_id, workspace_id)


# --- actions --------------------------------------------------------------------------------


@transaction.atomic
def action_create(
    *, membership: Membership, target: models.Model | None = None, **data: Any
) -> Action:
    """Create a next step. ``target`` is any workspace object it belongs to (a deal, a module's
    decision…); its account, if it has one, is filled in for the account page."""
    require_create(membership)
    data.setdefault("owner", membership.user)
    data.setdefault("created_by", membership.user)
    _check_members(membership, data, "owner")
    if target is not None:
        from django.contrib.contenttypes.models import ContentType

        data["target_type"] = ContentType.objects.get_for_model(target)
        data["target_id"] = target.pk
        if data.get("account") is None:
            if isinstance(target, Account):
                data["account"] = target
            elif account_id := getattr(target, "account_id", None):
                data["account_id"] = account_id
    return _create(Action, membership=membership, data=data)


@transaction.atomic
def action_update(
    *, membership: Membership, action: Action, version: int | None = None, **data: Any
) -> Action:
    _check_members(membership, data, "owner")
    return _update(action, membership=membership, data=data, version=version)


def action_complete(*, membership: Membership, action: Action, done: bool = True) -> Action:
    """Mark done (or not done again: the cheap undo)."""
    return action_update(
        membership=membership,
        action=action,
        done_at=timezone.now() if done else None,
        snoozed_until=None,
    )


def action_snooze(*, membership: Membership, action: Action, until: dt.date) -> Action:
    if until <= timezone.localdate():
        raise ValidationError({"until": "Snooze to a day after today."})
    return action_update(membership=membership, action=action, snoozed_until=until)


@transaction.atomic
def action_delete(*, membership: Membership, action: Action) -> None:
    _delete(action, membership=membership)
