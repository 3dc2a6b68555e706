from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from icalendar import Calendar

from headway.agenda.models import CalendarFeed
from tests import factories


def _create_feed(client) -> str:
    html = client.post("/agenda/calendar/new/").content.decode()
    match = re.search(r'value="https?://[^"/]+(/agenda/calendar/[^"]+\.ics)"', html)
    assert match, html
    return match.group(1)


def test_the_feed_lists_due_items_as_all_day_events(world, clock):
    account = factories.make_account(
        world.workspace,
        name="Globex",
        owner=world.member,
        last_touch_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
    )
    action = factories.make_action(
        world.workspace,
        world.member,
        title="Call Hank",
        due_date=dt.date(2026, 11, 24),
        account=account,
    )
    factories.make_action(
        world.workspace, world.other_member, title="Not mine", due_date=dt.date(2026, 11, 24)
    )
    url = _create_feed(world.client_for(world.member))

    response = Client().get(url)  # no session needed: the URL itself is the key

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Action: Call Hank", "No touch: No touch for 52 days — Globex"}
    call = events["Action: Call Hank"]
    assert call.decoded("dtstart") == dt.date(2026, 11, 24)
    assert call.decoded("dtend") == dt.date(2026, 11, 25)
    assert str(call["uid"]).startswith(f"action-{action.pk}-")
    assert str(call["url"]).endswith(f"/accounts/{account.pk}/")
    assert "Due in 2 days" in str(call["description"])

    # the same item keeps its UID the next day, so calendars update rather than duplicate
    clock.move_to(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC))
    later = Calendar.from_ical(world.client_for(world.member).get(url).content)
    assert {str(e["uid"]) for e in later.walk("VEVENT")} >= {str(call["uid"])}


def test_a_revoked_feed_is_404(world, clock):
    client = world.client_for(world.member)
    url = _create_feed(client)
    feed = CalendarFeed.objects.in_workspace(world.workspace).get(user=world.member)

    response = client.post(f"/agenda/calendar/{feed.pk}/revoke/", follow=True)

    assert "Feed revoked" in response.content.decode()
    assert client.get(url).status_code == 404


def test_only_the_secrets_hash_is_stored_and_it_is_shown_once(world, clock):
    client = world.client_for(world.member)
    url = _create_feed(client)
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")

    feed = CalendarFeed.objects.in_workspace(world.workspace).get(user=world.member)
    assert secret not in feed.token_hash
    assert secret not in client.get("/agenda/calendar/").content.decode()


def test_an_unknown_secret_is_404(client, db):
    assert client.get("/agenda/calendar/not-a-real-secret.ics").status_code == 404


def test_another_users_or_workspaces_feed_cannot_be_revoked(world, clock):
    _create_feed(world.client_for(world.other_member))
    _create_feed(world.client_for(world.outsider))
    others = CalendarFeed.unscoped_objects.all()

    for feed in others:
        response = world.client_for(world.member).post(f"/agenda/calendar/{feed.pk}/revoke/")
        assert response.status_code == 404
    assert all(f.revoked_at is None for f in CalendarFeed.unscoped_objects.all())


def test_calendar_page_explains_how_to_start(world, clock):
    html = world.client_for(world.member).get("/agenda/calendar/").content.decode()

    assert "No calendar feed yet" in html
    assert 'action="/agenda/calendar/new/"' in html
