"""The source story (001) through the API with a controlled clock: a product design for the
largest customer stalls because two people there disagree (either way makes sense, both cannot
be done); two weeks on it is on the seller's agenda as stuck; the parties explore — their
interests, assumptions and information are recorded, an assumption is tested —; a joint option
that neither proposed meets both essential interests and is agreed; the project moves on with
a follow-up action on the tied deal's account."""

from __future__ import annotations

import datetime as dt
import json

import time_machine

from headway.agenda.selectors import build_agenda
from tests import factories
from tests.methods.alignment.helpers import membership

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _agenda_titles(world, user):
    return [
        e.item.title
        for g in build_agenda(membership(world.workspace, user)).groups
        for e in g.entries
    ]


def test_dans_difficulty_from_impasse_to_one_voice(world, api_for):
    account = factories.make_account(world.workspace, name="Largest Customer", owner=world.member)
    anna = factories.make_contact(account, name="Anna Lind", title="Head of Product")
    ben = factories.make_contact(account, name="Ben Ortiz", title="Head of Sales")
    deal = factories.make_deal(account, title="New product design", owner=world.member)
    with time_machine.travel(START, tick=False):
        api = api_for(world.member)
        body = api.post(
            "",
            {
                "account_id": account.pk,
                "decision": "the product design",
                "deal_id": deal.pk,
                "parties": [
                    {"contact_id": anna.pk, "position": "A configurable platform"},
                    {"contact_id": ben.pk, "position": "A fixed product, shipped now"},
                ],
            },
        ).json()
        aid = body["id"]
        pa, pb = (p["id"] for p in body["parties"])
        assert body["status"] == "impasse"

    with time_machine.travel(START + dt.timedelta(days=14), tick=False):
        assert api.get(f"/{aid}").json()["stuck_days"] == 14
        assert "At an impasse: the product design" in _agenda_titles(world, world.member)
        assert api.post(f"/{aid}/explore").json()["status"] == "exploring"
        assert "At an impasse: the product design" not in _agenda_titles(world, world.member)

        def item(party, **fields):
            response = api.post(f"/{aid}/parties/{party}/items", fields)
            assert response.status_code == 201, response.json()
            return response.json()

        grow = item(pa, kind="interest", text="room to grow into new markets", essential=True)
        soon = item(pb, kind="interest", text="something to sell by spring", essential=True)
        item(pa, kind="information", text="three prospects asked for custom fields", shared=True)
        guess = item(pb, kind="assumption", text="a platform takes a year to build")
        tested = api.patch(
            f"/{aid}/items/{guess['id']}",
            {
                "test_status": "refuted",
                "tested_how": "Engineering estimate: a fixed core in 4 months, extensible later",
                "tested_on": "2026-11-16",
            },
        )
        assert tested.json()["test_status"] == "refuted"
        api.client.put(
            api.url(f"/{aid}/rule"),
            json.dumps({"decision_rule": "consensus"}),
            content_type="application/json",
        )

        options = {
            label: api.post(
                f"/{aid}/options",
                {
                    "text": text,
                    "proposed_by": by,
                    "proposing_party_id": party,
                },
            ).json()
            for label, text, by, party in [
                ("A", "A configurable platform", "party", pa),
                ("B", "A fixed product, shipped now", "party", pb),
                ("C", "A fixed core shipped by spring, on an extensible design", "joint", None),
            ]
        }
        for label, (g, s) in {
            "A": ("meets", "no"),
            "B": ("no", "meets"),
            "C": ("meets", "meets"),
        }.items():
            rated = api.client.put(
                api.url(f"/{aid}/options/{options[label]['id']}/ratings"),
                json.dumps(
                    {
                        "ratings": [
                            {"interest_id": grow["id"], "rating": g},
                            {"interest_id": soon["id"], "rating": s},
                        ]
                    }
                ),
                content_type="application/json",
            )
            assert rated.status_code == 200
        assert rated.json()["best_option_ids"] == [options["C"]["id"]]

        # Either party's own option fails the other's essential interest: refused without a reason.
        refused = api.post(f"/{aid}/agree", {"joint_option_id": options["A"]["id"]})
        assert refused.status_code == 409
        agreed = api.post(f"/{aid}/agree", {"joint_option_id": options["C"]["id"]}).json()
        assert agreed["status"] == "agreed"
        assert agreed["agreed_parties"] == "Anna Lind, Ben Ortiz"
        assert agreed["agreed_at"].startswith("2026-11-16")

    with time_machine.travel(START + dt.timedelta(days=15), tick=False):
        assert "Follow up the agreement: the product design" in _agenda_titles(world, world.member)
        action = api.post(
            f"/{aid}/actions",
            {
                "title": "Start the design of the fixed core",
                "due_date": "2026-11-20",
            },
        )
        assert action.status_code == 201
        assert action.json()["account_id"] == account.pk
        titles = _agenda_titles(world, world.member)
        assert "Follow up the agreement: the product design" not in titles
        assert "Start the design of the fixed core" in titles
        assert [a["status"] for a in api.get("", deal_id=deal.pk).json()["items"]] == ["agreed"]
