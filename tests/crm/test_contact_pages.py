"""The contact list, the contact page and the contact forms, as people use them."""

from __future__ import annotations

import re

import pytest

from headway.crm import services
from headway.crm.models import Change, Contact, InteractionContact
from headway.workspaces.models import Membership
from tests import factories
from tests.kit import assert_constant_queries

pytestmark = pytest.mark.django_db


def membership(world, user):
    return Membership.objects.in_workspace(world.workspace).get(user=user)


def names_in(html: str) -> list[str]:
    """Contact names linked from a page, in page order."""
    return re.findall(r'<a href="/contacts/\d+/">([^<]+)</a>', html)


def contact_data(**overrides):
    data = {
        "name": "Jane Doe",
        "title": "CFO",
        "level": "executive",
        "buying_role": "decision_maker",
        "stance": "advocate",
        "email": "jane@globex.example",
        "phone": "+33 1 23 45 67 89",
        "our_person": "",
    }
    data.update(overrides)
    return data


def edit_data(contact: Contact, **overrides):
    data = contact_data(
        account=f"{contact.account.name} (#{contact.account_id})",
        name=contact.name,
        title=contact.title,
        level=contact.level,
        buying_role=contact.buying_role,
        stance=contact.stance,
        email=contact.email,
        phone=contact.phone,
        our_person=str(contact.our_person_id or ""),
        version=str(contact.version),
    )
    data.update(overrides)
    return data


# --- list ------------------------------------------------------------------------------------


def test_contact_list_searches_name_email_and_title(world):
    account = factories.make_account(world.workspace, name="Globex")
    factories.make_contact(account, name="Jane Doe", email="jane@globex.example")
    factories.make_contact(account, name="Bob Roe", title="Head of Finance")
    factories.make_contact(account, name="Finn Public", email="finn@public.example")
    factories.make_contact(account, name="Other Person", title="Engineer")
    rival = factories.make_account(world.other_workspace, name="Rival")
    factories.make_contact(rival, name="Fin Outsider")
    client = world.client_for(world.member)

    assert names_in(client.get("/contacts/", {"q": "fin"}).content.decode()) == [
        "Bob Roe",
        "Finn Public",
    ]
    assert names_in(client.get("/contacts/", {"q": "globex"}).content.decode()) == ["Jane Doe"]


def test_contact_list_filters_by_level_stance_role_and_account(world):
    globex = factories.make_account(world.workspace, name="Globex")
    initech = factories.make_account(world.workspace, name="Initech")
    wanted = {"level": "executive", "stance": "detractor", "buying_role": "evaluator"}
    factories.make_contact(globex, name="Match", **wanted)
    factories.make_contact(initech, name="Other account", **wanted)
    factories.make_contact(globex, name="Wrong level", **{**wanted, "level": "management"})
    factories.make_contact(globex, name="Wrong stance", **{**wanted, "stance": "advocate"})
    factories.make_contact(globex, name="Wrong role", **{**wanted, "buying_role": "user"})
    client = world.client_for(world.viewer)

    html = client.get("/contacts/", {**wanted, "account": globex.pk}).content.decode()

    assert names_in(html) == ["Match"]
    assert "Globex" in html and "show every account" in html


def test_contact_list_sorts_by_account(world):
    zeta = factories.make_account(world.workspace, name="Zeta")
    alpha = factories.make_account(world.workspace, name="Alpha")
    factories.make_contact(zeta, name="Ann")
    factories.make_contact(alpha, name="Zed")
    client = world.client_for(world.member)

    assert names_in(client.get("/contacts/").content.decode()) == ["Ann", "Zed"]
    assert names_in(client.get("/contacts/", {"sort": "account"}).content.decode()) == [
        "Zed",
        "Ann",
    ]


def test_contact_list_shows_25_per_page(world):
    account = factories.make_account(world.workspace, name="Globex")
    for n in range(27):
        factories.make_contact(account, name=f"Person {n:02d}")
    client = world.client_for(world.member)

    first = client.get("/contacts/").content.decode()
    second = client.get("/contacts/", {"page": 2}).content.decode()

    assert len(names_in(first)) == 25 and 'rel="next"' in first
    assert names_in(second) == ["Person 25", "Person 26"]


def test_empty_contact_list_says_what_to_do_first(world):
    client = world.client_for(world.member)

    assert "No contacts yet" in client.get("/contacts/").content.decode()
    assert "No contact matches “zz”" in client.get("/contacts/", {"q": "zz"}).content.decode()


def test_contact_list_queries_do_not_grow_with_rows(world):
    account = factories.make_account(world.workspace, name="Globex")

    def add(count):
        for _ in range(count):
            other = factories.make_account(world.workspace)
            factories.make_contact(other, our_person=world.member)
            factories.make_contact(account, our_person=world.other_member)

    add(3)
    client = world.client_for(world.member)

    assert_constant_queries(client, "/contacts/", lambda: add(25))


