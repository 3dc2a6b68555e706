"""The source story (000), replayed end to end through the API with a controlled clock.

An executive's trial with three outlets of a major new customer went badly; the relationship is
on hold. He frames the rational question from four key considerations, sets the bookends, writes
five pragmatic alternatives, sleeps on the pictogram, and first thing next morning chooses
"Option B – Meet/Phone key contact and share opportunities lost with test group", then writes
the action initiative while it is fresh.
"""

from __future__ import annotations

import datetime as dt
import re

import time_machine

from tests import factories
from tests.methods.options.helpers import (
    ALTERNATIVES,
    GOAL,
    KEY_CONSIDERATIONS,
    OPTION_B,
    OTHER_CONSIDERATIONS,
    STORY_QUESTION,
    YANG,
    YIN,
)

MONDAY_AFTERNOON = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)  # 16:00 in Paris
TUESDAY_REVIEW = dt.datetime(2026, 11, 24, 6, 30, tzinfo=dt.UTC)  # 07:30 in Paris


def test_the_story_from_question_to_action_through_the_api(world, api_for):
    seller = world.member
    seller.time_zone = "Europe/Paris"
    seller.save()
    account = factories.make_account(world.workspace, name="Major Foodstores", owner=seller)
    api = api_for(seller)

    with time_machine.travel(MONDAY_AFTERNOON, tick=False) as clock:
        # Frame: the goal and eight considerations; the four from the text are key.
        response = api.post(
            "",
            {
                "goal": GOAL,
                "account_id": account.pk,
                "considerations": [*KEY_CONSIDERATIONS, *OTHER_CONSIDERATIONS],
            },
        )
        assert response.status_code == 201, response.content
        decision = response.json()
        decision_id = decision["id"]
        assert decision["stage"] == "frame"
        assert decision["account"]["name"] == "Major Foodstores"
        assert decision["key_summary"].startswith("0 of 8 key")
        by_text = {c["text"]: c["id"] for c in decision["considerations"]}
        for text in KEY_CONSIDERATIONS:
            response = api.post(
                f"/{decision_id}/considerations/{by_text[text]}/key", {"is_key": True}
            )
            assert response.status_code == 200, response.content
        decision = api.get(f"/{decision_id}").json()
        assert decision["key_summary"] == "4 of 8 key"
        assert decision["question"] == STORY_QUESTION

        # Bookends, then five pragmatic alternatives placed on the spectrum.
        response = api.post(f"/{decision_id}/bookends", {"yin": YIN, "yang": YANG})
        assert response.status_code == 200, response.content
        assert response.json()["stage"] == "options"
        labels = {}
        for text, spectrum in ALTERNATIVES:
            response = api.post(
                f"/{decision_id}/alternatives", {"text": text, "spectrum": spectrum}
            )
            assert response.status_code == 201, response.content
            labels[response.json()["label"]] = response.json()
        assert list(labels) == ["A", "B", "C", "D", "E"]
        option_b = labels["B"]
        assert option_b["text"] == OPTION_B

        # Sleep on it: the review is first thing tomorrow at 07:30 in Paris.
        clock.move_to(MONDAY_AFTERNOON + dt.timedelta(minutes=5))
        response = api.post(f"/{decision_id}/incubate")
        assert response.status_code == 200, response.content
        decision = response.json()
        assert decision["stage"] == "sleeping"
        assert dt.datetime.fromisoformat(decision["review_at"]) == TUESDAY_REVIEW
        assert decision["sleeping_until"] == "Sleeping on it until Tue 07:30"

        # Choosing at once is refused, with the time the sleep ends.
        response = api.post(f"/{decision_id}/choose", {"alternative_id": option_b["id"]})
        assert response.status_code == 409
        assert response.json() == {"detail": "Sleeping on it until Tue 07:30"}
        response = api.post(f"/{decision_id}/review")
        assert response.status_code == 409
        assert response.json()["detail"] == "Sleeping on it until Tue 07:30"

    # Next morning: open the review, choose B spontaneously (12 seconds later).
    with time_machine.travel(TUESDAY_REVIEW + dt.timedelta(minutes=2), tick=False) as clock:
        response = api.post(f"/{decision_id}/review")
        assert response.status_code == 200, response.content
        review = response.json()
        assert review["pictogram_url"] == f"/decisions/{decision_id}/pictogram.svg"
        assert [a["label"] for a in review["alternatives"]] == ["A", "B", "C", "D", "E"]
        assert review["bookends"]["yang"]["choosable"] is False

        clock.shift(dt.timedelta(seconds=12))
        response = api.post(f"/{decision_id}/choose", {"alternative_id": option_b["id"]})
        assert response.status_code == 200, response.content
        decision = response.json()
        assert decision["stage"] == "act"
        assert decision["chosen_alternative"]["label"] == "B"
        assert decision["choice_seconds"] == 12
        assert [c["is_second_guess"] for c in decision["choices"]] == [False]

        # The action initiative, while it is fresh.
        response = api.post(
            f"/{decision_id}/actions",
            {
                "title": "Phone Priya: share the opportunities lost with the test group",
                "due_date": "2026-11-25",
            },
        )
        assert response.status_code == 201, response.content
        action = response.json()
        assert action["owner"]["id"] == seller.pk
        assert action["account_id"] == account.pk
        assert api.get(f"/{decision_id}").json()["stage"] == "outcome"

        # The pictogram highlights B.
        response = api.client.get(f"/api/v1/decisions/{decision_id}/pictogram.svg")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        svg = response.content.decode()
        assert 'data-chosen="B"' in svg
        chosen_marker = re.search(r'<g class="pg-marker pg-chosen" data-letter="(\w+)"', svg)
        assert chosen_marker and chosen_marker.group(1) == "B"
        assert (
            "Option B: Meet/Phone key contact and share opportunities lost with test group" in svg
        )
        assert "— CHOSEN" in svg
