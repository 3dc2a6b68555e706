"""Load the demo workspace: believable, deterministic, and idempotent.

Content lives in :mod:`headway.demo.data`; this module turns it into rows. Dates are relative
to ``now`` (and to each owner's own "today", in their time zone), so whenever the demo is
loaded the agenda has overdue, due-today and this-week items, and some accounts have gone
quiet for longer than their cadence.

Rows are written with ``bulk_create`` (a few dozen queries in all, not thousands), bypassing
the services on purpose: the data is trusted and the services' per-row permission checks and
history would make loading slow. History is still recorded through :func:`headway.crm.history
.record` — a "created" row for every account, contact and deal, plus a few real changes — so
timelines are not empty.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from headway.agenda import sync as agenda_sync
from headway.crm import history
from headway.crm.models import (
    OPEN_STAGES,
    Account,
    Action,
    Change,
    ChangeKind,
    Contact,
    Deal,
    Interaction,
    InteractionContact,
)
from headway.demo import data
from headway.demo.specs import AccountSpec, ActionSpec, ContactSpec, InteractionSpec
from headway.kit.methods import demo_loaders
from headway.workspaces.models import Membership, User, Workspace

DEMO_SLUG = "demo"
DEMO_PASSWORD = "headway-demo"
MORNING_REVIEW = dt.time(7, 30)
SEED = 42


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    role: str


@dataclass
class DemoResult:
    workspace: Workspace
    created: bool  # False: the demo was already there and nothing changed
    people: list[DemoPerson]
    password: str = DEMO_PASSWORD
    counts: dict[str, int] = field(default_factory=dict)


def demo_people() -> list[DemoPerson]:
    """Who can sign in to the demo, in the order to print them."""
    return [DemoPerson(p.email, p.name, p.role) for p in data.PEOPLE]


def demo_logins() -> list[str]:
    """The e-mails to sign in to the demo with (manager first), or none if it is not loaded —
    for commands such as ``headway serve`` that print them."""
    if not Workspace.objects.filter(slug=DEMO_SLUG, name=data.WORKSPACE_NAME).exists():
        return []
    return [p.email for p in data.PEOPLE]


def set_up_for_a_team() -> bool:
    """The install was started for real (``headway setup``, or people and workspaces of its
    own) and the demo is not loaded: the demo's people, who share a published password, must not
    appear on it. An empty install, or one started with the demo, is not."""
    if Workspace.objects.filter(slug=DEMO_SLUG, name=data.WORKSPACE_NAME).exists():
        return False
    demo_emails = [p.email for p in data.PEOPLE]
    return Workspace.objects.exists() or User.objects.exclude(email__in=demo_emails).exists()


def load_demo(*, now: dt.datetime | None = None, reset: bool = False) -> DemoResult:
    """Create the demo workspace, or find it. With ``reset``, delete the demo workspace (and
    only it — the demo users stay and are reused) and create it afresh."""
    now = now or timezone.now()
    with transaction.atomic():
        existing = Workspace.objects.filter(slug=DEMO_SLUG).first()
        if existing is not None and not _is_demo(existing):
            raise DemoConflict(
                f"The workspace “{existing.name}” already uses the address “{DEMO_SLUG}”, and it "
                "is not the demo: nothing was loaded or deleted. Give that workspace another "
                "address to load the demo."
            )
        if existing is not None and reset:
            existing.delete()
            existing = None
        if existing is not None:
            return DemoResult(existing, False, demo_people(), counts=_counts(existing))
        workspace = _Builder(now).build()
        for load in demo_loaders():  # each method app's source story
            load(workspace=workspace, now=now)
        # The CRM part of the story is written in bulk, beside the write path: derive the
        # agenda once, from the finished story.
        agenda_sync.rebuild_workspace(workspace.pk)
        return DemoResult(workspace, True, demo_people(), counts=_counts(workspace))


class DemoConflict(RuntimeError):
    """The demo's address is taken by a workspace that is not the demo (so never delete it)."""


