"""Win-backs: turning a lost deal (a second-place finish) into the next sale.

A :class:`WinBack` starts from one lost CRM deal. It carries the asks made while the customer
still feels bad about saying no (:class:`Ask`, with files in :class:`AskAttachment`), the
buyer profile that sets the effort and the touch cadence, the planned touches
(:class:`PlannedTouch`) and what we learn about the winner (:class:`WinnerSignal`).

Its outcome is not stored but read from the new deal it opened (``reopened_deal``): won →
won back, lost → lost again; ``closed_at`` records a manual close. The CRM never has to know
about win-backs (it must not import this app).
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from headway import dates
from headway.crm.models import OPEN_STAGES, Account, Deal, DealStage, LostTo
from headway.methods.winback import rules
from headway.workspaces.tenancy import VersionedMixin, WorkspaceModel

User = settings.AUTH_USER_MODEL


class Likelihood(models.TextChoices):
    HIGH = rules.HIGH, "High"
    MEDIUM = rules.MEDIUM, "Medium"
    LOW = rules.LOW, "Low"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    WON_BACK = "won_back", "Won back"
    LOST_AGAIN = "lost_again", "Lost again"
    CLOSED = "closed", "Closed"


class WinBack(WorkspaceModel, VersionedMixin):
    title = models.CharField(max_length=300)
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lost_to = models.CharField(max_length=12, choices=LostTo.choices)
    lost_to_name = models.CharField(
        "lost to (name)",
        max_length=200,
        blank=True,
        help_text="The competitor or alternative that won.",
    )
    decision_date = models.DateField(
        help_text="When the customer told us.", validators=[dates.validate_date]
    )
    reasons = models.TextField("why we lost", blank=True)
    value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="What winning them back is worth (the lost deal's amount to start with).",
    )
    currency = models.CharField(max_length=3, default="EUR")
    # Buyer profile → likelihood → effort and cadence.
    repeat_buyer = models.BooleanField(
        "repeat buyer",
        null=True,
        blank=True,
        help_text="Have they bought this kind of solution before?",
    )
    years_on_incumbent = models.DecimalField(
        "years on the incumbent",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="How long they have used the solution they chose (or kept).",
    )
    likelihood = models.CharField(
        "computed likelihood",
        max_length=6,
        choices=Likelihood.choices,
        default=Likelihood.MEDIUM,
    )
    likelihood_reason = models.TextField(blank=True)
    likelihood_override = models.CharField(
        "likelihood set by hand", max_length=6, choices=Likelihood.choices, blank=True
    )
    override_reason = models.TextField("why set by hand", blank=True)
    cadence_days = models.PositiveSmallIntegerField(
        default=rules.CADENCE_DAYS[rules.MEDIUM],
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    # Denormalised from the winner signals by the services, so the portfolio ranks in SQL.
    signal_score = models.PositiveIntegerField(default=0)
    signals_crossed_on = models.DateField(null=True, blank=True)
    priority = models.FloatField(default=0)
    reopened_deal = models.ForeignKey(
        Deal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reengaged_on = models.DateField("re-engaged on", null=True, blank=True)
    manager_approved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    manager_approved_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        verbose_name = "win-back"
        ordering = ["-priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "deal"], name="winback_one_per_deal")
        ]
        indexes = [
            models.Index(
                fields=["workspace", "closed_at", "-priority", "id"], name="winback_ws_rank"
            ),
            models.Index(
                fields=["workspace", "owner", "closed_at", "-priority"], name="winback_ws_owner"
            ),
            # The team's portfolio (open win-backs by priority): "closed_at IS NULL" does not
            # let PostgreSQL read winback_ws_rank in priority order (it sorted all open rows).
            models.Index(
                fields=["workspace", "-priority", "id"],
                condition=models.Q(closed_at__isnull=True),
                name="winback_ws_open_rank",
            ),
            # A seller's win-backs with no new deal yet (the agenda's "re-engage now"). Without
            # it SQLite read every such win-back of the workspace through the reopened_deal
            # index: its statistics count NULLs as distinct values, so "IS NULL" looked rare.
            models.Index(
                fields=["workspace", "owner", "reopened_deal", "closed_at"],
                name="winback_ws_owner_new_deal",
            ),
            models.Index(fields=["workspace", "account"], name="winback_ws_account"),
            models.Index(fields=["workspace", "reopened_deal"], name="winback_ws_reopened"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/winbacks/{self.pk}/"

    @property
    def level(self) -> str:
        """The likelihood in force: set by hand if someone did, otherwise computed."""
        return self.likelihood_override or self.likelihood

    @property
    def level_label(self) -> str:
        return rules.LEVEL_LABELS[self.level]

    @property
    def effort(self) -> str:
        return rules.effort(self.level)

    @property
    def cadence_words(self) -> str:
        return rules.cadence_words(self.cadence_days)

    @property
    def status(self) -> str:
        """Closed by hand, else what became of the new deal (needs ``reopened_deal`` loaded
        with ``select_related`` in lists)."""
        if self.closed_at is not None:
            return Status.CLOSED
        if self.reopened_deal_id is not None and self.reopened_deal is not None:
            if self.reopened_deal.stage == DealStage.WON:
                return Status.WON_BACK
            if self.reopened_deal.stage == DealStage.LOST:
                return Status.LOST_AGAIN
        return Status.OPEN

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def days_to_reengage(self) -> int | None:
        if self.reengaged_on is None:
            return None
        return rules.days_to_reengage(self.decision_date, self.reengaged_on)


def open_q(prefix: str = "") -> models.Q:
    """Win-backs still being worked: not closed by hand, and no new deal yet or one still open."""
    return models.Q(**{f"{prefix}closed_at__isnull": True}) & (
        models.Q(**{f"{prefix}reopened_deal__isnull": True})
        | models.Q(**{f"{prefix}reopened_deal__stage__in": OPEN_STAGES})
    )


class AskKind(models.TextChoices):
    EVALUATION = "evaluation", "Their evaluation documentation"
    CRITERIA = "criteria", "The final decision criteria"
    DECIDERS = "deciders", "Access to the person or team who decided"
    EXECUTIVES = "executives", "Contacts of senior executives"
    CUSTOM = "custom", "Something else"


# The four asks of the method, in the order a seller makes them.
STANDARD_ASKS = [
    (
        AskKind.EVALUATION,
        "Ask for their evaluation documentation (scorecards, notes, comparison).",
    ),
    (AskKind.CRITERIA, "Ask for the final decision criteria and how each offer scored."),
    (AskKind.DECIDERS, "Ask for a conversation with the person or team who made the decision."),
    (
        AskKind.EXECUTIVES,
        "Ask for the contacts of senior executives who only heard about the decision.",
    ),
]


class AskStatus(models.TextChoices):
    TO_ASK = "to_ask", "To ask"
    ASKED = "asked", "Asked"
    GRANTED = "granted", "Granted"
    DECLINED = "declined", "Declined"


class Ask(WorkspaceModel, VersionedMixin):
    """Something reasonable we ask for in return for taking the "no" well."""

    winback = models.ForeignKey(WinBack, on_delete=models.CASCADE, related_name="asks")
    kind = models.CharField(max_length=12, choices=AskKind.choices, default=AskKind.CUSTOM)
    text = models.CharField("what we ask for", max_length=300)
    status = models.CharField(max_length=10, choices=AskStatus.choices, default=AskStatus.TO_ASK)
    obtained = models.TextField("what we obtained", blank=True)
    asked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["workspace", "winback", "position"], name="ask_ws_winback"),
            models.Index(fields=["workspace", "status"], name="ask_ws_status"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def account_id(self) -> int:
        # History rows of an ask appear on the account's timeline too.
        return self.winback.account_id


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_ASK = 20


def attachment_path(instance: AskAttachment, filename: str) -> str:
    """``winback/<workspace id>/<random>.<ext>``: the stored name never comes from the user
    (only a short, cleaned extension), and nothing serves this folder publicly."""
    suffix = PurePath(filename).suffix.lower()
    if not suffix[1:].isalnum() or len(suffix) > 10:
        suffix = ""
    return f"winback/{instance.workspace_id}/{uuid.uuid4().hex}{suffix}"


class AskAttachment(WorkspaceModel):
    """A file obtained for an ask (an evaluation scorecard…), served only to the workspace
    as a download."""

    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["workspace", "ask"], name="askattachment_ws_ask")]

    def __str__(self) -> str:
        return self.original_name


class TouchKind(models.TextChoices):
    CALL = "call", "Call"
    EMAIL = "email", "E-mail"
    LUNCH = "lunch", "Lunch"


class PlannedTouch(WorkspaceModel, VersionedMixin):
    """A call, e-mail or lunch planned to keep the lines open ("a few phone calls, several
    emails and a lunch or two")."""

    winback = models.ForeignKey(WinBack, on_delete=models.CASCADE, related_name="touches")
    kind = models.CharField(max_length=6, choices=TouchKind.choices, default=TouchKind.CALL)
    planned_for = models.DateField(validators=[dates.validate_date])
    note = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    interaction = models.ForeignKey(
        "crm.Interaction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        verbose_name = "planned touch"
        verbose_name_plural = "planned touches"
        ordering = ["planned_for", "id"]
        indexes = [
            models.Index(
                fields=["workspace", "winback", "done_at", "planned_for"], name="touch_ws_winback"
            ),
            models.Index(fields=["workspace", "done_at", "planned_for"], name="touch_ws_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.planned_for:%Y-%m-%d}"

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def account_id(self) -> int:
        return self.winback.account_id


class SignalKind(models.TextChoices):
    MISSED_PROMISE = rules.MISSED_PROMISE, "Missed promise"
    SUPPORT_DECLINE = rules.SUPPORT_DECLINE, "Support declining"
    PRODUCT_PROBLEM = rules.PRODUCT_PROBLEM, "Product problem"
    PRICE_RISE = rules.PRICE_RISE, "Price rise"
    KEY_PERSON_LEFT = rules.KEY_PERSON_LEFT, "Key person left"
    CONTRACT_END = rules.CONTRACT_END, "Contract end date"


class WinnerSignal(WorkspaceModel, VersionedMixin):
    """A dated sign that the winner is struggling to keep its promises (or a contract end)."""

    winback = models.ForeignKey(WinBack, on_delete=models.CASCADE, related_name="signals")
    kind = models.CharField(max_length=16, choices=SignalKind.choices)
    observed_on = models.DateField(validators=[dates.validate_date])
    note = models.CharField(max_length=300, blank=True)
    contract_end = models.DateField(
        null=True,
        blank=True,
        help_text="For a contract end: when the winner's contract ends.",
        validators=[dates.validate_date],
    )
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        verbose_name = "winner signal"
        ordering = ["-observed_on", "-id"]
        indexes = [
            models.Index(fields=["workspace", "winback", "observed_on"], name="signal_ws_winback"),
            models.Index(fields=["workspace", "kind", "contract_end"], name="signal_ws_contract"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.observed_on:%Y-%m-%d})"

    @property
    def weight(self) -> int:
        return rules.SIGNAL_WEIGHTS.get(self.kind, 0)

    @property
    def account_id(self) -> int:
        return self.winback.account_id
