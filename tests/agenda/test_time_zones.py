"""'Today' is the user's today: at 20:00 UTC it is already tomorrow morning in Auckland and
still lunchtime in Los Angeles."""

from __future__ import annotations

import datetime as dt

import time_machine

from tests import factories
from tests.agenda.helpers import agenda_for, titles


def _user(email: str, zone: str):
    user = factories.make_user(email, time_zone=zone)
    return user


def test_the_same_due_days_group_differently_in_auckland_and_los_angeles(world):
    kiwi = _user("kiwi@acme.test", "Pacific/Auckland")
    angeleno = _user("la@acme.test", "America/Los_Angeles")
    for user in (kiwi, angeleno):
        factories.make_membership(world.workspace, user, "member")
        for iso in ("2026-11-22", "2026-11-23", "2026-11-30"):
            factories.make_action(
                world.workspace, user, title=f"Due {iso}", due_date=dt.date.fromisoformat(iso)
            )

    # 20:00 UTC on the 22nd = 09:00 on the 23rd in Auckland, 12:00 on the 22nd in Los Angeles.
    with time_machine.travel(dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC), tick=False):
        in_auckland = agenda_for(world.workspace, kiwi)
        in_los_angeles = agenda_for(world.workspace, angeleno)

    assert in_auckland.today == dt.date(2026, 11, 23)
    assert titles(in_auckland, "overdue") == ["Due 2026-11-22"]
    assert titles(in_auckland, "today") == ["Due 2026-11-23"]
    assert titles(in_auckland, "week") == ["Due 2026-11-30"]

    assert in_los_angeles.today == dt.date(2026, 11, 22)
    assert titles(in_los_angeles, "overdue") == []
    assert titles(in_los_angeles, "today") == ["Due 2026-11-22"]
    assert titles(in_los_angeles, "week") == ["Due 2026-11-23"]  # the 30th is beyond 7 days


def test_page_header_shows_the_date_in_the_users_time_zone(world):
    kiwi = _user("kiwi@acme.test", "Pacific/Auckland")
    factories.make_membership(world.workspace, kiwi, "member")
    factories.make_action(
        world.workspace, kiwi, title="Morning call", due_date=dt.date(2026, 11, 22)
    )

    with time_machine.travel(dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC), tick=False):
        html = world.client_for(kiwi).get("/").content.decode()

    assert "Monday 23 November 2026" in html
    assert "1 day overdue" in html
