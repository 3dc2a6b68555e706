"""The CRM core of a generated workspace: people, accounts, contacts, deals with their won /
lost history, interactions over three years, actions and history rows.

Accounts are made in chunks (one transaction each), and every row of a chunk is planned in
Python first — so an account's ``last_touch_at`` is simply the newest of the interactions just
planned for it, and its status follows from its deals — then written with the bulk writer.
Every choice comes from one seeded ``random.Random``; every date from the run's ``now``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from headway.crm.models import (
    Account,
    Action,
    Change,
    Contact,
    Deal,
    Interaction,
    InteractionContact,
)
from headway.demo import data as demo_data
from headway.generate import words
from headway.generate.registry import GenerateContext, GeneratedAccount, GeneratedDeal

CHUNK = 2000  # accounts per transaction
ACCOUNTS_PER_SELLER = 250
SELLERS_PER_MANAGER = 10
HISTORY_YEARS = 3
OPEN_STAGES = ("qualify", "develop", "propose", "negotiate")
DAY = dt.timedelta(days=1)

ACCOUNT_FIELDS = [
    "id", "workspace_id", "name", "domain", "industry", "owner_id", "status", "tier",
    "relationship_strength", "could_do_more", "cadence_days", "last_touch_at", "external_id",
    "created_at", "updated_at", "version",
]  # fmt: skip
CONTACT_FIELDS = [
    "id", "workspace_id", "account_id", "name", "title", "level", "buying_role", "stance",
    "email", "phone", "our_person_id", "external_id", "created_at", "updated_at", "version",
]  # fmt: skip
DEAL_FIELDS = [
    "id", "workspace_id", "account_id", "title", "amount", "currency", "stage",
    "expected_close", "competitors", "owner_id", "lost_to", "lost_to_name", "lost_reasons",
    "closed_at", "external_id", "created_at", "updated_at", "version",
]  # fmt: skip
INTERACTION_FIELDS = [
    "id", "workspace_id", "account_id", "kind", "occurred_at", "summary", "next_step",
    "author_id", "external_id", "created_at", "updated_at", "version",
]  # fmt: skip
PARTICIPANT_FIELDS = ["id", "workspace_id", "interaction_id", "contact_id"]
ACTION_FIELDS = [
    "id", "workspace_id", "title", "owner_id", "due_date", "done_at", "snoozed_until",
    "account_id", "target_type_id", "target_id", "created_by_id", "created_at", "updated_at",
    "version",
]  # fmt: skip
CHANGE_FIELDS = [
    "id", "workspace_id", "target_type_id", "target_id", "target_repr", "account_id",
    "actor_id", "at", "kind", "fields",
]  # fmt: skip

STAGE_LABELS = {
    "qualify": "Qualify",
    "develop": "Develop",
    "propose": "Propose",
    "negotiate": "Negotiate",
    "won": "Won",
    "lost": "Lost",
}
STATUS_LABELS = {
    "prospect": "Prospect",
    "customer": "Customer",
    "lost": "Lost",
    "former": "Former customer",
}


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass
class _Chunk:
    """The rows planned for one chunk of accounts, written together."""

    accounts: list[tuple[Any, ...]] = field(default_factory=list)
    contacts: list[tuple[Any, ...]] = field(default_factory=list)
    deals: list[tuple[Any, ...]] = field(default_factory=list)
    interactions: list[tuple[Any, ...]] = field(default_factory=list)
    participants: list[tuple[Any, ...]] = field(default_factory=list)
    actions: list[tuple[Any, ...]] = field(default_factory=list)
    changes: list[tuple[Any, ...]] = field(default_factory=list)


class CoreGenerator:
    def __init__(self, ctx: GenerateContext, progress: Callable[[str], None] | None = None):
        self.ctx = ctx
        self.rng: random.Random = ctx.rng
        self.ws = ctx.workspace.pk
        self.now = ctx.now
        self.today = ctx.today
        self.progress = progress or (lambda message: None)
        self.types: dict[type, int] = {
            model: ContentType.objects.get_for_model(model).pk
            for model in (Account, Contact, Deal, Interaction, Action)
        }
        self.first_names = [n for pool in demo_data.FIRST_NAMES.values() for n in pool]
        self.last_names = [n for pool in demo_data.LAST_NAMES.values() for n in pool]
        self._names = self._company_names(ctx.size)

    # --- names ----------------------------------------------------------------------------

    def _company_names(self, n: int) -> list[str]:
        """``n`` company names without repeats while combinations last."""
        a, b, c = words.FIRST_WORDS, words.TRADES, words.LEGAL_FORMS
        total = len(a) * len(b) * len(c)
        picks = self.rng.sample(range(total), min(n, total))
        names = []
        for pick in picks:
            first, rest = divmod(pick, len(b) * len(c))
            trade, form = divmod(rest, len(c))
            names.append(" ".join(p for p in (a[first], b[trade], c[form]) if p))
        for extra in range(n - len(names)):  # beyond the combinations: numbered namesakes
            names.append(f"{names[extra % total]} {extra // total + 2}")
        return names

    # --- the run ----------------------------------------------------------------------------

    def run(self) -> None:
        size = self.ctx.size
        for start in range(0, size, CHUNK):
            with transaction.atomic():
                chunk = _Chunk()
                for index in range(start, min(start + CHUNK, size)):
                    self._account(index, chunk)
                self._write(chunk)
                self.ctx.writer.finish()
            self.progress(f"{min(start + CHUNK, size):,} of {size:,} accounts")

    def _write(self, chunk: _Chunk) -> None:
        w = self.ctx.writer
        self.ctx.count("accounts", w.insert(Account, ACCOUNT_FIELDS, chunk.accounts))
        self.ctx.count("contacts", w.insert(Contact, CONTACT_FIELDS, chunk.contacts))
        self.ctx.count("deals", w.insert(Deal, DEAL_FIELDS, chunk.deals))
        self.ctx.count(
            "interactions", w.insert(Interaction, INTERACTION_FIELDS, chunk.interactions)
        )
        self.ctx.count(
            "interaction participants",
            w.insert(InteractionContact, PARTICIPANT_FIELDS, chunk.participants),
        )
        self.ctx.count("actions", w.insert(Action, ACTION_FIELDS, chunk.actions))
        self.ctx.count("history rows", w.insert(Change, CHANGE_FIELDS, chunk.changes))

    # --- one account with everything that hangs off it --------------------------------------

    def _account(self, index: int, chunk: _Chunk) -> None:
        rng, w, facts, now = self.rng, self.ctx.writer, self.ctx.facts, self.now
        account_id = w.reserve_ids(Account, 1)[0]
        name = self._names[index]
        locale = rng.choice(words.LOCALES)
        if rng.random() < 0.01 and facts.manager_ids:
            owner = rng.choice(facts.manager_ids)
        else:
            owner = facts.seller_ids[index % len(facts.seller_ids)]
        key = rng.random() < 0.1
        if rng.random() < 0.75:
            created = now - dt.timedelta(days=rng.uniform(HISTORY_YEARS * 365, 6 * 365))
        else:
            created = now - dt.timedelta(days=rng.uniform(30, HISTORY_YEARS * 365))
        created = created.replace(microsecond=0)

        contacts = self._contacts(account_id, created, locale, chunk, name)
        deals, status = self._deals(account_id, owner, created, locale, chunk, name)
        last_touch = self._interactions(account_id, owner, created, status, key, contacts, chunk)
        self._actions(account_id, owner, created, contacts, deals, chunk)

        strength = rng.choices((1, 2, 3, 4, 5), (8, 17, 40, 25, 10))[0]
        cadence = rng.choices((None, 14, 30, 60, 90), (70, 8, 10, 8, 4))[0]
        updated = max(created, (last_touch or created) - dt.timedelta(days=rng.randint(0, 60)))
        chunk.accounts.append(
            (
                account_id, self.ws, name, f"{_slug(name)}.{words.TLDS[locale]}",
                rng.choice(words.INDUSTRIES), owner, status, "key" if key else "regular",
                strength, rng.random() < 0.15, cadence, last_touch, "", created, updated, 1,
            )
        )  # fmt: skip
        self._change(chunk, Account, account_id, name, account_id, owner, created, "created",
                     [("name", "name", name), ("status", "status", STATUS_LABELS[status])])  # fmt: skip
        facts.accounts.append(
            GeneratedAccount(
                id=account_id,
                owner_id=owner,
                status=status,
                tier="key" if key else "regular",
                name=name,
                created_at=created,
                contact_ids=tuple(c[0] for c in contacts),
            )
        )

    def _contacts(
        self, account_id: int, created: dt.datetime, locale: str, chunk: _Chunk, company: str
    ) -> list[tuple[int, str]]:
        rng = self.rng
        n = rng.choices((1, 2, 3, 4, 5, 6), (14, 25, 30, 17, 9, 5))[0]
        domain = f"{_slug(company)}.{words.TLDS[locale]}"
        ids = self.ctx.writer.reserve_ids(Contact, n)
        out = []
        for i, contact_id in enumerate(ids):
            level = "executive" if i == 0 else rng.choice(("management", "operational"))
            first, last = rng.choice(self.first_names), rng.choice(self.last_names)
            name = f"{first} {last}"
            if level == "executive":
                role = "decision_maker"
            elif level == "management":
                role = rng.choice(("evaluator", "influencer", "evaluator"))
            else:
                role = rng.choice(("user", "user", "influencer"))
            stance = rng.choices(("advocate", "neutral", "detractor"), (30, 50, 20))[0]
            since = created + dt.timedelta(days=rng.randint(0, 60))
            our = rng.choice(self.ctx.facts.manager_ids) if i == 0 and rng.random() < 0.2 else None
            chunk.contacts.append(
                (
                    contact_id, self.ws, account_id, name, rng.choice(words.TITLES[level]),
                    level, role, stance, f"{_slug(first)}.{_slug(last)}@{domain}",
                    f"+{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    our, "", since, since, 1,
                )
            )  # fmt: skip
            self._change(chunk, Contact, contact_id, name, account_id, None, since, "created",
                         [("name", "name", name)])  # fmt: skip
            out.append((contact_id, first))
        return out

    def _deals(
        self,
        account_id: int,
        owner: int,
        created: dt.datetime,
        locale: str,
        chunk: _Chunk,
        company: str,
    ) -> tuple[list[tuple[int, str]], str]:
        rng, now = self.rng, self.now
        n = rng.choices((0, 1, 2, 3, 4), (15, 35, 30, 15, 5))[0]
        won = lost = 0
        ids = self.ctx.writer.reserve_ids(Deal, n)
        out = []
        age = (now - created).days
        for deal_id in ids:
            opened = created + dt.timedelta(days=rng.uniform(0, max(age - 1, 1)))
            opened = opened.replace(microsecond=0)
            title = f"{rng.choice(words.DEAL_PRODUCTS)} — {rng.choice(words.DEAL_SITES)}"
            amount = Decimal(max(1000, round(math.exp(rng.gauss(10, 0.9)), -2)))
            competitors = ", ".join(rng.sample(words.COMPETITORS, rng.randint(0, 2)))
            lost_to = lost_to_name = reasons = ""
            closed = None
            expected = None
            if (now - opened).days > 120 or rng.random() < 0.3:
                stage = "won" if rng.random() < 0.55 else "lost"
                closed = min(opened + dt.timedelta(days=rng.randint(20, 150)), now - DAY)
                expected = closed.date()
                if stage == "lost":
                    lost += 1
                    lost_to = rng.choices(("competitor", "alternative", "do_nothing"), (6, 2, 2))[0]
                    if lost_to == "competitor":
                        lost_to_name = rng.choice(words.COMPETITORS)
                    elif lost_to == "alternative":
                        lost_to_name = rng.choice(words.ALTERNATIVES)
                    reasons = rng.choice(words.LOST_REASONS)
                else:
                    won += 1
            else:
                stage = rng.choice(OPEN_STAGES)
                expected = self.today + dt.timedelta(days=rng.randint(-10, 120))
            updated = closed or opened
            chunk.deals.append(
                (
                    deal_id, self.ws, account_id, title, amount, words.CURRENCIES[locale], stage,
                    expected, competitors, owner, lost_to, lost_to_name, reasons, closed, "",
                    opened, updated, 1 if closed is None else 2,
                )
            )  # fmt: skip
            self._change(chunk, Deal, deal_id, title, account_id, owner, opened, "created",
                         [("title", "title", title), ("stage", "stage", "Qualify")])  # fmt: skip
            if closed is not None:
                self._change(chunk, Deal, deal_id, title, account_id, owner, closed, "updated",
                             [("stage", "stage", STAGE_LABELS[stage], "Negotiate")])  # fmt: skip
            self.ctx.facts.deals.append(
                GeneratedDeal(
                    id=deal_id,
                    account_id=account_id,
                    owner_id=owner,
                    stage=stage,
                    amount=int(amount),
                    closed_at=closed,
                    lost_to=lost_to,
                    lost_to_name=lost_to_name,
                )
            )
            out.append((deal_id, stage))
        if won:
            status = "former" if rng.random() < 0.12 else "customer"
        elif lost:
            status = "lost"
        else:
            status = "prospect"
        return out, status

    def _interactions(
        self,
        account_id: int,
        owner: int,
        created: dt.datetime,
        status: str,
        key: bool,
        contacts: list[tuple[int, str]],
        chunk: _Chunk,
    ) -> dt.datetime | None:
        """Interactions spread over the account's life within the last three years, with the
        newest one recent for live customers and long ago for lost ones. Returns the newest."""
        rng, now, facts = self.rng, self.now, self.ctx.facts
        start = max(created, now - dt.timedelta(days=HISTORY_YEARS * 365))
        span_days = (now - start).total_seconds() / 86400
        n = rng.randint(20, 60) if key else rng.randint(6, 32)
        n = round(n * min(1.0, span_days / 547))
        if n == 0:
            return None
        recency = {"customer": 15, "prospect": 40, "former": 200, "lost": 150}[status]
        latest = now - dt.timedelta(days=min(rng.expovariate(1 / recency), span_days - 1) + 0.3)
        width = (latest - start).total_seconds()
        moments = [latest] + [
            start + dt.timedelta(seconds=rng.random() * width) for _ in range(n - 1)
        ]
        if status in ("customer", "former"):
            pool = demo_data.CUSTOMER_POOL
        else:
            pool = demo_data.PROSPECT_POOL
        ids = self.ctx.writer.reserve_ids(Interaction, n)
        participants = self.ctx.writer.reserve_ids(InteractionContact, 2 * n)
        used = 0
        for interaction_id, at in zip(ids, moments, strict=True):
            at = at.replace(microsecond=0)
            if status in ("lost", "former") and rng.random() < 0.1:
                kind, summary, next_step = rng.choice(demo_data.WINBACK_POOL)
            else:
                kind, summary, next_step = rng.choice(pool)
            who = rng.choices((0, 1, 2), (15, 70, 15))[0]
            people = rng.sample(contacts, min(who, len(contacts)))
            first = people[0][1] if people else contacts[0][1]
            roll = rng.random()
            if roll < 0.85:
                author = owner
            elif roll < 0.95 and facts.manager_ids:
                author = rng.choice(facts.manager_ids)
            else:
                author = rng.choice(facts.seller_ids)
            chunk.interactions.append(
                (
                    interaction_id, self.ws, account_id, kind, at, summary.format(first=first),
                    next_step.format(first=first) if rng.random() < 0.3 else "", author, "",
                    at, at, 1,
                )
            )  # fmt: skip
            for contact_id, _ in people:
                chunk.participants.append((participants[used], self.ws, interaction_id, contact_id))
                used += 1
        return max(moments).replace(microsecond=0)

    def _actions(
        self,
        account_id: int,
        owner: int,
        created: dt.datetime,
        contacts: list[tuple[int, str]],
        deals: list[tuple[int, str]],
        chunk: _Chunk,
    ) -> None:
        rng, today, now = self.rng, self.today, self.now
        open_deals = [d for d, stage in deals if stage in OPEN_STAGES]
        n_open = rng.choices((0, 1, 2), (60, 30, 10))[0]
        n_done = rng.choices((0, 1, 2), (30, 40, 30))[0]
        ids = self.ctx.writer.reserve_ids(Action, n_open + n_done)
        for i, action_id in enumerate(ids):
            first = rng.choice(contacts)[1]
            title = rng.choice(demo_data.ACTION_TITLES).format(first=first)
            target_type, target_id = self.types[Account], account_id
            if open_deals and rng.random() < 0.3:
                target_type, target_id = self.types[Deal], rng.choice(open_deals)
            if i < n_open:
                due = today + dt.timedelta(days=rng.randint(-20, 30))
                done = None
                snoozed = (
                    due + dt.timedelta(days=rng.randint(1, 7)) if rng.random() < 0.05 else None
                )
                made = now - dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 10))
            else:
                due = today - dt.timedelta(days=rng.randint(1, 700))
                done = dt.datetime.combine(due, dt.time(rng.randint(8, 17)), tzinfo=dt.UTC)
                snoozed = None
                made = done - dt.timedelta(days=rng.randint(1, 30))
            made = max(made.replace(microsecond=0), created)
            chunk.actions.append(
                (
                    action_id, self.ws, title, owner, due, done, snoozed, account_id,
                    target_type, target_id, owner, made, done or made, 1,
                )
            )  # fmt: skip

    def _change(
        self,
        chunk: _Chunk,
        model: type,
        target_id: int,
        target_repr: str,
        account_id: int,
        actor: int | None,
        at: dt.datetime,
        kind: str,
        values: list[tuple[str, ...]],
    ) -> None:
        change_id = self.ctx.writer.reserve_ids(Change, 1)[0]
        fields = [
            {"field": f, "label": label, "from": rest[1] if len(rest) > 1 else "", "to": rest[0]}
            for f, label, *rest in values
        ]
        chunk.changes.append(
            (
                change_id, self.ws, self.types[model], target_id, target_repr[:300], account_id,
                actor, at, kind, fields,
            )
        )  # fmt: skip


def plan_people(size: int) -> tuple[int, int]:
    """How many sellers and managers a workspace of ``size`` accounts gets."""
    sellers = max(1, math.ceil(size / ACCOUNTS_PER_SELLER))
    managers = max(1, math.ceil(sellers / SELLERS_PER_MANAGER))
    return sellers, managers


def generate_core(ctx: GenerateContext, progress: Callable[[str], None] | None = None) -> None:
    CoreGenerator(ctx, progress).run()
