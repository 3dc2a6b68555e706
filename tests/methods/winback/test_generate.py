"""``headway generate`` writes win-backs for most lost deals, consistent with the method's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils.html import escape

from headway.crm.models import Deal
from headway.generate.run import generate_workspace
from headway.methods.winback import rules
from headway.methods.winback.models import Ask, AskKind, PlannedTouch, WinBack, WinnerSignal
from headway.workspaces.models import Membership, Role

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 22, 0, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
SIZE = 300


def fingerprint(ws) -> list[tuple]:
    winbacks = list(
        WinBack.objects.in_workspace(ws)
        .order_by("id")
        .values_list("title", "deal__title", "likelihood", "signal_score", "priority", "opened_at")
    )
    asks = list(Ask.objects.in_workspace(ws).order_by("id").values_list("kind", "status"))
    signals = list(
        WinnerSignal.objects.in_workspace(ws).order_by("id").values_list("kind", "observed_on")
    )
    return winbacks + asks + signals


def test_a_generated_workspace_has_win_backs_for_most_lost_deals():
    ws = generate_workspace(size=SIZE, seed=1, now=NOW, analyze=False).workspace
    winbacks = list(WinBack.objects.in_workspace(ws).select_related("deal", "reopened_deal"))
    reopened = {w.reopened_deal_id for w in winbacks if w.reopened_deal_id}
    lost = Deal.objects.in_workspace(ws).filter(stage="lost").exclude(pk__in=reopened)
    assert 0.5 * lost.count() <= len(winbacks) <= 0.7 * lost.count()
    for w in winbacks:
        assert w.deal.stage == "lost" and w.deal.workspace_id == ws.pk
        assert w.account_id == w.deal.account_id
        assert w.decision_date == w.deal.closed_at.date()
        assert w.lost_to == w.deal.lost_to and w.reasons == w.deal.lost_reasons
        level, _ = rules.likelihood(
            w.repeat_buyer, None if w.years_on_incumbent is None else float(w.years_on_incumbent)
        )
        assert w.likelihood == level and w.cadence_days == rules.cadence_days(w.level)
        pairs = list(
            WinnerSignal.objects.in_workspace(ws)
            .filter(winback=w)
            .values_list("kind", "observed_on")
        )
        assert w.signal_score == rules.signal_score(pairs, TODAY)
        assert w.signals_crossed_on == rules.threshold_crossed_on(pairs)
        assert w.priority == rules.priority(w.level, w.value, w.signal_score)
        asks = list(Ask.objects.in_workspace(ws).filter(winback=w))
        assert [a.kind for a in asks] == [AskKind.EVALUATION, AskKind.CRITERIA, AskKind.DECIDERS,
                                          AskKind.EXECUTIVES]  # fmt: skip
        for ask in asks:
            assert (ask.asked_at is None) == (ask.status == "to_ask")
            assert (ask.answered_at is None) == (ask.status in ("to_ask", "asked"))
        if w.reopened_deal is not None:
            assert w.reopened_deal.workspace_id == ws.pk
            assert w.reopened_deal.account_id == w.account_id
            assert w.reengaged_on is not None and w.decision_date <= w.reengaged_on <= TODAY
    statuses = {w.status for w in winbacks}
    assert {"open", "won_back", "lost_again", "closed"} <= statuses
    asked = set(Ask.objects.in_workspace(ws).values_list("status", flat=True))
    assert asked == {"to_ask", "asked", "granted", "declined"}
    assert any(w.signal_score >= rules.REENGAGE_THRESHOLD for w in winbacks)
    ends = WinnerSignal.objects.in_workspace(ws).filter(kind=rules.CONTRACT_END)
    assert any(rules.contract_end_near(s.contract_end, TODAY) for s in ends)
    assert PlannedTouch.objects.in_workspace(ws).filter(done_at__isnull=True).exists()
    assert PlannedTouch.objects.in_workspace(ws).filter(done_at__isnull=False).exists()


def test_the_same_seed_generates_the_same_win_backs():
    first = fingerprint(generate_workspace(size=SIZE, seed=2, now=NOW, analyze=False).workspace)
    again = generate_workspace(size=SIZE, seed=2, now=NOW, analyze=False, reset=True)
    assert first and fingerprint(again.workspace) == first


def test_a_generated_seller_sees_their_win_backs_page():
    ws = generate_workspace(size=SIZE, seed=3, now=NOW, analyze=False).workspace
    mine = WinBack.objects.in_workspace(ws).filter(closed_at__isnull=True, reopened_deal=None)
    winback = mine.order_by("-priority").first()
    seller = Membership.objects.in_workspace(ws).get(user_id=winback.owner_id, role=Role.MEMBER)
    client = Client()
    client.force_login(seller.user)
    response = client.get("/winbacks/")
    assert response.status_code == 200
    assert escape(winback.title) in response.content.decode()