def _is_demo(workspace: Workspace) -> bool:
    """The demo workspace is recognised by its name or by the demo admin's membership, so a
    real workspace that happens to be called "demo" is never reset."""
    if workspace.name == data.WORKSPACE_NAME:
        return True
    admin_email = next(p.email for p in data.PEOPLE if p.role == "admin")
    return (
        Membership.objects.in_workspace(workspace)
        .filter(user__email=admin_email, role="admin")
        .exists()
    )


def _counts(workspace: Workspace) -> dict[str, int]:
    return {
        "accounts": Account.objects.in_workspace(workspace).count(),
        "contacts": Contact.objects.in_workspace(workspace).count(),
        "deals": Deal.objects.in_workspace(workspace).count(),
        "interactions": Interaction.objects.in_workspace(workspace).count(),
        "actions": Action.objects.in_workspace(workspace).count(),
    }


def _ascii(text: str) -> str:
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch in ".-")


def _email(name: str, domain: str) -> str:
    parts = [p for p in name.replace("Dr. ", "").split(" ") if p]
    return f"{_ascii(parts[0])}.{_ascii(''.join(parts[1:]))}@{domain}"


@dataclass
class _PlannedInteraction:
    spec: InteractionSpec
    at: dt.datetime


class _Builder:
    """One load. Holds the random generator so every choice is the same on every run."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.rng = random.Random(SEED)
        self.users: dict[str, User] = {}
        self.workspace: Workspace | None = None
        self.phone_counters: dict[str, int] = defaultdict(int)
        self.first_names: dict[str, list[str]] = defaultdict(list)
        self.last_names: dict[str, list[str]] = defaultdict(list)
        self.changes: list[tuple[Change, dt.datetime]] = []

    # --- time helpers, in the owner's time zone -------------------------------------------

    def tz(self, person: str) -> zoneinfo.ZoneInfo:
        return self.users[person].tzinfo

    def today(self, person: str) -> dt.date:
        return self.now.astimezone(self.tz(person)).date()

    def at(self, days_ago: int, person: str, hour: int | None = None) -> dt.datetime:
        """A working-hours moment ``days_ago`` days before now, in the person's time zone."""
        days_ago = max(days_ago, 1)  # never in the future, even at 7 in the morning
        day = self.today(person) - dt.timedelta(days=days_ago)
        if hour is None:
            hour = self.rng.randint(8, 17)
        minute = self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
        local = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz(person))
        return local.astimezone(dt.UTC)

    # --- the whole load ---------------------------------------------------------------------

    def build(self) -> Workspace:
        self._people()
        workspace = Workspace.objects.create(name=data.WORKSPACE_NAME, slug=DEMO_SLUG)
        self.workspace = workspace
        Membership.objects.bulk_create(
            Membership(workspace=workspace, user=self.users[p.key], role=p.role)
            for p in data.PEOPLE
        )
        plans = [(spec, self._plan_interactions(spec)) for spec in data.ACCOUNTS]
        accounts = self._accounts(plans)
        contacts = self._contacts(accounts)
        deals = self._deals(accounts)
        self._interactions(plans, accounts, contacts)
        self._actions(accounts, contacts, deals)
        self._history(accounts, contacts, deals)
        return workspace

    def _people(self) -> None:
        for person in data.PEOPLE:
            user = User.objects.filter(email=person.email).first()
            if user is None:
                user = User(email=person.email)
            user.name = person.name
            user.time_zone = person.time_zone
            user.morning_review_time = MORNING_REVIEW
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.users[person.key] = user

    # --- interactions are planned first: they decide each account's last touch ------------

    def _plan_interactions(self, spec: AccountSpec) -> list[_PlannedInteraction]:
        planned = [
            _PlannedInteraction(i, self.at(i.days_ago, i.author or spec.owner))
            for i in spec.interactions
        ]
        if spec.background:
            planned += self._background(spec)
        planned.sort(key=lambda p: p.at)
        return planned

    def _background(self, spec: AccountSpec) -> list[_PlannedInteraction]:
        """Everyday interactions between ``background_span`` days ago, newest one exactly at
        the span's end, drawn from the pool that fits the account's status."""
        oldest, newest = spec.background_span
        older = self.rng.sample(range(newest + 3, oldest + 1), spec.background - 1)
        days = [*sorted(older, reverse=True), newest]
        if spec.status in ("prospect", "lost"):
            pool = list(data.PROSPECT_POOL)
        else:
            pool = list(data.CUSTOMER_POOL)
        templates = self.rng.sample(pool, min(len(days), len(pool)))
        if spec.status in ("lost", "former"):
            # The last touches are the win-back's: staying in touch after they moved on.
            templates[-2:] = self.rng.sample(data.WINBACK_POOL, 2)
        out = []
        for i, d in enumerate(days):
            kind, summary, next_step = templates[i % len(templates)]
            author = spec.owner
            if kind in ("meeting", "lunch") and self.rng.random() < 0.2:
                author = data.MANAGER
            out.append(
                _PlannedInteraction(
                    InteractionSpec(d, kind, summary, next_step, contacts=(), author=author),
                    self.at(d, author),
                )
            )
        return out

    # --- rows -------------------------------------------------------------------------------

    def _accounts(
        self, plans: list[tuple[AccountSpec, list[_PlannedInteraction]]]
    ) -> dict[str, Account]:
        rows = []
        for spec, planned in plans:
            created = self.at(spec.created_days_ago, spec.owner, hour=9)
            rows.append(
                Account(
                    workspace=self.workspace,
                    name=spec.name,
                    domain=spec.domain,
                    industry=spec.industry,
                    owner=self.users[spec.owner],
                    status=spec.status,
                    tier=spec.tier,
                    relationship_strength=spec.strength,
                    could_do_more=spec.could_do_more,
                    cadence_days=spec.cadence_days,
                    last_touch_at=max((p.at for p in planned), default=None),
                    created_at=created,
                    updated_at=self.at(min(u.days_ago for u in spec.updates), spec.owner)
                    if spec.updates
                    else created,
                    version=1 + sum(1 for u in spec.updates if u.deal is None),
                )
            )
        Account.objects.bulk_create(rows)
        return {spec.key: row for (spec, _), row in zip(plans, rows, strict=True)}

    def _contact_specs(self, spec: AccountSpec) -> list[ContactSpec]:
        if spec.contacts:
            return list(spec.contacts)
        out = []
        for i, (title, level) in enumerate(spec.generic_contacts):
            name = self._fresh_name(spec.locale)
            if level == "executive":
                role = "decision_maker"
            elif level == "management":
                role = self.rng.choice(("evaluator", "influencer", "evaluator"))
            else:
                role = self.rng.choice(("user", "user", "influencer"))
            stance = self.rng.choices(("advocate", "neutral", "detractor"), (35, 45, 20))[0]
            if spec.status in ("lost", "former") and level == "executive":
                stance = "neutral"
            our = data.MANAGER if level == "executive" and self.rng.random() < 0.3 else None
            out.append(ContactSpec(f"c{i}", name, title, level, role, stance, our))
        return out

    def _fresh_name(self, locale: str) -> str:
        """First and last names drawn without repeats until a pool runs out, so one seller's
        accounts do not fill up with namesakes."""
        first = self._draw(self.first_names, data.FIRST_NAMES, locale)
        last = self._draw(self.last_names, data.LAST_NAMES, locale)
        return f"{first} {last}"

    def _draw(
        self, bags: dict[str, list[str]], pools: dict[str, tuple[str, ...]], locale: str
    ) -> str:
        if not bags[locale]:
            bags[locale] = list(pools[locale])
            self.rng.shuffle(bags[locale])
        return bags[locale].pop()

    def _phone(self, prefix: str, locale: str) -> str:
        self.phone_counters[prefix] += 1
        digits = 2 if locale == "us" else 3
        number = (self.phone_counters[prefix] * 37 + 11) % (10**digits)
        return f"{prefix}{number:0{digits}d}"

    def _contacts(self, accounts: dict[str, Account]) -> dict[str, dict[str, Contact]]:
        rows: list[Contact] = []
        keyed: dict[str, dict[str, Contact]] = {}
        for spec in data.ACCOUNTS:
            account = accounts[spec.key]
            keyed[spec.key] = {}
            for i, c in enumerate(self._contact_specs(spec)):
                contact = Contact(
                    workspace=self.workspace,
                    account=account,
                    name=c.name,
                    title=c.title,
                    level=c.level,
                    buying_role=c.buying_role,
                    stance=c.stance,
                    email=_email(c.name, spec.domain),
                    phone=self._phone(spec.phone_prefix, spec.locale),
                    our_person=self.users[c.our or spec.owner],
                    created_at=account.created_at + dt.timedelta(days=i * 3, minutes=i * 7),
                )
                contact.updated_at = contact.created_at
                rows.append(contact)
                keyed[spec.key][c.key] = contact
        Contact.objects.bulk_create(rows)
        return keyed

    def _deals(self, accounts: dict[str, Account]) -> dict[str, dict[str, Deal]]:
        rows: list[Deal] = []
        keyed: dict[str, dict[str, Deal]] = {}
        for spec in data.ACCOUNTS:
            keyed[spec.key] = {}
            for d in spec.deals:
                is_open = d.stage in OPEN_STAGES
                created = self.at(d.created_days_ago, spec.owner)
                closed = None if is_open else self.at(d.days, spec.owner)
                if is_open:
                    expected = self.today(spec.owner) + dt.timedelta(days=d.days)
                else:
                    assert closed is not None
                    expected = closed.astimezone(self.tz(spec.owner)).date()
                deal = Deal(
                    workspace=self.workspace,
                    account=accounts[spec.key],
                    title=d.title,
                    amount=Decimal(d.amount),
                    currency=data.CURRENCY[spec.locale],
                    stage=d.stage,
                    expected_close=expected,
                    competitors=d.competitors,
                    owner=self.users[spec.owner],
                    lost_to=d.lost_to,
                    lost_to_name=d.lost_to_name,
                    lost_reasons=d.lost_reasons,
                    closed_at=closed,
                    created_at=created,
                    updated_at=closed or created,
                    version=1 + sum(1 for u in spec.updates if u.deal == d.key),
                )
                rows.append(deal)
                keyed[spec.key][d.key] = deal
        Deal.objects.bulk_create(rows)
        return keyed

    def _interactions(
        self,
        plans: list[tuple[AccountSpec, list[_PlannedInteraction]]],
        accounts: dict[str, Account],
        contacts: dict[str, dict[str, Contact]],
    ) -> None:
        rows: list[Interaction] = []
        participants: list[list[Contact]] = []
        for spec, planned in plans:
            people = list(contacts[spec.key].values())
            for p in planned:
                i = p.spec
                if i.contacts:
                    who = [contacts[spec.key][k] for k in i.contacts]
                elif i.kind == "note" or not people:
                    who = []
                else:
                    who = self.rng.sample(people, self.rng.choice((1, 1, 2)))
                first = who[0].name.replace("Dr. ", "").split(" ")[0] if who else "them"
                rows.append(
                    Interaction(
                        workspace=self.workspace,
                        account=accounts[spec.key],
                        kind=i.kind,
                        occurred_at=p.at,
                        summary=i.summary.format(first=first),
                        next_step=i.next_step.format(first=first),
                        author=self.users[i.author or spec.owner],
                        created_at=p.at,
                        updated_at=p.at,
                    )
                )
                participants.append(who)
        Interaction.objects.bulk_create(rows)
        InteractionContact.objects.bulk_create(
            InteractionContact(workspace=self.workspace, interaction=row, contact=c)
            for row, who in zip(rows, participants, strict=True)
            for c in who
        )

    def _actions(
        self,
        accounts: dict[str, Account],
        contacts: dict[str, dict[str, Contact]],
        deals: dict[str, dict[str, Deal]],
    ) -> None:
        account_type = ContentType.objects.get_for_model(Account)
        deal_type = ContentType.objects.get_for_model(Deal)
        rows: list[Action] = []

        def add(
            spec: AccountSpec | None, a: ActionSpec, owner_key: str, title: str | None = None
        ) -> None:
            account = accounts[spec.key] if spec else None
            target_type, target_id = None, None
            if spec and a.deal:
                target_type, target_id = deal_type, deals[spec.key][a.deal].pk
            elif account:
                target_type, target_id = account_type, account.pk
            due = self.today(owner_key) + dt.timedelta(days=a.due_in)
            created = self.at(max(-a.due_in, 0) + self.rng.randint(3, 12), owner_key)
            done = self.at(a.done_days_ago, owner_key) if a.done_days_ago is not None else None
            rows.append(
                Action(
                    workspace=self.workspace,
                    title=title or a.title,
                    owner=self.users[owner_key],
                    due_date=due,
                    done_at=done,
                    account=account,
                    target_type=target_type,
                    target_id=target_id,
                    created_by=self.users[owner_key],
                    created_at=created,
                    updated_at=done or created,
                )
            )

        for spec in data.STORY_ACCOUNTS:
            for a in spec.actions:
                add(spec, a, a.owner or spec.owner)

        titles = list(data.ACTION_TITLES)
        for seller in data.SELLERS:
            candidates = [
                s
                for s in data.EVERYDAY_ACCOUNTS
                if s.owner == seller and s.status in ("customer", "prospect")
            ]
            self.rng.shuffle(titles)
            for n, (due_in, done_ago) in enumerate(data.SELLER_ACTION_PLAN):
                spec = candidates[n % len(candidates)]
                people = list(contacts[spec.key].values())
                first = self.rng.choice(people).name.split(" ")[0]
                open_deals = [k for k, d in deals[spec.key].items() if d.stage in OPEN_STAGES]
                deal_key = open_deals[0] if open_deals and self.rng.random() < 0.4 else None
                a = ActionSpec("", due_in, done_ago, deal=deal_key)
                add(spec, a, seller, titles[n % len(titles)].format(first=first))

        by_key = {s.key: s for s in data.ACCOUNTS}
        for title, due_in, done_ago, account_key, deal_key in data.MANAGER_ACTIONS:
            about = by_key[account_key] if account_key else None
            add(about, ActionSpec(title, due_in, done_ago, deal=deal_key), data.MANAGER)

        Action.objects.bulk_create(rows)

    # --- history ----------------------------------------------------------------------------

    def _history(
        self,
        accounts: dict[str, Account],
        contacts: dict[str, dict[str, Contact]],
        deals: dict[str, dict[str, Deal]],
    ) -> None:
        """A "created" row for every account, contact and deal, at the time it was created;
        and the story accounts' real changes (prospect → customer, strength down after the
        trial, the deal marked lost), so their history says how they got here."""
        for spec in data.ACCOUNTS:
            account = accounts[spec.key]
            owner = self.users[spec.owner]
            account_updates = [u for u in spec.updates if u.deal is None]
            # Roll back to the values before the first change, record "created", then replay.
            final = {f: getattr(account, f) for u in account_updates for f in u.old}
            for u in account_updates:
                for f, v in u.old.items():
                    setattr(account, f, v)
            self._record(account, owner, ChangeKind.CREATED, account.created_at)
            for u in sorted(account_updates, key=lambda u: -u.days_ago):
                before = history.snapshot(account)
                for f in u.old:
                    setattr(account, f, final[f])
                self._record(
                    account, owner, ChangeKind.UPDATED, self.at(u.days_ago, spec.owner), before
                )
            for contact in contacts[spec.key].values():
                self._record(contact, owner, ChangeKind.CREATED, contact.created_at)
            for key, deal in deals[spec.key].items():
                deal_updates = [u for u in spec.updates if u.deal == key]
                final = {f: getattr(deal, f) for u in deal_updates for f in u.old}
                for u in deal_updates:
                    for f, v in u.old.items():
                        setattr(deal, f, v)
                self._record(deal, owner, ChangeKind.CREATED, deal.created_at)
                for u in deal_updates:
                    before = history.snapshot(deal)
                    for f in u.old:
                        setattr(deal, f, final[f])
                    self._record(
                        deal, owner, ChangeKind.UPDATED, self.at(u.days_ago, spec.owner), before
                    )
        # record() stamps "now"; give each row the moment it really happened, in one query.
        for change, when in self.changes:
            change.at = when
        Change.objects.in_workspace(self.workspace).bulk_update(
            [c for c, _ in self.changes], ["at"], batch_size=500
        )

    def _record(
        self,
        obj: models.Model,
        actor: User,
        kind: str,
        when: dt.datetime,
        before: dict[str, tuple[Any, Any]] | None = None,
    ) -> None:
        change = history.record(obj=obj, actor=actor, kind=kind, before=before)
        if change is not None:
            self.changes.append((change, when))
