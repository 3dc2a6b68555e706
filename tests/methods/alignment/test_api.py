"""The alignments API: the source story's flow, with the same rules as the pages."""

from __future__ import annotations

import json

from tests import factories


def test_the_story_through_the_api(world, api_for):
    account = factories.make_account(world.workspace, name="Largest Customer", owner=world.member)
    anna = factories.make_contact(account, name="Anna Lind")
    ben = factories.make_contact(account, name="Ben Ortiz")
    deal = factories.make_deal(account, title="New product design")
    api = api_for(world.member)

    created = api.post(
        "",
        {
            "account_id": account.pk,
            "decision": "the product design direction",
            "deal_id": deal.pk,
            "parties": [
                {"contact_id": anna.pk, "position": "Configurable platform first"},
                {"contact_id": ben.pk, "position": "Fixed-scope product now"},
            ],
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    aid = body["id"]
    assert body["status"] == "impasse" and body["stuck_days"] == 0
    assert body["deal"] == {"id": deal.pk, "name": "New product design"}
    pa, pb = (p["id"] for p in body["parties"])

    assert api.post(f"/{aid}/explore").json()["status"] == "exploring"
    flex = api.post(
        f"/{aid}/parties/{pa}/items",
        {"kind": "interest", "text": "room to grow", "essential": True},
    ).json()
    soon = api.post(
        f"/{aid}/parties/{pb}/items",
        {"kind": "interest", "text": "in customers' hands by spring", "essential": True},
    ).json()
    assumption = api.post(
        f"/{aid}/parties/{pa}/items", {"kind": "assumption", "text": "customers configure"}
    ).json()
    assert assumption["test_status"] == "untested"
    refused = api.patch(f"/{aid}/items/{assumption['id']}", {"test_status": "refuted"})
    assert refused.status_code == 422
    assert (
        api.post(f"/{aid}/words", {"term": "launch", "meaning": "paying customers"}).status_code
        == 201
    )
    c = api.post(f"/{aid}/options", {"text": "Fixed core on an extensible design"}).json()
    assert c["label"] == "A" and c["proposed_by"] == "joint"
    ratings = [
        {"interest_id": flex["id"], "rating": "meets"},
        {"interest_id": soon["id"], "rating": "meets"},
    ]
    grid = api.client.put(
        api.url(f"/{aid}/options/{c['id']}/ratings"),
        json.dumps({"ratings": ratings}),
        content_type="application/json",
    ).json()
    assert grid["best_option_ids"] == [c["id"]]
    assert grid["grid"][0]["meets_all_essential"] is True

    agreed = api.post(f"/{aid}/agree", {"joint_option_id": c["id"]}).json()
    assert agreed["status"] == "agreed"
    assert agreed["agreed_by"]["id"] == world.member.pk
    assert [a["id"] for a in api.get("", deal_id=deal.pk).json()["items"]] == [aid]


def test_a_contact_of_another_account_is_invalid_input(world, api_for):
    account = factories.make_account(world.workspace)
    mine = factories.make_contact(account)
    theirs = factories.make_contact(factories.make_account(world.workspace))
    response = api_for(world.member).post(
        "",
        {
            "account_id": account.pk,
            "decision": "x",
            "parties": [{"contact_id": mine.pk}, {"contact_id": theirs.pk}],
        },
    )
    assert response.status_code == 422
