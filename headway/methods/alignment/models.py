"""Mutual Learning: an alignment about one decision the customer must make, its parties (the
customer's people who disagree) with their positions, what each holds (interests, assumptions,
information), the agreed words, the joint options and how each meets every party's interests.

The rules are in :mod:`headway.methods.alignment.rules`, the writes in
:mod:`headway.methods.alignment.services`. Every index starts with ``workspace``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from headway import dates
from headway.crm.models import Account, Contact, Deal
from headway.methods.alignment import rules
from headway.workspaces.tenancy import VersionedMixin, WorkspaceModel

User = settings.AUTH_USER_MODEL


class Status(models.TextChoices):
    IMPASSE = rules.IMPASSE, rules.STATUS_LABELS[rules.IMPASSE]
    EXPLORING = rules.EXPLORING, rules.STATUS_LABELS[rules.EXPLORING]
    AGREED = rules.AGREED, rules.STATUS_LABELS[rules.AGREED]
    ESCALATED = rules.ESCALATED, rules.STATUS_LABELS[rules.ESCALATED]
    ABANDONED = rules.ABANDONED, rules.STATUS_LABELS[rules.ABANDONED]


class DecisionRule(models.TextChoices):
    CONSENSUS = rules.CONSENSUS, rules.DECISION_RULE_LABELS[rules.CONSENSUS]
    ONE_DECIDES = rules.ONE_DECIDES, rules.DECISION_RULE_LABELS[rules.ONE_DECIDES]


class ItemKind(models.TextChoices):
    INTEREST = rules.INTEREST, "Interest"
    ASSUMPTION = rules.ASSUMPTION, "Assumption"
    INFORMATION = rules.INFORMATION, "Information"


class TestStatus(models.TextChoices):
    UNTESTED = rules.UNTESTED, rules.TEST_LABELS[rules.UNTESTED]
    CONFIRMED = rules.CONFIRMED, rules.TEST_LABELS[rules.CONFIRMED]
    REFUTED = rules.REFUTED, rules.TEST_LABELS[rules.REFUTED]


class Rating(models.TextChoices):
    MEETS = rules.MEETS, rules.RATING_LABELS[rules.MEETS]
    PARTLY = rules.PARTLY, rules.RATING_LABELS[rules.PARTLY]
    NO = rules.NO, rules.RATING_LABELS[rules.NO]


class ProposedBy(models.TextChoices):
    PARTY = rules.PARTY, "A party"
    US = rules.OURS, "Us"
    JOINT = rules.JOINT, "The parties jointly"


class Alignment(WorkspaceModel, VersionedMixin):
    """One decision the customer's people must make together, worked with Mutual Learning."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    deal = models.ForeignKey(
        Deal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The deal or project the disagreement holds up (optional).",
    )
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(
        "decision to make",
        max_length=200,
        help_text="The one decision the customer must make, e.g. “the product design direction”.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IMPASSE)
    stuck_since = models.DateTimeField("at an impasse since", default=timezone.now)
    decision_rule = models.CharField(
        max_length=12, choices=DecisionRule.choices, default=DecisionRule.CONSENSUS
    )
    decider = models.ForeignKey(
        "Party",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who decides after consulting the others (that decision rule only).",
    )
    agreed_option = models.ForeignKey(
        "JointOption", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_parties = models.CharField(
        "who agreed", max_length=1000, blank=True, help_text="The parties' names, as agreed."
    )
    agreement_reason = models.TextField(
        "why agreed despite an unmet essential interest", max_length=2000, blank=True
    )
    escalated_to = models.CharField(max_length=200, blank=True)
    end_reason = models.TextField("why", max_length=2000, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "-updated_at", "-id"], name="alignment_ws_updated"),
            models.Index(fields=["workspace", "status", "-updated_at"], name="alignment_ws_status"),
            models.Index(
                fields=["workspace", "account", "-updated_at"], name="alignment_ws_account"
            ),
            models.Index(fields=["workspace", "deal"], name="alignment_ws_deal"),
            models.Index(fields=["workspace", "owner", "status"], name="alignment_ws_owner"),
        ]

    def __str__(self) -> str:
        return self.decision

    def get_absolute_url(self) -> str:
        return f"/alignments/{self.pk}/"

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN

    @property
    def stuck_days(self) -> int | None:
        """Days at the impasse (``None`` once past it)."""
        if self.status != Status.IMPASSE:
            return None
        return rules.stuck_days(self.stuck_since, timezone.now())

    @property
    def stuck_words(self) -> str:
        days = self.stuck_days
        return "" if days is None else rules.stuck_words(days)