# --- create ----------------------------------------------------------------------------------


def test_adding_a_contact_from_an_account_page_fixes_the_account(world):
    account = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.member)

    form_html = client.get(f"/accounts/{account.pk}/contacts/new/").content.decode()
    response = client.post(
        f"/accounts/{account.pk}/contacts/new/", contact_data(our_person=str(world.member.pk))
    )

    assert 'name="account"' not in form_html
    assert "New contact at Globex" in form_html
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/{account.pk}/"
    contact = Contact.objects.in_workspace(world.workspace).get()
    assert (contact.account, contact.name, contact.our_person) == (
        account,
        "Jane Doe",
        world.member,
    )
    page = client.get(f"/accounts/{account.pk}/").content.decode()
    assert "Added Jane Doe to Globex" in page


def test_a_typed_account_is_found_by_name_or_by_its_suggestion(world):
    globex = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.member)

    by_name = client.post("/contacts/new/", contact_data(account="  globex ", name="By Name"))
    by_label = client.post(
        "/contacts/new/", contact_data(account=f"Globex (#{globex.pk})", name="By Label")
    )

    assert by_name.status_code == by_label.status_code == 302
    accounts = set(Contact.objects.in_workspace(world.workspace).values_list("account", flat=True))
    assert accounts == {globex.pk}


def test_the_new_contact_form_can_be_prefilled_with_an_account(world):
    globex = factories.make_account(world.workspace, name="Globex")
    foreign = factories.make_account(world.other_workspace, name="Rival Corp")
    client = world.client_for(world.member)

    prefilled = client.get("/contacts/new/", {"account": globex.pk}).content.decode()
    ignored = client.get("/contacts/new/", {"account": foreign.pk}).content.decode()

    assert f'value="Globex (#{globex.pk})"' in prefilled
    assert "Rival Corp" not in ignored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Nowhere Ltd", "No account called “Nowhere Ltd” in this workspace"),
        ("Twin", "Several accounts are called “Twin”"),
        ("", "Say which account this person works at"),
        ("FOREIGN", "in this workspace"),
    ],
)
def test_an_unknown_ambiguous_or_foreign_account_is_refused(world, typed, message):
    factories.make_account(world.workspace, name="Twin")
    factories.make_account(world.workspace, name="Twin")
    foreign = factories.make_account(world.other_workspace, name="Rival Corp")
    if typed == "FOREIGN":
        typed = f"Rival Corp (#{foreign.pk})"
    client = world.client_for(world.member)

    response = client.post("/contacts/new/", contact_data(account=typed))

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Contact.objects.in_workspace(world.workspace).exists()
    assert not Contact.objects.in_workspace(world.other_workspace).exists()


def test_creating_a_contact_with_bad_input_shows_field_errors_and_saves_nothing(world):
    account = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.member)

    response = client.post(
        f"/accounts/{account.pk}/contacts/new/",
        contact_data(name="", email="not-an-address", phone="call me!", level="boss"),
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Give the person&#x27;s name" in html
    assert "Enter an e-mail address such as jane@example.com." in html
    assert "Enter a phone number using digits" in html
    assert "Select a valid choice" in html
    assert 'value="not-an-address"' in html
    assert not Contact.objects.in_workspace(world.workspace).exists()
    assert not Change.objects.in_workspace(world.workspace).exists()


def test_our_person_must_be_a_member_of_this_workspace(world):
    account = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.member)

    response = client.post(
        f"/accounts/{account.pk}/contacts/new/", contact_data(our_person=str(world.outsider.pk))
    )

    assert response.status_code == 422
    assert not Contact.objects.in_workspace(world.workspace).exists()


def test_account_suggestions_come_from_this_workspace_only(world):
    factories.make_account(world.workspace, name="Globex")
    factories.make_account(world.workspace, name="Initech")
    factories.make_account(world.other_workspace, name="Globex Rival")
    client = world.client_for(world.member)

    html = client.get("/accounts/suggest/", {"account": "glob"}).content.decode()

    assert "Globex (#" in html
    assert "Initech" not in html and "Rival" not in html


# --- contact page, edit, delete --------------------------------------------------------------


