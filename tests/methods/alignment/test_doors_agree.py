"""The page and the API ask the same services and give the same status: a refused agreement
is 409 on both and changes nothing; a foreign option is invalid input on both; the status
read on the page is the status the API gives."""

from __future__ import annotations

from headway.crm.models import Change
from headway.methods.alignment import rules
from headway.methods.alignment.models import Alignment
from tests.methods.alignment.helpers import explored, story


def _status(alignment):
    return Alignment.objects.in_workspace(alignment.workspace_id).get(pk=alignment.pk).status


def test_agreeing_on_an_option_failing_an_essential_interest_is_409_on_both_doors(world, api_for):
    story_ = explored(world.workspace, world.member)
    alignment = story_.alignment
    changes = Change.objects.in_workspace(world.workspace).count()

    page = world.client_for(world.member).post(
        f"/alignments/{alignment.pk}/agree/", {"option": story_.a.pk}
    )
    api = api_for(world.member).post(f"/{alignment.pk}/agree", {"joint_option_id": story_.a.pk})

    assert page.status_code == api.status_code == 409
    assert "something in customers" in api.json()["detail"]
    assert "Not now:" in page.content.decode()
    assert _status(alignment) == rules.EXPLORING
    assert Change.objects.in_workspace(world.workspace).count() == changes


def test_agreeing_at_the_impasse_is_409_on_both_doors(world, api_for):
    alignment = story(world.workspace, world.member)
    from headway.methods.alignment import services
    from tests.methods.alignment.helpers import membership

    option = services.option_add(
        membership=membership(world.workspace, world.member), alignment=alignment, text="Middle"
    )
    page = world.client_for(world.member).post(
        f"/alignments/{alignment.pk}/agree/", {"option": option.pk}
    )
    api = api_for(world.member).post(f"/{alignment.pk}/agree", {"joint_option_id": option.pk})
    assert page.status_code == api.status_code == 409
    assert api.json()["detail"] == rules.AGREE_NEEDS_EXPLORING


def test_another_alignments_option_is_invalid_input_on_both_doors(world, api_for):
    story_ = explored(world.workspace, world.member)
    other = explored(world.workspace, world.member)
    page = world.client_for(world.member).post(
        f"/alignments/{story_.alignment.pk}/agree/", {"option": other.c.pk}
    )
    api = api_for(world.member).post(
        f"/{story_.alignment.pk}/agree", {"joint_option_id": other.c.pk}
    )
    assert page.status_code == api.status_code == 422
    assert _status(story_.alignment) == rules.EXPLORING


def test_the_page_and_the_api_show_the_same_status_after_agreeing(world, api_for):
    story_ = explored(world.workspace, world.member)
    api = api_for(world.member)
    agreed = api.post(f"/{story_.alignment.pk}/agree", {"joint_option_id": story_.c.pk})
    assert agreed.status_code == 200
    body = agreed.json()
    assert body["status"] == "agreed"
    assert body["agreed_option_id"] == story_.c.pk
    assert body["agreed_parties"] == "Anna Lind, Ben Ortiz"
    page = world.client_for(world.member).get(f"/alignments/{story_.alignment.pk}/")
    assert '<strong id="status">Agreed</strong>' in page.content.decode()
    assert api.get(f"/{story_.alignment.pk}").json()["status"] == "agreed"
    # Ended: both doors refuse a change.
    more = api.post(f"/{story_.alignment.pk}/words", {"term": "x", "meaning": "y"})
    form = world.client_for(world.member).post(
        f"/alignments/{story_.alignment.pk}/words/", {"term": "x", "meaning": "y"}
    )
    assert more.status_code == form.status_code == 409


def test_a_viewer_is_refused_on_both_doors(world, api_for):
    story_ = explored(world.workspace, world.member)
    page = world.client_for(world.viewer).post(f"/alignments/{story_.alignment.pk}/explore/")
    api = api_for(world.viewer).post(f"/{story_.alignment.pk}/explore")
    assert page.status_code == api.status_code == 403


def test_a_follow_up_action_before_agreeing_is_409_on_both_doors_and_201_after(world, api_for):
    story_ = explored(world.workspace, world.member)
    body = {"title": "Start the design", "due_date": "2026-12-01"}
    api = api_for(world.member)
    client = world.client_for(world.member)
    page = client.post(
        f"/alignments/{story_.alignment.pk}/actions/", {**body, "owner": world.member.pk}
    )
    refused = api.post(f"/{story_.alignment.pk}/actions", body)
    assert page.status_code == refused.status_code == 409
    api.post(f"/{story_.alignment.pk}/agree", {"joint_option_id": story_.c.pk})
    added = api.post(f"/{story_.alignment.pk}/actions", body)
    assert added.status_code == 201
    assert added.json()["owner"]["id"] == world.member.pk
    html = client.get(f"/alignments/{story_.alignment.pk}/").content.decode()
    assert "Start the design" in html and "Add action" in html