class Party(WorkspaceModel):
    """A person at the customer with the solution they propose: their position."""

    alignment = models.ForeignKey(Alignment, on_delete=models.CASCADE, related_name="parties")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    position = models.TextField(
        "proposed solution",
        max_length=2000,
        blank=True,
        help_text="What they want the customer to do, in their words.",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta(WorkspaceModel.Meta):
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "alignment", "contact"], name="party_one_per_contact"
            )
        ]
        indexes = [
            models.Index(fields=["workspace", "alignment", "order"], name="party_ws_alignment"),
            models.Index(fields=["workspace", "contact"], name="party_ws_contact"),
        ]

    def __str__(self) -> str:
        return f"Party {self.contact_id} in alignment {self.alignment_id}"


class Item(WorkspaceModel):
    """What one party holds: an interest (can be essential), an assumption (can be tested) or a
    piece of information. ``shared``: the other parties hold it too — common ground."""

    alignment = models.ForeignKey(Alignment, on_delete=models.CASCADE, related_name="items")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=ItemKind.choices)
    text = models.CharField(max_length=300)
    essential = models.BooleanField(default=False)
    shared = models.BooleanField("shared (common ground)", default=False)
    test_status = models.CharField(
        "tested", max_length=10, choices=TestStatus.choices, default=TestStatus.UNTESTED
    )
    tested_how = models.CharField("how it was tested", max_length=500, blank=True)
    tested_on = models.DateField(
        "when it was tested", null=True, blank=True, validators=[dates.validate_date]
    )
    order = models.PositiveIntegerField(default=0)

    class Meta(WorkspaceModel.Meta):
        ordering = ["order", "id"]
        indexes = [
            models.Index(fields=["workspace", "alignment", "order"], name="item_ws_alignment"),
            models.Index(fields=["workspace", "party", "kind"], name="item_ws_party"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(essential=False) | models.Q(kind=rules.INTEREST),
                name="item_essential_interest_only",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class AgreedWord(WorkspaceModel):
    """An important term and what it means to every party."""

    alignment = models.ForeignKey(Alignment, on_delete=models.CASCADE, related_name="words")
    term = models.CharField(max_length=100)
    meaning = models.CharField(max_length=500)

    class Meta(WorkspaceModel.Meta):
        ordering = ["term", "id"]
        indexes = [
            models.Index(fields=["workspace", "alignment", "term"], name="word_ws_alignment")
        ]

    def __str__(self) -> str:
        return self.term


class JointOption(WorkspaceModel):
    """A candidate design, labelled A, B, C…, rated against every party's interests."""

    alignment = models.ForeignKey(Alignment, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=4)
    text = models.CharField(max_length=300)
    proposed_by = models.CharField(
        max_length=6, choices=ProposedBy.choices, default=ProposedBy.JOINT
    )
    proposing_party = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta(WorkspaceModel.Meta):
        ordering = ["order", "id"]
        indexes = [
            models.Index(fields=["workspace", "alignment", "order"], name="option_ws_alignment")
        ]

    def __str__(self) -> str:
        return f"{self.label} – {self.text}"


class OptionRating(WorkspaceModel):
    """How one joint option meets one party's interest."""

    option = models.ForeignKey(JointOption, on_delete=models.CASCADE, related_name="ratings")
    interest = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    alignment = models.ForeignKey(Alignment, on_delete=models.CASCADE, related_name="+")
    rating = models.CharField(max_length=6, choices=Rating.choices)

    class Meta(WorkspaceModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "option", "interest"], name="rating_one_per_cell"
            )
        ]
        indexes = [
            models.Index(fields=["workspace", "alignment"], name="rating_ws_alignment"),
            models.Index(fields=["workspace", "interest"], name="rating_ws_interest"),
        ]

    def __str__(self) -> str:
        return f"{self.rating} ({self.option_id}/{self.interest_id})"
