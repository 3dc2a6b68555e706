"""CRM pages show each method app's items and entry points, from the registry: an account page
lists its decisions and win-backs; a lost deal offers a win-back until it has one."""

from __future__ import annotations

from headway.methods.options import services as options_services
from tests import factories
from tests.kit import assert_constant_queries
from tests.methods.options.helpers import membership
from tests.methods.winback.factories import lost_deal, make_winback


def _decision(world, account, goal):
    return options_services.decision_create(
        membership=membership(world.workspace, world.member),
        goal=goal,
        account=account,
        considerations=["price", "timing"],
    )


def test_an_account_page_lists_its_decisions_and_win_backs_with_links(world):
    account = factories.make_account(world.workspace, owner=world.member, name="Harbour & Vale")
    decision = _decision(world, account, "moving Harbour & Vale forward")
    winback = make_winback(world.workspace, world.member, account=account)
    other = factories.make_account(world.workspace, owner=world.member, name="Elsewhere")
    _decision(world, other, "a decision about another account")

    html = world.client_for(world.member).get(f"/accounts/{account.pk}/").content.decode()

    assert 'id="panel-options">Decisions</h2>' in html
    assert f'href="/decisions/{decision.pk}/">moving Harbour &amp; Vale forward</a>' in html
    assert "a decision about another account" not in html
    assert 'id="panel-winback">Win-backs</h2>' in html
    assert f'href="/winbacks/{winback.pk}/">' in html
    assert f'href="/decisions/new/?account={account.pk}">Start a decision</a>' in html


def test_an_account_without_decisions_says_so_and_a_viewer_gets_no_start_button(world):
    account = factories.make_account(world.workspace, owner=world.member)
    member_html = world.client_for(world.member).get(f"/accounts/{account.pk}/").content.decode()
    viewer_html = world.client_for(world.viewer).get(f"/accounts/{account.pk}/").content.decode()
    assert "No decision about this account yet." in member_html
    assert "Start a decision" in member_html
    assert "No decision about this account yet." in viewer_html
    assert "Start a decision" not in viewer_html


def test_a_lost_deal_offers_a_win_back_until_it_has_one_then_links_it(world):
    account = factories.make_account(world.workspace, owner=world.member)
    deal = lost_deal(account, owner=world.member)
    client = world.client_for(world.member)
    before = client.get(f"/deals/{deal.pk}/").content.decode()
    assert f'href="/winbacks/new/?deal={deal.pk}"' in before

    winback = make_winback(world.workspace, world.member, account=account)
    # make_winback opens one on a new lost deal; open one on this deal through its page.
    response = client.post(
        f"/winbacks/new/?deal={deal.pk}",
        {
            "deal": deal.pk,
            "decision_date": "2026-11-20",
            "lost_to": "competitor",
            "lost_to_name": "Globex",
            "reasons": "Price",
            "owner": world.member.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    after = client.get(f"/deals/{deal.pk}/").content.decode()
    assert f'href="/winbacks/new/?deal={deal.pk}"' not in after
    assert 'id="panel-winback">Win-backs</h2>' in after
    assert f'href="/winbacks/{winback.pk}/"' not in after  # another deal's win-back


def test_an_open_deal_offers_no_win_back(world):
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member)
    html = world.client_for(world.member).get(f"/deals/{deal.pk}/").content.decode()
    assert "Open a win-back" not in html


def test_the_account_pages_queries_do_not_grow_with_its_decisions_and_win_backs(world):
    account = factories.make_account(world.workspace, owner=world.member)

    def add(count):
        for n in range(count):
            _decision(world, account, f"decision {n}")
            make_winback(world.workspace, world.member, account=account)

    add(2)
    client = world.client_for(world.member)
    assert_constant_queries(client, f"/accounts/{account.pk}/", lambda: add(8))
