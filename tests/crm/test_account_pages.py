"""The account list, the account page and the account forms, as people use them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from headway.crm import services
from headway.crm.models import Account, Change, Contact, InteractionContact
from headway.workspaces.models import Membership
from tests import factories
from tests.kit import assert_constant_queries

pytestmark = pytest.mark.django_db


def membership(world, user):
    return Membership.objects.in_workspace(world.workspace).get(user=user)


def names_in(html: str) -> list[str]:
    """Account names linked from the list, in page order."""
    return re.findall(r'<a href="/accounts/\d+/">([^<]+)</a>', html)


def account_form_data(**overrides):
    data = {
        "name": "Globex",
        "domain": "globex.example",
        "industry": "Energy",
        "owner": "",
        "status": "customer",
        "tier": "key",
        "relationship_strength": "4",
        "could_do_more": "on",
        "cadence_days": "",
    }
    data.update(overrides)
    return data


def edit_data(account: Account, **overrides):
    data = account_form_data(
        name=account.name,
        domain=account.domain,
        industry=account.industry,
        owner=str(account.owner_id or ""),
        status=account.status,
        tier=account.tier,
        relationship_strength=str(account.relationship_strength),
        could_do_more="on" if account.could_do_more else "",
        cadence_days=str(account.cadence_days or ""),
        version=str(account.version),
    )
    if not data["could_do_more"]:
        del data["could_do_more"]
    data.update(overrides)
    return data


# --- list ------------------------------------------------------------------------------------


def test_account_list_searches_names_and_domains(world):
    factories.make_account(world.workspace, name="Globex", domain="globex.example")
    factories.make_account(world.workspace, name="Initech", domain="initech.example")
    factories.make_account(world.workspace, name="Umbrella", domain="globex-partner.example")
    factories.make_account(world.other_workspace, name="Globex Rival")
    client = world.client_for(world.member)

    html = client.get("/accounts/", {"q": "globex"}).content.decode()

    assert names_in(html) == ["Globex", "Umbrella"]
    assert "data-search" in html


def test_account_list_filters_by_status_tier_owner_and_could_do_more(world):
    factories.make_account(
        world.workspace,
        name="Match",
        status="customer",
        tier="key",
        owner=world.member,
        could_do_more=True,
    )
    factories.make_account(
        world.workspace,
        name="Wrong status",
        status="prospect",
        tier="key",
        owner=world.member,
        could_do_more=True,
    )
    factories.make_account(
        world.workspace,
        name="Wrong tier",
        status="customer",
        owner=world.member,
        could_do_more=True,
    )
    factories.make_account(
        world.workspace,
        name="Wrong owner",
        status="customer",
        tier="key",
        owner=world.other_member,
        could_do_more=True,
    )
    factories.make_account(
        world.workspace,
        name="Not growing",
        status="customer",
        tier="key",
        owner=world.member,
    )
    client = world.client_for(world.viewer)

    response = client.get(
        "/accounts/",
        {"status": "customer", "tier": "key", "owner": world.member.pk, "could_do_more": "yes"},
    )

    assert names_in(response.content.decode()) == ["Match"]


def test_account_list_sorts_by_strength_both_ways(world):
    for name, strength in [("Cold", 1), ("Warm", 3), ("Trusted", 5)]:
        factories.make_account(world.workspace, name=name, relationship_strength=strength)
    client = world.client_for(world.member)

    ascending = client.get("/accounts/", {"sort": "strength"}).content.decode()
    descending = client.get("/accounts/", {"sort": "-strength"}).content.decode()

    assert names_in(ascending) == ["Cold", "Warm", "Trusted"]
    assert names_in(descending) == ["Trusted", "Warm", "Cold"]
    assert 'aria-sort="descending"' in descending


def test_account_list_shows_25_per_page_with_next_and_previous(world):
    for n in range(30):
        factories.make_account(world.workspace, name=f"Account {n:02d}")
    client = world.client_for(world.member)

    first = client.get("/accounts/").content.decode()
    second = client.get("/accounts/", {"page": 2}).content.decode()

    assert len(names_in(first)) == 25
    assert names_in(second) == [f"Account {n:02d}" for n in range(25, 30)]
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_account_list_shows_strength_in_words_and_flags_overdue_touch(world):
    factories.make_account(
        world.workspace,
        name="Quiet",
        relationship_strength=3,
        last_touch_at=timezone.now() - dt.timedelta(days=45),
    )
    factories.make_account(
        world.workspace,
        name="Fresh",
        cadence_days=14,
        last_touch_at=timezone.now() - dt.timedelta(days=12),
    )
    html = world.client_for(world.member).get("/accounts/").content.decode()

    assert "●●●○○" in html and "3 of 5" in html
    assert "45 days ago" in html and "12 days ago" in html
    rows = {name: row for row in html.split("<tr>") for name in ("Quiet", "Fresh") if name in row}
    assert "Due a touch" in rows["Quiet"]
    assert "Due a touch" not in rows["Fresh"]


def test_empty_account_list_says_to_add_the_first_account(world):
    html = world.client_for(world.member).get("/accounts/").content.decode()

    assert "No accounts yet — add your first account" in html
    assert 'href="/accounts/new/"' in html


def test_account_list_without_matches_offers_to_clear_filters(world):
    factories.make_account(world.workspace, name="Globex")

    html = world.client_for(world.member).get("/accounts/", {"q": "zzz"}).content.decode()

    assert "No account matches “zzz”" in html
    assert "clear filters" in html


def test_viewer_sees_no_new_account_button(world):
    factories.make_account(world.workspace, name="Globex")

    viewer_html = world.client_for(world.viewer).get("/accounts/").content.decode()
    member_html = world.client_for(world.member).get("/accounts/").content.decode()

    assert "data-shortcut-new" not in viewer_html
    assert "data-shortcut-new" in member_html


def test_account_list_queries_do_not_grow_with_rows(world):
    def add(count):
        for _ in range(count):
            factories.make_account(
                world.workspace, owner=world.member, last_touch_at=timezone.now()
            )

    add(5)
    client = world.client_for(world.member)

    assert_constant_queries(client, "/accounts/", lambda: add(45))


# --- create ----------------------------------------------------------------------------------


def test_creating_an_account_with_bad_input_shows_field_errors_and_saves_nothing(world):
    client = world.client_for(world.member)

    response = client.post(
        "/accounts/new/",
        account_form_data(name="", relationship_strength="9", cadence_days="0"),
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Give the account a name" in html
    assert "Use 1 (cold) to 5 (trusted partner)." in html
    assert "Use a number of days from 1 to 365" in html
    assert 'name="industry" value="Energy"' in html  # what was typed is kept
    assert not Account.objects.in_workspace(world.workspace).exists()
    assert not Change.objects.in_workspace(world.workspace).exists()


def test_creating_an_account_opens_its_page_owned_by_the_creator_by_default(world):
    client = world.client_for(world.member)
    form_html = client.get("/accounts/new/").content.decode()
    assert f'<option value="{world.member.pk}" selected>' in form_html

    response = client.post("/accounts/new/", account_form_data(owner=str(world.member.pk)))

    account = Account.objects.in_workspace(world.workspace).get()
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/{account.pk}/"
    assert account.owner == world.member
    assert account.could_do_more is True
    page = client.get(response["Location"]).content.decode()
    assert "Added Globex" in page


def test_owner_must_be_a_member_of_this_workspace(world):
    client = world.client_for(world.manager)

    response = client.post("/accounts/new/", account_form_data(owner=str(world.outsider.pk)))

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert f'value="{world.outsider.pk}"' not in client.get("/accounts/new/").content.decode()
    assert not Account.objects.in_workspace(world.workspace).exists()


# --- edit ------------------------------------------------------------------------------------


def test_editing_an_account_records_history_shown_on_the_account_page(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    client = world.client_for(world.member)
    form_html = client.get(f"/accounts/{account.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in form_html

    response = client.post(
        f"/accounts/{account.pk}/edit/", edit_data(account, status="customer", name="Globex AG")
    )

    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.name, account.status, account.version) == ("Globex AG", "customer", 2)
    page = client.get(f"/accounts/{account.pk}/").content.decode()
    assert "Status: Prospect → Customer" in page
    assert "Name: Globex → Globex AG" in page
    assert "Mia Member" in page.split('id="history-h"')[1]


def test_a_second_concurrent_edit_is_refused_and_the_first_is_kept(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    first, second = world.client_for(world.member), world.client_for(world.manager)
    first.get(f"/accounts/{account.pk}/edit/")
    second.get(f"/accounts/{account.pk}/edit/")  # both loaded version 1

    ok = first.post(f"/accounts/{account.pk}/edit/", edit_data(account, industry="Energy"))
    refused = second.post(f"/accounts/{account.pk}/edit/", edit_data(account, industry="Mining"))

    assert ok.status_code == 302
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Someone else changed this account while you were editing it" in html
    assert 'value="Mining"' in html  # the second person's input is still there to copy
    account.refresh_from_db()
    assert account.industry == "Energy"
    assert account.version == 2


def test_member_cannot_edit_another_members_account_but_a_manager_can(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.other_member)
    member = world.client_for(world.member)

    assert member.get(f"/accounts/{account.pk}/edit/").status_code == 403
    refused = member.post(f"/accounts/{account.pk}/edit/", edit_data(account, name="Mine now"))
    assert refused.status_code == 403
    assert "Ask the owner to reassign it" in refused.content.decode()
    page = member.get(f"/accounts/{account.pk}/").content.decode()
    assert f'href="/accounts/{account.pk}/edit/"' not in page

    manager = world.client_for(world.manager)
    assert (
        f'href="/accounts/{account.pk}/edit/"'
        in manager.get(f"/accounts/{account.pk}/").content.decode()
    )
    saved = manager.post(f"/accounts/{account.pk}/edit/", edit_data(account, name="Globex AG"))
    assert saved.status_code == 302
    account.refresh_from_db()
    assert account.name == "Globex AG"


# --- viewer, outsider, delete ----------------------------------------------------------------


def test_viewer_cannot_create_edit_or_delete_an_account(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.viewer)
    client = world.client_for(world.viewer)

    assert client.get("/accounts/new/").status_code == 403
    assert client.post("/accounts/new/", account_form_data(name="Sneaky")).status_code == 403
    assert (
        client.post(f"/accounts/{account.pk}/edit/", edit_data(account, name="X")).status_code
        == 403
    )
    assert client.post(f"/accounts/{account.pk}/delete/").status_code == 403

    page = client.get(f"/accounts/{account.pk}/").content.decode()
    for hidden in ("/edit/", "/delete/", "Log interaction", "Add contact"):
        assert hidden not in page
    names = list(Account.objects.in_workspace(world.workspace).values_list("name", flat=True))
    assert names == ["Globex"]


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/{id}/",
        "/accounts/{id}/edit/",
        "/accounts/{id}/delete/",
        "/accounts/{id}/contacts/new/",
    ],
)
def test_outsider_gets_404_for_this_workspaces_account(world, path):
    account = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.outsider)
    url = path.format(id=account.pk)

    assert client.get(url).status_code == 404
    assert client.post(url, edit_data(account, name="Taken")).status_code == 404
    assert Account.objects.in_workspace(world.workspace).get().name == "Globex"


def test_deleting_an_account_needs_a_confirmed_post_and_returns_to_the_list(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    factories.make_contact(account, name="Jane Doe")
    client = world.client_for(world.member)

    page = client.get(f"/accounts/{account.pk}/").content.decode()
    assert re.search(r'<button[^>]*data-confirm="Delete Globex[^"]*"[^>]*>Delete</button>', page)
    assert client.get(f"/accounts/{account.pk}/delete/").status_code == 405

    response = client.post(f"/accounts/{account.pk}/delete/", follow=True)

    assert response.redirect_chain == [("/accounts/", 302)]
    assert "Deleted Globex" in response.content.decode()
    assert not Account.objects.in_workspace(world.workspace).exists()
    assert not Contact.objects.in_workspace(world.workspace).exists()


# --- account page ----------------------------------------------------------------------------


def test_account_page_shows_facts_map_deals_timeline_and_open_actions(world):
    world.member.time_zone = "Asia/Tokyo"
    world.member.save()
    account = factories.make_account(
        world.workspace,
        name="Globex",
        domain="globex.example",
        industry="Energy",
        owner=world.member,
        status="customer",
        tier="key",
        relationship_strength=4,
        could_do_more=True,
    )
    jane = factories.make_contact(
        account,
        name="Jane Doe",
        title="CFO",
        level="executive",
        stance="advocate",
        our_person=world.member,
    )
    factories.make_deal(account, title="Renewal 2027", stage="propose", amount=120000)
    when = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)  # 08:30 on the 21st in Tokyo
    talk = factories.make_interaction(
        account, kind="meeting", occurred_at=when, summary="Budget review", next_step="Send offer"
    )
    InteractionContact.objects.create(workspace=world.workspace, interaction=talk, contact=jane)
    factories.make_action(
        world.workspace,
        world.member,
        title="Call Jane back",
        account=account,
        due_date=timezone.localdate() - dt.timedelta(days=2),
    )
    factories.make_action(
        world.workspace,
        world.member,
        title="Already done",
        account=account,
        done_at=timezone.now(),
    )

    html = world.client_for(world.member).get(f"/accounts/{account.pk}/").content.decode()

    for text in ("globex.example", "Energy", "Key account", "4 of 5", "every 30 days"):
        assert text in html
    assert "<svg" in html and "Jane Doe" in html
    assert "Renewal 2027" in html and "Propose" in html and "120,000 EUR" in html
    assert "Sat 21 Nov 2026, 08:30" in html  # in the reader's time zone
    assert "Budget review" in html and "Send offer" in html
    assert "Call Jane back" in html and "Overdue" in html
    assert "Already done" not in html
    assert f'href="/accounts/{account.pk}/interactions/new/"' in html
    assert f'href="/accounts/{account.pk}/contacts/new/"' in html
    assert f'href="/accounts/{account.pk}/deals/new/"' in html
    assert f'href="/accounts/{account.pk}/actions/new/"' in html


def test_account_page_without_contacts_says_who_to_add_first(world):
    account = factories.make_account(world.workspace, name="Globex")

    html = world.client_for(world.member).get(f"/accounts/{account.pk}/").content.decode()

    assert "<svg" not in html
    assert "No contacts yet." in html
    assert "start with the decision makers" in html


def test_account_page_history_names_changed_contacts(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    m = membership(world, world.member)
    contact = services.contact_create(membership=m, account=account, name="Jane Doe")
    services.contact_update(membership=m, contact=contact, stance="advocate")

    html = world.client_for(world.viewer).get(f"/accounts/{account.pk}/").content.decode()
    history = html.split('id="history-h"')[1]

    assert "Contact <strong>Jane Doe</strong> changed" in history
    assert "Stance: Neutral → Advocate" in history


def test_account_page_queries_do_not_grow_with_rows(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    m = membership(world, world.member)

    def add(count):
        for n in range(count):
            contact = services.contact_create(
                membership=m,
                account=account,
                name=f"Person {n}",
                our_person=world.member,
                level=["executive", "management", "operational"][n % 3],
            )
            services.deal_create(membership=m, account=account, title=f"Deal {n}")
            services.interaction_create(
                membership=m, account=account, summary=f"Talk {n}", contacts=[contact]
            )
            services.action_create(
                membership=m,
                title=f"Step {n}",
                account=account,
                due_date=timezone.localdate(),
            )

    add(5)
    client = world.client_for(world.member)

    assert_constant_queries(client, f"/accounts/{account.pk}/", lambda: add(45))
