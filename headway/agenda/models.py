"""Agenda state that has no object of its own: snoozes of computed items (e.g. "no touch for
45 days" on an account). Actions carry their own snooze date."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from headway.workspaces.tenancy import WorkspaceModel


class AgendaSnooze(WorkspaceModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120, help_text="The agenda item's stable key.")
    until = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "user", "key"], name="agendasnooze_unique_key"
            )
        ]
        indexes = [models.Index(fields=["workspace", "user", "until"], name="agendasnooze_ws_user")]


class DigestLog(WorkspaceModel):
    """One row per digest e-mail sent, so the scheduler never sends the same morning twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    item_count = models.PositiveIntegerField(default=0)

    class Meta(WorkspaceModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "user", "local_date"], name="digestlog_unique_day"
            )
        ]


class CalendarFeed(WorkspaceModel):
    """A private, revocable iCalendar feed URL. Only the secret's hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(WorkspaceModel.Meta):
        indexes = [models.Index(fields=["workspace", "user"], name="calendarfeed_ws_user")]
