"""Actions (next steps) through the web pages: list, add, edit, done / undo, snooze, delete."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone
from django.utils.html import escape

from headway.crm.models import Action
from tests import factories
from tests.kit import assert_constant_queries

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = dt.date(2026, 11, 22)
NOON = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(NOON, tick=False):
        yield


def shows(response, text: str) -> bool:
    return escape(text) in response.content.decode()


def listed(client, query: str = "") -> str:
    return client.get(f"/actions/?{query}").content.decode()


def action_data(**overrides):
    data = {"title": "Call Anna about the pilot", "owner": "", "due_date": "2026-11-30"}
    data.update(overrides)
    return data


# --- list -----------------------------------------------------------------------------------


def test_action_list_shows_my_open_actions_by_default_and_everyones_on_request(world):
    factories.make_action(world.workspace, world.member, title="Mine open")
    factories.make_action(world.workspace, world.member, title="Mine done", done_at=timezone.now())
    factories.make_action(world.workspace, world.manager, title="Manager's open")
    client = world.client_for(world.member)

    mine = listed(client)
    assert "Mine open" in mine
    assert "Mine done" not in mine and "Manager&#x27;s open" not in mine

    everyone = listed(client, "owner=all")
    assert "Mine open" in everyone and "Manager&#x27;s open" in everyone

    just_manager = listed(client, f"owner={world.manager.pk}")
    assert "Manager&#x27;s open" in just_manager and "Mine open" not in just_manager

    done = listed(client, "status=done")
    assert "Mine done" in done and "Mine open" not in done
    both = listed(client, "status=all")
    assert "Mine done" in both and "Mine open" in both

    assert "Mine open" not in listed(client, "q=manager")


def test_overdue_actions_are_flagged_with_a_word_not_only_a_colour(world):
    factories.make_action(
        world.workspace, world.member, title="Late one", due_date=TODAY - dt.timedelta(days=2)
    )
    factories.make_action(world.workspace, world.member, title="Today one", due_date=TODAY)
    factories.make_action(
        world.workspace, world.member, title="Later one", due_date=TODAY + dt.timedelta(days=5)
    )
    html = listed(world.client_for(world.member))

    rows = {}
    for row in re.findall(r'<tr id="action-\d+".*?</tr>', html, re.S):
        title = re.search(r">(\w+ one)</a>", row)
        assert title
        rows[title.group(1)] = row
    assert "⚠ Overdue" in rows["Late one"]
    assert "Due today" in rows["Today one"] and "Overdue" not in rows["Today one"]
    assert "Overdue" not in rows["Later one"] and "Due today" not in rows["Later one"]


def test_action_list_paginates_25_a_page(world):
    for n in range(30):
        factories.make_action(
            world.workspace, world.member, title=f"Step {n:02d}", due_date=TODAY + dt.timedelta(n)
        )
    client = world.client_for(world.member)
    first = re.findall(r"Step \d\d</a>", listed(client))
    assert len(first) == 25 and first[0] == "Step 00</a>"
    second = re.findall(r"Step \d\d</a>", listed(client, "page=2"))
    assert second == [f"Step {n}</a>" for n in range(25, 30)]


def test_empty_action_list_says_what_to_do_first(world):
    html = listed(world.client_for(world.member))
    assert "Nothing to do yet" in html and "Add your first action" in html


# --- create / edit --------------------------------------------------------------------------


def test_new_action_form_defaults_to_me_and_today(world):
    html = world.client_for(world.member).get("/actions/new/").content.decode()
    assert f'<option value="{world.member.pk}" selected>Mia Member</option>' in html
    assert 'value="2026-11-22"' in html
    assert "Oscar Outsider" not in html


def test_member_adds_an_action_for_an_account_and_returns_to_it(world):
    account = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.member)

    page = client.get(f"/accounts/{account.pk}/actions/new/")
    assert "Globex" in page.content.decode()
    response = client.post(
        f"/accounts/{account.pk}/actions/new/", action_data(owner=str(world.other_member.pk))
    )

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/{account.pk}/"
    action = Action.objects.in_workspace(world.workspace).get()
    assert action.account == account
    assert action.owner == world.other_member
    assert action.created_by == world.member
    assert action.due_date == dt.date(2026, 11, 30)


def test_an_action_added_from_a_deal_shows_on_the_deal_page(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member)
    client = world.client_for(world.member)

    response = client.post(f"/actions/new/?deal={deal.pk}", action_data(owner=str(world.member.pk)))

    assert response["Location"] == f"/deals/{deal.pk}/"
    action = Action.objects.in_workspace(world.workspace).get()
    assert action.account == account
    assert "Call Anna about the pilot" in client.get(f"/deals/{deal.pk}/").content.decode()


def test_action_owner_must_belong_to_the_workspace(world):
    response = world.client_for(world.member).post(
        "/actions/new/", action_data(owner=str(world.outsider.pk))
    )
    assert response.status_code == 422
    assert shows(response, "Pick someone who belongs to this workspace.")
    assert not Action.objects.in_workspace(world.workspace).exists()


def test_an_action_without_title_or_date_is_refused_with_messages(world):
    response = world.client_for(world.member).post(
        "/actions/new/", action_data(title="", due_date="someday", owner=str(world.member.pk))
    )
    assert response.status_code == 422
    assert shows(response, "Say what needs doing, e.g. “Call Anna about the pilot”.")
    assert shows(response, "Enter a date such as 2026-11-30.")


def test_editing_an_action_goes_back_to_next_and_detects_concurrent_edits(world):
    action = factories.make_action(world.workspace, world.member, title="Old")
    client = world.client_for(world.member)

    response = client.post(
        f"/actions/{action.pk}/edit/",
        action_data(title="New", owner=str(world.member.pk), version="1", next="/actions/?q=N"),
    )
    assert response.status_code == 302
    assert response["Location"] == "/actions/?q=N"
    action.refresh_from_db()
    assert action.title == "New"

    stale = client.post(
        f"/actions/{action.pk}/edit/",
        action_data(title="Stale", owner=str(world.member.pk), version="1"),
    )
    assert stale.status_code == 409
    assert "Someone else changed this action" in stale.content.decode()
    action.refresh_from_db()
    assert action.title == "New"


# --- done / undo / snooze -------------------------------------------------------------------


def test_marking_done_without_htmx_redirects_to_a_safe_next(world):
    action = factories.make_action(world.workspace, world.member)
    client = world.client_for(world.member)

    response = client.post(f"/actions/{action.pk}/done/", {"next": "/actions/?status=all"})
    assert response.status_code == 302
    assert response["Location"] == "/actions/?status=all"
    action.refresh_from_db()
    assert action.done_at is not None

    client.post(f"/actions/{action.pk}/undo/")
    evil = client.post(f"/actions/{action.pk}/done/", {"next": "https://evil.example/"})
    assert evil["Location"] == "/actions/"


def test_marking_done_with_htmx_returns_the_row_with_undo(world):
    action = factories.make_action(world.workspace, world.member, title="Send quote")
    client = world.client_for(world.member)

    response = client.post(f"/actions/{action.pk}/done/", {"next": "/actions/"}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="action-{action.pk}"')
    assert "<html" not in html
    assert "✓ Done" in html
    assert f'hx-post="/actions/{action.pk}/undo/"' in html
    action.refresh_from_db()
    assert action.is_done

    undone = client.post(f"/actions/{action.pk}/undo/", **HTMX).content.decode()
    assert f'hx-post="/actions/{action.pk}/done/"' in undone
    action.refresh_from_db()
    assert not action.is_done


def test_undo_without_htmx_reopens_the_action(world):
    action = factories.make_action(world.workspace, world.member, done_at=timezone.now())
    response = world.client_for(world.member).post(f"/actions/{action.pk}/undo/")
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_at is None


def test_snoozing_by_days_or_to_a_date(world):
    action = factories.make_action(world.workspace, world.member, title="Chase")
    client = world.client_for(world.member)

    response = client.post(f"/actions/{action.pk}/snooze/", {"days": "3"}, follow=True)
    action.refresh_from_db()
    assert action.snoozed_until == TODAY + dt.timedelta(days=3)
    assert shows(response, "“Chase” snoozed until Wed 25 Nov.")

    row = client.post(f"/actions/{action.pk}/snooze/", {"until": "2026-12-01"}, **HTMX)
    action.refresh_from_db()
    assert action.snoozed_until == dt.date(2026, 12, 1)
    assert "Snoozed until Tue 1 Dec" in row.content.decode()


def test_snoozing_to_today_or_the_past_is_refused_with_a_message(world):
    action = factories.make_action(world.workspace, world.member)
    client = world.client_for(world.member)

    row = client.post(f"/actions/{action.pk}/snooze/", {"until": "2026-11-22"}, **HTMX)
    assert "Snooze to a day after today." in row.content.decode()
    assert 'role="alert"' in row.content.decode()

    page = client.post(f"/actions/{action.pk}/snooze/", {"days": "0"}, follow=True)
    assert "Snooze by at least one day." in page.content.decode()

    page = client.post(f"/actions/{action.pk}/snooze/", {}, follow=True)
    assert "Choose a day to snooze to, or a number of days." in page.content.decode()
    action.refresh_from_db()
    assert action.snoozed_until is None


def test_deleting_an_action(world):
    action = factories.make_action(world.workspace, world.member)
    client = world.client_for(world.member)
    assert client.get(f"/actions/{action.pk}/delete/").status_code == 405
    response = client.post(f"/actions/{action.pk}/delete/")
    assert response["Location"] == "/actions/"
    assert not Action.objects.in_workspace(world.workspace).exists()


# --- permissions ----------------------------------------------------------------------------


def test_member_cannot_change_someone_elses_action_but_a_manager_can(world):
    action = factories.make_action(world.workspace, world.other_member, title="Theirs")
    member = world.client_for(world.member)

    assert member.get(f"/actions/{action.pk}/edit/").status_code == 403
    assert member.post(f"/actions/{action.pk}/done/").status_code == 403
    assert member.post(f"/actions/{action.pk}/done/", **HTMX).status_code == 403
    assert member.post(f"/actions/{action.pk}/snooze/", {"days": "2"}).status_code == 403
    assert member.post(f"/actions/{action.pk}/delete/").status_code == 403
    assert f'action="/actions/{action.pk}/done/"' not in listed(member, "owner=all")

    manager = world.client_for(world.manager)
    assert f'action="/actions/{action.pk}/done/"' in listed(manager, "owner=all")
    assert manager.post(f"/actions/{action.pk}/done/").status_code == 302
    action.refresh_from_db()
    assert action.is_done


def test_viewer_sees_actions_but_gets_403_on_every_change(world):
    action = factories.make_action(world.workspace, world.member, title="Visible")
    account = factories.make_account(world.workspace)
    client = world.client_for(world.viewer)

    html = listed(client, "owner=all")
    assert "Visible" in html and "New action" not in html and "hx-post" not in html
    assert client.post("/actions/new/", action_data(owner=str(world.viewer.pk))).status_code == 403
    assert client.post(f"/accounts/{account.pk}/actions/new/", action_data()).status_code == 403
    assert client.post(f"/actions/{action.pk}/edit/", action_data()).status_code == 403
    for verb in ("done", "undo", "snooze", "delete"):
        assert client.post(f"/actions/{action.pk}/{verb}/", {"days": "1"}).status_code == 403
    action.refresh_from_db()
    assert not action.is_done and action.snoozed_until is None


def test_outsider_gets_404_for_every_action_route(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account)
    action = factories.make_action(world.workspace, world.member)
    client = world.client_for(world.outsider)
    urls = [
        f"/accounts/{account.pk}/actions/new/",
        f"/actions/new/?account={account.pk}",
        f"/actions/new/?deal={deal.pk}",
        f"/actions/{action.pk}/edit/",
        f"/actions/{action.pk}/done/",
        f"/actions/{action.pk}/undo/",
        f"/actions/{action.pk}/snooze/",
        f"/actions/{action.pk}/delete/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**action_data(), "days": "1"}).status_code == 404, url
        assert client.post(url, {"days": "1"}, **HTMX).status_code == 404, url
    action.refresh_from_db()
    assert not action.is_done
    assert Action.objects.in_workspace(world.workspace).count() == 1


# --- query counts ---------------------------------------------------------------------------


def test_action_list_runs_the_same_queries_for_5_and_50_actions(world):
    def add(n: int) -> None:
        for i in range(n):
            account = factories.make_account(world.workspace, owner=world.other_member)
            factories.make_action(
                world.workspace,
                world.member if i % 2 else world.other_member,
                account=account,
                created_by=world.manager,
                due_date=TODAY + dt.timedelta(days=i - 3),
            )

    add(5)
    assert_constant_queries(world.client_for(world.member), "/actions/?owner=all", lambda: add(45))
