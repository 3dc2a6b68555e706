"""Web input shapes for the alignment pages.

Forms check the shape of input (required fields, lengths, choices limited to this account's
contacts and this alignment's parties, options and interests); the method's rules live in
``alignment.services``, and ``headway.web.steps.form_step`` puts their errors on these forms.
Ids chosen in a form are turned into objects by the view through the selectors' ``resolve_*``
(a 422 on the field), never trusted as they come.
"""

from __future__ import annotations

from typing import Any

from django import forms

from headway import dates
from headway.methods.alignment import rules
from headway.methods.alignment.models import (
    DecisionRule,
    Item,
    ItemKind,
    JointOption,
    Party,
    ProposedBy,
    TestStatus,
)
from headway.workspaces.models import User
from headway.workspaces.selectors import MEMBER_REQUIRED


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PageForm(forms.Form):
    """The guide page holds many forms at once: each gets its own id prefix (``key`` tells
    apart the forms of one kind, one per party or assumption) so every label points at its
    own input; the names stay plain."""

    id_prefix = "f"

    def __init__(self, *args: Any, key: Any = "", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}{key}_%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _party_choices(parties: list[Party]) -> list[tuple[str, str]]:
    return [(str(p.pk), p.contact.name) for p in parties]


class AlignmentForm(forms.Form):
    decision = forms.CharField(
        label="Decision to make",
        max_length=200,
        help_text="The one decision the customer must make, e.g. “the product design direction”.",
        error_messages={"required": "Say which decision the customer must make."},
    )
    contacts = forms.MultipleChoiceField(
        label="Parties",
        widget=forms.CheckboxSelectMultiple,
        help_text="At least two people at the customer who disagree. You record the solution "
        "each proposes next.",
        error_messages={"required": "Pick at least two people at the customer who disagree."},
    )
    deal = forms.ChoiceField(
        label="Deal it holds up", required=False, help_text="Optional: the deal or project waiting."
    )

    def __init__(self, *args: Any, contacts: list[Any], deals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self,
            "contacts",
            [(str(c.pk), f"{c.name}{f' · {c.title}' if c.title else ''}") for c in contacts],
        )
        _choices(self, "deal", [("", "None"), *((str(d.pk), d.title) for d in deals)])


class DecisionForm(PageForm):
    id_prefix = "decision"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    decision = forms.CharField(
        label="Decision to make",
        max_length=200,
        error_messages={"required": "Say which decision the customer must make."},
    )


class PartyForm(PageForm):
    id_prefix = "party"

    contact = forms.ChoiceField(label="Contact")
    position = forms.CharField(
        label="Solution they propose",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, contacts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "contact", [(str(c.pk), c.name) for c in contacts])


class PositionForm(PageForm):
    id_prefix = "position"

    position = forms.CharField(
        label="Solution they propose",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ItemForm(PageForm):
    id_prefix = "item"

    kind = forms.ChoiceField(label="What it is", choices=ItemKind.choices)
    text = forms.CharField(
        label="In their words",
        max_length=300,
        error_messages={"required": "Write it in a few words."},
    )
    essential = forms.BooleanField(label="Essential (interests only)", required=False)
    shared = forms.BooleanField(label="Shared by the other parties", required=False)


class TestForm(PageForm):
    id_prefix = "test"

    test_status = forms.ChoiceField(label="Tested", choices=TestStatus.choices)
    tested_how = forms.CharField(label="How", max_length=500, required=False)
    # The service writes without full_clean (its own messages): the range is checked here.
    tested_on = forms.DateField(
        label="When", required=False, widget=DateInput, validators=[dates.validate_date]
    )


class MarkForm(PageForm):
    """Marks on an item: essential (interests), shared (common ground)."""

    id_prefix = "mark"

    essential = forms.BooleanField(label="Essential", required=False)
    shared = forms.BooleanField(label="Shared", required=False)


class WordForm(PageForm):
    id_prefix = "word"

    term = forms.CharField(label="Term", max_length=100)
    meaning = forms.CharField(label="What it means to every party", max_length=500)


class RuleForm(PageForm):
    id_prefix = "rule"

    decision_rule = forms.ChoiceField(
        label="Decision rule", choices=DecisionRule.choices, widget=forms.RadioSelect
    )
    decider = forms.ChoiceField(label="Who decides (after consulting the others)", required=False)

    def __init__(self, *args: Any, parties: list[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "decider", [("", "Nobody alone"), *_party_choices(parties)])


class OptionForm(PageForm):
    id_prefix = "option"

    text = forms.CharField(
        label="Joint option",
        max_length=300,
        error_messages={"required": "Describe the design in a few words."},
    )
    proposed_by = forms.ChoiceField(
        label="Proposed by", choices=ProposedBy.choices, initial=ProposedBy.JOINT
    )
    proposing_party = forms.ChoiceField(label="Which party", required=False)

    def __init__(self, *args: Any, parties: list[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "proposing_party", [("", "—"), *_party_choices(parties)])


RATING_CHOICES = [("", "Not rated")] + [(r, rules.RATING_LABELS[r]) for r in rules.RATINGS]


class RatingsForm(forms.Form):
    """One joint option's rating of every interest: a select per cell of the grid, each tied
    to this option's form by the ``form`` attribute (a form cannot span table cells)."""

    def __init__(
        self,
        *args: Any,
        option: JointOption,
        interests: list[Item],
        names: dict[int, str],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", f"rate{option.pk}_%s")
        super().__init__(*args, **kwargs)
        self.option = option
        for interest in interests:
            self.fields[f"interest_{interest.pk}"] = forms.ChoiceField(
                label=f"Option {option.label} for {names.get(interest.pk, '')}: {interest.text}",
                choices=RATING_CHOICES,
                required=False,
                widget=forms.Select(attrs={"form": f"rate-{option.pk}"}),
            )

    def ratings(self) -> dict[int, str]:
        """interest id → rating ("" clears)."""
        return {int(name.split("_", 1)[1]): v for name, v in self.cleaned_data.items()}


class AgreeForm(PageForm):
    id_prefix = "agree"

    option = forms.ChoiceField(label="The option the parties agree on")
    reason = forms.CharField(
        label="Why, if it does not meet every essential interest",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, options: list[JointOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "option", [(str(o.pk), f"{o.label} – {o.text}") for o in options])


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ActionForm(PageForm):
    id_prefix = "action"

    title = forms.CharField(
        label="What", max_length=300, error_messages={"required": "Say what will be done."}
    )
    owner = MemberChoiceField(
        label="Who",
        queryset=User.objects.none(),
        error_messages={"required": "Pick who does it.", "invalid_choice": MEMBER_REQUIRED},
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


class EscalateForm(PageForm):
    id_prefix = "escalate"

    escalated_to = forms.CharField(label="Escalated to", max_length=200)
    reason = forms.CharField(label="Why", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class AbandonForm(PageForm):
    id_prefix = "abandon"

    reason = forms.CharField(label="Why", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
