"""Web input shapes for the win-back pages.

Forms check the shape of input (types, choices) and say clearly what is wrong; cleaned, their
data is what the service takes, so a view passes it on as it is. The services decide the rules
(a lost deal only, an override needs a reason, no signal from the future…) and the kit's
``headway.web.steps.form_step`` puts their errors back on these forms.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.forms.utils import ErrorDict

from headway.crm.models import LostTo
from headway.methods.winback.models import (
    AskStatus,
    Likelihood,
    SignalKind,
    TouchKind,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionField(forms.IntegerField):
    """The version the editor loaded; the service refuses the save if someone saved since."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class OwnIdsMixin:
    """Several forms share the win-back page: each gets its own id prefix (``auto_id``) so
    labels point at their own inputs, while field names stay plain."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class NoNulMixin:
    """PostgreSQL refuses the NUL character in text; say so on the field instead of a 500."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in cleaned.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, "Remove the NUL character: text cannot contain it.")  # type: ignore[attr-defined]
        return cleaned


LOST_TO_CHOICES = LostTo.choices


class WinBackFactsForm(NoNulMixin, forms.Form):
    """What was lost to whom, when and why, to open a win-back (pre-filled from the lost deal).
    An empty title or value is left out: the service's default (from the deal) applies."""

    title = forms.CharField(max_length=300, required=False, label="Title")
    lost_to = forms.ChoiceField(
        choices=LOST_TO_CHOICES,
        widget=forms.RadioSelect,
        label="Lost to",
        error_messages={
            "required": "Say what the deal was lost to: a competitor, an alternative "
            "solution, or the customer doing nothing."
        },
    )
    lost_to_name = forms.CharField(
        max_length=200,
        required=False,
        label="Name of the competitor or alternative",
    )
    decision_date = forms.DateField(
        widget=DateInput(),
        label="Decision date",
        help_text="The day they told you.",
        error_messages={"required": "Give the day they told you (YYYY-MM-DD)."},
    )
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20_000,
        label="Why we lost",
        help_text="One reason per line groups them well in the reports.",
    )
    value = forms.DecimalField(
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        required=False,
        label="Value",
        help_text="What winning them back is worth.",
    )
    owner = forms.TypedChoiceField(coerce=int, required=False, label="Owner", empty_value=None)

    def __init__(self, *args: Any, members: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (m.pk, m.display_name) for m in (members or [])
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("value") is None:
            cleaned.pop("value", None)
        if not cleaned.get("title"):
            cleaned.pop("title", None)
        return cleaned

    @staticmethod
    def initial_from(deal: Any, *, owner_id: int, today: dt.date) -> dict[str, Any]:
        return {
            "title": f"Win back {deal.account.name}",
            "lost_to": deal.lost_to,
            "lost_to_name": deal.lost_to_name,
            "decision_date": today,
            "reasons": deal.lost_reasons,
            "value": deal.amount,
            "owner": owner_id,
        }


class WinBackEditForm(WinBackFactsForm):
    """The same facts, edited (with the version the editor loaded)."""

    version = VersionField()

    @staticmethod
    def initial_for(winback: Any) -> dict[str, Any]:
        return {
            "version": winback.version,
            "title": winback.title,
            "lost_to": winback.lost_to,
            "lost_to_name": winback.lost_to_name,
            "decision_date": winback.decision_date,
            "reasons": winback.reasons,
            "value": winback.value,
            "owner": winback.owner_id,
        }


YES_NO_UNKNOWN = [("", "Not known yet"), ("yes", "Yes"), ("no", "No")]


class ProfileForm(OwnIdsMixin, NoNulMixin, forms.Form):
    """The buyer profile behind the short-term replacement likelihood (cleaned: as
    ``winback_update`` takes it, a repeat buyer yes / no / not known being True / False / None)."""

    id_prefix = "profile"

    version = VersionField()
    repeat_buyer = forms.ChoiceField(
        choices=YES_NO_UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
        label="Repeat buyer of this kind of solution?",
        help_text="Buying it for the nth time, they know their needs and how offers differ.",
    )
    years_on_incumbent = forms.DecimalField(
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=4,
        decimal_places=1,
        required=False,
        label="Years on the incumbent",
        help_text="How long they have used the solution they chose or kept. Empty if unknown.",
    )
    likelihood_override = forms.ChoiceField(
        choices=[("", "As computed from the profile"), *Likelihood.choices],
        required=False,
        label="Set the likelihood by hand",
    )
    override_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=20_000,
        label="Why set by hand",
    )

    def clean_repeat_buyer(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("repeat_buyer") or "")

    @staticmethod
    def initial_for(winback: Any) -> dict[str, Any]:
        return {
            "version": winback.version,
            "repeat_buyer": {True: "yes", False: "no"}.get(winback.repeat_buyer, ""),
            "years_on_incumbent": winback.years_on_incumbent,
            "likelihood_override": winback.likelihood_override,
            "override_reason": winback.override_reason,
        }


class AskCreateForm(OwnIdsMixin, NoNulMixin, forms.Form):
    id_prefix = "newask"
    text = forms.CharField(
        max_length=300,
        label="Another ask",
        error_messages={"required": "Say what you ask for."},
        help_text="Something reasonable they can grant you in return for taking the no well.",
    )


class AskStatusForm(NoNulMixin, forms.Form):
    version = VersionField()
    status = forms.ChoiceField(choices=AskStatus.choices, label="Status")
    obtained = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=20_000,
        label="What we obtained",
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Attach a file",
        help_text="Up to 10 MB. Only people in this workspace can download it.",
        error_messages={"required": "Choose a file to attach."},
    )

    @classmethod
    def refused(cls, *, prefix: str, message: str) -> AttachmentForm:
        """An unbound form showing why an upload was refused before its body was read."""
        form = cls(prefix=prefix)
        form._errors = ErrorDict()  # type: ignore[attr-defined]
        form.cleaned_data = {}
        form.add_error("file", message)
        return form


class TouchForm(OwnIdsMixin, NoNulMixin, forms.Form):
    id_prefix = "plan"
    kind = forms.ChoiceField(choices=TouchKind.choices, label="Touch")
    planned_for = forms.DateField(
        widget=DateInput(),
        label="Planned for",
        error_messages={"required": "Give the day you plan it for (YYYY-MM-DD)."},
    )
    note = forms.CharField(max_length=300, required=False, label="Note")


class TouchDoneForm(NoNulMixin, forms.Form):
    summary = forms.CharField(max_length=2000, required=False, label="What happened")
    log_interaction = forms.BooleanField(
        required=False, initial=True, label="Also log it as an interaction with the account"
    )


class SignalForm(OwnIdsMixin, NoNulMixin, forms.Form):
    id_prefix = "signal"
    kind = forms.ChoiceField(choices=SignalKind.choices, label="Signal")
    observed_on = forms.DateField(
        widget=DateInput(),
        label="Observed on",
        error_messages={"required": "Give the day you learned it (YYYY-MM-DD)."},
    )
    contract_end = forms.DateField(
        widget=DateInput(),
        required=False,
        label="Contract ends on",
        help_text="Only for a contract end date.",
    )
    note = forms.CharField(max_length=300, required=False, label="What you learned")


class ReopenForm(NoNulMixin, forms.Form):
    title = forms.CharField(max_length=200, label="New deal title")
    amount = forms.DecimalField(
        min_value=Decimal("0"), max_digits=14, decimal_places=2, label="Amount"
    )
    expected_close = forms.DateField(widget=DateInput(), required=False, label="Expected close")


class CloseForm(NoNulMixin, forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=20_000,
        label="Why stop working it",
    )
