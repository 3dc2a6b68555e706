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

Everything is written through the module's services with the owner's membership, so the
method's rules hold (likelihood, cadence, signal points, priority) and history is recorded.
The services stamp the real time; the moments of the story (a win-back opened weeks ago, an
ask answered yesterday) are then set with a queryset ``update()`` on the module's own rows —
and the history rows that recorded them — so the pages show when things happened.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from headway.crm import history
from headway.crm import services as crm_services
from headway.crm.models import Action, Change, Deal, DealStage, Interaction, InteractionKind
from headway.methods.winback import services
from headway.methods.winback.models import Ask, AskKind, AskStatus, SignalKind, TouchKind, WinBack
from headway.workspaces.models import Membership, Workspace
from headway.workspaces.tenancy import WorkspaceModel

SOFIA = "sofia@demo.headway.test"
DANA = "dana@demo.headway.test"
MORGAN = "manager@demo.headway.test"

RHEINWALD = "Rheinwald Frischdienst GmbH"
VANTERPOOL = "Vanterpool Flowers B.V."
ASHGROVE = "Ashgrove Research Institute"
TIDEWATER = "Tidewater Provisions"

# (status, what we obtained, days ago it was answered — or, for an ask still waiting, made)
Answer = tuple[str, str, int | None]


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
    log = _History(workspace)
    sofia = _Clock(members[SOFIA], now, log)
    dana = _Clock(members[DANA], now, log)
    _ashgrove(dana, lost[ASHGROVE])
    _tidewater(dana, lost[TIDEWATER])
    _vanterpool(sofia, lost[VANTERPOOL])
    _rheinwald(sofia, members[MORGAN], lost[RHEINWALD])


# --- the source story ------------------------------------------------------------------------


def _rheinwald(clock: _Clock, manager: Membership, deal: Deal) -> WinBack:
    me = clock.membership
    assert deal.closed_at is not None
    opened = deal.closed_at + dt.timedelta(minutes=90)  # after Jonas's call with the news
    winback = _open(
        clock,
        deal,
        opened,
        title="Rheinwald: be the first call when FrostGuard's rollout slips",
        repeat_buyer=False,
        years_on_incumbent=Decimal("4"),
    )
    # The thank-you e-mail that made the asks (already in the CRM demo data).
    thanks = (
        Interaction.objects.in_workspace(clock.workspace)
        .filter(account=deal.account, kind=InteractionKind.EMAIL, occurred_at__gt=deal.closed_at)
        .order_by("occurred_at")
        .first()
    )
    asked = thanks.occurred_at if thanks is not None else opened + dt.timedelta(hours=20)
    _asks(
        clock,
        winback,
        asked,
        {
            AskKind.EVALUATION: (
                AskStatus.GRANTED,
                "Anke sent the evaluation scorecard: FrostGuard 4.1, Northwind 3.8 out of 5. We "
                "led on alerting and the SAP link; we lost on price per sensor and rollout time.",
                2,
            ),
            AskKind.CRITERIA: (
                AskStatus.GRANTED,
                "Final weighting: price per sensor 40%, rollout time 25%, alerting 20%, SAP "
                "integration 15%. A six-week rollout was a must-have for procurement.",
                2,
            ),
            AskKind.DECIDERS: (
                AskStatus.DECLINED,
                "Jonas said yes, but procurement declined: no vendor meetings after an award. "
                "Ask again once FrostGuard has gone live.",
                1,
            ),
            # Asked on the phone yesterday: Dr. Schäfer only heard of the final decision.
            AskKind.EXECUTIVES: (AskStatus.ASKED, "", 1),
        },
    )
    _done_in_crm(clock, deal, "Ask Anke for the evaluation scorecard", clock.local(2, 11, 0))
    thank_you = services.touch_create(
        membership=me,
        winback=winback,
        kind=TouchKind.EMAIL,
        planned_for=asked.astimezone(clock.tz).date(),
        note="Thank them for the chance; ask for the scorecard, the criteria and the team",
    )
    clock.history(opened + dt.timedelta(minutes=10))
    services.touch_complete(membership=me, touch=thank_you, log_interaction=False)
    clock.history(asked)
    # Done with the e-mail the CRM already holds (logging it again would duplicate it).
    _move(thank_you, created_at=opened, done_at=asked, updated_at=asked, interaction=thanks)
    _touch(
        clock,
        winback,
        TouchKind.CALL,
        2,
        "Call Jonas: thank him for the scorecard, ask how FrostGuard's site survey went",
        created=asked,
    )
    _touch(
        clock,
        winback,
        TouchKind.LUNCH,
        26,
        "Lunch with Markus Weber: how is FrostGuard's link to SAP coming along?",
        created=asked,
    )
    services.winback_approve(membership=manager, winback=winback)
    approved = clock.local(2, 16, 40)
    clock.history(approved)
    _move(winback, manager_approved_at=approved)
    _signal(
        clock,
        winback,
        SignalKind.MISSED_PROMISE,
        1,
        "FrostGuard moved the Köln site survey back two weeks: the six-week rollout is already "
        "slipping (Jonas, by phone).",
    )
    _move(winback, updated_at=clock.local(1, 17, 20))
    return winback


