"""Read side of the agenda: one person's Overdue / Today / This week, from every provider.

The number of queries is fixed: one per provider (plus a bounded few inside each), and one
for this person's snoozes — never one per item.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from headway.agenda import rules
from headway.agenda.models import AgendaSnooze, CalendarFeed
from headway.agenda.registry import AgendaContext, AgendaItem, providers
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


def build_agenda(
    membership: Membership, *, now: dt.datetime | None = None, today: dt.date | None = None
) -> Agenda:
    ctx = agenda_context(membership, now=now, today=today)
    items: list[AgendaItem] = []
    failed: list[str] = []
    for name, provider in sorted(providers().items()):
        try:
            items.extend(provider(ctx))
        except Exception:
            # One module's bug must not take the home page down: say so on the page and log it.
            logger.exception("Agenda provider %r failed", name)
            failed.append(name)
    snoozed = set(
        AgendaSnooze.objects.in_workspace(ctx.workspace_id)
        .filter(user_id=membership.user_id, until__gt=ctx.today)
        .values_list("key", flat=True)
    )
    grouped: dict[str, list[AgendaEntry]] = {rules.OVERDUE: [], rules.TODAY: [], rules.WEEK: []}
    seen: set[str] = set()
    for item in sorted(items, key=lambda i: (i.due, i.title.lower(), i.key)):
        if item.key in snoozed or item.key in seen:
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
        overflow=dict(ctx.overflow),
        overflow_notes=dict(ctx.overflow_notes),
        failed=failed,
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
