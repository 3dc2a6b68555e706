"""Read side of the agenda: one person's Overdue / Today / This week, from every provider.

The items are stored (:mod:`headway.agenda.sync` keeps them true to the facts): the page reads a
person's Overdue / Today / This week in one indexed query, whatever the number of method apps,
and each provider words its own items without a query.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.text import slugify

from headway.agenda import rules
from headway.agenda.models import AgendaRow, AgendaSnooze, CalendarFeed
from headway.agenda.registry import AgendaContext, AgendaItem, Stored, providers
from headway.errors import NotFound
from headway.workspaces.models import Membership

logger = logging.getLogger(__name__)


@dataclass
class AgendaEntry:
    item: AgendaItem
    due_words: str
    overdue: bool
    dom_id: str = ""  # the item's key as an HTML id, computed once (not per use in the template)
    due_iso: str = ""
    due_short: str = ""  # e.g. "Tue 24 Nov"


@dataclass
class AgendaGroup:
    key: str
    title: str
    entries: list[AgendaEntry]
    html: str = ""  # the entries' HTML joined, set by the page (one template variable, not 200)

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass
class Agenda:
    today: dt.date
    horizon: dt.date
    groups: list[AgendaGroup]
    overflow: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    overflow_notes: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    def group(self, key: str) -> AgendaGroup:
        return next(g for g in self.groups if g.key == key)

    @property
    def due_now(self) -> list[AgendaEntry]:
        """Overdue and today: what the morning digest lists."""
        return self.group(rules.OVERDUE).entries + self.group(rules.TODAY).entries

    @property
    def more(self) -> int:
        return sum(self.overflow.values())

    @property
    def more_lines(self) -> list[MoreLine]:
        """One line per cut-off list: "…and 12 more actions — see all your actions"."""
        lines = []
        for name, count in self.overflow.items():
            one, many, link_text, url = self.overflow_notes.get(
                name, ("item", "items", "the full list", "")
            )
            lines.append(MoreLine(count, one if count == 1 else many, link_text, url))
        return lines


@dataclass
class MoreLine:
    count: int
    what: str
    link_text: str
    url: str


def agenda_context(
    membership: Membership, *, now: dt.datetime | None = None, today: dt.date | None = None
) -> AgendaContext:
    """Whose agenda and which day it is for them (in their time zone, not the server's)."""
    now = now or timezone.now()
    if today is None:
        today = now.astimezone(membership.user.tzinfo).date()
    return AgendaContext(membership=membership, today=today, horizon=rules.horizon(today), now=now)


# Every list (a provider's bucket) stops here and the page says "…and N more".
BUCKET_LIMIT = 50
ROW_COLUMNS = (
    *("key", "source", "bucket", "subject_id", "account_id", "account__name"),
    *("visible_at", "until", "params", "bucket_total"),
)


def stored_rows(ctx: AgendaContext) -> list[dict[str, Any]]:
    """The person's stored items that may show now, at most ``BUCKET_LIMIT`` per bucket, each
    with its bucket's full count, snoozed ones left out: one indexed query."""
    snoozed = AgendaSnooze.objects.in_workspace(ctx.workspace_id).filter(
        user_id=ctx.membership.user_id, key=OuterRef("key"), until__gt=ctx.today
    )
    return list(
        AgendaRow.objects.in_workspace(ctx.workspace_id)
        .filter(owner_id=ctx.membership.user_id, visible_at__lte=ctx.now)
        .filter(Q(until__isnull=True) | Q(until__gt=ctx.now))
        .exclude(Exists(snoozed))
        .annotate(
            place=Window(
                RowNumber(),
                order_by=[F("rank").asc(), F("visible_at").asc(), F("id").asc()],
                partition_by=[F("bucket")],
            ),
            bucket_total=Window(Count("id"), partition_by=[F("bucket")]),
        )
        .filter(place__lte=BUCKET_LIMIT)
        .values(*ROW_COLUMNS)
    )


def _stored(row: dict[str, Any]) -> Stored:
    return Stored(
        key=row["key"],
        bucket=row["bucket"],
        subject_id=row["subject_id"],
        account_id=row["account_id"],
        account_name=row["account__name"] or "",
        visible_at=row["visible_at"],
        until=row["until"],
        params=row["params"],
    )


def build_agenda(
    membership: Membership, *, now: dt.datetime | None = None, today: dt.date | None = None
) -> Agenda:
    ctx = agenda_context(membership, now=now, today=today)
    registered = providers()
    items: list[AgendaItem] = []
    failed: set[str] = set()
    overflow: dict[str, int] = {}
    notes: dict[str, tuple[str, str, str, str]] = {}
    for row in stored_rows(ctx):
        provider = registered.get(row["source"])
        if provider is None or provider.name in failed:
            continue
        try:
            item = provider.describe(_stored(row), ctx)
        except Exception:
            # One module's bug must not take the home page down: say so on the page and log it.
            logger.exception("Agenda provider %r failed", provider.name)
            failed.add(provider.name)
            continue
        if item is not None:
            items.append(item)
        bucket, total = row["bucket"], row["bucket_total"]
        if total > BUCKET_LIMIT and bucket in provider.notes:
            overflow[bucket] = total - BUCKET_LIMIT
            notes[bucket] = provider.notes[bucket]
    grouped: dict[str, list[AgendaEntry]] = {rules.OVERDUE: [], rules.TODAY: [], rules.WEEK: []}
    seen: set[str] = set()
    for item in sorted(items, key=lambda i: (i.due, i.title.lower(), i.key)):
        if item.key in seen or item.source in failed:
            continue
        group = rules.group_of(item.due, ctx.today)
        if group is None:
            continue
        seen.add(item.key)
        grouped[group].append(
            AgendaEntry(
                item=item,
                due_words=rules.due_words(item.due, ctx.today),
                overdue=group == rules.OVERDUE,
                dom_id=slugify(item.key),
                due_iso=item.due.isoformat(),
                due_short=f"{item.due:%a} {item.due.day} {item.due:%b}",
            )
        )
    return Agenda(
        today=ctx.today,
        horizon=ctx.horizon,
        groups=[AgendaGroup(key, rules.GROUP_TITLES[key], grouped[key]) for key in grouped],
        overflow=overflow,
        overflow_notes=notes,
        failed=sorted(failed),
    )


def find_entry(agenda: Agenda, key: str) -> AgendaEntry | None:
    for group in agenda.groups:
        for entry in group.entries:
            if entry.item.key == key:
                return entry
    return None


# --- calendar feeds -------------------------------------------------------------------------


def calendar_feeds(*, membership: Membership) -> list[CalendarFeed]:
    return list(
        CalendarFeed.objects.in_workspace(membership.workspace_id)
        .filter(user_id=membership.user_id)
        .order_by("-created_at", "-id")[:50]
    )


def get_calendar_feed(*, membership: Membership, id: object) -> CalendarFeed:
    """A person's own feed; another person's or another workspace's is the same 404."""
    try:
        feed_id = int(str(id))
    except ValueError:
        raise NotFound("No such calendar feed.") from None
    feed = (
        CalendarFeed.objects.in_workspace(membership.workspace_id)
        .filter(pk=feed_id, user_id=membership.user_id)
        .first()
    )
    if feed is None:
        raise NotFound("No such calendar feed.")
    return feed


def feed_membership(*, token_hash: str) -> Membership | None:
    """The membership behind a feed secret, or None if unknown or revoked."""
    # unscoped_objects: the public .ics URL carries no session; the secret itself names the
    # workspace, and only its hash is looked up (exact match on a unique column).
    feed = CalendarFeed.unscoped_objects.filter(
        token_hash=token_hash, revoked_at__isnull=True
    ).first()
    if feed is None:
        return None
    return (
        Membership.objects.in_workspace(feed.workspace_id)
        .filter(user_id=feed.user_id, user__is_active=True)
        .select_related("user", "workspace")
        .first()
    )
