"""``headway generate`` writes decisions in every stage, consistent with the method's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils.html import escape

from headway.crm.models import Account, Action
from headway.generate.run import generate_workspace
from headway.methods.options import rules
from headway.methods.options.models import (
    Alternative,
    Choice,
    ColleaguePick,
    Consideration,
    Decision,
)
from headway.workspaces.models import Membership, Role, User

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 22, 0, 0, tzinfo=dt.UTC)
SIZE = 150


def fingerprint(ws) -> list[tuple]:
    decisions = list(
        Decision.objects.in_workspace(ws)
        .order_by("id")
        .values_list("goal", "stage", "review_at", "chosen_at", "outcome", "owner__email")
    )
    alternatives = list(
        Alternative.objects.in_workspace(ws)
        .order_by("id")
        .values_list("kind", "label", "text", "spectrum")
    )
    considerations = list(
        Consideration.objects.in_workspace(ws).order_by("id").values_list("text", "is_key")
    )
    return decisions + alternatives + considerations


def test_a_generated_workspace_has_decisions_in_every_stage_that_follow_the_rules():
    ws = generate_workspace(size=SIZE, seed=1, now=NOW, analyze=False).workspace
    decisions = list(Decision.objects.in_workspace(ws))
    stages = {d.stage for d in decisions}
    assert stages == set(rules.STAGES)
    sleeping = [d for d in decisions if d.stage == rules.SLEEPING]
    assert all(d.review_at and d.incubation_started_at for d in sleeping)
    assert any(d.review_at <= NOW for d in sleeping), "some are due for the morning choice"
    assert any(d.review_at > NOW for d in sleeping), "some are still being slept on"
    accounts = set(Account.objects.in_workspace(ws).values_list("id", flat=True))
    zones = dict(User.objects.values_list("id", "time_zone"))
    for d in decisions:
        assert d.account_id in accounts
        assert d.created_at <= NOW
        if d.incubation_started_at is not None:
            assert d.review_at == rules.next_review_time(d.incubation_started_at, zones[d.owner_id])
        alternatives = list(Alternative.objects.in_workspace(ws).filter(decision=d))
        keys = Consideration.objects.in_workspace(ws).filter(decision=d, is_key=True).count()
        if d.stage != rules.FRAME:
            assert {a.kind for a in alternatives} == {"yin", "yang", "pragmatic"}
            assert keys >= rules.MIN_KEY_CONSIDERATIONS
        if d.stage not in (rules.FRAME, rules.OPTIONS):
            assert (
                rules.incubation_refusal(
                    stage=rules.OPTIONS,
                    key_count=keys,
                    has_yin=True,
                    has_yang=True,
                    alternative_count=sum(a.kind == "pragmatic" for a in alternatives),
                )
                is None
            )
            assert all(a.spectrum is None or 0 <= a.spectrum <= 100 for a in alternatives)
        if d.stage in rules.CHOSEN_STAGES:
            assert d.chosen_alternative is not None and d.chosen_alternative.kind == "pragmatic"
            assert d.review_at is not None and d.review_at <= d.chosen_at <= NOW
            assert Choice.objects.in_workspace(ws).filter(decision=d).exists()
        else:
            assert d.chosen_alternative_id is None
            assert not Choice.objects.in_workspace(ws).filter(decision=d).exists()
        if d.stage == rules.DONE:
            assert d.outcome and d.outcome_at is not None
    decision_type = ContentType.objects.get_for_model(Decision)
    actions = Action.objects.in_workspace(ws).filter(target_type=decision_type)
    chosen_ids = {d.pk for d in decisions if d.stage in rules.CHOSEN_STAGES}
    assert actions.exists()
    assert set(actions.values_list("target_id", flat=True)) <= chosen_ids
    assert ColleaguePick.objects.in_workspace(ws).exists()


def test_the_same_seed_generates_the_same_decisions():
    first = fingerprint(generate_workspace(size=SIZE, seed=2, now=NOW, analyze=False).workspace)
    again = generate_workspace(size=SIZE, seed=2, now=NOW, analyze=False, reset=True)
    assert first and fingerprint(again.workspace) == first


def test_a_generated_seller_sees_their_decisions_page():
    ws = generate_workspace(size=SIZE, seed=3, now=NOW, analyze=False).workspace
    owner_id = Decision.objects.in_workspace(ws).values_list("owner_id", flat=True).first()
    seller = Membership.objects.in_workspace(ws).get(user_id=owner_id, role=Role.MEMBER)
    client = Client()
    client.force_login(seller.user)
    response = client.get("/decisions/")
    assert response.status_code == 200
    goal = Decision.objects.in_workspace(ws).filter(owner_id=owner_id).first().goal
    assert escape(goal) in response.content.decode()
