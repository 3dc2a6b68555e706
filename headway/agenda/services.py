"""One function per user action on the agenda: tick off, undo, snooze; calendar feeds.

Actions are changed through the CRM's own services (permissions, history, versions); the
agenda only keeps state for computed items (a snooze of "no touch for 45 days") and feeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from headway.agenda.models import AgendaRow, AgendaSnooze, CalendarFeed
from headway.agenda.selectors import agenda_context, get_calendar_feed
from headway.crm import selectors as crm_selectors
from headway.crm import services as crm_services
from headway.crm.models import Action
from headway.errors import NotFound
from headway.workspaces.models import Membership

KEY_INVALID = "This agenda item is not known. Reload the agenda and try again."
SNOOZE_PAST = "Snooze to a day after today."
SNOOZE_TOO_FAR = "Snooze for at most a year; for longer, change the due date instead."
MAX_SNOOZE_DAYS = 366


def action_for_key(*, membership: Membership, key: str) -> Action | None:
    """The action an agenda key names, resolved in the membership's workspace (a foreign or
    missing id is NotFound), or None if the key is not an action's."""
    kind, _, ident = key.partition(":")
    if kind != "action":
        return None
    return crm_selectors.get_action(workspace=membership.workspace_id, id=ident)


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > 120 or ":" not in key:
        raise ValidationError({"key": KEY_INVALID})
    return key


def agenda_item_done(*, membership: Membership, key: str, done: bool = True) -> Action:
    """Tick an action off the agenda (or, with ``done=False``, the undo). Other items are
    cleared by doing what they ask (log an interaction…) or through their own module."""
    action = action_for_key(membership=membership, key=_check_key(key))
    if action is None:
        raise NotFound("Only actions can be ticked off here.")
    return crm_services.action_complete(membership=membership, action=action, done=done)


@transaction.atomic
def agenda_item_snooze(*, membership: Membership, key: str, until: dt.date) -> None:
    """Hide an item until ``until`` (it comes back that day). Actions keep their own snooze
    date; computed items get a per-person :class:`AgendaSnooze` row (created or moved)."""
    key = _check_key(key)
    today = agenda_context(membership).today
    if until <= today:
        raise ValidationError({"until": SNOOZE_PAST})
    if (until - today).days > MAX_SNOOZE_DAYS:
        raise ValidationError({"until": SNOOZE_TOO_FAR})
    action = action_for_key(membership=membership, key=key)
    if action is not None:
        crm_services.action_snooze(membership=membership, action=action, until=until)
        return
    # A personal view setting, like a filter: anyone in the workspace may hide their own items —
    # and only items that are on their own agenda (stored rows), so every snooze row stands for
    # a real item of theirs, one per item (snoozing again moves it): the rows a person can make
    # are bounded by their agenda, and a made-up or someone else's key is refused (422).
    snoozes = AgendaSnooze.objects.in_workspace(membership.workspace_id)
    if (
        not AgendaRow.objects.in_workspace(membership.workspace_id)
        .filter(owner_id=membership.user_id, key=key)
        .exists()
    ):
        raise ValidationError({"key": KEY_INVALID})
    # A snooze that has run out hides nothing any more: the person's are dropped as they add one.
    snoozes.filter(user_id=membership.user_id, until__lte=today).delete()
    snoozes.update_or_create(
        workspace_id=membership.workspace_id,
        user_id=membership.user_id,
        key=key,
        defaults={"until": until, "created_at": timezone.now()},
    )


# --- calendar feeds -------------------------------------------------------------------------


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def calendar_feed_create(*, membership: Membership) -> tuple[CalendarFeed, str]:
    """A new private feed; returns the secret, which is shown once and never stored."""
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        workspace_id=membership.workspace_id,
        user_id=membership.user_id,
        token_hash=hash_secret(secret),
    )
    return feed, secret


def calendar_feed_revoke(*, membership: Membership, feed_id: object) -> CalendarFeed:
    feed = get_calendar_feed(membership=membership, id=feed_id)
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed
