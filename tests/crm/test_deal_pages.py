"""The deal pages as people use them: list, create, edit, mark lost, delete."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import escape

from headway.crm import services
from headway.crm.forms_activity import LOST_REASONS_REQUIRED, LOST_TO_REQUIRED
from headway.crm.models import Change, Deal, DealStage
from headway.crm.services import LOST_NEEDS_REASON
from headway.workspaces.models import Membership
from tests import factories
from tests.kit import assert_constant_queries

pytestmark = pytest.mark.django_db


def membership(world, user):
    return Membership.objects.in_workspace(world.workspace).get(user=user)


def shows(response, text: str) -> bool:
    """The page shows this text (as the template escaped it)."""
    return escape(text) in response.content.decode()


def titles_in(html: str) -> list[str]:
    """Deal titles linked from the list, in page order."""
    return re.findall(r'<a href="/deals/\d+/">([^<]+)</a>', html)


def deal_data(deal: Deal | None = None, **overrides):
    data = {
        "title": "Fleet renewal",
        "amount": "12000",
        "currency": "EUR",
        "stage": "qualify",
        "expected_close": "2026-12-31",
        "competitors": "Globex, Initech",
        "owner": "",
        "lost_to": "",
        "lost_to_name": "",
        "lost_reasons": "",
    }
    if deal is not None:
        data.update(
            account=str(deal.account_id),
            title=deal.title,
            amount=str(deal.amount),
            currency=deal.currency,
            stage=deal.stage,
            expected_close=deal.expected_close.isoformat() if deal.expected_close else "",
            competitors=deal.competitors,
            owner=str(deal.owner_id or ""),
            version=str(deal.version),
        )
    data.update(overrides)
    return data


# --- list -----------------------------------------------------------------------------------


def test_deal_list_filters_by_open_stage_and_owner(world):
    account = factories.make_account(world.workspace, name="Initech")
    factories.make_deal(account, title="Open one", stage="propose", owner=world.member)
    factories.make_deal(account, title="Won one", stage="won", owner=world.member)
    factories.make_deal(account, title="Other owner", stage="qualify", owner=world.manager)
    client = world.client_for(world.member)

    open_deals = titles_in(client.get("/deals/?stage=open").content.decode())
    assert sorted(open_deals) == ["Open one", "Other owner"]

    won = titles_in(client.get("/deals/?stage=won").content.decode())
    assert won == ["Won one"]

    mine_open = titles_in(
        client.get(f"/deals/?stage=open&owner={world.member.pk}").content.decode()
    )
    assert mine_open == ["Open one"]


def test_deal_list_searches_titles_and_account_names(world):
    globex = factories.make_account(world.workspace, name="Globex")
    initech = factories.make_account(world.workspace, name="Initech")
    factories.make_deal(globex, title="Turbines")
    factories.make_deal(initech, title="Printers")
    client = world.client_for(world.viewer)

    assert titles_in(client.get("/deals/?q=turb").content.decode()) == ["Turbines"]
    assert titles_in(client.get("/deals/?q=initech").content.decode()) == ["Printers"]


def test_deal_list_sorts_by_amount_close_date_and_title_both_ways(world):
    account = factories.make_account(world.workspace)
    factories.make_deal(
        account, title="Bravo", amount=Decimal(500), expected_close=dt.date(2027, 3, 1)
    )
    factories.make_deal(
        account, title="Alpha", amount=Decimal(9000), expected_close=dt.date(2027, 1, 1)
    )
    factories.make_deal(
        account, title="Charlie", amount=Decimal(100), expected_close=dt.date(2027, 2, 1)
    )
    client = world.client_for(world.member)

    def order(sort: str) -> list[str]:
        return titles_in(client.get(f"/deals/?sort={sort}").content.decode())

    assert order("-amount") == ["Alpha", "Bravo", "Charlie"]
    assert order("amount") == ["Charlie", "Bravo", "Alpha"]
    assert order("close") == ["Alpha", "Charlie", "Bravo"]
    assert order("title") == ["Alpha", "Bravo", "Charlie"]
    assert order("-title") == ["Charlie", "Bravo", "Alpha"]
    # Newest first by default; an unknown sort falls back to it.
    assert order("-created") == ["Charlie", "Alpha", "Bravo"]
    assert order("nonsense") == ["Charlie", "Alpha", "Bravo"]


def test_deal_list_shows_25_deals_a_page_with_next_and_previous(world):
    account = factories.make_account(world.workspace)
    for n in range(30):
        factories.make_deal(account, title=f"Deal {n:02d}")
    client = world.client_for(world.member)

    first = client.get("/deals/?sort=title").content.decode()
    assert titles_in(first)[0] == "Deal 00"
    assert len(titles_in(first)) == 25
    assert "Next →" in first and "← Previous" not in first

    second = client.get("/deals/?sort=title&page=2").content.decode()
    assert titles_in(second) == [f"Deal {n:02d}" for n in range(25, 30)]
    assert "← Previous" in second and "Next →" not in second


def test_empty_deal_list_says_what_to_do_first(world):
    html = world.client_for(world.member).get("/deals/").content.decode()
    assert "No deals yet" in html
    assert "Add your first deal" in html

    html = world.client_for(world.member).get("/deals/?q=zzz").content.decode()
    assert "No deal matches “zzz”" in html


def test_deal_amounts_are_shown_with_their_currency(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, amount=Decimal("12000"), currency="EUR")
    client = world.client_for(world.member)

    assert "12,000 EUR" in client.get("/deals/").content.decode()
    assert "12,000 EUR" in client.get(f"/deals/{deal.pk}/").content.decode()


# --- create ---------------------------------------------------------------------------------


def test_member_adds_a_deal_for_an_account_and_owns_it(world):
    account = factories.make_account(world.workspace, name="Globex")
    client = world.client_for(world.member)

    page = client.get(f"/accounts/{account.pk}/deals/new/")
    assert page.status_code == 200
    assert "Globex" in page.content.decode()

    response = client.post(
        f"/accounts/{account.pk}/deals/new/", deal_data(owner=str(world.member.pk))
    )
    deal = Deal.objects.in_workspace(world.workspace).get()
    assert response.status_code == 302
    assert response["Location"] == f"/deals/{deal.pk}/"
    assert deal.account == account
    assert deal.owner == world.member
    assert deal.amount == Decimal("12000")
    assert Change.objects.in_workspace(world.workspace).filter(target_id=deal.pk).exists()


def test_new_deal_form_prefills_the_account_from_the_query(world):
    account = factories.make_account(world.workspace, name="Globex")
    factories.make_account(world.workspace, name="Initech")
    html = world.client_for(world.member).get(f"/deals/new/?account={account.pk}").content
    assert f'<option value="{account.pk}" selected>Globex</option>' in html.decode()


def test_a_deal_cannot_be_added_to_another_workspaces_account(world):
    foreign = factories.make_account(world.other_workspace, name="Secret")
    client = world.client_for(world.member)

    response = client.post("/deals/new/", deal_data(account=str(foreign.pk)))
    assert response.status_code == 422
    assert shows(response, "Pick one of this workspace's accounts.")
    assert not Deal.objects.in_workspace(world.other_workspace).exists()
    assert "Secret" not in client.get("/deals/new/").content.decode()


def test_deal_owner_must_belong_to_the_workspace(world):
    account = factories.make_account(world.workspace)
    response = world.client_for(world.member).post(
        f"/accounts/{account.pk}/deals/new/", deal_data(owner=str(world.outsider.pk))
    )
    assert response.status_code == 422
    assert shows(response, "Pick someone who belongs to this workspace.")


# --- mark lost ------------------------------------------------------------------------------


def test_marking_a_deal_lost_without_reasons_shows_field_errors_and_keeps_it_open(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member, stage="negotiate")
    client = world.client_for(world.member)

    response = client.post(
        f"/deals/{deal.pk}/lost/", {"lost_to": "", "lost_reasons": "  ", "version": "1"}
    )

    assert response.status_code == 422
    assert shows(response, LOST_TO_REQUIRED)
    assert shows(response, LOST_REASONS_REQUIRED)
    assert 'id="id_lost_reasons_error"' in response.content.decode()
    deal.refresh_from_db()
    assert deal.stage == DealStage.NEGOTIATE
    assert deal.closed_at is None


def test_marking_a_deal_lost_to_a_competitor_needs_its_name(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member)
    response = world.client_for(world.member).post(
        f"/deals/{deal.pk}/lost/",
        {"lost_to": "competitor", "lost_to_name": "", "lost_reasons": "Price", "version": "1"},
    )
    assert response.status_code == 422
    assert shows(response, services.LOST_TO_NEEDS_NAME)
    deal.refresh_from_db()
    assert deal.is_open


def test_marking_a_deal_lost_closes_it_and_records_history(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member, stage="propose")
    client = world.client_for(world.member)

    response = client.post(
        f"/deals/{deal.pk}/lost/",
        {
            "lost_to": "competitor",
            "lost_to_name": "Globex",
            "lost_reasons": "Their price was 20% lower.",
            "version": str(deal.version),
        },
    )

    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.stage == DealStage.LOST
    assert deal.closed_at is not None
    assert deal.lost_to_name == "Globex"
    change = Change.objects.in_workspace(world.workspace).get(
        target_type=ContentType.objects.get_for_model(Deal), target_id=deal.pk
    )
    assert {"field": "stage", "label": "stage", "from": "Propose", "to": "Lost"} in change.fields
    page = client.get(f"/deals/{deal.pk}/").content.decode()
    assert "Why we lost" in page
    assert "Globex" in page
    assert "Their price was 20% lower." in page
    assert "Propose → Lost" in page


def test_choosing_lost_in_the_edit_form_asks_for_what_won_and_why(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member)
    client = world.client_for(world.member)

    refused = client.post(f"/deals/{deal.pk}/edit/", deal_data(deal, stage="lost"))
    assert refused.status_code == 422
    assert shows(refused, LOST_NEEDS_REASON)
    deal.refresh_from_db()
    assert deal.is_open

    accepted = client.post(
        f"/deals/{deal.pk}/edit/",
        deal_data(deal, stage="lost", lost_to="do_nothing", lost_reasons="No budget this year."),
    )
    assert accepted.status_code == 302
    deal.refresh_from_db()
    assert deal.stage == DealStage.LOST
    assert deal.lost_to == "do_nothing"


# --- edit: permissions and concurrency ------------------------------------------------------


def test_member_cannot_edit_someone_elses_deal_but_a_manager_can(world):
    account = factories.make_account(world.workspace, owner=world.other_member)
    deal = factories.make_deal(account, owner=world.other_member, title="Theirs")

    member = world.client_for(world.member)
    assert member.get(f"/deals/{deal.pk}/edit/").status_code == 403
    refused = member.post(f"/deals/{deal.pk}/edit/", deal_data(deal, title="Mine now"))
    assert refused.status_code == 403
    assert "Only its owner, a manager or an admin" in refused.content.decode()
    assert "Edit</a>" not in member.get(f"/deals/{deal.pk}/").content.decode()

    manager = world.client_for(world.manager)
    assert "Edit</a>" in manager.get(f"/deals/{deal.pk}/").content.decode()
    response = manager.post(f"/deals/{deal.pk}/edit/", deal_data(deal, title="Renamed"))
    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.title == "Renamed"


def test_member_edits_their_own_deal_and_the_page_shows_the_change(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member, title="Old title")
    client = world.client_for(world.member)

    response = client.post(f"/deals/{deal.pk}/edit/", deal_data(deal, title="New title"))
    assert response.status_code == 302
    page = client.get(f"/deals/{deal.pk}/").content.decode()
    assert "Old title → New title" in page


def test_concurrent_edit_of_a_deal_is_refused_with_a_message_and_input_kept(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member, title="Original")
    loaded = deal_data(deal, title="My edit")  # the form as the member loaded it (version 1)
    services.deal_update(
        membership=membership(world, world.manager), deal=deal, version=1, title="Manager's"
    )

    response = world.client_for(world.member).post(f"/deals/{deal.pk}/edit/", loaded)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this deal while you were editing it" in html
    assert 'value="My edit"' in html
    deal.refresh_from_db()
    assert deal.title == "Manager's"


# --- viewer, delete, outsider ---------------------------------------------------------------


def test_viewer_reads_deals_but_gets_403_on_every_change(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account)
    client = world.client_for(world.viewer)

    page = client.get(f"/deals/{deal.pk}/").content.decode()
    assert deal.title in page
    assert "Edit</a>" not in page and "Delete</button>" not in page
    assert "New deal" not in client.get("/deals/").content.decode()

    assert client.post("/deals/new/", deal_data(account=str(account.pk))).status_code == 403
    assert client.post(f"/accounts/{account.pk}/deals/new/", deal_data()).status_code == 403
    assert client.post(f"/deals/{deal.pk}/edit/", deal_data(deal)).status_code == 403
    assert (
        client.post(
            f"/deals/{deal.pk}/lost/", {"lost_to": "do_nothing", "lost_reasons": "x"}
        ).status_code
        == 403
    )
    assert client.post(f"/deals/{deal.pk}/delete/").status_code == 403
    assert Deal.objects.in_workspace(world.workspace).count() == 1


def test_deleting_a_deal_returns_to_its_account(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account, owner=world.member)
    client = world.client_for(world.member)

    assert client.get(f"/deals/{deal.pk}/delete/").status_code == 405
    response = client.post(f"/deals/{deal.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == reverse("crm:account_detail", args=[account.pk])
    assert not Deal.objects.in_workspace(world.workspace).exists()


def test_outsider_gets_404_for_every_deal_route(world):
    account = factories.make_account(world.workspace)
    deal = factories.make_deal(account)
    client = world.client_for(world.outsider)
    urls = [
        f"/deals/{deal.pk}/",
        f"/deals/{deal.pk}/edit/",
        f"/deals/{deal.pk}/lost/",
        f"/deals/{deal.pk}/delete/",
        f"/accounts/{account.pk}/deals/new/",
        f"/deals/new/?account={account.pk}",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, deal_data(account=str(account.pk))).status_code == 404, url
    deal.refresh_from_db()
    assert deal.stage == DealStage.QUALIFY


# --- query counts ---------------------------------------------------------------------------


def test_deal_list_runs_the_same_queries_for_5_and_50_deals(world):
    accounts = [factories.make_account(world.workspace, owner=world.member) for _ in range(5)]
    for account in accounts:
        factories.make_deal(account, owner=world.member)

    def grow():
        for n in range(45):
            account = factories.make_account(world.workspace, owner=world.other_member)
            factories.make_deal(account, owner=world.other_member, title=f"More {n}")

    assert_constant_queries(world.client_for(world.member), "/deals/?stage=open", grow)


def test_deal_page_runs_the_same_queries_with_a_long_history_and_many_actions(world):
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member)
    m = membership(world, world.member)
    services.action_create(membership=m, target=deal, title="Call", due_date=dt.date(2026, 12, 1))

    def grow():
        current = deal
        for n in range(49):
            current = services.deal_update(
                membership=m, deal=current, version=current.version, title=f"Title {n}"
            )
            services.action_create(
                membership=m,
                target=current,
                title=f"Step {n}",
                due_date=dt.date(2026, 12, 1),
                owner=world.other_member if n % 2 else world.member,
            )

    assert_constant_queries(world.client_for(world.member), f"/deals/{deal.pk}/", grow)
