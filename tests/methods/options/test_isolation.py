"""Another workspace's decision is a 404 everywhere — pages, files and API — and ids of
another workspace (or another decision) in input are refused like missing ones. The full
route-by-route sweep is tests/test_tenant_isolation.py (with tests/methods/options/isolation.py)."""

from __future__ import annotations

from headway.methods.options.models import Decision, Stage
from tests.methods.options.helpers import option, with_options


def test_an_outsider_gets_404_on_the_decision_its_files_and_its_api(world, api_for):
    decision = with_options(world.workspace, world.member)
    outsider = world.client_for(world.outsider)
    for url in (
        f"/decisions/{decision.pk}/",
        f"/decisions/{decision.pk}/review/",
        f"/decisions/{decision.pk}/pick/",
        f"/decisions/{decision.pk}/pictogram.svg",
        f"/decisions/{decision.pk}/pictogram.pdf",
    ):
        assert outsider.get(url).status_code == 404, url
    assert outsider.post(f"/decisions/{decision.pk}/incubate/").status_code == 404
    api = api_for(world.outsider, world.other_workspace)
    assert api.get(f"/{decision.pk}").status_code == 404
    assert api.post(f"/{decision.pk}/incubate").status_code == 404
    assert api.get("").json()["items"] == []
    assert Decision.objects.in_workspace(world.workspace).get().stage == Stage.OPTIONS


def test_an_option_of_another_decision_is_not_found_in_this_one(world):
    decision = with_options(world.workspace, world.member)
    other = with_options(world.workspace, world.member)
    client = world.client_for(world.member)
    url = f"/decisions/{decision.pk}/alternatives/{option(other, 'A').pk}/delete/"
    assert client.post(url).status_code == 404
