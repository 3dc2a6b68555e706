"""Every win-back step leaves a history row saying who did what, when, from what to what — the
win-back itself, its asks and their files, its touches and signals, and the CRM rows it makes
(a new deal, a logged interaction) — and a refused step leaves nothing at all: no row changed,
no history row, no file stored, the agenda as it was.

(The win-back page's History built from these rows is covered by ``test_history.py``.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from headway.agenda.models import AgendaRow
from headway.crm import timeline
from headway.crm.models import (
    Account,
    Action,
    Change,
    ChangeKind,
    Deal,
    DealStage,
    Interaction,
)
from headway.errors import ConcurrentEdit, PermissionDenied, RuleRefused
from headway.methods.winback import services
from headway.methods.winback.models import (
    MAX_ATTACHMENT_BYTES,
    Ask,
    AskAttachment,
    AskStatus,
    PlannedTouch,
    WinBack,
    WinnerSignal,
)
from tests import factories
from tests.kit import NOW
from tests.methods.winback.factories import lost_deal, make_winback, membership

pytestmark = pytest.mark.django_db

LATER = NOW + dt.timedelta(days=2, hours=3)


def _rows(obj: models.Model, pk: int | None = None) -> list[Change]:
    """The history rows of one object, oldest first (``pk``: of an object since deleted)."""
    return list(
        Change.objects.in_workspace(obj.workspace_id)  # type: ignore[attr-defined]
        .filter(target_type=ContentType.objects.get_for_model(obj), target_id=pk or obj.pk)
        .select_related("actor")
        .order_by("at", "id")
    )


def _last(obj: models.Model, pk: int | None = None) -> Change:
    rows = _rows(obj, pk)
    assert rows, f"no history row for {obj!r}"
    return rows[-1]


def _what(change: Change) -> dict[str, tuple[Any, Any]]:
    """Field → (from, to) as recorded."""
    return {entry["field"]: (entry["from"], entry["to"]) for entry in change.fields}


def _reload(obj: Any) -> Any:
    return type(obj).objects.in_workspace(obj.workspace_id).get(pk=obj.pk)


# --- each step is recorded ----------------------------------------------------------------------


def test_opening_a_win_back_records_it_and_its_four_asks_as_created_by_the_opener(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member, title="Initech renewal")
    opened = _last(winback)
    assert (opened.kind, opened.actor, opened.at) == (ChangeKind.CREATED, world.member, NOW)
    assert _what(opened)["title"] == ("", "Win back " + winback.account.name)
    assert _what(opened)["lost_to_name"] == ("", "Globex")
    asks = list(Ask.objects.in_workspace(world.workspace).filter(winback=winback))
    assert len(asks) == 4
    for ask in asks:
        (row,) = _rows(ask)
        assert (row.kind, row.actor, row.account_id) == (
            ChangeKind.CREATED,
            world.member,
            winback.account_id,
        )


def test_editing_a_win_back_records_who_when_and_each_field_from_old_to_new(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    old_title = winback.title
    clock.move_to(LATER)
    services.winback_update(
        membership=membership(world.workspace, world.member),
        winback=winback,
        version=winback.version,
        title="Win back Initech, take two",
        repeat_buyer=False,
        years_on_incumbent=Decimal("1"),
    )
    edit = _last(winback)
    assert (edit.kind, edit.actor, edit.at) == (ChangeKind.UPDATED, world.member, LATER)
    what = _what(edit)
    assert what["title"] == (old_title, "Win back Initech, take two")
    assert what["repeat_buyer"] == ("", "no")
    assert what["years_on_incumbent"] == ("", "1")
    # What the profile changed in turn is on the same row (one edit, one row).
    assert "likelihood_reason" in what
    assert len(_rows(winback)) == 2
    assert _reload(winback).version == winback.version == 2


def test_answering_an_ask_records_its_status_and_what_was_obtained_on_the_account_too(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    assert ask is not None
    clock.move_to(LATER)
    services.ask_update(
        membership=membership(world.workspace, world.manager),
        ask=ask,
        version=ask.version,
        status=AskStatus.GRANTED,
        obtained="Their scorecard",
    )
    answer = _last(ask)
    assert (answer.kind, answer.actor, answer.at) == (ChangeKind.UPDATED, world.manager, LATER)
    assert _what(answer)["status"] == ("To ask", "Granted")
    assert _what(answer)["obtained"] == ("", "Their scorecard")
    # The account page's timeline shows it, as it shows the account's own changes.
    rows = timeline.timeline(workspace=world.workspace, account_id=winback.account_id)
    assert any(r.what == "ask" and r.target == ask.text and r.actor == "Max Manager" for r in rows)


def test_a_file_added_to_an_ask_and_removed_again_is_on_the_asks_history(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    assert ask is not None
    m = membership(world.workspace, world.member)
    version = ask.version
    attachment = services.attachment_add(
        membership=m, ask=ask, upload=SimpleUploadedFile("score.csv", b"a,b\n", "text/csv")
    )
    added = _last(ask)
    assert (added.kind, added.actor, added.account_id) == (
        ChangeKind.UPDATED,
        world.member,
        winback.account_id,
    )
    assert added.fields == [
        {"field": "attachments", "label": "files", "from": "", "to": "score.csv"}
    ]
    (stored,) = _rows(attachment)
    assert stored.kind == ChangeKind.CREATED
    assert _what(stored)["original_name"] == ("", "score.csv")

    clock.move_to(LATER)
    pk = attachment.pk
    services.attachment_delete(membership=m, attachment=attachment)
    removed = _last(ask)
    assert removed.at == LATER
    assert _what(removed) == {"attachments": ("score.csv", "")}
    assert [r.kind for r in _rows(attachment, pk)] == [ChangeKind.CREATED, ChangeKind.DELETED]
    # A file is not an edit of the ask: a form of it opened before stays current.
    assert _reload(ask).version == version


def test_planning_doing_and_removing_touches_are_each_recorded(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    touch = services.touch_create(
        membership=m,
        winback=winback,
        kind="lunch",
        planned_for=dt.date(2026, 12, 3),
        note="Lunch with Priya",
    )
    planned = _last(touch)
    assert (planned.kind, planned.actor, planned.account_id) == (
        ChangeKind.CREATED,
        world.member,
        winback.account_id,
    )
    assert _what(planned)["kind"] == ("", "Lunch")
    assert _what(planned)["planned_for"] == ("", "2026-12-03")
    assert _what(planned)["note"] == ("", "Lunch with Priya")

    clock.move_to(LATER)
    services.touch_complete(membership=m, touch=touch, summary="Priya is unhappy with Globex.")
    done = _last(touch)
    assert (done.kind, done.at) == (ChangeKind.UPDATED, LATER)
    assert _what(done)["done_at"] == ("", LATER.isoformat())
    # The interaction it logged is a CRM row with its own history.
    interaction = Interaction.objects.in_workspace(world.workspace).get()
    assert _what(done)["interaction"][0] == ""
    assert [(r.kind, r.actor) for r in _rows(interaction)] == [(ChangeKind.CREATED, world.member)]

    other = services.touch_create(membership=m, winback=winback, kind="call")
    label, pk = str(other), other.pk
    services.touch_delete(membership=m, touch=other)
    gone = _last(other, pk)
    assert (gone.kind, gone.target_repr, gone.actor) == (ChangeKind.DELETED, label, world.member)
    assert not PlannedTouch.objects.in_workspace(world.workspace).filter(pk=pk).exists()


def test_a_signal_added_and_removed_is_recorded_and_an_open_edit_form_stays_current(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    form_version = winback.version
    signal = services.signal_create(
        membership=m, winback=winback, kind="missed_promise", note="Go-live slipped"
    )
    seen = _last(signal)
    assert (seen.kind, seen.actor, seen.account_id) == (
        ChangeKind.CREATED,
        world.member,
        winback.account_id,
    )
    assert _what(seen)["kind"] == ("", "Missed promise")
    assert _what(seen)["note"] == ("", "Go-live slipped")
    # The points it adds to the win-back are recorded on the win-back, without a new version.
    score = _what(_last(winback))["signal_score"]
    assert score[0] == 0 and score[1] > 0
    assert _reload(winback).version == form_version

    clock.move_to(LATER)
    pk = signal.pk
    services.signal_delete(membership=m, signal=signal)
    assert [r.kind for r in _rows(signal, pk)] == [ChangeKind.CREATED, ChangeKind.DELETED]
    assert _last(signal, pk).at == LATER
    assert _what(_last(winback))["signal_score"] == (score[1], 0)
    # The edit form opened before both is still good.
    services.winback_update(
        membership=m, winback=_reload(winback), version=form_version, title="Still current"
    )
    assert _reload(winback).title == "Still current"


def test_re_engaging_records_the_new_deal_and_the_win_backs_link_to_it(
    world: Any, clock: Any
) -> None:
    winback = make_winback(world.workspace, world.member)
    deal = services.winback_reopen(
        membership=membership(world.workspace, world.member),
        winback=winback,
        title="Initech, second round",
    )
    (created,) = _rows(deal)
    assert (created.kind, created.actor) == (ChangeKind.CREATED, world.member)
    assert _what(created)["title"] == ("", "Initech, second round")
    linked = _what(_last(winback))
    assert linked["reopened_deal"] == ("", "Initech, second round")
    assert linked["reengaged_on"] == ("", NOW.date().isoformat())


def test_closing_and_approving_are_recorded_with_who_did_them(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    services.winback_approve(membership=membership(world.workspace, world.manager), winback=winback)
    approved = _last(winback)
    assert approved.actor == world.manager
    assert _what(approved)["manager_approved_by"] == ("", "Max Manager")
    clock.move_to(LATER)
    services.winback_close(
        membership=membership(world.workspace, world.member), winback=winback, note="Merged."
    )
    closed = _last(winback)
    assert (closed.actor, closed.at) == (world.member, LATER)
    assert _what(closed)["closed_at"] == ("", LATER.isoformat())
    assert _what(closed)["close_note"] == ("", "Merged.")


# --- a refused step writes nothing ------------------------------------------------------------

EVERYTHING: list[type[models.Model]] = [
    Account,
    Deal,
    Interaction,
    Action,
    WinBack,
    Ask,
    AskAttachment,
    PlannedTouch,
    WinnerSignal,
    Change,
    AgendaRow,
]


def _everything(workspace: Any) -> dict[str, list[dict[str, Any]]]:
    state = {
        model.__name__: list(
            model.objects.in_workspace(workspace).order_by("pk").values()  # type: ignore[attr-defined]
        )
        for model in EVERYTHING
    }
    media = Path(settings.MEDIA_ROOT)
    state["files"] = [{"path": str(p)} for p in sorted(media.rglob("*")) if p.is_file()]
    return state


@pytest.fixture
def story(world: Any, clock: Any) -> SimpleNamespace:
    """A win-back in mid-flight: its asks, a file, a done touch, a signal; another one closed,
    a third already re-engaged; an open deal."""
    m = membership(world.workspace, world.member)
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    assert ask is not None
    ask.winback = winback
    services.attachment_add(
        membership=m, ask=ask, upload=SimpleUploadedFile("score.csv", b"a,b\n", "text/csv")
    )
    done = services.touch_create(membership=m, winback=winback, kind="call")
    services.touch_complete(membership=m, touch=done)
    planned = services.touch_create(membership=m, winback=winback, kind="lunch")
    signal = services.signal_create(membership=m, winback=winback, kind="missed_promise")
    closed = make_winback(world.workspace, world.member)
    services.winback_close(membership=m, winback=closed)
    reengaged = make_winback(world.workspace, world.member)
    services.winback_reopen(membership=m, winback=reengaged)
    account = factories.make_account(world.workspace, owner=world.member, name="Open Co")
    return SimpleNamespace(
        world=world,
        m=m,
        viewer=membership(world.workspace, world.viewer),
        colleague=membership(world.workspace, world.other_member),
        winback=_reload(winback),
        ask=_reload(ask),
        done=_reload(done),
        planned=_reload(planned),
        signal=_reload(signal),
        closed=_reload(closed),
        reengaged=_reload(reengaged),
        open_deal=lost_deal(account, stage=DealStage.PROPOSE),
    )


def _nothing(s: SimpleNamespace) -> None:
    pass


def _win_back_edited_meanwhile(s: SimpleNamespace) -> None:
    """Someone saves the win-back after ``s.winback`` was loaded (a page open since)."""
    services.winback_update(membership=s.m, winback=_reload(s.winback), title="Meanwhile")


def _touch_edited_meanwhile(s: SimpleNamespace) -> None:
    services.touch_update(membership=s.m, touch=_reload(s.planned), note="Later")


Step = Callable[[SimpleNamespace], Any]
# What is refused → (the refusal, what happens first — recorded as it should be —, the step).
REFUSED: dict[str, tuple[type[Exception], Step, Step]] = {
    "a win-back from a deal that is not lost": (
        RuleRefused,
        _nothing,
        lambda s: services.winback_create(membership=s.m, deal=s.open_deal),
    ),
    "a second win-back from the same deal": (
        RuleRefused,
        _nothing,
        lambda s: services.winback_create(membership=s.m, deal=s.winback.deal),
    ),
    "a viewer opening a win-back": (
        PermissionDenied,
        _nothing,
        lambda s: services.winback_create(membership=s.viewer, deal=s.winback.deal),
    ),
    "an edit from a stale form": (
        ConcurrentEdit,
        _nothing,
        lambda s: services.winback_update(
            membership=s.m, winback=s.winback, version=s.winback.version - 1, title="Stale"
        ),
    ),
    "an edit by a colleague who does not own it": (
        PermissionDenied,
        _nothing,
        lambda s: services.winback_update(membership=s.colleague, winback=s.winback, title="Mine"),
    ),
    "a decision date in the future": (
        ValidationError,
        _nothing,
        lambda s: services.winback_update(
            membership=s.m, winback=s.winback, decision_date=dt.date(2027, 1, 1)
        ),
    ),
    "a member approving the plan": (
        PermissionDenied,
        _nothing,
        lambda s: services.winback_approve(membership=s.m, winback=s.winback),
    ),
    "closing a win-back twice": (
        RuleRefused,
        _nothing,
        lambda s: services.winback_close(membership=s.m, winback=s.closed),
    ),
    "a second new deal": (
        RuleRefused,
        _nothing,
        lambda s: services.winback_reopen(membership=s.m, winback=s.reengaged),
    ),
    # Refused after the new deal was made: the deal must not stay behind.
    "a new deal from a page loaded before an edit": (
        ConcurrentEdit,
        _win_back_edited_meanwhile,
        lambda s: services.winback_reopen(membership=s.m, winback=s.winback),
    ),
    "an ask answered from a stale form": (
        ConcurrentEdit,
        _nothing,
        lambda s: services.ask_update(
            membership=s.m, ask=s.ask, version=s.ask.version + 1, status=AskStatus.GRANTED
        ),
    ),
    "an ask with no text": (
        ValidationError,
        _nothing,
        lambda s: services.ask_create(membership=s.m, winback=s.winback, text="  "),
    ),
    "an ask removed by a colleague": (
        PermissionDenied,
        _nothing,
        lambda s: services.ask_delete(membership=s.colleague, ask=s.ask),
    ),
    "a file over the size limit": (
        services.AttachmentTooLarge,
        _nothing,
        lambda s: services.attachment_add(
            membership=s.m,
            ask=s.ask,
            upload=SimpleUploadedFile("big.pdf", b"x" * (MAX_ATTACHMENT_BYTES + 1)),
        ),
    ),
    "a file added by a viewer": (
        PermissionDenied,
        _nothing,
        lambda s: services.attachment_add(
            membership=s.viewer, ask=s.ask, upload=SimpleUploadedFile("a.csv", b"a")
        ),
    ),
    "a touch planned on a closed win-back": (
        RuleRefused,
        _nothing,
        lambda s: services.touch_create(membership=s.m, winback=s.closed),
    ),
    "a touch done twice": (
        RuleRefused,
        _nothing,
        lambda s: services.touch_complete(membership=s.m, touch=s.done),
    ),
    # Refused after its interaction was logged: the interaction must not stay behind.
    "a touch done from a page loaded before an edit": (
        ConcurrentEdit,
        _touch_edited_meanwhile,
        lambda s: services.touch_complete(membership=s.m, touch=s.planned),
    ),
    "a touch removed by a colleague": (
        PermissionDenied,
        _nothing,
        lambda s: services.touch_delete(membership=s.colleague, touch=s.planned),
    ),
    "a signal observed in the future": (
        ValidationError,
        _nothing,
        lambda s: services.signal_create(
            membership=s.m,
            winback=s.winback,
            kind="price_rise",
            observed_on=dt.date(2027, 1, 1),
        ),
    ),
    "a contract end without its date": (
        ValidationError,
        _nothing,
        lambda s: services.signal_update(membership=s.m, signal=s.signal, kind="contract_end"),
    ),
    "a signal removed by a viewer": (
        PermissionDenied,
        _nothing,
        lambda s: services.signal_delete(membership=s.viewer, signal=s.signal),
    ),
}


@pytest.mark.parametrize("step", list(REFUSED))
def test_a_refused_step_writes_nothing(story: SimpleNamespace, step: str) -> None:
    refusal, first, attempt = REFUSED[step]
    first(story)
    before = _everything(story.world.workspace)
    with pytest.raises(refusal):
        attempt(story)
    assert _everything(story.world.workspace) == before
