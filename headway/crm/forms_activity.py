"""Web input shapes for deals, interactions and actions.

Forms check the shape of input (types, required fields, choices limited to this workspace) and
give clear messages; the services decide the rules (a lost deal needs reasons, participants
must belong to the interaction's account…) and their errors are put back on these forms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from headway import dates
from headway.crm.models import (
    Account,
    Action,
    Contact,
    Deal,
    Interaction,
    InteractionKind,
    LostTo,
)
from headway.workspaces.models import User, Workspace
from headway.workspaces.selectors import members
from headway.workspaces.tenancy import WorkspaceModelForm

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"

MEMBER_CHOICE = "Pick someone who belongs to this workspace."
ACCOUNT_CHOICE = "Pick one of this workspace's accounts."
CONTACT_CHOICE = (
    "Only this account's contacts can take part. Untick the others, or add the person to "
    "this account first."
)
LOST_TO_REQUIRED = (
    "Say what the deal was lost to: a competitor, an alternative solution, or the customer "
    "doing nothing."
)
LOST_REASONS_REQUIRED = "Say why the customer chose otherwise: the win-back starts from it."
UNTIL_IN_PAST = "Snooze to a day after today."


def workspace_accounts(workspace: Workspace | int) -> QuerySet[Account]:
    return Account.objects.in_workspace(workspace).only("id", "name").order_by("name", "id")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    """``<input type=datetime-local>``: the browser sends local wall time; the form field makes
    it an aware datetime in the current (the user's) time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=DATETIME_LOCAL_FORMAT)


class LocalDateTimeField(forms.DateTimeField):
    """A moment entered and shown in the person's time zone. One stored outside the date range
    (before dates were bounded) is shown as stored, in UTC, rather than failing the page: the
    form then says what to correct, and the interaction can still be deleted."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return dates.local(value).replace(tzinfo=None)
        return value


class VersionField(forms.IntegerField):
    """The version the editor loaded; the service refuses the save if someone saved since."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has the field,
    otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class WorkspaceFormMixin:
    """Limits the owner and account choices to the request's workspace."""

    fields: dict[str, forms.Field]

    def _scope_choices(self, workspace: Workspace | int) -> None:
        if "owner" in self.fields:
            owner = self.fields["owner"]
            assert isinstance(owner, forms.ModelChoiceField)
            owner.queryset = members(workspace, active_only=True)
            owner.error_messages["invalid_choice"] = MEMBER_CHOICE
        if "account" in self.fields:
            account = self.fields["account"]
            assert isinstance(account, forms.ModelChoiceField)
            account.queryset = workspace_accounts(workspace)
            account.error_messages["invalid_choice"] = ACCOUNT_CHOICE


# --- deals ----------------------------------------------------------------------------------


DEAL_FIELDS = [
    "account",
    "title",
    "amount",
    "currency",
    "stage",
    "expected_close",
    "competitors",
    "owner",
    "lost_to",
    "lost_to_name",
    "lost_reasons",
]
LOST_FIELDS = ("lost_to", "lost_to_name", "lost_reasons")


class DealForm(WorkspaceFormMixin, WorkspaceModelForm):
    """Create or edit a deal. The lost-to fields are part of the same form so that choosing
    the stage "Lost" can be completed in one go."""

    version = VersionField()

    class Meta:
        model = Deal
        fields = DEAL_FIELDS
        widgets = {
            "expected_close": DateInput(),
            "competitors": forms.TextInput(),
            "lost_to": forms.RadioSelect(),
            "lost_reasons": forms.Textarea(attrs={"rows": 3}),
            "currency": forms.TextInput(
                attrs={"maxlength": 3, "autocapitalize": "characters", "size": 4}
            ),
        }
        labels = {
            "expected_close": "Expected close",
            "lost_to": "Lost to",
            "lost_to_name": "Name of the competitor or alternative",
            "lost_reasons": "Why we lost",
        }
        help_texts = {
            "lost_to": "Only when the stage is Lost.",
            "lost_reasons": "Only when the stage is Lost: what the customer told us, "
            "and what we think.",
            "amount": "Without the currency sign, e.g. 12000.",
        }
        error_messages = {
            "title": {"required": "Give the deal a title, e.g. “Fleet renewal 2027”."},
            "account": {"required": "Choose the account this deal is with."},
        }

    def __init__(
        self,
        *args: Any,
        workspace: Workspace | int,
        fixed_account: Account | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._scope_choices(workspace)
        lost_to = self.fields["lost_to"]
        assert isinstance(lost_to, forms.ChoiceField)
        lost_to.choices = [("", "Not lost"), *LostTo.choices]
        lost_to.required = False
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.required = False
        owner.empty_label = "Nobody yet"
        self.fields["currency"].help_text = "Three letters, e.g. EUR, USD, GBP."
        self.fixed_account = fixed_account
        if fixed_account is not None:
            # The account comes from the URL; it is shown as text, not chosen.
            del self.fields["account"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in DEAL_FIELDS if name in self.cleaned_data}
        if self.fixed_account is not None:
            data["account"] = self.fixed_account
        data["currency"] = (data.get("currency") or "").upper()
        return data

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").strip().upper()


class DealLostForm(forms.Form):
    """Mark a deal lost: what it was lost to, its name, and why."""

    lost_to = forms.ChoiceField(
        label="Lost to",
        choices=LostTo.choices,
        widget=forms.RadioSelect,
        error_messages={"required": LOST_TO_REQUIRED, "invalid_choice": LOST_TO_REQUIRED},
    )
    lost_to_name = forms.CharField(
        label="Name of the competitor or alternative",
        max_length=200,
        required=False,
        help_text="Who or what won, e.g. “Globex” or “an in-house spreadsheet”.",
    )
    lost_reasons = forms.CharField(
        label="Why we lost",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": LOST_REASONS_REQUIRED},
        help_text="What the customer told us and what we think. The win-back starts from it.",
    )
    version = VersionField()

    def clean_lost_reasons(self) -> str:
        reasons = self.cleaned_data["lost_reasons"].strip()
        if not reasons:
            raise ValidationError(LOST_REASONS_REQUIRED)
        return reasons


# --- interactions ---------------------------------------------------------------------------


class ParticipantsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.title})" if obj.title else obj.name


