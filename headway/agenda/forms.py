"""Input shapes for the agenda page."""

from __future__ import annotations

import datetime as dt

from django import forms

from headway.agenda import rules


class QuickAddForm(forms.Form):
    title = forms.CharField(
        label="New action",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Call Globex about the renewal"}),
        error_messages={"required": "Say what needs doing, e.g. “Call Globex”."},
    )
    due_date = forms.DateField(
        label="Due",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the due day as a date, e.g. 2026-11-30."},
    )


class ItemForm(forms.Form):
    key = forms.CharField(max_length=120)


class SnoozeForm(ItemForm):
    days = forms.TypedChoiceField(
        choices=[(str(d), str(d)) for d in rules.SNOOZE_CHOICES],
        coerce=int,
        required=False,
    )
    until = forms.DateField(required=False)

    def until_date(self, today: dt.date) -> dt.date | None:
        """The day the item comes back: an explicit date wins over a number of days."""
        if self.cleaned_data.get("until"):
            return self.cleaned_data["until"]
        if self.cleaned_data.get("days"):
            return rules.snooze_until(today, self.cleaned_data["days"])
        return None
