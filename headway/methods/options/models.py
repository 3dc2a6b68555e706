"""Option Solving: a decision, its considerations, its options (two bookends and the pragmatic
alternatives), the history of choices and colleagues' picks.

A decision walks frame → options → sleep on it → morning choice → act → outcome; the rules of
each step are in :mod:`headway.methods.options.rules`, the writes in :mod:`headway.methods.options.services`.
Every index starts with ``workspace`` (see ``crm.models``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from headway.crm.models import Account
from headway.methods.options import rules
from headway.workspaces.tenancy import VersionedMixin, WorkspaceModel

User = settings.AUTH_USER_MODEL


class Stage(models.TextChoices):
    FRAME = rules.FRAME, "Frame"
    OPTIONS = rules.OPTIONS, "Options"
    SLEEPING = rules.SLEEPING, "Sleeping on it"
    ACT = rules.ACT, "Act"
    OUTCOME = rules.OUTCOME, "Waiting for the outcome"
    DONE = rules.DONE, "Outcome recorded"


class Outcome(models.TextChoices):
    YES = "yes", "Worked"
    PARTLY = "partly", "Partly worked"
    NO = "no", "Did not work"


class Decision(WorkspaceModel, VersionedMixin):
    """One dilemma worked through with the Option Solving method."""

    account = models.ForeignKey(
        Account, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    goal = models.CharField(
        max_length=200,
        help_text="What you want to achieve, e.g. “moving a major customer forward”.",
    )
    question = models.TextField(
        "rational question",
        max_length=2000,
        blank=True,
        help_text="Composed from the goal and the key considerations; you may reword it.",
    )
    question_edited = models.BooleanField(default=False)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.FRAME)
    incubation_started_at = models.DateTimeField(null=True, blank=True)
    review_at = models.DateTimeField("review first thing at", null=True, blank=True)
    review_opened_at = models.DateTimeField(null=True, blank=True)
    chosen_alternative = models.ForeignKey(
        "Alternative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="choice",
    )
    chosen_at = models.DateTimeField(null=True, blank=True)
    choice_seconds = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    lesson = models.TextField("lesson learnt", max_length=4000, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "-updated_at", "-id"], name="decision_ws_updated"),
            models.Index(fields=["workspace", "stage", "-updated_at"], name="decision_ws_stage"),
            # The agenda: one owner's decisions by stage and review time.
            models.Index(
                fields=["workspace", "owner", "stage", "review_at"], name="decision_ws_owner"
            ),
            models.Index(
                fields=["workspace", "account", "-updated_at"], name="decision_ws_account"
            ),
        ]

    def __str__(self) -> str:
        return self.goal

    def get_absolute_url(self) -> str:
        return f"/decisions/{self.pk}/"

    @property
    def review_due(self) -> bool:
        return (
            self.stage == Stage.SLEEPING
            and self.review_at is not None
            and timezone.now() >= self.review_at
        )

    @property
    def shown_stage(self) -> str:
        return rules.shown_stage(self.stage, review_due=self.review_due)

    @property
    def shown_stage_label(self) -> str:
        return dict(rules.STEPS)[self.shown_stage] if self.stage != Stage.DONE else "Done"

    @property
    def is_chosen(self) -> bool:
        return self.stage in rules.CHOSEN_STAGES

    @property
    def choice_words(self) -> str:
        return rules.duration_words(self.choice_seconds)


class Consideration(WorkspaceModel):
    """Something that bears on the decision; the key ones go into the rational question."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="considerations")
    text = models.CharField(max_length=300)
    is_key = models.BooleanField("key", default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta(WorkspaceModel.Meta):
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["workspace", "decision", "position"], name="consideration_ws_dec")
        ]

    def __str__(self) -> str:
        return self.text


class Kind(models.TextChoices):
    YIN = "yin", "Yin bookend (soft)"
    YANG = "yang", "Yang bookend (hard)"
    PRAGMATIC = "pragmatic", "Alternative"


class Alternative(WorkspaceModel):
    """An option: one of the two bookends (never choosable) or a pragmatic alternative A, B…"""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="alternatives")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PRAGMATIC)
    label = models.CharField(max_length=8, blank=True)
    text = models.CharField(max_length=300)
    spectrum = models.PositiveSmallIntegerField(
        "place on the spectrum",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="0 = yin (soft) … 100 = yang (hard).",
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(WorkspaceModel.Meta):
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["workspace", "decision", "position"], name="alternative_ws_dec")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "decision", "kind"],
                condition=models.Q(kind__in=["yin", "yang"]),
                name="alternative_one_bookend_each",
            ),
            models.CheckConstraint(
                condition=models.Q(spectrum__isnull=True) | models.Q(spectrum__lte=100),
                name="alternative_spectrum_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_label} – {self.text}"

    @property
    def is_bookend(self) -> bool:
        return self.kind != Kind.PRAGMATIC

    @property
    def display_label(self) -> str:
        if self.kind == Kind.YIN:
            return "Yin"
        if self.kind == Kind.YANG:
            return "Yang"
        return f"Option {self.label}"


class Choice(WorkspaceModel):
    """Every choice made, in order: the first is the morning choice, later ones second guesses."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="choices")
    alternative = models.ForeignKey(
        Alternative, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    alternative_text = models.CharField(max_length=320)  # "B – …", kept if the option changes
    chosen_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)
    seconds = models.PositiveIntegerField(null=True, blank=True)
    is_second_guess = models.BooleanField(default=False)

    class Meta(WorkspaceModel.Meta):
        ordering = ["chosen_at", "id"]
        indexes = [
            models.Index(fields=["workspace", "decision", "chosen_at"], name="choice_ws_dec")
        ]

    def __str__(self) -> str:
        return self.alternative_text

    @property
    def words(self) -> str:
        return rules.duration_words(self.seconds)


class ColleaguePick(WorkspaceModel):
    """A colleague asked "which option would you choose?"; hidden from the owner until the owner
    has chosen, so nobody is anchored."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="picks")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    alternative = models.ForeignKey(
        Alternative, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.CharField(max_length=500, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta(WorkspaceModel.Meta):
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "decision", "user"], name="colleaguepick_unique_user"
            )
        ]
        indexes = [
            models.Index(fields=["workspace", "user", "answered_at"], name="colleaguepick_ws_user")
        ]

    def __str__(self) -> str:
        return f"Pick by {self.user_id} for decision {self.decision_id}"