class InteractionForm(WorkspaceModelForm):
    """Log or edit a touchpoint with one account; participants are that account's contacts."""

    occurred_at = LocalDateTimeField(
        label="When",
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Say when it happened (date and time).",
            "invalid": "Enter the date and time as shown, e.g. 2026-11-22 14:30.",
        },
        help_text="In your time zone.",
    )
    contacts = ParticipantsField(
        label="Who took part",
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": CONTACT_CHOICE, "invalid_pk_value": CONTACT_CHOICE},
    )
    version = VersionField()

    class Meta:
        model = Interaction
        fields = ["kind", "occurred_at", "summary", "next_step"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"next_step": "Next step"}
        help_texts = {"next_step": "What happens next, e.g. “Send the revised quote by Friday”."}
        error_messages = {"summary": {"required": "Write a line about what was said or done."}}

    def __init__(
        self, *args: Any, workspace: Workspace | int, account: Account, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.account = account
        self.instance.account = account
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = InteractionKind.choices
        contacts = self.fields["contacts"]
        assert isinstance(contacts, forms.ModelMultipleChoiceField)
        contacts.queryset = (
            Contact.objects.in_workspace(workspace)
            .filter(account=account)
            .only("id", "name", "title")
            .order_by("name", "id")
        )
        if not self.instance.pk and not self.is_bound:
            self.fields["occurred_at"].initial = timezone.localtime().replace(
                second=0, microsecond=0
            )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def service_data(self) -> dict[str, Any]:
        return {
            "kind": self.cleaned_data["kind"],
            "occurred_at": self.cleaned_data["occurred_at"],
            "summary": self.cleaned_data["summary"],
            "next_step": self.cleaned_data["next_step"],
            "contacts": list(self.cleaned_data["contacts"]),
        }


class AccountChoiceForm(forms.Form):
    """The first step of "log an interaction" when no account was given: which account?"""

    account = forms.ModelChoiceField(
        queryset=Account.objects.none(),
        label="Account",
        empty_label="Choose an account…",
        error_messages={"required": "Choose the account first.", "invalid_choice": ACCOUNT_CHOICE},
    )

    def __init__(self, *args: Any, workspace: Workspace | int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = workspace_accounts(workspace)


# --- actions --------------------------------------------------------------------------------


class ActionForm(WorkspaceFormMixin, WorkspaceModelForm):
    """Create or edit a next step: what, who, by when."""

    version = VersionField()

    class Meta:
        model = Action
        fields = ["title", "owner", "due_date"]
        widgets = {"due_date": DateInput(), "title": forms.TextInput()}
        labels = {"title": "What", "owner": "Who", "due_date": "Due"}
        error_messages = {
            "title": {"required": "Say what needs doing, e.g. “Call Anna about the pilot”."},
            "owner": {"required": "Choose who will do it."},
            "due_date": {
                "required": "Choose a due date.",
                "invalid": "Enter a date such as 2026-11-30.",
            },
        }

    def __init__(
        self, *args: Any, workspace: Workspace | int, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._scope_choices(workspace)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.empty_label = None
        if not self.instance.pk and not self.is_bound:
            self.fields["owner"].initial = user.pk if user is not None else None
            self.fields["due_date"].initial = timezone.localdate()
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("title", "owner", "due_date")}


class SnoozeForm(forms.Form):
    """Snooze to a date (``until``) or by a number of days (``days``)."""

    until = forms.DateField(
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Enter a date such as 2026-11-30."},
    )
    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=365,
        error_messages={
            "invalid": "Snooze by a whole number of days, e.g. 3.",
            "min_value": "Snooze by at least one day.",
            "max_value": "Snooze by at most a year (365 days).",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        until: dt.date | None = data.get("until")
        days: int | None = data.get("days")
        if until is None and days is None:
            raise ValidationError("Choose a day to snooze to, or a number of days.")
        if until is None:
            assert days is not None
            data["until"] = timezone.localdate() + dt.timedelta(days=days)
        return data