# --- the portfolio ---------------------------------------------------------------------------


def _vanterpool(clock: _Clock, deal: Deal) -> WinBack:
    """Sofia's older win-back: the winner's promises and product keep failing — the signals add
    up past the threshold, so the agenda says "re-engage now"."""
    opened = clock.local(59, 10, 0)
    winback = _open(
        clock,
        deal,
        opened,
        repeat_buyer=True,
        years_on_incumbent=Decimal("2"),
    )
    _asks(
        clock,
        winback,
        clock.local(59, 10, 30),
        {
            AskKind.EVALUATION: (
                AskStatus.GRANTED,
                "The fleet planner's comparison sheet: ChillPoint won on the route-planning "
                "bundle, not on the sensors — our alerting scored higher.",
                55,
            ),
            AskKind.CRITERIA: (
                AskStatus.GRANTED,
                "One price for sensors and route planning, and no second portal for drivers.",
                55,
            ),
            AskKind.DECIDERS: (
                AskStatus.GRANTED,
                "45 minutes with the Commercial Director: she will hear from us if the bundle "
                "disappoints.",
                50,
            ),
            AskKind.EXECUTIVES: (AskStatus.ASKED, "", None),
        },
    )
    _signal(
        clock,
        winback,
        SignalKind.MISSED_PROMISE,
        38,
        "ChillPoint fitted 30 of 42 trucks by the promised date; the rest wait for parts.",
    )
    _signal(
        clock,
        winback,
        SignalKind.PRODUCT_PROBLEM,
        9,
        "Readings drop out when trucks cross into Germany: gaps in two customers' audit trails.",
    )
    _touch(
        clock,
        winback,
        TouchKind.EMAIL,
        3,
        "Send the Cold Room Manager a sample audit report: no gaps at the border",
        created=clock.local(9, 15, 0),
    )
    _move(winback, updated_at=clock.local(9, 15, 0))
    return winback


def _ashgrove(clock: _Clock, deal: Deal) -> WinBack:
    """Dana's long game: a repeat buyer with six years on the winner — the text's example of a
    customer unlikely to switch soon, worked with a light, quarterly touch."""
    opened = clock.local(79, 11, 0)
    winback = _open(
        clock,
        deal,
        opened,
        repeat_buyer=True,
        years_on_incumbent=Decimal("6"),
    )
    _asks(
        clock,
        winback,
        clock.local(79, 11, 15),
        {
            AskKind.EVALUATION: (
                AskStatus.GRANTED,
                "The biobank manager's scoring: our alerting ranked first; ThermaLog's "
                "ready-made link to their sample tracking decided it.",
                75,
            ),
            AskKind.CRITERIA: (
                AskStatus.GRANTED,
                "Integration with the sample-tracking system weighed 40%.",
                75,
            ),
            AskKind.DECIDERS: (AskStatus.ASKED, "", None),
            AskKind.EXECUTIVES: (
                AskStatus.DECLINED,
                "The Director of Operations would rather not share executives' contacts; she "
                "passed our note on herself.",
                70,
            ),
        },
    )
    _signal(
        clock,
        winback,
        SignalKind.PRICE_RISE,
        15,
        "ThermaLog announced a 9% rise in its support fee from January.",
    )
    _touch(
        clock,
        winback,
        TouchKind.CALL,
        12,
        "Quarterly call with the biobank manager: how is ThermaLog's connector working?",
        created=clock.local(15, 10, 0),
    )
    _move(winback, updated_at=clock.local(15, 10, 0))
    return winback


