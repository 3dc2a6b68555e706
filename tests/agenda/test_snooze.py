from __future__ import annotations

import datetime as dt

from headway.agenda.models import AgendaSnooze
from tests import factories
from tests.agenda.helpers import agenda_for, keys

TODAY = dt.date(2026, 11, 22)


def test_snoozing_an_action_hides_it_until_the_day_it_comes_back(world, clock):
    action = factories.make_action(
        world.workspace, world.member, title="Chase the PO", due_date=TODAY
    )
    client = world.client_for(world.member)

    response = client.post(
        "/agenda/snooze/", {"key": f"action:{action.pk}", "days": "3"}, follow=True
    )

    assert "Snoozed until Wed 25 Nov." in response.content.decode()
    action.refresh_from_db()
    assert action.snoozed_until == dt.date(2026, 11, 25)
    assert f"action:{action.pk}" not in keys(agenda_for(world.workspace, world.member))

    clock.move_to(dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC))
    assert f"action:{action.pk}" not in keys(agenda_for(world.workspace, world.member))

    clock.move_to(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC))
    agenda = agenda_for(world.workspace, world.member)
    assert [e.item.title for e in agenda.group("today").entries] == ["Chase the PO"]


def test_snoozing_a_computed_item_hides_it_until_the_date(world, clock):
    account = factories.make_account(
        world.workspace,
        name="Globex",
        owner=world.member,
        last_touch_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
    )
    key = f"cadence:account:{account.pk}"
    assert key in keys(agenda_for(world.workspace, world.member))

    response = world.client_for(world.member).post(
        "/agenda/snooze/", {"key": key, "until": "2026-11-29"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert "Snoozed until Sun 29 Nov." in response.content.decode()
    assert "No touch for" not in response.content.decode()
    assert AgendaSnooze.objects.in_workspace(world.workspace).get(key=key).until == dt.date(
        2026, 11, 29
    )
    clock.move_to(dt.datetime(2026, 11, 28, 23, tzinfo=dt.UTC))
    assert key not in keys(agenda_for(world.workspace, world.member))
    clock.move_to(dt.datetime(2026, 11, 29, 1, tzinfo=dt.UTC))
    assert key in keys(agenda_for(world.workspace, world.member))


def test_snoozing_again_moves_the_date_instead_of_adding_a_row(world, clock):
    account = factories.make_account(
        world.workspace, owner=world.member, last_touch_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    )
    client = world.client_for(world.member)
    client.post("/agenda/snooze/", {"key": f"cadence:account:{account.pk}", "days": "1"})
    client.post("/agenda/snooze/", {"key": f"cadence:account:{account.pk}", "days": "7"})

    rows = AgendaSnooze.objects.in_workspace(world.workspace).filter(user=world.member)
    assert [r.until for r in rows] == [dt.date(2026, 11, 29)]


def test_snoozing_to_today_or_earlier_is_refused_with_what_to_do(world, clock):
    action = factories.make_action(world.workspace, world.member, due_date=TODAY)

    response = world.client_for(world.member).post(
        "/agenda/snooze/", {"key": f"action:{action.pk}", "until": "2026-11-22"}, follow=True
    )

    assert "Snooze to a day after today." in response.content.decode()
    action.refresh_from_db()
    assert action.snoozed_until is None


def test_snoozing_without_a_length_says_how(world, clock):
    response = world.client_for(world.member).post(
        "/agenda/snooze/", {"key": "cadence:account:1"}, follow=True
    )

    assert "Choose how long to snooze" in response.content.decode()


def test_another_workspaces_action_cannot_be_snoozed(world, clock):
    foreign = factories.make_action(world.other_workspace, world.outsider, due_date=TODAY)

    response = world.client_for(world.member).post(
        "/agenda/snooze/", {"key": f"action:{foreign.pk}", "days": "1"}
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.snoozed_until is None
