"""The lean CRM core: accounts, contacts, deals, interactions, actions, and their history.

Every index starts with ``workspace`` so each tenant's rows sit together (and a workspace can be
moved to its own node, Citus-style, without redesign).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from headway import dates
from headway.workspaces.tenancy import VersionedMixin, WorkspaceModel

User = settings.AUTH_USER_MODEL


class AccountStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    CUSTOMER = "customer", "Customer"
    LOST = "lost", "Lost"
    FORMER = "former", "Former customer"


class Tier(models.TextChoices):
    KEY = "key", "Key account"
    REGULAR = "regular", "Regular"


class Account(WorkspaceModel, VersionedMixin):
    """A customer company."""

    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=200, blank=True)
    industry = models.CharField(max_length=100, blank=True)
    owner = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=AccountStatus.choices, default=AccountStatus.PROSPECT
    )
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.REGULAR)
    relationship_strength = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 = cold, 5 = trusted partner.",
    )
    could_do_more = models.BooleanField(
        "could do more",
        default=False,
        help_text="A good account where we could be doing a lot more together.",
    )
    cadence_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Flag the account when nobody has touched it for this many days "
        "(empty: the workspace default of 30).",
    )
    # Denormalised from interactions so the agenda and lists need no per-row subquery.
    last_touch_at = dates.MomentField(null=True, blank=True)
    external_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["workspace", "name", "id"], name="account_ws_name"),
            models.Index(fields=["workspace", "owner", "name"], name="account_ws_owner_name"),
            models.Index(fields=["workspace", "status", "name"], name="account_ws_status_name"),
            models.Index(fields=["workspace", "last_touch_at"], name="account_ws_last_touch"),
            # The agenda's "no touch" provider: one owner's stalest accounts first.
            models.Index(
                fields=["workspace", "owner", "last_touch_at"], name="account_ws_owner_touch"
            ),
            models.Index(fields=["workspace", "-updated_at"], name="account_ws_updated"),
            models.Index(fields=["workspace", "external_id"], name="account_ws_external"),
            # The list's strength sorts (strongest / weakest first, then by name).
            models.Index(
                fields=["workspace", "relationship_strength", "name", "id"],
                name="account_ws_strength",
            ),
            models.Index(
                fields=["workspace", "-relationship_strength", "name", "id"],
                name="account_ws_strength_desc",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(relationship_strength__gte=1, relationship_strength__lte=5),
                name="account_strength_1_5",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_cadence_days(self) -> int:
        return self.cadence_days or settings.HEADWAY_DEFAULT_CADENCE_DAYS

    def touch_age(self, now: dt.datetime) -> tuple[int | None, bool]:
        """Days since the last touch (None: never), and whether that is beyond the cadence —
        an account nobody ever touched is overdue."""
        if self.last_touch_at is None:
            return None, True
        days = (now - self.last_touch_at).days
        return days, days > self.effective_cadence_days


class Level(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    MANAGEMENT = "management", "Management"
    OPERATIONAL = "operational", "Operational"


class BuyingRole(models.TextChoices):
    DECISION_MAKER = "decision_maker", "Decision maker"
    EVALUATOR = "evaluator", "Evaluator"
    INFLUENCER = "influencer", "Influencer"
    USER = "user", "User"


class Stance(models.TextChoices):
    ADVOCATE = "advocate", "Advocate"
    NEUTRAL = "neutral", "Neutral"
    DETRACTOR = "detractor", "Detractor"


phone_validator = RegexValidator(
    r"^[0-9+()./ x-]{3,40}$",
    "Enter a phone number using digits, spaces and + ( ) - . / x only.",
)


class Contact(WorkspaceModel, VersionedMixin):
    """A person at an account."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.OPERATIONAL)
    buying_role = models.CharField(
        max_length=16, choices=BuyingRole.choices, default=BuyingRole.USER
    )
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.NEUTRAL)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[phone_validator])
    our_person = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="our person",
        help_text="Who on our side holds the relationship with this contact.",
    )
    external_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["workspace", "name", "id"], name="contact_ws_name"),
            models.Index(fields=["workspace", "account", "level"], name="contact_ws_account"),
            models.Index(fields=["workspace", "email"], name="contact_ws_email"),
            models.Index(fields=["workspace", "level", "name", "id"], name="contact_ws_level"),
            # An account's people by name, and the contact list sorted by account: accounts
            # in name order, each one's contacts in name order, straight from two indexes.
            models.Index(
                fields=["workspace", "account", "name", "id"], name="contact_ws_account_name"
            ),
            models.Index(fields=["workspace", "external_id"], name="contact_ws_external"),
        ]

    def __str__(self) -> str:
        return self.name


class DealStage(models.TextChoices):
    QUALIFY = "qualify", "Qualify"
    DEVELOP = "develop", "Develop"
    PROPOSE = "propose", "Propose"
    NEGOTIATE = "negotiate", "Negotiate"
    WON = "won", "Won"
    LOST = "lost", "Lost"


OPEN_STAGES = (DealStage.QUALIFY, DealStage.DEVELOP, DealStage.PROPOSE, DealStage.NEGOTIATE)