def _tidewater(clock: _Clock, deal: Deal) -> WinBack:
    """Won back: a first-time buyer whose free alternative failed its first audit — re-engaged
    with a new deal, and the new deal won."""
    me = clock.membership
    opened = clock.local(44, 9, 30)
    winback = _open(
        clock,
        deal,
        opened,
        repeat_buyer=False,
        years_on_incumbent=Decimal("0.5"),
    )
    _asks(
        clock,
        winback,
        clock.local(44, 9, 45),
        {
            AskKind.EVALUATION: (
                AskStatus.DECLINED,
                "No written evaluation: the add-on came with the telematics they already pay for.",
                40,
            ),
            AskKind.CRITERIA: (
                AskStatus.GRANTED,
                "One criterion in the end: no new contract to sign.",
                40,
            ),
            AskKind.DECIDERS: (
                AskStatus.GRANTED,
                "A call with the President: he will look again if the audits suffer.",
                38,
            ),
        },
    )
    _signal(
        clock,
        winback,
        SignalKind.PRODUCT_PROBLEM,
        33,
        "Food-safety audit: the add-on has no audit report, so the fleet team rebuilt six weeks "
        "of records by hand.",
    )
    won_on = clock.local(9, 15, 0)
    new_deal = services.winback_reopen(
        membership=me,
        winback=winback,
        title="Fleet reefer monitoring with audit reports (win-back)",
        expected_close=won_on.astimezone(clock.tz).date(),
    )
    reopened = clock.local(30, 11, 0)
    clock.history(reopened)
    crm_services.deal_update(membership=me, deal=new_deal, stage=DealStage.WON)
    clock.history(won_on)
    _move(new_deal, created_at=reopened, closed_at=won_on, updated_at=won_on)
    _move(
        winback,
        reengaged_on=reopened.astimezone(clock.tz).date(),
        updated_at=reopened,
    )
    return winback


# --- steps through the services --------------------------------------------------------------


def _open(
    clock: _Clock,
    deal: Deal,
    opened: dt.datetime,
    *,
    repeat_buyer: bool,
    years_on_incumbent: Decimal,
    title: str | None = None,
) -> WinBack:
    """Open the win-back from the lost deal (the four asks come with it) and fill in the buyer
    profile, which sets the likelihood and the cadence."""
    me = clock.membership
    assert deal.closed_at is not None
    winback = services.winback_create(
        membership=me,
        deal=deal,
        decision_date=deal.closed_at.astimezone(clock.tz).date(),
        title=title,
    )
    services.winback_update(
        membership=me,
        winback=winback,
        repeat_buyer=repeat_buyer,
        years_on_incumbent=years_on_incumbent,
    )
    clock.history(opened)
    _move(winback, opened_at=opened, updated_at=opened)
    return winback


def _asks(clock: _Clock, winback: WinBack, asked: dt.datetime, answers: dict[str, Answer]) -> None:
    """Make the asks — all at once, as the method says, while they still feel bad about the
    "no" — then record each answer on its day. An ask still waiting that has a day of its own
    was made later, that day; asks not listed stay "to ask"."""
    me = clock.membership
    # ask_update records history with the ask's account: keep the win-back at hand.
    rows = Ask.objects.in_workspace(clock.workspace).filter(winback=winback)
    asks = {a.kind: a for a in rows.select_related("winback")}
    later = {k for k, (status, _, days) in answers.items() if status == AskStatus.ASKED and days}
    for kind in answers:
        if kind not in later:
            services.ask_update(membership=me, ask=asks[kind], status=AskStatus.ASKED)
    clock.history(asked)
    for kind, (status, obtained, days_ago) in answers.items():
        ask = asks[kind]
        asked_at, answered = asked, None
        if kind in later:
            assert days_ago is not None
            services.ask_update(membership=me, ask=ask, status=AskStatus.ASKED)
            asked_at = clock.local(days_ago, 16, 55)
            clock.history(asked_at)
        elif status != AskStatus.ASKED:
            assert days_ago is not None
            services.ask_update(membership=me, ask=ask, status=status, obtained=obtained)
            answered = clock.local(days_ago, 11, 0)
            clock.history(answered)
        _move(ask, asked_at=asked_at, answered_at=answered, updated_at=answered or asked_at)


