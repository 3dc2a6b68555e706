"""The decision list and the decision page cost the same number of queries whatever the
number of decisions, considerations, options, choices, actions and colleagues' picks."""

from __future__ import annotations

import datetime as dt

import time_machine

from headway.methods.options import services
from tests import factories
from tests.kit import assert_constant_queries
from tests.methods.options.helpers import membership, option, sleeping, with_options

START = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


def test_the_decision_list_runs_a_fixed_number_of_queries(world):
    account = factories.make_account(world.workspace, name="Globex", owner=world.member)
    with_options(world.workspace, world.member, account=account)
    client = world.client_for(world.member)

    def grow() -> None:
        for i in range(12):
            owner = world.other_member if i % 2 else world.member
            with_options(world.workspace, owner, account=account if i % 3 else None)

    assert_constant_queries(client, "/decisions/", grow)


def _chosen_with_everything(world, decision, *, picks: list, actions: int) -> None:
    m = membership(world.workspace, world.member)
    services.colleagues_invite(membership=m, decision=decision, users=picks)
    for user in picks:
        services.pick_submit(
            membership=membership(world.workspace, user),
            decision=decision,
            alternative=option(decision, "A"),
        )
    with time_machine.travel(decision.review_at + dt.timedelta(minutes=1), tick=False):
        services.decision_choose(membership=m, decision=decision, alternative=option(decision, "B"))
        services.decision_choose(membership=m, decision=decision, alternative=option(decision, "C"))
        for i in range(actions):
            services.decision_add_action(
                membership=m,
                decision=decision,
                title=f"Step {i}",
                due_date=dt.date(2026, 11, 25),
                owner=world.other_member if i % 2 else world.member,
            )


def test_the_decision_page_runs_a_fixed_number_of_queries(world):
    with time_machine.travel(START, tick=False):
        account = factories.make_account(world.workspace, name="Globex", owner=world.member)
        decision = sleeping(world.workspace, world.member, account=account)
    _chosen_with_everything(world, decision, picks=[world.other_member], actions=1)
    client = world.client_for(world.member)

    def grow() -> None:
        extra = [factories.make_user() for _ in range(6)]
        for user in extra:
            factories.make_membership(world.workspace, user, "member")
        m = membership(world.workspace, world.member)
        services.colleagues_invite(membership=m, decision=decision, users=extra)
        for user in extra:
            services.pick_submit(
                membership=membership(world.workspace, user),
                decision=decision,
                alternative=option(decision, "D"),
            )
        for i in range(8):
            services.decision_add_action(
                membership=m, decision=decision, title=f"More {i}", due_date=dt.date(2026, 11, 30)
            )
        with time_machine.travel(decision.review_at + dt.timedelta(hours=2), tick=False):
            for label in ("D", "E", "A"):
                services.decision_choose(
                    membership=m, decision=decision, alternative=option(decision, label)
                )

    assert_constant_queries(client, f"/decisions/{decision.pk}/", grow)


def test_the_frame_stage_page_does_not_grow_with_considerations_or_options(world):
    decision = with_options(world.workspace, world.member)
    client = world.client_for(world.member)
    m = membership(world.workspace, world.member)

    def grow() -> None:
        for i in range(10):
            services.consideration_add(membership=m, decision=decision, text=f"Also {i}")
            services.alternative_add(
                membership=m, decision=decision, text=f"Another way {i}", spectrum=i * 9
            )

    assert_constant_queries(client, f"/decisions/{decision.pk}/", grow)


def test_the_api_list_and_detail_run_a_fixed_number_of_queries(world, api_for):
    decision = with_options(world.workspace, world.member)
    api = api_for(world.member)
    m = membership(world.workspace, world.member)

    def grow() -> None:
        for i in range(6):
            with_options(world.workspace, world.member)
            services.alternative_add(membership=m, decision=decision, text=f"Way {i}")

    assert_constant_queries(api.client, "/api/v1/decisions", grow)
    assert_constant_queries(
        api.client,
        f"/api/v1/decisions/{decision.pk}",
        lambda: services.consideration_add(membership=m, decision=decision, text="More"),
    )
