"""Every alignment page and API list runs a fixed number of queries, whatever the number of
alignments, parties, items, options and ratings (each counted at 5 rows and again at 50)."""

from __future__ import annotations

from django.test import Client

from headway.methods.alignment import services
from tests import factories
from tests.kit import API, assert_constant_queries
from tests.methods.alignment.helpers import explored, membership, story


def _token_client(world, api_for) -> Client:
    return api_for(world.member).client


def _alignments(world, n):
    for _ in range(n):
        story(world.workspace, world.member)


def test_the_list_page_and_the_api_list(world, api_for):
    _alignments(world, 5)
    client = world.client_for(world.member)
    api = _token_client(world, api_for)
    grow = lambda: _alignments(world, 45)  # noqa: E731
    assert_constant_queries(client, "/alignments/", grow)
    assert_constant_queries(api, f"{API}/alignments", lambda: _alignments(world, 45))


ROUND = iter(range(1000))


def _grow(world, alignment, n):
    m = membership(world.workspace, world.member)
    r = next(ROUND)
    account = alignment.account
    parties = []
    for i in range(n):
        contact = factories.make_contact(account, name=f"Person {r}.{i}")
        parties.append(services.party_add(membership=m, alignment=alignment, contact=contact))
    interests = []
    for i, party in enumerate(parties):
        interests.append(
            services.item_add(
                membership=m,
                alignment=alignment,
                party=party,
                kind="interest",
                text=f"interest {r}.{i}",
                essential=i % 2 == 0,
            )
        )
        services.item_add(
            membership=m,
            alignment=alignment,
            party=party,
            kind="assumption",
            text=f"assumption {r}.{i}",
        )
        services.item_add(
            membership=m,
            alignment=alignment,
            party=party,
            kind="information",
            text=f"information {r}.{i}",
            shared=True,
        )
    for i in range(n):
        option = services.option_add(membership=m, alignment=alignment, text=f"option {r}.{i}")
        services.option_rate(
            membership=m,
            alignment=alignment,
            option=option,
            ratings={interest: "partly" for interest in interests},
        )
        services.word_add(membership=m, alignment=alignment, term=f"term {r}.{i}", meaning="m")


def test_the_guide_page_the_grid_and_the_api_detail(world, api_for):
    story_ = explored(world.workspace, world.member)
    alignment = story_.alignment
    _grow(world, alignment, 3)
    client = world.client_for(world.member)
    api = _token_client(world, api_for)
    url = f"/alignments/{alignment.pk}/"
    assert_constant_queries(client, url, lambda: _grow(world, alignment, 12))
    assert_constant_queries(client, url + "grid.svg", lambda: _grow(world, alignment, 5))
    assert_constant_queries(client, url + "guide/", lambda: _grow(world, alignment, 5))
    assert_constant_queries(
        api, f"{API}/alignments/{alignment.pk}", lambda: _grow(world, alignment, 5)
    )


def test_the_account_page_panel(world):
    alignment = story(world.workspace, world.member)
    client = world.client_for(world.member)

    def grow():
        m = membership(world.workspace, world.member)
        contacts = [factories.make_contact(alignment.account) for _ in range(2)]
        for _ in range(10):
            services.alignment_create(
                membership=m,
                account=alignment.account,
                decision="another",
                parties=[(c, "") for c in contacts],
            )

    assert_constant_queries(client, f"/accounts/{alignment.account_id}/", grow)
