"""The source story, through the API, with a controlled clock.

A deal is lost to a competitor. The seller opens a win-back and makes the four asks — two
granted, one declined. The buyer is a repeat buyer with five years on the incumbent, so a
short-term replacement is unlikely: low effort, a quarterly touch. Touches are logged; then
the line goes quiet past the cadence and the agenda says "no news is bad news". The winner
misses a promise and support declines: the agenda says "re-engage now". A new deal is opened
from the win-back and won — the win-back counts as won back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from headway.agenda.selectors import build_agenda
from tests import factories
from tests.methods.winback.factories import membership

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def agenda_titles(world: Any, user: Any) -> list[str]:
    agenda = build_agenda(membership(world.workspace, user))
    return [entry.item.title for group in agenda.groups for entry in group.entries]


def test_a_second_place_finish_is_won_back(world: Any, api_for: Any) -> None:
    seller = world.member
    api = api_for(seller)
    with time_machine.travel(T0, tick=False) as clock:
        account = factories.make_account(world.workspace, name="Harbour & Vale", owner=seller)
        deal = api.post(
            "/deals",
            {"account_id": account.pk, "title": "Fleet telematics", "amount": "80000.00"},
        ).json()

        # Lost to a named competitor.
        lost = api.post(
            f"/deals/{deal['id']}/lost",
            {
                "lost_to": "competitor",
                "lost_to_name": "Globex",
                "lost_reasons": "Price\nGlobex already runs their fleet cards",
            },
        )
        assert lost.status_code == 200, lost.content

        # Open the win-back: facts from the deal, the four asks pre-filled.
        created = api.post("/winbacks", {"deal_id": deal["id"]})
        assert created.status_code == 201, created.content
        winback = created.json()
        wid = winback["id"]
        assert winback["lost_to"] == "competitor"
        assert winback["lost_to_name"] == "Globex"
        assert winback["decision_date"] == "2026-03-02"
        assert winback["status"] == "open"
        asks = api.get(f"/winbacks/{wid}/asks").json()["items"]
        assert [a["kind"] for a in asks] == ["evaluation", "criteria", "deciders", "executives"]

        # Ask for the four things: two granted, one declined, one still waiting.
        answers = {
            "evaluation": ("granted", "Their scorecard: we lost on price, won on service."),
            "criteria": ("granted", "Total cost over 3 years, then fleet-card integration."),
            "deciders": ("declined", ""),
            "executives": ("asked", ""),
        }
        for ask in asks:
            status, obtained = answers[ask["kind"]]
            asked = api.patch(f"/winbacks/{wid}/asks/{ask['id']}", {"status": "asked"})
            assert asked.status_code == 200, asked.content
            response = api.patch(
                f"/winbacks/{wid}/asks/{ask['id']}", {"status": status, "obtained": obtained}
            )
            assert response.status_code == 200, response.content
            assert response.json()["asked_at"] is not None

        # Profile: a repeat buyer, five years on the incumbent → low likelihood, quarterly.
        profiled = api.patch(
            f"/winbacks/{wid}", {"repeat_buyer": True, "years_on_incumbent": "5"}
        ).json()
        assert profiled["likelihood"] == "low"
        assert profiled["cadence_days"] == 90
        assert "Repeat buyer" in profiled["likelihood_reason"]
        assert profiled["effort"].startswith("Low effort")

        # Keep in touch: a planned lunch done (logged as an interaction), an e-mail logged.
        touch = api.post(
            f"/winbacks/{wid}/touches", {"kind": "lunch", "planned_for": "2026-03-20"}
        ).json()
        clock.move_to(dt.datetime(2026, 3, 20, 13, 0, tzinfo=dt.UTC))
        assert "Planned lunch with Harbour & Vale" in agenda_titles(world, seller)
        done = api.post(f"/winbacks/{wid}/touches/{touch['id']}/done", {"summary": "Lunch."})
        assert done.status_code == 200, done.content
        assert done.json()["interaction_id"] is not None
        clock.move_to(dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC))
        logged = api.post(
            "/interactions",
            {"account_id": account.pk, "kind": "email", "summary": "Sent our roadmap."},
        )
        assert logged.status_code == 201, logged.content
        assert not [t for t in agenda_titles(world, seller) if t.startswith("No news")]

        # Silence: 90 days after the last touch is still on time, 91 is not.
        clock.move_to(dt.datetime(2026, 7, 9, 9, 0, tzinfo=dt.UTC))
        assert not [t for t in agenda_titles(world, seller) if t.startswith("No news")]
        clock.move_to(dt.datetime(2026, 7, 10, 9, 30, tzinfo=dt.UTC))
        flagged = [t for t in agenda_titles(world, seller) if t.startswith("No news")]
        assert flagged == [
            "No news is bad news: Harbour & Vale — last touch 91 days ago, "
            "cadence quarterly (90 days)"
        ]
        listed = api.get("/winbacks").json()["items"]
        assert listed[0]["cadence_overdue"] is True

        # Logging an interaction clears it.
        logged = api.post(
            "/interactions",
            {"account_id": account.pk, "kind": "call", "summary": "Caught up with Priya."},
        )
        assert logged.status_code == 201, logged.content
        assert not [t for t in agenda_titles(world, seller) if t.startswith("No news")]

        # Winner watch: a missed promise, then support declining → re-engage now.
        clock.move_to(dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC))
        first = api.post(
            f"/winbacks/{wid}/signals",
            {"kind": "missed_promise", "note": "Integration promised for June: not there."},
        )
        assert first.status_code == 201, first.content
        assert "Re-engage now: Harbour & Vale" not in agenda_titles(world, seller)
        api.post(
            f"/winbacks/{wid}/signals",
            {"kind": "support_decline", "note": "Tickets open for weeks."},
        )
        assert "Re-engage now: Harbour & Vale" in agenda_titles(world, seller)
        assert api.get(f"/winbacks/{wid}").json()["signal_score"] == 5

        # Open a new deal from the win-back, and win it.
        reopened = api.post(f"/winbacks/{wid}/reopen", {"title": "Fleet telematics, take two"})
        assert reopened.status_code == 201, reopened.content
        new_deal = reopened.json()["reopened_deal"]
        assert (
            reopened.json()["days_to_reengage"] == (dt.date(2026, 8, 3) - dt.date(2026, 3, 2)).days
        )
        assert "Re-engage now: Harbour & Vale" not in agenda_titles(world, seller)
        clock.move_to(dt.datetime(2026, 9, 15, 9, 0, tzinfo=dt.UTC))
        won = api.patch(f"/deals/{new_deal['id']}", {"stage": "won"})
        assert won.status_code == 200, won.content

        back = api.get(f"/winbacks/{wid}").json()
        assert back["status"] == "won_back"
        assert api.get("/winbacks").json()["items"] == []
        assert [w["id"] for w in api.get("/winbacks", status="won_back").json()["items"]] == [wid]

        reports = api.get("/winbacks/reports").json()
        assert reports["winback_rate"] == 1.0
        assert reports["asks"]["granted"] == 2
        assert reports["asks"]["declined"] == 1
        assert reports["asks_granted_rate"] == pytest.approx(2 / 3)
        assert reports["median_days_to_reengage"] == 154
        assert reports["losses_by_competitor"][0] == {
            "label": "Globex",
            "count": 1,
            "amounts": [{"currency": "EUR", "amount": "80,000", "count": 1}],
        }
