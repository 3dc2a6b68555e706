from __future__ import annotations

import datetime as dt

import pytest

from headway.agenda.registry import AgendaItem, providers, register, unregister


@pytest.fixture
def review_provider():
    @register("test-reviews")
    def reviews(ctx):
        return [
            AgendaItem(
                key="test-review:1",
                title="Review first thing: the Globex decision",
                due=ctx.today,
                url="/somewhere/1/",
                source="test-reviews",
                label="Review",
                detail=f"for {ctx.user.email}",
            ),
            AgendaItem(
                key="test-review:2",
                title="Beyond the horizon",
                due=ctx.horizon + dt.timedelta(days=1),
                url="/somewhere/2/",
                source="test-reviews",
                label="Review",
            ),
        ]

    yield reviews
    unregister("test-reviews")


def test_core_providers_are_registered_when_the_app_starts():
    assert {"actions", "cadence"} <= set(providers())


def test_a_module_plugs_in_a_provider_and_its_items_show_on_the_agenda(
    world, clock, review_provider
):
    html = world.client_for(world.member).get("/").content.decode()

    assert "Review first thing: the Globex decision" in html
    assert 'href="/somewhere/1/"' in html
    assert "for member@acme.test" in html
    assert "Beyond the horizon" not in html


def test_a_failing_provider_does_not_take_the_agenda_down(world, clock, caplog):
    @register("test-broken")
    def broken(ctx):
        raise RuntimeError("boom")

    try:
        response = world.client_for(world.member).get("/")
    finally:
        unregister("test-broken")

    assert response.status_code == 200
    assert "Some items could not be loaded (test-broken)" in response.content.decode()