def test_contact_page_shows_facts_interactions_and_history(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    m = membership(world, world.member)
    jane = services.contact_create(
        membership=m, account=account, name="Jane Doe", title="CFO", stance="detractor"
    )
    bob = services.contact_create(membership=m, account=account, name="Bob Roe")
    services.interaction_create(
        membership=m, account=account, summary="Pricing talk", contacts=[jane, bob]
    )
    services.interaction_create(membership=m, account=account, summary="Bob only", contacts=[bob])
    services.contact_update(membership=m, contact=jane, title="Chief Financial Officer")

    html = world.client_for(world.viewer).get(f"/contacts/{jane.pk}/").content.decode()

    assert "Chief Financial Officer" in html and "▼ Detractor" in html
    assert "Pricing talk" in html and "Bob only" not in html
    assert "Title: CFO → Chief Financial Officer" in html
    assert f'href="/contacts/{jane.pk}/edit/"' not in html  # a viewer gets no edit button


def test_editing_a_contact_records_history_on_the_contact_and_account_pages(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    contact = factories.make_contact(account, name="Jane Doe", stance="neutral")
    client = world.client_for(world.member)
    assert (
        'name="version" value="1"' in client.get(f"/contacts/{contact.pk}/edit/").content.decode()
    )

    response = client.post(f"/contacts/{contact.pk}/edit/", edit_data(contact, stance="advocate"))

    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.stance, contact.version) == ("advocate", 2)
    assert "Stance: Neutral → Advocate" in client.get(f"/contacts/{contact.pk}/").content.decode()
    assert "Stance: Neutral → Advocate" in client.get(f"/accounts/{account.pk}/").content.decode()


def test_a_contact_can_be_moved_to_another_account(world):
    globex = factories.make_account(world.workspace, name="Globex")
    initech = factories.make_account(world.workspace, name="Initech")
    contact = factories.make_contact(globex, name="Jane Doe")
    client = world.client_for(world.manager)

    client.post(f"/contacts/{contact.pk}/edit/", edit_data(contact, account="Initech"))

    contact.refresh_from_db()
    assert contact.account == initech


def test_a_second_concurrent_contact_edit_is_refused_and_the_first_is_kept(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    contact = factories.make_contact(account, name="Jane Doe")
    first, second = world.client_for(world.member), world.client_for(world.manager)

    ok = first.post(f"/contacts/{contact.pk}/edit/", edit_data(contact, title="CFO"))
    refused = second.post(f"/contacts/{contact.pk}/edit/", edit_data(contact, title="CEO"))

    assert ok.status_code == 302
    assert refused.status_code == 409
    assert "Someone else changed this contact" in refused.content.decode()
    assert 'value="CEO"' in refused.content.decode()
    contact.refresh_from_db()
    assert contact.title == "CFO"


def test_viewer_cannot_create_edit_or_delete_a_contact(world):
    account = factories.make_account(world.workspace, name="Globex")
    contact = factories.make_contact(account, name="Jane Doe", our_person=world.viewer)
    client = world.client_for(world.viewer)

    assert client.get("/contacts/new/").status_code == 403
    assert client.post("/contacts/new/", contact_data(account="Globex")).status_code == 403
    assert client.post(f"/accounts/{account.pk}/contacts/new/", contact_data()).status_code == 403
    assert (
        client.post(f"/contacts/{contact.pk}/edit/", edit_data(contact, name="X")).status_code
        == 403
    )
    assert client.post(f"/contacts/{contact.pk}/delete/").status_code == 403
    assert "data-shortcut-new" not in client.get("/contacts/").content.decode()
    assert list(Contact.objects.in_workspace(world.workspace).values_list("name", flat=True)) == [
        "Jane Doe"
    ]


def test_member_cannot_edit_a_contact_on_another_members_account_but_a_manager_can(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.other_member)
    contact = factories.make_contact(account, name="Jane Doe")

    member = world.client_for(world.member)
    assert (
        member.post(f"/contacts/{contact.pk}/edit/", edit_data(contact, title="X")).status_code
        == 403
    )
    assert member.post(f"/contacts/{contact.pk}/delete/").status_code == 403

    manager = world.client_for(world.manager)
    assert (
        manager.post(f"/contacts/{contact.pk}/edit/", edit_data(contact, title="CFO")).status_code
        == 302
    )
    contact.refresh_from_db()
    assert contact.title == "CFO"


@pytest.mark.parametrize(
    "path", ["/contacts/{id}/", "/contacts/{id}/edit/", "/contacts/{id}/delete/"]
)
def test_outsider_gets_404_for_this_workspaces_contact(world, path):
    account = factories.make_account(world.workspace, name="Globex")
    contact = factories.make_contact(account, name="Jane Doe")
    client = world.client_for(world.outsider)
    url = path.format(id=contact.pk)

    assert client.get(url).status_code == 404
    assert client.post(url, edit_data(contact, name="Taken")).status_code == 404
    assert Contact.objects.in_workspace(world.workspace).get().name == "Jane Doe"


def test_deleting_a_contact_returns_to_its_account(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    contact = factories.make_contact(account, name="Jane Doe")
    talk = factories.make_interaction(account)
    InteractionContact.objects.create(workspace=world.workspace, interaction=talk, contact=contact)
    client = world.client_for(world.member)
    assert client.get(f"/contacts/{contact.pk}/delete/").status_code == 405

    response = client.post(f"/contacts/{contact.pk}/delete/", follow=True)

    assert response.redirect_chain == [(f"/accounts/{account.pk}/", 302)]
    assert "Deleted Jane Doe" in response.content.decode()
    assert not Contact.objects.in_workspace(world.workspace).exists()
