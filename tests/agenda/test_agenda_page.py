from __future__ import annotations

import datetime as dt

from django.urls import reverse

from headway.agenda.selectors import build_agenda
from tests import factories
from tests.agenda.helpers import membership_of


def test_agenda_is_the_home_page_with_overdue_today_and_this_week(world, clock):
    acme = factories.make_account(world.workspace, name="Globex", owner=world.member)
    today = dt.date(2026, 11, 22)
    factories.make_action(
        world.workspace,
        world.member,
        title="Send the proposal",
        due_date=today - dt.timedelta(days=3),
        account=acme,
    )
    factories.make_action(world.workspace, world.member, title="Call Hank", due_date=today)
    factories.make_action(
        world.workspace, world.member, title="Plan the QBR", due_date=today + dt.timedelta(days=4)
    )
    factories.make_action(
        world.workspace, world.member, title="Far away", due_date=today + dt.timedelta(days=30)
    )

    response = world.client_for(world.member).get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sunday 22 November 2026" in html
    overdue, rest = html.split('id="agenda-today"')
    today_part, week_part = rest.split('id="agenda-week"')
    assert "Send the proposal" in overdue and "3 days overdue" in overdue
    assert "Globex" in overdue
    assert "Call Hank" in today_part and "Due today" in today_part
    assert "Plan the QBR" in week_part and "Due in 4 days" in week_part
    assert "Far away" not in html
    assert 'href="/agenda/calendar/"' in html


def test_the_agenda_is_personal_to_the_signed_in_user(world, clock):
    factories.make_action(
        world.workspace, world.other_member, title="Otto's call", due_date=dt.date(2026, 11, 22)
    )

    html = world.client_for(world.member).get("/").content.decode()

    assert "Otto's call" not in html


def test_done_actions_are_not_on_the_agenda(world, clock):
    factories.make_action(
        world.workspace, world.member, title="Still open", due_date=dt.date(2026, 11, 22)
    )
    action = factories.make_action(
        world.workspace, world.member, title="Finished", due_date=dt.date(2026, 11, 22)
    )
    action.done_at = dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC)
    action.save()
    factories.made(action)

    agenda = build_agenda(membership_of(world.workspace, world.member))

    assert [e.item.title for e in agenda.group("today").entries] == ["Still open"]


def test_empty_agenda_says_a_clear_week_and_where_to_start(world, clock):
    html = world.client_for(world.member).get("/").content.decode()

    assert "Nothing due — a clear week" in html
    assert "/accounts/" in html


def test_signed_out_visitor_is_sent_to_sign_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_items_sort_by_due_day_then_title(world, clock):
    today = dt.date(2026, 11, 22)
    for title in ["Zeta", "alpha", "Mike"]:
        factories.make_action(world.workspace, world.member, title=title, due_date=today)
    factories.make_action(
        world.workspace, world.member, title="Earlier", due_date=today - dt.timedelta(days=1)
    )

    agenda = build_agenda(membership_of(world.workspace, world.member))

    assert [e.item.title for e in agenda.group("today").entries] == ["alpha", "Mike", "Zeta"]
    assert [e.item.title for e in agenda.group("overdue").entries] == ["Earlier"]


def test_item_text_typed_by_users_is_shown_as_text_not_markup(world, clock):
    account = factories.make_account(
        world.workspace, name='Bold & <b>Brash</b> "Ltd"', owner=world.member
    )
    factories.make_action(
        world.workspace,
        world.member,
        title="<script>alert(1)</script> call back",
        due_date=dt.date(2026, 11, 22),
        account=account,
    )

    html = world.client_for(world.member).get("/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; call back" in html
    assert 'aria-label="Done: &lt;script&gt;alert(1)&lt;/script&gt; call back"' in html
    assert "Bold &amp; &lt;b&gt;Brash&lt;/b&gt; &quot;Ltd&quot;" in html
