"""One door for every kind of web form step, so views stay plain functions and thin.

A step is: POST only → bind and validate the form → call the service → on success a message and
a redirect; on invalid input the page again with the form's errors (422); on a refusal by a rule
or a concurrent edit the page again with the reason inline (409). The view says *what* to call
and *how to answer*; this module says *how a step goes*, once::

    @workspace_view
    def outcome(request, decision_id):
        decision = _decision(request, decision_id)      # 404 first, GET or POST
        return form_step(
            request,
            form=OutcomeForm(request.POST),
            call=lambda data: services.decision_record_outcome(
                membership=request.membership, decision=decision, **data),
            done=lambda _: succeed(request, "Outcome recorded.", _detail_url(decision, "outcome")),
            again=lambda status, form, refusal: _render(
                request, decision, status=status, outcome_form=form, refusal=refusal),
        )

``again`` re-renders the page (or, for htmx, the partial) with the status it is given; an htmx
partial that must be swapped may answer 200 itself (htmx does not swap error responses).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from headway.errors import RuleRefused
from headway.web.errors import post_only
from headway.workspaces.tenancy import parse_id

__all__ = ["add_service_errors", "form_step", "parse_id", "succeed"]

T = TypeVar("T")


class Again(Protocol):
    def __call__(self, status: int, form: forms.BaseForm | None, refusal: str) -> HttpResponse: ...


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has the field,
    otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = name if name in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def succeed(
    request: HttpRequest, message: str, url: str, *, level: int = messages.SUCCESS
) -> HttpResponse:
    """The usual success: a message for the next page, and a redirect to it."""
    if message:
        messages.add_message(request, level, message)
    return redirect(url)


def form_step(
    request: HttpRequest,
    *,
    form: forms.BaseForm | None,
    call: Callable[[dict[str, Any]], T],
    done: Callable[[T], HttpResponse],
    again: Again,
) -> HttpResponse:
    """Run one form step (see the module docstring). ``form=None`` is a button with no input:
    then a service's ValidationError is shown as the refusal text, at 422."""
    if request.method != "POST":
        return post_only()
    if form is not None and not form.is_valid():
        return again(422, form, "")
    try:
        result = call(dict(form.cleaned_data) if form is not None else {})
    except RuleRefused as exc:  # ConcurrentEdit included
        return again(409, form, exc.message)
    except ValidationError as exc:
        if form is None:
            return again(422, None, " ".join(exc.messages))
        add_service_errors(form, exc)
        return again(422, form, "")
    return done(result)
