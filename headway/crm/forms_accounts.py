"""Web forms for accounts and contacts: input shape and friendly per-field messages.

The forms validate; the services (``headway.crm.services``) decide and write. People you can
pick (owner, our person) are the workspace's members only, and an account typed into the contact
form is looked up in the request's workspace, so nothing from another workspace can be named.
"""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from headway.crm import selectors
from headway.crm.models import Account, Contact
from headway.errors import NotFound
from headway.workspaces.models import User, Workspace
from headway.workspaces.selectors import members
from headway.workspaces.tenancy import WorkspaceModelForm

STALE_FORM = "This form is out of date. Reload the page and make your changes again."
ACCOUNT_UNKNOWN = (
    "No account called “{name}” in this workspace. Pick one from the suggestions, or add the "
    "account first."
)
ACCOUNT_AMBIGUOUS = (
    "Several accounts are called “{name}”. Pick the right one from the suggestions "
    "(they show each account's number)."
)
ACCOUNT_REQUIRED = "Say which account this person works at. Start typing its name."

_ACCOUNT_REF = re.compile(r"\(#(\d+)\)\s*$")


class MemberChoiceField(forms.ModelChoiceField):
    """A person from this workspace, shown by name."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.display_name if obj.name else obj.email


def account_label(account: Account) -> str:
    """How an account is written in the contact form: its name and number, so two accounts with
    the same name stay distinguishable (``Globex (#12)``)."""
    return f"{account.name} (#{account.pk})"


class VersionedForm(WorkspaceModelForm):
    """Edit forms carry the version they were loaded at, so a save that would overwrite someone
    else's newer change is refused instead of silently winning."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": STALE_FORM, "invalid": STALE_FORM, "min_value": STALE_FORM},
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]

    def service_data(self) -> dict[str, Any]:
        """The model fields to hand to a service (the version travels separately)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class AccountForm(VersionedForm):
    owner = MemberChoiceField(
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody yet",
        help_text="Who looks after this account. Only members of this workspace are listed.",
    )

    class Meta:
        model = Account
        fields = [
            "name",
            "domain",
            "industry",
            "owner",
            "status",
            "tier",
            "relationship_strength",
            "could_do_more",
            "cadence_days",
        ]
        labels = {
            "relationship_strength": "Relationship strength (1–5)",
            "cadence_days": "Touch cadence (days)",
        }
        error_messages = {
            "name": {"required": "Give the account a name, such as the company's usual name."},
            "relationship_strength": {
                "min_value": "Use 1 (cold) to 5 (trusted partner).",
                "max_value": "Use 1 (cold) to 5 (trusted partner).",
                "invalid": "Use a whole number from 1 (cold) to 5 (trusted partner).",
            },
            "cadence_days": {
                "min_value": "Use a number of days from 1 to 365, or leave it empty.",
                "max_value": "Use a number of days from 1 to 365, or leave it empty.",
                "invalid": "Use a whole number of days, or leave it empty.",
            },
        }
        widgets = {
            "relationship_strength": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "cadence_days": forms.NumberInput(attrs={"min": 1, "max": 365}),
        }

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(MemberChoiceField, self.fields["owner"]).queryset = members(
            workspace, active_only=True
        )
        self.fields["domain"].help_text = "The company's web domain, such as example.com."

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_domain(self) -> str:
        domain = self.cleaned_data["domain"].strip().lower()
        for prefix in ("https://", "http://"):
            domain = domain.removeprefix(prefix)
        domain = domain.removeprefix("www.").rstrip("/")
        if domain and (" " in domain or "." not in domain):
            raise ValidationError("Enter a domain such as example.com (no spaces, no path).")
        return domain


class ContactForm(VersionedForm):
    """A contact. ``account`` is typed (with suggestions) rather than picked from a list of every
    account, which would not scale to large workspaces; or fixed when adding from an account."""

    account = forms.CharField(
        label="Account",
        max_length=250,
        required=True,
        error_messages={"required": ACCOUNT_REQUIRED},
        help_text="Start typing the company's name and pick it from the suggestions.",
        widget=forms.TextInput(attrs={"list": "account-options", "autocomplete": "off"}),
    )
    our_person = MemberChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Our person",
        empty_label="Nobody yet",
        help_text="Who on our side holds the relationship. Only members of this workspace "
        "are listed.",
    )

    class Meta:
        model = Contact
        fields = [
            "name",
            "title",
            "level",
            "buying_role",
            "stance",
            "email",
            "phone",
            "our_person",
        ]
        labels = {"stance": "Stance toward us", "email": "E-mail"}
        error_messages = {
            "name": {"required": "Give the person's name, as they write it."},
            "email": {"invalid": "Enter an e-mail address such as jane@example.com."},
        }

    def __init__(
        self,
        *args: Any,
        workspace: Workspace,
        fixed_account: Account | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fixed_account = fixed_account
        cast(MemberChoiceField, self.fields["our_person"]).queryset = members(
            workspace, active_only=True
        )
        if fixed_account is not None:
            del self.fields["account"]
        elif self.instance.pk and self.instance.account_id:
            self.fields["account"].initial = account_label(self.instance.account)
        # Keep the account first, where people look for it.
        if "account" in self.fields:
            self.order_fields(["account", *(self._meta.fields or ())])

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_account(self) -> Account:
        raw = " ".join(self.cleaned_data["account"].split())
        ref = _ACCOUNT_REF.search(raw)
        if ref:
            try:
                return selectors.get_account(workspace=self.workspace, id=ref.group(1))
            except NotFound:
                raise ValidationError(
                    ACCOUNT_UNKNOWN.format(name=raw), code="unknown_account"
                ) from None
        matches = list(
            Account.objects.in_workspace(self.workspace).filter(name__iexact=raw).order_by("id")[:2]
        )
        if not matches:
            raise ValidationError(ACCOUNT_UNKNOWN.format(name=raw), code="unknown_account")
        if len(matches) > 1:
            raise ValidationError(ACCOUNT_AMBIGUOUS.format(name=raw), code="ambiguous_account")
        return matches[0]

    def chosen_account(self) -> Account:
        if self.fixed_account is not None:
            return self.fixed_account
        return self.cleaned_data["account"]

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data["account"] = self.chosen_account()
        return data
