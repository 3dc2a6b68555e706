"""The alignment pages: the list, a new alignment from an account, the guide page walking the
method, and the account page's panel and button."""

from __future__ import annotations

from headway.methods.alignment import rules
from headway.methods.alignment.models import Alignment
from tests import factories
from tests.methods.alignment.helpers import DECISION, explored, parties, story


def test_an_alignment_is_started_from_an_account_with_its_contacts(world):
    account = factories.make_account(world.workspace, name="Largest Customer", owner=world.member)
    anna = factories.make_contact(account, name="Anna Lind")
    ben = factories.make_contact(account, name="Ben Ortiz")
    factories.make_contact(factories.make_account(world.workspace), name="Elsewhere Person")
    client = world.client_for(world.member)

    form = client.get(f"/alignments/new/?account={account.pk}")
    assert form.status_code == 200
    html = form.content.decode()
    assert "Anna Lind" in html and "Ben Ortiz" in html and "Elsewhere Person" not in html

    one = client.post(
        f"/alignments/new/?account={account.pk}", {"decision": DECISION, "contacts": [anna.pk]}
    )
    assert one.status_code == 422
    assert "at least two people" in one.content.decode()
    assert not Alignment.objects.in_workspace(world.workspace).exists()

    done = client.post(
        f"/alignments/new/?account={account.pk}",
        {"decision": DECISION, "contacts": [anna.pk, ben.pk]},
    )
    assert done.status_code == 302
    alignment = Alignment.objects.in_workspace(world.workspace).get()
    assert done["Location"] == f"/alignments/{alignment.pk}/#parties"
    assert alignment.status == rules.IMPASSE


def test_the_guide_page_walks_the_method(world):
    story_ = explored(world.workspace, world.member)
    page = world.client_for(world.member).get(f"/alignments/{story_.alignment.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "The parties and what each holds",
        "Anna Lind",
        "room to grow into new markets",
        "Common ground",
        "Agreed words and the decision rule",
        "Joint options, rated against every interest",
        "<svg",
        "Text version of the grid",
        "Meets every essential interest:</strong> option C",
        "Record the agreement",
    ):
        assert text in html, text


def test_a_viewer_reads_the_guide_without_forms(world):
    story_ = explored(world.workspace, world.member)
    html = world.client_for(world.viewer).get(f"/alignments/{story_.alignment.pk}/").content
    assert b"Record the agreement" not in html
    assert b"Add option" not in html
    assert b"room to grow into new markets" in html


def test_recording_an_item_and_testing_an_assumption_on_the_page(world):
    alignment = story(world.workspace, world.member)
    anna = parties(alignment)[0]
    client = world.client_for(world.member)
    added = client.post(
        f"/alignments/{alignment.pk}/parties/{anna.pk}/items/",
        {"kind": "assumption", "text": "customers want configurability"},
    )
    assert added.status_code == 302
    item = anna.items.get()
    refused = client.post(
        f"/alignments/{alignment.pk}/items/{item.pk}/test/", {"test_status": "confirmed"}
    )
    assert refused.status_code == 422
    assert "Say how it was tested" in refused.content.decode()
    ok = client.post(
        f"/alignments/{alignment.pk}/items/{item.pk}/test/",
        {
            "test_status": "confirmed",
            "tested_how": "Asked five customers",
            "tested_on": "2026-11-20",
        },
    )
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.test_status == "confirmed"


def test_the_grid_is_rated_on_the_page(world):
    story_ = explored(world.workspace, world.member)
    url = f"/alignments/{story_.alignment.pk}/options/{story_.a.pk}/rate/"
    response = world.client_for(world.member).post(
        url, {f"interest_{story_.flex.pk}": "partly", f"interest_{story_.soon.pk}": "meets"}
    )
    assert response.status_code == 302
    ratings = dict(story_.a.ratings.values_list("interest_id", "rating"))
    assert ratings == {story_.flex.pk: "partly", story_.soon.pk: "meets"}


def test_the_account_page_offers_it_and_lists_its_alignments(world):
    alignment = story(world.workspace, world.member)
    html = world.client_for(world.member).get(f"/accounts/{alignment.account_id}/").content.decode()
    assert "Align the stakeholders" in html
    assert f"/alignments/{alignment.pk}/" in html
    assert DECISION in html


def test_the_list_filters_by_status_and_account(world):
    alignment = story(world.workspace, world.member)
    client = world.client_for(world.member)
    shown = DECISION.capitalize()
    assert shown in client.get("/alignments/").content.decode()
    assert shown in client.get(f"/alignments/?account={alignment.account_id}").content.decode()
    assert shown not in client.get("/alignments/?status=agreed").content.decode()


def test_the_grid_picture_is_svg_with_a_text_alternative(world):
    story_ = explored(world.workspace, world.member)
    response = world.client_for(world.member).get(f"/alignments/{story_.alignment.pk}/grid.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert "<title" in svg and "<desc" in svg
    assert "Option C (Ship a fixed core now on an extensible design)" in svg
    assert "meets every essential interest" in svg


def test_the_meeting_guide_has_each_partys_questions_the_untested_and_the_words(world):
    from headway.methods.alignment import services
    from tests.methods.alignment.helpers import membership

    story_ = explored(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    anna = parties(story_.alignment)[0]
    services.item_add(
        membership=m,
        alignment=story_.alignment,
        party=anna,
        kind="assumption",
        text="customers want configurability",
    )
    services.word_add(
        membership=m,
        alignment=story_.alignment,
        term="launch",
        meaning="paying customers can buy it",
    )
    page = world.client_for(world.viewer).get(f"/alignments/{story_.alignment.pk}/guide/")
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "What is important to you about your solution, Anna Lind?",
        "What is important to you about your solution, Ben Ortiz?",
        "customers want configurability",
        "launch",
        "paying customers can buy it",
        "how could we design the product design direction so that it meets every essential",
    ):
        assert text in html, text
