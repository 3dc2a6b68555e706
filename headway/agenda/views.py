"""The agenda pages: thin doors onto the agenda selectors and services.

Done / undo / snooze / quick-add answer an htmx request with the refreshed agenda fragment
(the ``agenda-body`` partial) and a plain form post with a redirect to the agenda and a
message, so the page works the same without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from headway.agenda import selectors, services
from headway.agenda.forms import ItemForm, QuickAddForm, SnoozeForm
from headway.agenda.ical import agenda_calendar
from headway.agenda.render import render_entry
from headway.crm import services as crm_services
from headway.workspaces.request import WorkspaceRequest, workspace_view

UNDO_SESSION_KEY = "agenda_undo"
FRAGMENT = "agenda/home.html#agenda-body"


def _error_text(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(exc.messages)


def _page(
    request: WorkspaceRequest,
    *,
    form: QuickAddForm | None = None,
    notice: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    membership = request.membership
    agenda = selectors.build_agenda(membership)
    csrf_token, snooze_url = get_token(request), reverse("agenda:snooze")
    for group in agenda.groups:
        group.html = mark_safe(  # noqa: S308 - render_entry escapes every value
            "".join(
                render_entry(
                    entry,
                    can_write=membership.can_write,
                    csrf_token=csrf_token,
                    snooze_url=snooze_url,
                )
                for entry in group.entries
            )
        )
    if form is None:
        form = QuickAddForm(initial={"due_date": agenda.today})
    context = {"agenda": agenda, "form": form, "notice": notice}
    template = FRAGMENT if request.htmx else "agenda/home.html"
    return render(request, template, context, status=status)


def _after_change(
    request: WorkspaceRequest, *, text: str, undo: dict[str, str] | None = None, error: bool = False
) -> HttpResponse:
    """htmx: the refreshed fragment with the notice in it. Plain post: message + redirect."""
    if request.htmx:
        return _page(request, notice={"text": text, "undo": undo, "error": error})
    (messages.error if error else messages.success)(request, text)
    if undo:
        request.session[UNDO_SESSION_KEY] = undo
    return redirect("agenda:home")


@workspace_view
@require_GET
def home(request: WorkspaceRequest) -> HttpResponse:
    undo = request.session.pop(UNDO_SESSION_KEY, None)
    return _page(request, notice={"text": "", "undo": undo, "error": False} if undo else None)


@workspace_view
@require_POST
def action_create(request: WorkspaceRequest) -> HttpResponse:
    form = QuickAddForm(request.POST)
    if form.is_valid():
        try:
            action = crm_services.action_create(
                membership=request.membership,
                title=form.cleaned_data["title"],
                due_date=form.cleaned_data["due_date"],
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            return _after_change(request, text=f"Added “{action.title}”.")
    # htmx swaps only successful responses, so the fragment with errors comes back as 200.
    return _page(request, form=form, status=200 if request.htmx else 422)


@workspace_view
@require_POST
def done(request: WorkspaceRequest) -> HttpResponse:
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _after_change(request, text=services.KEY_INVALID, error=True)
    key = form.cleaned_data["key"]
    try:
        action = services.agenda_item_done(membership=request.membership, key=key)
    except ValidationError as exc:
        return _after_change(request, text=_error_text(exc), error=True)
    return _after_change(
        request, text=f"Done: “{action.title}”.", undo={"key": key, "title": action.title}
    )


@workspace_view
@require_POST
def undo(request: WorkspaceRequest) -> HttpResponse:
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _after_change(request, text=services.KEY_INVALID, error=True)
    try:
        action = services.agenda_item_done(
            membership=request.membership,
            key=form.cleaned_data["key"],
            done=False,
        )
    except ValidationError as exc:
        return _after_change(request, text=_error_text(exc), error=True)
    return _after_change(request, text=f"“{action.title}” is back on your agenda.")


@workspace_view
@require_POST
def snooze(request: WorkspaceRequest) -> HttpResponse:
    membership = request.membership
    form = SnoozeForm(request.POST)
    until = None
    if form.is_valid():
        until = form.until_date(selectors.agenda_context(membership).today)
    if until is None:
        return _after_change(
            request, text="Choose how long to snooze: 1, 3 or 7 days, or a date.", error=True
        )
    try:
        services.agenda_item_snooze(
            membership=membership, key=form.cleaned_data["key"], until=until
        )
    except ValidationError as exc:
        return _after_change(request, text=_error_text(exc), error=True)
    return _after_change(request, text=f"Snoozed until {until:%a} {until.day} {until:%b}.")


# --- calendar feed --------------------------------------------------------------------------


def _calendar_page(request: WorkspaceRequest, *, new_url: str = "") -> HttpResponse:
    feeds = selectors.calendar_feeds(membership=request.membership)
    return render(request, "agenda/calendar.html", {"feeds": feeds, "new_url": new_url})


@workspace_view
@require_GET
def calendar(request: WorkspaceRequest) -> HttpResponse:
    return _calendar_page(request)


@workspace_view
@require_POST
def calendar_create(request: WorkspaceRequest) -> HttpResponse:
    """Shown once, on this response only: the secret is not stored anywhere."""
    _feed, secret = services.calendar_feed_create(membership=request.membership)
    path = reverse("agenda:calendar_feed", kwargs={"secret": secret})
    return _calendar_page(request, new_url=request.build_absolute_uri(path))


@workspace_view
@require_POST
def calendar_revoke(request: WorkspaceRequest, feed_id: int) -> HttpResponse:
    services.calendar_feed_revoke(membership=request.membership, feed_id=feed_id)
    messages.success(
        request, "Feed revoked: calendars using that address no longer receive your agenda."
    )
    return redirect("agenda:calendar")


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """Public on purpose (calendar apps cannot sign in): the secret in the URL is the key."""
    membership = selectors.feed_membership(token_hash=services.hash_secret(secret))
    if membership is None:
        raise Http404("No such calendar feed.")
    agenda = selectors.build_agenda(membership)
    response = HttpResponse(
        agenda_calendar(agenda, membership, base=request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="headway-agenda.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
