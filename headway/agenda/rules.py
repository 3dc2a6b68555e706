"""The agenda's pure rules: which group an item falls in and how its due day reads.

No ORM, no I/O: the page, the digest e-mail and the calendar feed share these words.
"""

from __future__ import annotations

import datetime as dt

HORIZON_DAYS = 7
SNOOZE_CHOICES = (1, 3, 7)

OVERDUE = "overdue"
TODAY = "today"
WEEK = "week"
GROUP_TITLES = {OVERDUE: "Overdue", TODAY: "Today", WEEK: "This week"}


def horizon(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=HORIZON_DAYS)


def group_of(due: dt.date, today: dt.date) -> str | None:
    """Overdue (before today), Today, This week (up to 7 days ahead); None beyond that."""
    if due < today:
        return OVERDUE
    if due == today:
        return TODAY
    if due <= horizon(today):
        return WEEK
    return None


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def due_words(due: dt.date, today: dt.date) -> str:
    """Relative words a reader takes in at once — never colour alone."""
    delta = (due - today).days
    if delta < 0:
        return f"{_days(-delta)} overdue"
    if delta == 0:
        return "Due today"
    if delta == 1:
        return "Due tomorrow"
    return f"Due in {_days(delta)}"


def snooze_until(today: dt.date, days: int) -> dt.date:
    return today + dt.timedelta(days=days)
