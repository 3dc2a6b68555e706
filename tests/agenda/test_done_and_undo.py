from __future__ import annotations

import datetime as dt

from headway.crm.models import Action
from tests import factories

TODAY = dt.date(2026, 11, 22)


def test_marking_an_action_done_takes_it_off_and_undo_brings_it_back(world, clock):
    action = factories.make_action(world.workspace, world.member, title="Call Hank", due_date=TODAY)
    client = world.client_for(world.member)

    response = client.post("/agenda/done/", {"key": f"action:{action.pk}"}, follow=True)

    action.refresh_from_db()
    assert action.done_at is not None
    html = response.content.decode()
    assert "Done: “Call Hank”." in html
    assert 'action="/agenda/undo/"' in html  # the undo button survives the redirect
    assert f'name="key" value="action:{action.pk}"' in html

    response = client.post("/agenda/undo/", {"key": f"action:{action.pk}"}, follow=True)

    action.refresh_from_db()
    assert action.done_at is None
    assert "“Call Hank” is back on your agenda." in response.content.decode()
    assert response.redirect_chain == [("/", 302)]


def test_done_through_htmx_returns_the_refreshed_agenda_with_an_undo(world, clock):
    action = factories.make_action(world.workspace, world.member, title="Call Hank", due_date=TODAY)
    factories.make_action(world.workspace, world.member, title="Still to do", due_date=TODAY)

    response = world.client_for(world.member).post(
        "/agenda/done/", {"key": f"action:{action.pk}"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="agenda-body"')
    assert "<html" not in html
    assert "Still to do" in html
    assert f'id="item-action{action.pk}"' not in html
    assert "Undo “Call Hank” done" in html


def test_another_workspaces_action_cannot_be_done(world, clock):
    foreign = factories.make_action(world.other_workspace, world.outsider, due_date=TODAY)

    response = world.client_for(world.member).post("/agenda/done/", {"key": f"action:{foreign.pk}"})

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.done_at is None


def test_undo_of_another_workspaces_action_is_404(world, clock):
    foreign = factories.make_action(
        world.other_workspace,
        world.outsider,
        due_date=TODAY,
        done_at=dt.datetime(2026, 11, 21, tzinfo=dt.UTC),
    )

    response = world.client_for(world.member).post("/agenda/undo/", {"key": f"action:{foreign.pk}"})

    assert response.status_code == 404
    assert Action.unscoped_objects.get(pk=foreign.pk).done_at is not None


def test_viewer_cannot_mark_an_action_done(world, clock):
    action = factories.make_action(world.workspace, world.member, due_date=TODAY)

    response = world.client_for(world.viewer).post("/agenda/done/", {"key": f"action:{action.pk}"})

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.done_at is None


def test_a_member_cannot_tick_off_a_colleagues_action(world, clock):
    action = factories.make_action(world.workspace, world.other_member, due_date=TODAY)

    response = world.client_for(world.member).post("/agenda/done/", {"key": f"action:{action.pk}"})

    assert response.status_code == 403


def test_done_is_post_only(world, clock):
    action = factories.make_action(world.workspace, world.member, due_date=TODAY)

    response = world.client_for(world.member).get("/agenda/done/", {"key": f"action:{action.pk}"})

    assert response.status_code == 405
    action.refresh_from_db()
    assert action.done_at is None


def test_a_malformed_key_is_explained(world, clock):
    response = world.client_for(world.member).post(
        "/agenda/done/", {"key": "nonsense"}, follow=True
    )

    assert "This agenda item is not known. Reload the agenda" in response.content.decode()