def _done_in_crm(clock: _Clock, deal: Deal, title: str, when: dt.datetime) -> None:
    """The CRM demo's next step that the story has already taken (asking for the scorecard):
    done when the ask was granted, so the agenda does not ask for it again."""
    action = (
        Action.objects.in_workspace(clock.workspace)
        .filter(account=deal.account, title__startswith=title, done_at__isnull=True)
        .first()
    )
    if action is None:
        return
    crm_services.action_complete(membership=clock.membership, action=action)
    clock.history(when)
    _move(action, done_at=when, updated_at=when)


def _touch(
    clock: _Clock,
    winback: WinBack,
    kind: str,
    in_days: int,
    note: str,
    *,
    created: dt.datetime,
) -> None:
    touch = services.touch_create(
        membership=clock.membership,
        winback=winback,
        kind=kind,
        planned_for=clock.today + dt.timedelta(days=in_days),
        note=note,
    )
    clock.history(created)
    _move(touch, created_at=created, updated_at=created)


def _signal(clock: _Clock, winback: WinBack, kind: str, days_ago: int, note: str) -> None:
    signal = services.signal_create(
        membership=clock.membership,
        winback=winback,
        kind=kind,
        observed_on=clock.today - dt.timedelta(days=days_ago),
        note=note,
    )
    recorded = clock.local(days_ago, 17, 10)
    clock.history(recorded)
    _move(signal, created_at=recorded, updated_at=recorded)


# --- moving rows to the story's moments ------------------------------------------------------


class _History:
    """Gives history rows the moment their step happened in the story.

    The services stamp history rows with the real time; :meth:`at` gives every row written
    since its last call that moment (a second apart, in the order they were written).
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        last = Change.objects.in_workspace(workspace).aggregate(last=Max("id"))["last"]
        self.mark = int(last or 0)

    def at(self, when: dt.datetime) -> None:
        rows = list(
            Change.objects.in_workspace(self.workspace).filter(pk__gt=self.mark).order_by("id")
        )
        for i, row in enumerate(rows):
            row.at = when + dt.timedelta(seconds=i)
        if rows:
            Change.objects.in_workspace(self.workspace).bulk_update(rows, ["at"])
            self.mark = rows[-1].pk


class _Clock:
    """One owner: their membership (the services act as them) and the story's moments in their
    time zone, relative to the day the demo is loaded."""

    def __init__(self, membership: Membership, now: dt.datetime, log: _History) -> None:
        self.workspace = log.workspace
        self.membership = membership
        self.tz: zoneinfo.ZoneInfo = membership.user.tzinfo
        self.today = now.astimezone(self.tz).date()
        self.history = log.at

    def local(self, days_ago: int, hour: int, minute: int) -> dt.datetime:
        day = self.today - dt.timedelta(days=days_ago)
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz).astimezone(dt.UTC)


def _move(obj: WorkspaceModel, **values: Any) -> None:
    """Set moments the services stamped with the real time to the story's (a queryset update on
    the module's own rows, so no rule runs again and no history row is written), and show the
    same values in the history rows that recorded them."""
    for name, value in values.items():
        setattr(obj, name, value)
    type(obj).objects.in_workspace(obj.workspace_id).filter(pk=obj.pk).update(**values)
    shown = history.snapshot(obj)
    rows = list(
        Change.objects.in_workspace(obj.workspace_id).filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk
        )
    )
    changed = []
    for row in rows:
        touched = False
        for entry in row.fields:
            name = entry.get("field")
            if name in values and name in shown and entry.get("to") not in ("", None):
                entry["to"] = shown[name][1]
                touched = True
        if touched:
            changed.append(row)
    if changed:
        Change.objects.in_workspace(obj.workspace_id).bulk_update(changed, ["fields"])
