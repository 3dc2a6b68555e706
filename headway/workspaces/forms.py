"""Input shapes for the workspace pages: profile, members, invitations and API tokens.

Forms only check the shape of the input; the rules (last admin, already a member, password
strength, …) live in :mod:`headway.workspaces.services`, whose ``ValidationError`` is attached
back to these forms with :func:`attach_errors`.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from headway.workspaces.models import Role


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones())
    return [(name, name.replace("_", " ")) for name in names]


class ProfileForm(forms.Form):
    name = forms.CharField(
        max_length=150,
        required=False,
        help_text="How colleagues see you in lists and e-mails.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        help_text="Dates and times are shown in this zone; your morning review follows it.",
        error_messages={
            "invalid_choice": "“%(value)s” is not a time zone we know. Pick one from the list, "
            "such as Europe/Paris or America/New_York.",
            "required": "Choose your time zone, e.g. Europe/London.",
        },
    )
    morning_review_time = forms.TimeField(
        label="Morning review time",
        initial=dt.time(7, 30),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="When your daily digest arrives and decisions you slept on are due for "
        "review, in your time zone. Usually 07:30.",
        error_messages={
            "invalid": "Enter a time as hours and minutes, e.g. 07:30.",
            "required": "Enter a time as hours and minutes, e.g. 07:30.",
        },
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="We send the invitation link to this address; it works once, for 7 days.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": "Enter the e-mail address of the person to invite.",
            "invalid": "Enter a full e-mail address, such as name@example.com.",
        },
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        initial=Role.MEMBER,
        help_text="Viewers read; members edit what they own; managers and admins edit "
        "everything; admins also manage members.",
    )


class WorkspaceForm(forms.Form):
    name = forms.CharField(
        label="Workspace name",
        max_length=120,
        help_text="Your company or team, e.g. “Acme Sales”. You become its admin.",
        error_messages={"required": "Give the workspace a name, e.g. your company or team."},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        help_text="What the token is for, e.g. “laptop script” or “reporting”.",
        error_messages={"required": "Give the token a name, e.g. “laptop script”."},
    )


class JoinForm(forms.Form):
    """A new person accepting an invitation: the account is made for the invited address."""

    name = forms.CharField(
        label="Your name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your name as colleagues should see it."},
    )
    password = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not only digits, and not a common password.",
        error_messages={"required": "Choose a password to sign in with later."},
    )
    password_confirm = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the same password again to confirm it."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("password")
            and data.get("password_confirm")
            and data["password"] != data["password_confirm"]
        ):
            self.add_error(
                "password_confirm", "The two passwords differ: type the same password twice."
            )
        return data


def attach_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has that field,
    otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
