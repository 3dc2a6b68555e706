"""The stored agenda is always what the facts call for.

Hypothesis drives random sequences of what people do — accounts created, handed over and
deleted, interactions logged and removed, actions added, ticked off and snoozed, decisions
slept on and chosen, win-backs opened, planned, signalled and closed — with the clock moving
between steps. After every step, every provider's stored rows equal a fresh derivation from the
facts, and at the end the agenda page each person sees equals the one a full rebuild gives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headway.agenda import sync
from headway.agenda.models import AgendaRow
from headway.agenda.registry import providers
from headway.agenda.selectors import build_agenda
from headway.crm import services as crm
from headway.crm.models import Account, Action, DealStage, Interaction, LostTo
from headway.methods.alignment import services as alignment
from headway.methods.alignment.models import Alignment
from headway.methods.options import services as options
from headway.methods.options.models import Decision, Stage
from headway.methods.winback import services as winback
from headway.methods.winback.models import SignalKind, WinBack
from tests.methods.alignment.helpers import story as alignment_story
from tests.methods.options.helpers import membership, sleeping
from tests.methods.winback.factories import make_winback

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

# One step: (what, a pick among existing rows, a number).
STEP = st.tuples(
    st.sampled_from(
        [
            "account",
            "touch",
            "untouch",
            "hand_over",
            "delete_account",
            "action",
            "tick",
            "snooze",
            "decision",
            "choose",
            "winback",
            "plan_touch",
            "contract_end",
            "close_winback",
            "alignment",
            "move_alignment",
            "wait",
        ]
    ),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=-40, max_value=120),
)


class Story:
    def __init__(self, world: Any, clock: Any) -> None:
        self.world, self.clock = world, clock
        self.people = [world.member, world.other_member]

    def m(self, user: Any) -> Any:
        return membership(self.world.workspace, user)

    def person(self, n: int) -> Any:
        return self.people[n % len(self.people)]

    def pick(self, qs: Any, n: int) -> Any:
        rows = list(qs.order_by("id"))
        return rows[n % len(rows)] if rows else None

    def accounts(self) -> Any:
        return Account.objects.in_workspace(self.world.workspace)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def do(self, what: str, n: int, k: int) -> None:
        getattr(self, what)(n, k)

    def account(self, n: int, k: int) -> None:
        owner = None if n % 5 == 4 else self.person(n)
        cadence = [None, 7, 30, 90][n % 4]
        crm.account_create(
            membership=self.m(self.world.member),
            name=f"Account {n}",
            owner=owner,
            cadence_days=cadence,
        )

    def touch(self, n: int, k: int) -> None:
        account = self.pick(self.accounts(), n)
        if account is not None:
            crm.interaction_create(
                membership=self.m(self.world.member),
                account=account,
                kind="call",
                summary="Talked.",
                occurred_at=self.now() - dt.timedelta(days=abs(k) % 60),
            )

    def untouch(self, n: int, k: int) -> None:
        talk = self.pick(Interaction.objects.in_workspace(self.world.workspace), n)
        if talk is not None:
            crm.interaction_delete(membership=self.m(self.world.member), interaction=talk)

    def hand_over(self, n: int, k: int) -> None:
        account = self.pick(self.accounts(), n)
        if account is not None:
            crm.account_update(
                membership=self.m(self.world.manager),
                account=account,
                version=account.version,
                owner=self.person(k),
            )

    def delete_account(self, n: int, k: int) -> None:
        account = self.pick(self.accounts(), n)
        if account is not None and n % 3 == 0:  # rarer than the rest
            crm.account_delete(membership=self.m(self.world.manager), account=account)

    def action(self, n: int, k: int) -> None:
        owner = self.person(n)
        account = self.pick(self.accounts(), n) if n % 2 else None
        crm.action_create(
            membership=self.m(owner),
            title=f"Follow up {n}",
            owner=owner,
            due_date=self.now().date() + dt.timedelta(days=k % 15 - 5),
            account=account,
        )

    def _open_action(self, n: int) -> Action | None:
        return self.pick(
            Action.objects.in_workspace(self.world.workspace).filter(done_at__isnull=True), n
        )

    def tick(self, n: int, k: int) -> None:
        action = self._open_action(n)
        if action is not None:
            crm.action_complete(membership=self.m(action.owner), action=action, done=k % 4 != 0)

    def snooze(self, n: int, k: int) -> None:
        action = self._open_action(n)
        if action is not None:
            until = self.now().date() + dt.timedelta(days=1 + abs(k) % 10)
            crm.action_snooze(membership=self.m(action.owner), action=action, until=until)

    def decision(self, n: int, k: int) -> None:
        account = self.pick(self.accounts(), n) if n % 2 else None
        sleeping(self.world.workspace, self.person(n), account=account)

    def choose(self, n: int, k: int) -> None:
        decision = self.pick(
            Decision.objects.in_workspace(self.world.workspace).filter(stage=Stage.SLEEPING), n
        )
        if decision is None or decision.review_at is None or decision.review_at > self.now():
            return
        owner = self.m(decision.owner)
        options.decision_open_review(membership=owner, decision=decision)
        alternative = decision.alternatives.filter(kind="pragmatic").order_by("id").first()
        options.decision_choose(membership=owner, decision=decision, alternative=alternative)
        if k % 2:
            options.decision_add_action(
                membership=owner,
                decision=decision,
                title="Call the sponsor",
                owner=decision.owner,
                due_date=self.now().date() + dt.timedelta(days=2),
            )

    def winback(self, n: int, k: int) -> None:
        account = self.pick(self.accounts().filter(owner__isnull=False), n)
        if account is not None:
            make_winback(
                self.world.workspace,
                account.owner,
                account=account,
                stage=DealStage.LOST,
                lost_to=LostTo.COMPETITOR,
            )

    def _winback(self, n: int) -> WinBack | None:
        return self.pick(
            WinBack.objects.in_workspace(self.world.workspace).filter(closed_at__isnull=True), n
        )

    def plan_touch(self, n: int, k: int) -> None:
        wb = self._winback(n)
        if wb is not None:
            winback.touch_create(
                membership=self.m(wb.owner),
                winback=wb,
                planned_for=self.now().date() + dt.timedelta(days=k % 20),
            )

    def contract_end(self, n: int, k: int) -> None:
        wb = self._winback(n)
        if wb is not None:
            winback.signal_create(
                membership=self.m(wb.owner),
                winback=wb,
                kind=SignalKind.CONTRACT_END,
                contract_end=self.now().date() + dt.timedelta(days=abs(k)),
            )

    def close_winback(self, n: int, k: int) -> None:
        wb = self._winback(n)
        if wb is not None and n % 2:
            winback.winback_close(membership=self.m(wb.owner), winback=wb, note="Not now.")

    def alignment(self, n: int, k: int) -> None:
        alignment_story(self.world.workspace, self.person(n))

    def move_alignment(self, n: int, k: int) -> None:
        found = self.pick(
            Alignment.objects.in_workspace(self.world.workspace).filter(
                status__in=["impasse", "exploring"]
            ),
            n,
        )
        if found is None:
            return
        owner = self.m(found.owner)
        if k % 2:
            alignment.alignment_abandon(membership=owner, alignment=found, reason="Moved on.")
        elif found.status == "impasse":
            alignment.alignment_explore(membership=owner, alignment=found)

    def wait(self, n: int, k: int) -> None:
        self.clock.shift(dt.timedelta(hours=1 + abs(k) * 3))


def _drift(workspace_id: int) -> dict[str, int]:
    drift = sync.repair_workspace(workspace_id, fix=False)
    return {"missing": drift.missing, "stale": drift.stale}


def _pages(story: Story) -> dict[str, list[tuple[str, str, str]]]:
    return {
        user.email: [
            (g.key, e.item.key, e.item.title)
            for g in build_agenda(story.m(user)).groups
            for e in g.entries
        ]
        for user in story.people
    }


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=14))
def test_the_stored_agenda_always_equals_the_agenda_the_facts_call_for(world, steps):
    assert {"actions", "cadence", "options", "winback", "alignment"} <= set(providers())
    with transaction.atomic(), time_machine.travel(START, tick=False) as clock:
        story = Story(world, clock)
        for what, n, k in steps:
            story.do(what, n, k)
            assert _drift(world.workspace.pk) == {"missing": 0, "stale": 0}, (what, n, k)
        seen = _pages(story)
        sync.rebuild_workspace(world.workspace.pk)
        assert _pages(story) == seen
        transaction.set_rollback(True)


def test_the_repair_job_puts_back_what_was_written_beside_the_write_path(world, clock, caplog):
    account = crm.account_create(
        membership=membership(world.workspace, world.member), name="Quiet Co", owner=world.member
    )
    # Written behind the write path's back: the stored agenda no longer knows the owner.
    Account.objects.in_workspace(world.workspace).filter(pk=account.pk).update(
        owner=world.other_member
    )

    assert sync.repair() == 2  # the old row is stale, the new one missing
    assert "Agenda drift repaired" in caplog.text
    assert sync.repair() == 0
    titles = [
        e.item.title
        for g in build_agenda(membership(world.workspace, world.other_member)).groups
        for e in g.entries
    ]
    assert "Never touched — Quiet Co" in titles


def test_the_worker_runs_the_repair_every_hour(settings):
    assert ("headway.agenda.sync.repair", 3600) in settings.HEADWAY_PERIODIC_TASKS


def test_an_install_upgraded_with_an_empty_agenda_derives_it_on_migrate(world, clock):
    account = crm.account_create(
        membership=membership(world.workspace, world.member), name="Quiet Co", owner=world.member
    )
    AgendaRow.objects.in_workspace(world.workspace).delete()  # as a fresh 0002 migration leaves it

    sync.fill_if_empty()

    assert (
        AgendaRow.objects.in_workspace(world.workspace)
        .filter(key=f"cadence:account:{account.pk}")
        .exists()
    )


def test_rows_stored_before_dates_were_bounded_do_not_stop_a_rebuild_or_a_repair(world, clock):
    m = membership(world.workspace, world.member)
    far = crm.account_create(membership=m, name="Far Future", owner=world.member)
    early = crm.account_create(membership=m, name="Year One", owner=world.member)
    action = crm.action_create(membership=m, title="Old", due_date=dt.date(2026, 11, 30))
    # Written before the bounds existed (straight into the tables, as an old install holds them).
    accounts = Account.objects.in_workspace(world.workspace)
    accounts.filter(pk=far.pk).update(
        last_touch_at=dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC)
    )
    accounts.filter(pk=early.pk).update(last_touch_at=dt.datetime(1, 1, 1, tzinfo=dt.UTC))
    Action.objects.in_workspace(world.workspace).filter(pk=action.pk).update(
        due_date=dt.date(1, 1, 1)
    )

    assert sync.rebuild_workspace(world.workspace.pk) >= 0
    assert _drift(world.workspace.pk) == {"missing": 0, "stale": 0}
    sync.repair()
    AgendaRow.objects.in_workspace(world.workspace).delete()
    sync.fill_if_empty()
    keys = set(AgendaRow.objects.in_workspace(world.workspace).values_list("key", flat=True))
    assert f"cadence:account:{far.pk}" not in keys  # nothing sane to put on a day
    assert f"action:{action.pk}" not in keys
    assert world.client_for(world.member).get("/").status_code == 200
