"""The win-back module's part of the demo workspace (source 004), loaded by ``headway demo``.

* **Rheinwald Frischdienst** (Sofia Martens, Europe/Berlin) — the story of the source text. The
  deal for six distribution centres was lost to FrostGuard four days ago; Jonas Keller, who
  preferred us, was plainly uncomfortable delivering the news. Sofia opened a win-back the same
  day and asked for the four things the method names: the evaluation documentation and the
  final decision criteria were granted, access to the selection team was declined, the
  contacts of senior executives are asked. They had never bought cold-chain monitoring
  before, but their facilities team has used FrostGuard's door sensors for four years — a
  medium likelihood, a monthly touch. The thank-you e-mail is done; a call and a lunch are
  planned; and yesterday the first sign that FrostGuard is struggling came in: a missed
  promise. The advocates are the account's contacts who lean our way (Jonas).
* Three more win-backs from the demo's other lost deals make a portfolio: Vanterpool Flowers
  (Sofia; the winner's signals add up, so her agenda says "re-engage now"), Ashgrove Research
  Institute (Dana; a repeat buyer with six years on the winner — the text's example of a low
  likelihood, a quarterly touch) and Tidewater Provisions (Dana; re-opened and won back, so
  the reports have a win-back rate). The other lost deals are left to start a win-back from.

Everything is written through the module's services with the owner's membership, each step
at its moment in the story (:class:`headway.demo.clock.StoryClock`), so the method's rules
hold as they would have then (likelihood, cadence, signal points, priority, the day of
re-engaging) and the history says what the services recorded — nothing is moved afterwards.
Each story below runs in the order it happened, one ``with clock.at(...)`` per moment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from headway.crm import services as crm_services
from headway.crm import writes
from headway.crm.models import Action, Deal, DealStage, Interaction, InteractionKind
from headway.demo.clock import StoryClock
from headway.methods.winback import services
from headway.methods.winback.models import (
    Ask,
    AskKind,
    AskStatus,
    PlannedTouch,
    SignalKind,
    TouchKind,
    WinBack,
)
from headway.workspaces.models import Membership, Workspace
from headway.workspaces.permissions import require_edit

SOFIA = "sofia@demo.headway.test"
DANA = "dana@demo.headway.test"
MORGAN = "manager@demo.headway.test"

RHEINWALD = "Rheinwald Frischdienst GmbH"
VANTERPOOL = "Vanterpool Flowers B.V."
ASHGROVE = "Ashgrove Research Institute"
TIDEWATER = "Tidewater Provisions"

EVALUATION, CRITERIA = AskKind.EVALUATION, AskKind.CRITERIA
DECIDERS, EXECUTIVES = AskKind.DECIDERS, AskKind.EXECUTIVES
GRANTED, DECLINED = AskStatus.GRANTED, AskStatus.DECLINED

# When things happen on a story's day (the owner's wall clock): answers come in the morning,
# signals are written down at the end of the day.
ANSWERED = (11, 0)
SIGNALLED = (17, 10)


def load(*, workspace: Workspace, now: dt.datetime) -> None:
    """Add the win-backs to the (freshly built) demo workspace."""
    members = {
        m.user.email: m
        for m in Membership.objects.in_workspace(workspace)
        .filter(user__email__in=[SOFIA, DANA, MORGAN])
        .select_related("user")
    }
    lost = {
        d.account.name: d
        for d in Deal.objects.in_workspace(workspace)
        .filter(
            stage=DealStage.LOST,
            account__name__in=[RHEINWALD, VANTERPOOL, ASHGROVE, TIDEWATER],
        )
        .select_related("account")
    }
    sofia, dana = members[SOFIA], members[DANA]
    sofias = StoryClock(tz=sofia.user.tzinfo, now=now)
    danas = StoryClock(tz=dana.user.tzinfo, now=now)
    _ashgrove(dana, lost[ASHGROVE], danas)
    _tidewater(dana, lost[TIDEWATER], danas)
    _vanterpool(sofia, lost[VANTERPOOL], sofias)
    _rheinwald(sofia, members[MORGAN], lost[RHEINWALD], sofias)


# --- the source story ------------------------------------------------------------------------


def _rheinwald(me: Membership, manager: Membership, deal: Deal, clock: StoryClock) -> WinBack:
    assert deal.closed_at is not None
    opened = deal.closed_at + dt.timedelta(minutes=90)  # after Jonas's call with the news
    # The thank-you e-mail that made the asks (already in the CRM demo data).
    thanks = (
        Interaction.objects.in_workspace(deal.workspace_id)
        .filter(account=deal.account, kind=InteractionKind.EMAIL, occurred_at__gt=deal.closed_at)
        .order_by("occurred_at")
        .first()
    )
    asked = thanks.occurred_at if thanks is not None else opened + dt.timedelta(hours=20)
    with clock.at(opened):
        winback = _open(
            me,
            deal,
            clock,
            title="Rheinwald: be the first call when FrostGuard's rollout slips",
            repeat_buyer=False,
            years_on_incumbent=Decimal("4"),
        )
        asks = _asks(winback)
    with clock.at(opened + dt.timedelta(minutes=10)):
        thank_you = services.touch_create(
            membership=me,
            winback=winback,
            kind=TouchKind.EMAIL,
            planned_for=asked.astimezone(clock.tz).date(),
            note="Thank them for the chance; ask for the scorecard, the criteria and the team",
        )
    with clock.at(asked):
        # Asked all at once, as the method says, while they still feel bad about the "no".
        _ask(me, asks, EVALUATION, CRITERIA, DECIDERS)
        # Done with the e-mail the CRM already holds (logging it again would duplicate it).
        services.touch_complete(membership=me, touch=thank_you, log_interaction=False)
        if thanks is not None:
            # No service links a touch to an interaction it did not log: the one write here
            # that is not a win-back service call, made at the same moment through the write
            # path (validated, recorded in history, the agenda told) — not a row moved later.
            require_edit(me, winback)
            writes.update(
                thank_you,
                membership=me,
                changes={"interaction": thanks},
                check=writes.allowed,  # require_edit on the win-back, as its services do
            )
        _touch(
            me,
            winback,
            TouchKind.CALL,
            clock.today + dt.timedelta(days=2),
            "Call Jonas: thank him for the scorecard, ask how FrostGuard's site survey went",
        )
        _touch(
            me,
            winback,
            TouchKind.LUNCH,
            clock.today + dt.timedelta(days=26),
            "Lunch with Markus Weber: how is FrostGuard's link to SAP coming along?",
        )
    with clock.at(clock.local(2, *ANSWERED)):
        _answer(
            me,
            asks[EVALUATION],
            GRANTED,
            "Anke sent the evaluation scorecard: FrostGuard 4.1, Northwind 3.8 out of 5. We "
            "led on alerting and the SAP link; we lost on price per sensor and rollout time.",
        )
        _answer(
            me,
            asks[CRITERIA],
            GRANTED,
            "Final weighting: price per sensor 40%, rollout time 25%, alerting 20%, SAP "
            "integration 15%. A six-week rollout was a must-have for procurement.",
        )
        _done_in_crm(me, deal, "Ask Anke for the evaluation scorecard")
    with clock.at(clock.local(2, 16, 40)):
        services.winback_approve(membership=manager, winback=winback)
    with clock.at(clock.local(1, *ANSWERED)):
        _answer(
            me,
            asks[DECIDERS],
            DECLINED,
            "Jonas said yes, but procurement declined: no vendor meetings after an award. "
            "Ask again once FrostGuard has gone live.",
        )
    with clock.at(clock.local(1, 16, 55)):
        # Asked on the phone yesterday: Dr. Schäfer only heard of the final decision.
        _ask(me, asks, EXECUTIVES)
    with clock.at(clock.local(1, *SIGNALLED)):
        _signal(
            me,
            winback,
            SignalKind.MISSED_PROMISE,
            clock.days_ago(1),
            "FrostGuard moved the Köln site survey back two weeks: the six-week rollout is "
            "already slipping (Jonas, by phone).",
        )
    return winback


# --- the portfolio ---------------------------------------------------------------------------


def _vanterpool(me: Membership, deal: Deal, clock: StoryClock) -> WinBack:
    """Sofia's older win-back: the winner's promises and product keep failing — the signals add
    up past the threshold, so the agenda says "re-engage now"."""
    with clock.at(clock.local(59, 10, 0)):
        winback = _open(me, deal, clock, repeat_buyer=True, years_on_incumbent=Decimal("2"))
        asks = _asks(winback)
    with clock.at(clock.local(59, 10, 30)):
        _ask(me, asks, EVALUATION, CRITERIA, DECIDERS, EXECUTIVES)
    with clock.at(clock.local(55, *ANSWERED)):
        _answer(
            me,
            asks[EVALUATION],
            GRANTED,
            "The fleet planner's comparison sheet: ChillPoint won on the route-planning "
            "bundle, not on the sensors — our alerting scored higher.",
        )
        _answer(
            me,
            asks[CRITERIA],
            GRANTED,
            "One price for sensors and route planning, and no second portal for drivers.",
        )
    with clock.at(clock.local(50, *ANSWERED)):
        _answer(
            me,
            asks[DECIDERS],
            GRANTED,
            "45 minutes with the Commercial Director: she will hear from us if the bundle "
            "disappoints.",
        )
    with clock.at(clock.local(38, *SIGNALLED)):
        _signal(
            me,
            winback,
            SignalKind.MISSED_PROMISE,
            clock.days_ago(38),
            "ChillPoint fitted 30 of 42 trucks by the promised date; the rest wait for parts.",
        )
    with clock.at(clock.local(9, 15, 0)):
        _touch(
            me,
            winback,
            TouchKind.EMAIL,
            clock.today + dt.timedelta(days=3),
            "Send the Cold Room Manager a sample audit report: no gaps at the border",
        )
    with clock.at(clock.local(9, *SIGNALLED)):
        _signal(
            me,
            winback,
            SignalKind.PRODUCT_PROBLEM,
            clock.days_ago(9),
            "Readings drop out when trucks cross into Germany: gaps in two customers' audit "
            "trails.",
        )
    return winback


def _ashgrove(me: Membership, deal: Deal, clock: StoryClock) -> WinBack:
    """Dana's long game: a repeat buyer with six years on the winner — the text's example of a
    customer unlikely to switch soon, worked with a light, quarterly touch."""
    with clock.at(clock.local(79, 11, 0)):
        winback = _open(me, deal, clock, repeat_buyer=True, years_on_incumbent=Decimal("6"))
        asks = _asks(winback)
    with clock.at(clock.local(79, 11, 15)):
        _ask(me, asks, EVALUATION, CRITERIA, DECIDERS, EXECUTIVES)
    with clock.at(clock.local(75, *ANSWERED)):
        _answer(
            me,
            asks[EVALUATION],
            GRANTED,
            "The biobank manager's scoring: our alerting ranked first; ThermaLog's "
            "ready-made link to their sample tracking decided it.",
        )
        _answer(
            me,
            asks[CRITERIA],
            GRANTED,
            "Integration with the sample-tracking system weighed 40%.",
        )
    with clock.at(clock.local(70, *ANSWERED)):
        _answer(
            me,
            asks[EXECUTIVES],
            DECLINED,
            "The Director of Operations would rather not share executives' contacts; she "
            "passed our note on herself.",
        )
    with clock.at(clock.local(15, 10, 0)):
        _touch(
            me,
            winback,
            TouchKind.CALL,
            clock.today + dt.timedelta(days=12),
            "Quarterly call with the biobank manager: how is ThermaLog's connector working?",
        )
    with clock.at(clock.local(15, *SIGNALLED)):
        _signal(
            me,
            winback,
            SignalKind.PRICE_RISE,
            clock.days_ago(15),
            "ThermaLog announced a 9% rise in its support fee from January.",
        )
    return winback


def _tidewater(me: Membership, deal: Deal, clock: StoryClock) -> WinBack:
    """Won back: a first-time buyer whose free alternative failed its first audit — re-engaged
    with a new deal, and the new deal won."""
    with clock.at(clock.local(44, 9, 30)):
        winback = _open(me, deal, clock, repeat_buyer=False, years_on_incumbent=Decimal("0.5"))
        asks = _asks(winback)
    with clock.at(clock.local(44, 9, 45)):
        _ask(me, asks, EVALUATION, CRITERIA, DECIDERS)  # the executives' contacts: not asked
    with clock.at(clock.local(40, *ANSWERED)):
        _answer(
            me,
            asks[EVALUATION],
            DECLINED,
            "No written evaluation: the add-on came with the telematics they already pay for.",
        )
        _answer(
            me,
            asks[CRITERIA],
            GRANTED,
            "One criterion in the end: no new contract to sign.",
        )
    with clock.at(clock.local(38, *ANSWERED)):
        _answer(
            me,
            asks[DECIDERS],
            GRANTED,
            "A call with the President: he will look again if the audits suffer.",
        )
    with clock.at(clock.local(33, *SIGNALLED)):
        _signal(
            me,
            winback,
            SignalKind.PRODUCT_PROBLEM,
            clock.days_ago(33),
            "Food-safety audit: the add-on has no audit report, so the fleet team rebuilt six "
            "weeks of records by hand.",
        )
    won = clock.local(9, 15, 0)
    with clock.at(clock.local(30, 11, 0)):
        new_deal = services.winback_reopen(
            membership=me,
            winback=winback,
            title="Fleet reefer monitoring with audit reports (win-back)",
            expected_close=won.astimezone(clock.tz).date(),
        )
    with clock.at(won):
        crm_services.deal_update(membership=me, deal=new_deal, stage=DealStage.WON)
    return winback


# --- steps through the services --------------------------------------------------------------


def _open(
    me: Membership,
    deal: Deal,
    clock: StoryClock,
    *,
    repeat_buyer: bool,
    years_on_incumbent: Decimal,
    title: str | None = None,
) -> WinBack:
    """Open the win-back from the lost deal (the four asks come with it) and fill in the buyer
    profile, which sets the likelihood and the cadence."""
    assert deal.closed_at is not None
    winback = services.winback_create(
        membership=me,
        deal=deal,
        decision_date=deal.closed_at.astimezone(clock.tz).date(),
        title=title,
    )
    return services.winback_update(
        membership=me,
        winback=winback,
        repeat_buyer=repeat_buyer,
        years_on_incumbent=years_on_incumbent,
    )


def _asks(winback: WinBack) -> dict[str, Ask]:
    """The four asks the win-back opened with, by kind (ask_update records history with the
    ask's account: keep the win-back at hand)."""
    rows = Ask.objects.in_workspace(winback.workspace_id).filter(winback=winback)
    return {a.kind: a for a in rows.select_related("winback")}


def _ask(me: Membership, asks: dict[str, Ask], *kinds: str) -> None:
    for kind in kinds:
        services.ask_update(membership=me, ask=asks[kind], status=AskStatus.ASKED)


def _answer(me: Membership, ask: Ask, status: str, obtained: str) -> None:
    services.ask_update(membership=me, ask=ask, status=status, obtained=obtained)


def _done_in_crm(me: Membership, deal: Deal, title: str) -> None:
    """The CRM demo's next step that the story has already taken (asking for the scorecard):
    done when the ask was granted, so the agenda does not ask for it again."""
    action = (
        Action.objects.in_workspace(deal.workspace_id)
        .filter(account=deal.account, title__startswith=title, done_at__isnull=True)
        .first()
    )
    if action is not None:
        crm_services.action_complete(membership=me, action=action)


def _touch(
    me: Membership, winback: WinBack, kind: str, planned_for: dt.date, note: str
) -> PlannedTouch:
    return services.touch_create(
        membership=me, winback=winback, kind=kind, planned_for=planned_for, note=note
    )


def _signal(me: Membership, winback: WinBack, kind: str, observed_on: dt.date, note: str) -> None:
    services.signal_create(
        membership=me, winback=winback, kind=kind, observed_on=observed_on, note=note
    )
