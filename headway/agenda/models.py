"""The agenda's stored items (the read model every provider writes into), and agenda state that
has no object of its own: snoozes of computed items (e.g. "no touch for 45 days" on an
account; actions carry their own snooze date), digests sent, calendar feeds."""

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


class AgendaRow(WorkspaceModel):
    """One stored agenda item: what a provider derived from the facts, kept up to date by the
    write path (:mod:`headway.agenda.sync`) so the page reads a person's agenda in one indexed
    query, whatever the number of method apps.

    Rows hold no time-zone-dependent dates: ``visible_at`` is the first moment the item may show
    for anyone (a date-bound item uses the earliest time zone's start of the day, so the set read
    is a superset by at most a day); the provider's ``describe`` makes the exact call in the
    viewer's zone and words the item from ``params`` at read time ("no touch for 45 days" reads
    true tomorrow without a write).
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=40, help_text="The provider that derived it.")
    bucket = models.CharField(max_length=40, help_text="The list it is bounded in (and N more).")
    subject_id = models.BigIntegerField(help_text="The provider's root object it was derived from.")
    key = models.CharField(max_length=120, help_text="The item's stable key.")
    # Joined for its name at read time; no constraint, so a row never blocks deleting an account
    # (the write path re-derives the row away in the same transaction).
    account = models.ForeignKey(
        "crm.Account",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    visible_at = models.DateTimeField()
    until = models.DateTimeField(null=True, help_text="Shown no longer after this moment.")
    rank = models.FloatField(default=0, help_text="Order inside its bucket (lower first).")
    params = models.JSONField(default=dict)

    class Meta(WorkspaceModel.Meta):
        indexes = [
            models.Index(fields=["workspace", "owner", "visible_at"], name="agendarow_page"),
            models.Index(fields=["workspace", "source", "subject_id"], name="agendarow_subject"),
        ]