class LostTo(models.TextChoices):
    COMPETITOR = "competitor", "A competitor"
    ALTERNATIVE = "alternative", "An alternative solution"
    DO_NOTHING = "do_nothing", "Do nothing"


currency_validator = RegexValidator(r"^[A-Z]{3}$", "Use a three-letter currency code such as EUR.")


class Deal(WorkspaceModel, VersionedMixin):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="deals")
    title = models.CharField(max_length=200)
    amount = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, default="EUR", validators=[currency_validator])
    stage = models.CharField(max_length=10, choices=DealStage.choices, default=DealStage.QUALIFY)
    expected_close = models.DateField(null=True, blank=True, validators=[dates.validate_date])
    competitors = models.CharField(
        max_length=300, blank=True, help_text="Who else is in the race, comma-separated."
    )
    owner = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lost_to = models.CharField(max_length=12, choices=LostTo.choices, blank=True)
    lost_to_name = models.CharField(
        "lost to (name)",
        max_length=200,
        blank=True,
        help_text="The competitor or alternative that won.",
    )
    lost_reasons = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    external_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "stage", "expected_close"], name="deal_ws_stage"),
            models.Index(fields=["workspace", "account", "stage"], name="deal_ws_account"),
            models.Index(fields=["workspace", "owner", "stage"], name="deal_ws_owner"),
            models.Index(fields=["workspace", "-created_at", "-id"], name="deal_ws_created"),
            # The list's other sorts.
            models.Index(
                fields=["workspace", "currency", "amount", "id"], name="deal_ws_currency_amount"
            ),
            models.Index(fields=["workspace", "expected_close", "id"], name="deal_ws_close"),
            models.Index(fields=["workspace", "title", "id"], name="deal_ws_title"),
            models.Index(fields=["workspace", "external_id"], name="deal_ws_external"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="deal_amount_positive")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class InteractionKind(models.TextChoices):
    CALL = "call", "Call"
    EMAIL = "email", "E-mail"
    MEETING = "meeting", "Meeting"
    LUNCH = "lunch", "Lunch"
    NOTE = "note", "Note"


class Interaction(WorkspaceModel, VersionedMixin):
    """A dated touchpoint with an account. The latest one is the account's "last touch"."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(
        max_length=10, choices=InteractionKind.choices, default=InteractionKind.CALL
    )
    occurred_at = dates.MomentField(default=timezone.now, validators=[dates.validate_happened])
    summary = models.TextField()
    next_step = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contacts: models.ManyToManyField[Contact, InteractionContact] = models.ManyToManyField(
        Contact, through="InteractionContact", related_name="interactions", blank=True
    )
    external_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(
                fields=["workspace", "account", "-occurred_at"], name="interaction_ws_account"
            ),
            models.Index(fields=["workspace", "-occurred_at", "-id"], name="interaction_ws_when"),
            models.Index(fields=["workspace", "external_id"], name="interaction_ws_external"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"


class InteractionContact(WorkspaceModel):
    """Who took part in an interaction (an explicit through table, so it carries the workspace)."""

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE)

    class Meta(WorkspaceModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "interaction", "contact"], name="interaction_contact_unique"
            )
        ]
        indexes = [
            models.Index(fields=["workspace", "contact"], name="interactioncontact_ws_contact")
        ]


class Action(WorkspaceModel, VersionedMixin):
    """A next step: what, who, by when. Every module's plans are Actions, so the agenda has one
    place to look. It may hang off any object (``target``) and, for quick lookups, an account."""

    title = models.CharField(max_length=300)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField(validators=[dates.validate_date])
    done_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True, validators=[dates.validate_date])
    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(
                fields=["workspace", "owner", "done_at", "due_date"], name="action_ws_owner_due"
            ),
            models.Index(fields=["workspace", "account", "done_at"], name="action_ws_account"),
            models.Index(fields=["workspace", "target_type", "target_id"], name="action_ws_target"),
            models.Index(fields=["workspace", "done_at", "due_date"], name="action_ws_due"),
            # Open actions by due date (the lists' default): a partial index gives the whole
            # order, so a page stops after 50 rows instead of sorting every open action
            # (PostgreSQL does not take "done_at IS NULL" as fixing the first column's order).
            models.Index(
                fields=["workspace", "due_date", "id"],
                condition=models.Q(done_at__isnull=True),
                name="action_ws_open_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ChangeKind(models.TextChoices):
    CREATED = "created", "created"
    UPDATED = "updated", "changed"
    DELETED = "deleted", "deleted"


class Change(WorkspaceModel):
    """One recorded change to a business object: who, when, and each field from → to.

    Written by services (never signals), one row per save, so a timeline is one indexed query.
    ``account`` lets an account page show its contacts', deals' and actions' changes too.
    """

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target_repr = models.CharField(max_length=300)
    account = models.ForeignKey(
        Account,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    # [{"field": "status", "label": "Status", "from": "Prospect", "to": "Customer"}, ...]
    fields = models.JSONField(default=list)

    class Meta(WorkspaceModel.Meta):
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(
                fields=["workspace", "target_type", "target_id", "-at"], name="change_ws_target"
            ),
            models.Index(fields=["workspace", "account", "-at"], name="change_ws_account"),
        ]
