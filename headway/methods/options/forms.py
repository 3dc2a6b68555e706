"""Web input shapes for the decision pages.

Forms check the shape of input (required fields, lengths, numbers, choices limited to this
decision and workspace); the method's rules live in ``options.services``, and the kit's
``headway.web.steps.form_step`` puts their errors back on these forms.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from headway.methods.options.models import Alternative, Outcome
from headway.methods.options.services import FOREIGN_ALTERNATIVE
from headway.workspaces.models import User
from headway.workspaces.selectors import MEMBER_REQUIRED


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PageForm(forms.Form):
    """The decision page holds many forms at once: each gets its own id prefix so that every
    label points at its own input (names stay plain)."""

    id_prefix = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    goal = forms.CharField(
        max_length=200,
        help_text="What you want to achieve, e.g. “moving a major customer forward”.",
        error_messages={"required": "Say what you want to achieve."},
    )
    considerations = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One per line: everything that bears on the decision. You will mark the key "
        "ones next (the method keeps about half).",
    )

    def clean_considerations(self) -> list[str]:
        lines = [
            " ".join(line.split()) for line in self.cleaned_data["considerations"].splitlines()
        ]
        lines = [line for line in lines if line]
        if len(lines) > 40:
            raise ValidationError("List at most 40 considerations; keep the important ones.")
        for line in lines:
            if len(line) > 300:
                raise ValidationError("Keep each consideration under 300 characters.")
        return lines


class GoalForm(PageForm):
    id_prefix = "goal"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    goal = forms.CharField(
        max_length=200, error_messages={"required": "Say what you want to achieve."}
    )


class ConsiderationForm(PageForm):
    id_prefix = "consideration"

    text = forms.CharField(
        label="Consideration",
        max_length=300,
        error_messages={"required": "Write the consideration in a few words."},
    )
    is_key = forms.BooleanField(label="Key", required=False)


class QuestionForm(PageForm):
    id_prefix = "question"

    question = forms.CharField(
        label="Rational question",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave empty to go back to the composed question.",
    )


class BookendsForm(PageForm):
    id_prefix = "bookends"

    yin = forms.CharField(
        label="Yin bookend (soft extreme)",
        max_length=300,
        error_messages={"required": "Write the softest option you can imagine."},
    )
    yang = forms.CharField(
        label="Yang bookend (hard extreme)",
        max_length=300,
        error_messages={"required": "Write the hardest option you can imagine."},
    )


class AlternativeForm(PageForm):
    id_prefix = "alternative"

    text = forms.CharField(
        label="Alternative",
        max_length=300,
        error_messages={"required": "Write the alternative in a few words."},
    )
    spectrum = forms.IntegerField(
        label="Place on the spectrum (0 = yin … 100 = yang)",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": "Use 0 (yin, soft) to 100 (yang, hard).",
            "max_value": "Use 0 (yin, soft) to 100 (yang, hard).",
            "invalid": "Use a whole number from 0 (yin) to 100 (yang), or leave it empty.",
        },
    )


class SpectrumForm(PageForm):
    """The alternatives table: per alternative its wording (``text_<id>``) and its place on
    the spectrum (``spectrum_<id>``)."""

    id_prefix = "spectrum"

    def __init__(self, *args: Any, alternatives: list[Alternative], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alternatives = alternatives
        for alt in alternatives:
            self.fields[f"text_{alt.pk}"] = forms.CharField(
                label=f"Option {alt.label}",
                max_length=300,
                required=False,
                initial=alt.text,
                error_messages={"required": "Write the alternative in a few words."},
            )
            self.fields[f"spectrum_{alt.pk}"] = forms.IntegerField(
                label=f"Option {alt.label} on the spectrum",
                required=False,
                min_value=0,
                max_value=100,
                initial=alt.spectrum,
                error_messages={
                    "min_value": "Use 0 (yin) to 100 (yang).",
                    "max_value": "Use 0 (yin) to 100 (yang).",
                    "invalid": "Use a whole number from 0 to 100, or leave it empty.",
                },
            )

    @property
    def rows(self) -> list[tuple[Alternative, forms.BoundField, forms.BoundField]]:
        return [
            (alt, self[f"text_{alt.pk}"], self[f"spectrum_{alt.pk}"]) for alt in self.alternatives
        ]

    def clean(self) -> dict[str, Any]:
        """What the service takes: ``texts`` and ``spectrum`` by alternative id. Only what was
        sent changes: a field left out of the request keeps its value (an empty text is sent,
        and refused by the service with a message on its field)."""
        data = super().clean() or {}

        def sent(name: str) -> dict[int, Any]:
            names = {alt.pk: f"{name}_{alt.pk}" for alt in self.alternatives}
            return {pk: data.get(key) for pk, key in names.items() if key in self.data}

        return {"texts": sent("text"), "spectrum": sent("spectrum")}


class ChoiceForm(PageForm):
    """The morning choice: an option's id (the step resolves it to this decision's option)."""

    id_prefix = "choice"

    alternative = forms.IntegerField(
        min_value=1,
        error_messages={code: FOREIGN_ALTERNATIVE for code in ("required", "invalid", "min_value")},
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ActionForm(PageForm):
    id_prefix = "action"

    title = forms.CharField(
        label="What",
        max_length=300,
        error_messages={"required": "Say what will be done."},
    )
    owner = MemberChoiceField(
        label="Who",
        queryset=User.objects.none(),
        error_messages={
            "required": "Pick who does it.",
            "invalid_choice": MEMBER_REQUIRED,
        },
    )
    due_date = forms.DateField(
        label="By when",
        widget=DateInput(),
        error_messages={"required": "Give a due date.", "invalid": "Give a date (YYYY-MM-DD)."},
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = members
        if not self.is_bound:
            self.fields["due_date"].initial = timezone.localdate()


class OutcomeForm(PageForm):
    id_prefix = "outcome"

    outcome = forms.ChoiceField(
        label="Did it work?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it worked: yes, partly or no."},
    )
    lesson = forms.CharField(
        label="Lesson learnt",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the lesson learnt — one sentence is enough."},
    )


class InviteForm(PageForm):
    id_prefix = "invite"

    users = forms.TypedMultipleChoiceField(
        label="Colleagues to ask",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Pick at least one colleague to invite.",
            "invalid_choice": "Pick colleagues from the list.",
        },
    )

    def __init__(self, *args: Any, candidates: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = self.fields["users"]
        assert isinstance(users, forms.TypedMultipleChoiceField)
        users.choices = [(u.pk, u.display_name) for u in candidates]


class PickForm(PageForm):
    id_prefix = "pick"

    alternative = forms.TypedChoiceField(
        label="Which option would you choose?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick one of the alternatives.",
            "invalid_choice": "Pick one of the alternatives listed.",
        },
    )
    comment = forms.CharField(
        label="Why (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, alternatives: list[Alternative], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["alternative"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, f"{a.label} – {a.text}") for a in alternatives]
