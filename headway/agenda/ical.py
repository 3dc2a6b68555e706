"""The agenda as an iCalendar document: one all-day event per item, with a UID that stays the
same from day to day so calendar apps update an event instead of duplicating it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from headway.agenda.selectors import Agenda
from headway.workspaces.models import Membership


def absolute(url: str, base: str = "") -> str:
    """A link for outside the app (a calendar, an e-mail): relative paths get the base URL."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return (base or settings.HEADWAY_BASE_URL).rstrip("/") + url


def event_uid(key: str, membership: Membership) -> str:
    return f"{key.replace(':', '-')}-w{membership.workspace_id}-u{membership.user_id}@headway"


def agenda_calendar(agenda: Agenda, membership: Membership, *, base: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Headway//Agenda//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Headway — {membership.workspace.name}")
    stamp = timezone.now()
    for group in agenda.groups:
        for entry in group.entries:
            item = entry.item
            event = Event()
            event.add("uid", event_uid(item.key, membership))
            event.add("dtstamp", stamp)
            event.add("dtstart", item.due)
            event.add("dtend", item.due + dt.timedelta(days=1))
            event.add("summary", f"{item.label}: {item.title}")
            if item.url:
                event.add("url", absolute(item.url, base))
            lines = [entry.due_words]
            if item.account_name and item.account_name not in item.title:
                lines.append(f"Account: {item.account_name}")
            if item.detail:
                lines.append(item.detail)
            if item.url:
                lines.append(absolute(item.url, base))
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    return cal.to_ical()
