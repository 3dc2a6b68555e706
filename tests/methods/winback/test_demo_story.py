"""The demo workspace tells the win-back source story (004): the deal Rheinwald Frischdienst
just gave to FrostGuard, turned into a win-back with the four asks — and a small portfolio
around it, one win-back due for re-engaging and one already won back."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from headway.agenda.selectors import build_agenda
from headway.crm.models import Change, DealStage, Interaction, InteractionKind, LostTo
from headway.demo import load_demo
from headway.methods.winback import selectors
from headway.methods.winback.models import (
    Ask,
    AskKind,
    AskStatus,
    PlannedTouch,
    SignalKind,
    Status,
    WinBack,
    WinnerSignal,
)
from headway.workspaces.models import Membership, Workspace

pytestmark = pytest.mark.django_db


def rheinwald(workspace: Workspace) -> WinBack:
    return (
        WinBack.objects.in_workspace(workspace)
        .select_related("deal", "account", "owner")
        .get(account__name="Rheinwald Frischdienst GmbH")
    )


def member(workspace: Workspace, email: str) -> Membership:
    return Membership.objects.in_workspace(workspace).select_related("user").get(user__email=email)


def test_the_deal_lost_to_frostguard_is_being_won_back_with_the_four_asks() -> None:
    ws = load_demo().workspace
    winback = rheinwald(ws)
    assert winback.owner is not None and winback.owner.email == "sofia@demo.headway.test"
    assert winback.deal.stage == DealStage.LOST
    assert (winback.lost_to, winback.lost_to_name) == (LostTo.COMPETITOR, "FrostGuard")
    closed = winback.deal.closed_at
    assert closed is not None
    assert winback.decision_date == closed.astimezone(winback.owner.tzinfo).date()
    assert winback.status == Status.OPEN

    asks = {a.kind: a for a in Ask.objects.in_workspace(ws).filter(winback=winback)}
    assert set(asks) == {
        AskKind.EVALUATION,
        AskKind.CRITERIA,
        AskKind.DECIDERS,
        AskKind.EXECUTIVES,
    }
    assert asks[AskKind.EVALUATION].status == AskStatus.GRANTED
    assert "scorecard" in asks[AskKind.EVALUATION].obtained
    assert asks[AskKind.CRITERIA].status == AskStatus.GRANTED
    assert asks[AskKind.DECIDERS].status == AskStatus.DECLINED
    assert asks[AskKind.EXECUTIVES].status == AskStatus.ASKED
    for ask in asks.values():
        assert ask.asked_at is not None and ask.asked_at >= winback.opened_at
        assert ask.answered_at is None or ask.asked_at < ask.answered_at < timezone.now()


def test_the_buyer_profile_sets_the_cadence_and_the_winner_already_missed_a_promise() -> None:
    ws = load_demo().workspace
    winback = rheinwald(ws)
    # Never bought this kind of solution, four years on FrostGuard's door sensors: medium,
    # a monthly touch — the account's own cadence.
    assert (winback.repeat_buyer, float(winback.years_on_incumbent or 0)) == (False, 4.0)
    assert (winback.level, winback.cadence_days) == ("medium", 30)
    assert winback.manager_approved_by is not None

    touches = list(PlannedTouch.objects.in_workspace(ws).filter(winback=winback))
    assert {t.kind for t in touches} >= {"call", "lunch"}
    done = [t for t in touches if t.done]
    assert len(done) == 1 and done[0].interaction_id is not None  # the thank-you e-mail
    assert all(t.planned_for > timezone.localdate() for t in touches if not t.done)

    (signal,) = WinnerSignal.objects.in_workspace(ws).filter(winback=winback)
    assert signal.kind == SignalKind.MISSED_PROMISE
    assert (timezone.localdate() - signal.observed_on).days <= 3
    assert winback.signal_score == 3  # a first sign, not yet enough to re-engage

    page = selectors.winback_page(workspace=ws, winback=winback)
    advocates = next(g for g in page.stances if g.stance == "advocate").contacts
    assert [c.name for c in advocates] == ["Jonas Keller"]
    assert not page.watch.reengage


def test_the_portfolio_ranks_the_open_win_backs_and_sofia_is_told_to_re_engage() -> None:
    ws = load_demo().workspace
    open_ = list(selectors.winback_list(workspace=ws))
    assert len(open_) >= 2
    assert rheinwald(ws).pk in {w.pk for w in open_}
    assert [w.priority for w in open_] == sorted((w.priority for w in open_), reverse=True)
    rows = selectors.portfolio_rows(open_)
    assert any(row.watch.reengage for row in rows)

    agenda = build_agenda(member(ws, "sofia@demo.headway.test"))
    assert not agenda.failed
    titles = [e.item.title for g in agenda.groups for e in g.entries if e.item.source == "winback"]
    assert "Re-engage now: Vanterpool Flowers B.V." in titles
    assert "Planned call with Rheinwald Frischdienst GmbH" in titles


def test_one_win_back_was_won_back_so_the_reports_have_a_win_back_rate() -> None:
    ws = load_demo().workspace
    (won,) = selectors.winback_list(workspace=ws, status=Status.WON_BACK).select_related(
        "reopened_deal"
    )
    assert won.reopened_deal is not None and won.reopened_deal.stage == DealStage.WON
    assert won.days_to_reengage is not None and won.days_to_reengage > 0
    report = selectors.reports(workspace=ws)
    assert report.winback_rate is not None and 0 < report.winback_rate < 1
    assert report.asks_granted_rate is not None and 0 < report.asks_granted_rate < 1
    assert report.median_days_to_reengage is not None
    # Some lost deals are left to start a win-back from.
    assert selectors.lost_deals_to_win_back(workspace=ws)


def test_every_step_happened_at_its_moment_in_story_order_and_none_after_now() -> None:
    """Each win-back's story is told by the services at its moments (StoryClock): its rows and
    their history were written in the order the story happened, the four asks came with the
    opening, and nothing is stamped later than the moment the demo was loaded."""
    ws = load_demo().workspace
    now = timezone.now()
    for winback in WinBack.objects.in_workspace(ws).select_related("reopened_deal"):
        asks = list(Ask.objects.in_workspace(ws).filter(winback=winback))
        touches = list(PlannedTouch.objects.in_workspace(ws).filter(winback=winback))
        signals = list(WinnerSignal.objects.in_workspace(ws).filter(winback=winback))
        rows: list[Any] = [winback, *asks, *touches, *signals]
        if winback.reopened_deal is not None:
            rows.append(winback.reopened_deal)
        assert {a.created_at for a in asks} == {winback.opened_at}, winback
        for row in rows:
            created = getattr(row, "created_at", winback.opened_at)
            assert winback.opened_at <= created <= row.updated_at <= now, row
        for ask in asks:
            assert ask.asked_at is None or ask.created_at <= ask.asked_at <= ask.updated_at
        for touch in touches:
            assert touch.done_at is None or touch.created_at <= touch.done_at <= now

        keys = {(ContentType.objects.get_for_model(r).pk, r.pk) for r in rows}
        changes = [
            c
            for c in Change.objects.in_workspace(ws)
            .filter(account_id=winback.account_id)
            .order_by("id")
            if (c.target_type_id, c.target_id) in keys
        ]
        moments = [c.at for c in changes]
        assert moments == sorted(moments), winback  # written in the order it happened
        assert changes[0].kind == "created" and changes[0].at == winback.opened_at
        assert moments[-1] <= now


def test_the_thank_you_touch_is_the_e_mail_the_crm_holds_not_a_second_one() -> None:
    ws = load_demo().workspace
    winback = rheinwald(ws)
    (done,) = PlannedTouch.objects.in_workspace(ws).filter(winback=winback, done_at__isnull=False)
    assert winback.deal.closed_at is not None
    emails = Interaction.objects.in_workspace(ws).filter(
        account=winback.account,
        kind=InteractionKind.EMAIL,
        occurred_at__gt=winback.deal.closed_at,
    )
    (thanks,) = emails
    assert done.interaction_id == thanks.pk and done.done_at == thanks.occurred_at


def test_reloading_the_demo_changes_no_win_back_and_reset_rebuilds_them() -> None:
    first = load_demo().workspace
    before = _counts(first)
    again = load_demo()
    assert again.created is False and _counts(again.workspace) == before
    rebuilt = load_demo(reset=True).workspace
    assert rebuilt.pk != first.pk
    assert _counts(rebuilt) == before
    assert rheinwald(rebuilt).status == Status.OPEN


def _counts(ws: Any) -> tuple[int, ...]:
    return (
        WinBack.objects.in_workspace(ws).count(),
        Ask.objects.in_workspace(ws).count(),
        PlannedTouch.objects.in_workspace(ws).count(),
        WinnerSignal.objects.in_workspace(ws).count(),
    )
