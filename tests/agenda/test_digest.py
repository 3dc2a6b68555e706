"""The morning digest: one e-mail per person per local day, at their morning time."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail

from headway.agenda.models import DigestLog
from headway.agenda.tasks import enqueue_due_digests, send_digest
from tests import factories


def _parisian(world):
    user = factories.make_user(
        "paris@acme.test", name="Pia", time_zone="Europe/Paris", morning_review_time=dt.time(7, 30)
    )
    factories.make_membership(world.workspace, user, "member")
    return user


def _at(hour: int, minute: int = 0, day: int = 23):
    return time_machine.travel(dt.datetime(2026, 11, day, hour, minute, tzinfo=dt.UTC), tick=False)


def test_no_digest_before_the_morning_time(world):
    pia = _parisian(world)
    factories.make_action(world.workspace, pia, title="Call Hank", due_date=dt.date(2026, 11, 23))

    with _at(6, 15):  # 07:15 in Paris
        enqueued = enqueue_due_digests()

    assert enqueued == 0
    assert mail.outbox == []


def test_digest_goes_out_once_after_the_morning_time_and_never_twice(world, settings):
    settings.HEADWAY_BASE_URL = "https://headway.example"
    pia = _parisian(world)
    account = factories.make_account(
        world.workspace,
        name="Globex",
        owner=world.other_member,
        last_touch_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
    )
    factories.make_action(
        world.workspace, pia, title="Call Hank", due_date=dt.date(2026, 11, 23), account=account
    )
    factories.make_action(
        world.workspace, pia, title="Send the deck", due_date=dt.date(2026, 11, 20)
    )
    factories.make_action(world.workspace, pia, title="Next week", due_date=dt.date(2026, 11, 26))

    with _at(6, 45):  # 07:45 in Paris; 06:45 in UTC, before everyone else's 07:30
        assert enqueue_due_digests() == 1
        assert enqueue_due_digests() == 0
    with _at(9):
        enqueue_due_digests()  # the others (UTC) have nothing due: no mail for them

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["paris@acme.test"]
    assert "1 overdue, 1 due today" in message.subject
    assert "Send the deck" in message.body and "3 days overdue" in message.body
    assert "Call Hank (Globex)" in message.body
    assert "Next week" not in message.body
    assert f"https://headway.example/accounts/{account.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Call Hank</a>" in html
    assert DigestLog.objects.in_workspace(world.workspace).get(user=pia).item_count == 2

    with _at(12):
        send_digest.enqueue(pia.pk, world.workspace.pk, "2026-11-23")  # even if asked again
    assert len(mail.outbox) == 1

    with _at(6, 45, day=24):  # the next morning it comes again
        assert enqueue_due_digests() == 1
    assert len(mail.outbox) == 2


def test_no_digest_when_nothing_is_due_but_the_day_is_settled(world):
    pia = _parisian(world)
    factories.make_action(world.workspace, pia, title="Later", due_date=dt.date(2026, 11, 27))

    with _at(7):
        assert enqueue_due_digests() == 1
        assert enqueue_due_digests() == 0

    assert mail.outbox == []
    assert DigestLog.objects.in_workspace(world.workspace).get(user=pia).item_count == 0


def test_a_person_in_two_workspaces_gets_one_digest_for_each(world):
    pia = _parisian(world)
    factories.make_membership(world.other_workspace, pia, "member")
    factories.make_action(world.workspace, pia, title="Acme call", due_date=dt.date(2026, 11, 23))
    factories.make_action(
        world.other_workspace, pia, title="Rival call", due_date=dt.date(2026, 11, 23)
    )

    with _at(7):
        enqueue_due_digests()

    bodies = sorted(m.body for m in mail.outbox)
    assert len(bodies) == 2
    assert "Acme call" in bodies[0] and "Rival call" not in bodies[0]
    assert "Rival call" in bodies[1] and "Acme call" not in bodies[1]
