"""Logging, listing, editing and deleting interactions through the web pages."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from headway.crm import selectors, services
from headway.crm.forms_activity import CONTACT_CHOICE
from headway.crm.models import Account, Interaction, InteractionContact
from headway.workspaces.models import Membership
from tests import factories
from tests.kit import assert_constant_queries

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def membership(world, user):
    return Membership.objects.in_workspace(world.workspace).get(user=user)


def shows(response, text: str) -> bool:
    return escape(text) in response.content.decode()


def log_data(**overrides):
    data = {
        "kind": "call",
        "occurred_at": "2026-11-20T09:30",
        "summary": "Talked about the pilot.",
        "next_step": "Send the quote",
    }
    data.update(overrides)
    return data


def test_logging_an_interaction_updates_last_touch_and_returns_to_the_account(world):
    account = factories.make_account(world.workspace, name="Globex")
    anna = factories.make_contact(account, name="Anna")
    client = world.client_for(world.member)

    response = client.post(
        f"/accounts/{account.pk}/interactions/new/", log_data(contacts=[anna.pk]), follow=True
    )

    assert response.redirect_chain[0][0] == reverse("crm:account_detail", args=[account.pk])
    assert shows(response, "Interaction with Globex logged.")
    interaction = Interaction.objects.in_workspace(world.workspace).get()
    assert interaction.author == world.member
    assert list(interaction.contacts.all()) == [anna]
    account.refresh_from_db()
    assert account.last_touch_at == interaction.occurred_at
    page = selectors.account_page(workspace=world.workspace, account=account)
    assert [i.summary for i in page.interactions] == ["Talked about the pilot."]


def test_the_time_is_entered_and_shown_in_the_users_time_zone(world):
    world.member.time_zone = "Europe/Paris"
    world.member.save()
    account = factories.make_account(world.workspace)
    client = world.client_for(world.member)

    client.post(f"/accounts/{account.pk}/interactions/new/", log_data())

    interaction = Interaction.objects.in_workspace(world.workspace).get()
    assert interaction.occurred_at == dt.datetime(2026, 11, 20, 9, 30, tzinfo=PARIS)
    assert interaction.occurred_at == dt.datetime(2026, 11, 20, 8, 30, tzinfo=dt.UTC)
    assert "Fri 20 Nov 2026, 09:30" in client.get("/interactions/").content.decode()


def test_the_log_form_defaults_to_now_and_offers_only_this_accounts_contacts(world):
    world.member.time_zone = "Europe/Paris"
    world.member.save()
    account = factories.make_account(world.workspace)
    factories.make_contact(account, name="Anna Insider")
    other = factories.make_account(world.workspace)
    factories.make_contact(other, name="Bob Elsewhere")

    with time_machine.travel(dt.datetime(2026, 11, 22, 13, 5, tzinfo=dt.UTC), tick=False):
        html = (
            world.client_for(world.member)
            .get(f"/accounts/{account.pk}/interactions/new/")
            .content.decode()
        )

    assert 'value="2026-11-22T14:05"' in html
    assert "Anna Insider" in html
    assert "Bob Elsewhere" not in html
    assert 'type="checkbox" name="contacts"' in html


def test_logging_with_a_contact_of_another_account_is_refused(world):
    account = factories.make_account(world.workspace)
    other = factories.make_account(world.workspace)
    stranger = factories.make_contact(other, name="Stranger")
    client = world.client_for(world.member)

    response = client.post(
        f"/accounts/{account.pk}/interactions/new/", log_data(contacts=[stranger.pk])
    )

    assert response.status_code == 422
    assert shows(response, CONTACT_CHOICE)
    assert not Interaction.objects.in_workspace(world.workspace).exists()
    account.refresh_from_db()
    assert account.last_touch_at is None


def test_an_empty_summary_is_refused_with_a_message(world):
    account = factories.make_account(world.workspace)
    response = world.client_for(world.member).post(
        f"/accounts/{account.pk}/interactions/new/", log_data(summary="")
    )
    assert response.status_code == 422
    assert "Write a line about what was said or done." in response.content.decode()


def test_logging_without_an_account_asks_for_the_account_first(world):
    account = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.member)

    chooser = client.get("/interactions/new/")
    assert chooser.status_code == 200
    assert "which account was it with?" in chooser.content.decode()
    assert f'<option value="{account.pk}">Globex</option>' in chooser.content.decode()

    form = client.get(f"/interactions/new/?account={account.pk}")
    assert 'name="summary"' in form.content.decode()

    response = client.post(f"/interactions/new/?account={account.pk}", log_data())
    assert response.status_code == 302
    assert Interaction.objects.in_workspace(world.workspace).get().account == account


def test_interaction_list_filters_by_kind_author_account_and_search(world):
    globex = factories.make_account(world.workspace, name="Globex")
    initech = factories.make_account(world.workspace, name="Initech")
    factories.make_interaction(globex, kind="call", summary="Pricing call", author=world.member)
    factories.make_interaction(initech, kind="lunch", summary="Lunch chat", author=world.manager)
    client = world.client_for(world.viewer)

    def listed(query: str) -> str:
        return client.get(f"/interactions/?{query}").content.decode()

    assert "Pricing call" in listed("kind=call") and "Lunch chat" not in listed("kind=call")
    by_manager = listed(f"author={world.manager.pk}")
    assert "Lunch chat" in by_manager and "Pricing call" not in by_manager
    assert "Pricing call" not in listed(f"account={initech.pk}")
    assert "Lunch chat" in listed("q=chat") and "Pricing call" not in listed("q=chat")


def test_interaction_list_is_newest_first_and_paginated(world):
    account = factories.make_account(world.workspace)
    start = timezone.now() - dt.timedelta(days=40)
    for n in range(30):
        factories.make_interaction(
            account, summary=f"Talk {n:02d}", occurred_at=start + dt.timedelta(days=n)
        )
    client = world.client_for(world.member)

    first = client.get("/interactions/").content.decode()
    found = re.findall(r"Talk \d\d", first)
    assert found[0] == "Talk 29" and len(found) == 25
    second = client.get("/interactions/?page=2").content.decode()
    assert re.findall(r"Talk \d\d", second) == [f"Talk {n:02d}" for n in range(4, -1, -1)]


def test_empty_interaction_list_says_what_to_do_first(world):
    html = world.client_for(world.member).get("/interactions/").content.decode()
    assert "No interactions logged yet" in html


def test_author_edits_an_interaction_and_its_participants(world):
    account = factories.make_account(world.workspace)
    anna = factories.make_contact(account, name="Anna")
    bob = factories.make_contact(account, name="Bob")
    m = membership(world, world.member)
    interaction = services.interaction_create(
        membership=m, account=account, summary="First", contacts=[anna]
    )
    client = world.client_for(world.member)

    form = client.get(f"/interactions/{interaction.pk}/edit/").content.decode()
    assert re.search(rf'<input type="checkbox" name="contacts" value="{anna.pk}"[^>]*checked', form)
    assert not re.search(
        rf'<input type="checkbox" name="contacts" value="{bob.pk}"[^>]*checked', form
    )

    response = client.post(
        f"/interactions/{interaction.pk}/edit/",
        log_data(summary="Second", contacts=[bob.pk], version=str(interaction.version)),
    )
    assert response.status_code == 302
    interaction.refresh_from_db()
    assert interaction.summary == "Second"
    assert list(interaction.contacts.all()) == [bob]


def test_concurrent_edit_of_an_interaction_is_refused(world):
    account = factories.make_account(world.workspace)
    interaction = services.interaction_create(
        membership=membership(world, world.member), account=account, summary="First"
    )
    services.interaction_update(
        membership=membership(world, world.manager),
        interaction=interaction,
        version=1,
        summary="Manager's",
    )
    response = world.client_for(world.member).post(
        f"/interactions/{interaction.pk}/edit/", log_data(summary="Mine", version="1")
    )
    assert response.status_code == 409
    assert "Someone else changed this interaction" in response.content.decode()
    assert "Mine</textarea>" in response.content.decode()


def test_deleting_an_interaction_returns_to_the_account_and_recomputes_last_touch(world):
    account = factories.make_account(world.workspace)
    m = membership(world, world.member)
    older = services.interaction_create(
        membership=m,
        account=account,
        summary="Older",
        occurred_at=timezone.now() - dt.timedelta(days=9),
    )
    newer = services.interaction_create(membership=m, account=account, summary="Newer")
    client = world.client_for(world.member)

    assert client.get(f"/interactions/{newer.pk}/delete/").status_code == 405
    response = client.post(f"/interactions/{newer.pk}/delete/")

    assert response.status_code == 302
    assert response["Location"] == reverse("crm:account_detail", args=[account.pk])
    account.refresh_from_db()
    assert account.last_touch_at == older.occurred_at


def test_member_cannot_edit_someone_elses_interaction_but_a_manager_can(world):
    account = factories.make_account(world.workspace, owner=world.other_member)
    interaction = services.interaction_create(
        membership=membership(world, world.other_member), account=account, summary="Theirs"
    )
    member = world.client_for(world.member)
    assert member.get(f"/interactions/{interaction.pk}/edit/").status_code == 403
    assert (
        member.post(
            f"/interactions/{interaction.pk}/edit/", log_data(summary="x", version="1")
        ).status_code
        == 403
    )
    assert member.post(f"/interactions/{interaction.pk}/delete/").status_code == 403

    manager = world.client_for(world.manager)
    response = manager.post(
        f"/interactions/{interaction.pk}/edit/", log_data(summary="Fixed", version="1")
    )
    assert response.status_code == 302


def test_viewer_sees_interactions_but_gets_403_on_every_change(world):
    account = factories.make_account(world.workspace)
    interaction = factories.make_interaction(account, summary="Visible")
    client = world.client_for(world.viewer)

    html = client.get("/interactions/").content.decode()
    assert "Visible" in html and "Log an interaction" not in html and ">Edit<" not in html
    assert client.post(f"/accounts/{account.pk}/interactions/new/", log_data()).status_code == 403
    assert client.post(f"/interactions/new/?account={account.pk}", log_data()).status_code == 403
    assert client.post(f"/interactions/{interaction.pk}/edit/", log_data()).status_code == 403
    assert client.post(f"/interactions/{interaction.pk}/delete/").status_code == 403
    assert Interaction.objects.in_workspace(world.workspace).count() == 1


def test_outsider_gets_404_for_every_interaction_route(world):
    account = factories.make_account(world.workspace)
    interaction = factories.make_interaction(account)
    client = world.client_for(world.outsider)
    urls = [
        f"/accounts/{account.pk}/interactions/new/",
        f"/interactions/new/?account={account.pk}",
        f"/interactions/{interaction.pk}/edit/",
        f"/interactions/{interaction.pk}/delete/",
        f"/interactions/?account={account.pk}",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in urls[:4]:
        assert client.post(url, log_data()).status_code == 404, url
    assert Interaction.objects.in_workspace(world.workspace).count() == 1
    assert not Account.objects.in_workspace(world.other_workspace).exists()


def test_interaction_list_runs_the_same_queries_for_5_and_50_interactions(world):
    def add(n: int) -> None:
        for i in range(n):
            account = factories.make_account(world.workspace, owner=world.member)
            contact = factories.make_contact(account)
            interaction = factories.make_interaction(
                account, author=world.other_member if i % 2 else world.member
            )
            InteractionContact.objects.create(
                workspace=world.workspace, interaction=interaction, contact=contact
            )

    add(5)
    assert_constant_queries(world.client_for(world.member), "/interactions/", lambda: add(45))
