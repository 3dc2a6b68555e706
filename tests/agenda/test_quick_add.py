from __future__ import annotations

import datetime as dt

from headway.crm.models import Action
from tests.agenda.helpers import agenda_for, titles


def test_quick_add_creates_an_action_due_today_that_shows_under_today(world, clock):
    client = world.client_for(world.member)
    page = client.get("/").content.decode()
    assert 'name="due_date"' in page and 'value="2026-11-22"' in page  # defaults to today

    response = client.post(
        "/agenda/actions/new/", {"title": "Call Hank", "due_date": "2026-11-22"}, follow=True
    )

    action = Action.objects.in_workspace(world.workspace).get(title="Call Hank")
    assert action.owner == world.member and action.due_date == dt.date(2026, 11, 22)
    assert titles(agenda_for(world.workspace, world.member), "today") == ["Call Hank"]
    html = response.content.decode()
    assert "Added “Call Hank”." in html
    assert "Call Hank" in html.split('id="agenda-today"')[1].split('id="agenda-week"')[0]


def test_quick_add_through_htmx_returns_the_fragment(world, clock):
    response = world.client_for(world.member).post(
        "/agenda/actions/new/",
        {"title": "Call Hank", "due_date": "2026-11-23"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Call Hank" in html.split('id="agenda-week"')[1]


def test_quick_add_without_a_title_says_what_to_do(world, clock):
    response = world.client_for(world.member).post(
        "/agenda/actions/new/", {"title": "", "due_date": "2026-11-22"}
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Say what needs doing" in html
    assert 'aria-describedby="id_title_error"' in html
    assert not Action.objects.in_workspace(world.workspace).exists()


def test_viewer_cannot_quick_add_and_sees_no_form(world, clock):
    client = world.client_for(world.viewer)

    assert 'action="/agenda/actions/new/"' not in client.get("/").content.decode()
    response = client.post("/agenda/actions/new/", {"title": "Sneaky", "due_date": "2026-11-22"})

    assert response.status_code == 403
    assert not Action.objects.in_workspace(world.workspace).exists()
