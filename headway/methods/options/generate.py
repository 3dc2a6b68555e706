"""Generated decisions for ``headway generate``: about one per 50 accounts, in every stage.

Each decision gets 4–7 considerations (about half key), the two bookends, 5–7 pragmatic
alternatives placed on the spectrum, and — according to its stage — the incubation and review
times (from :func:`headway.methods.options.rules.next_review_time` in the owner's zone), the morning
choice (and now and then a second guess), colleagues' picks, crm actions targeting the decision
and the recorded outcome. Rows are written with the bulk writer; see :mod:`headway.generate`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType

from headway.crm.models import Action
from headway.generate import GenerateContext, register_generator
from headway.methods.options import rules
from headway.methods.options.models import (
    Alternative,
    Choice,
    ColleaguePick,
    Consideration,
    Decision,
)
from headway.workspaces.models import User

ACCOUNTS_PER_DECISION = 50

#: (stage, review due?) in turn, so even a small workspace has every stage.
PLAN: tuple[tuple[str, bool], ...] = (
    (rules.FRAME, False),
    (rules.OPTIONS, False),
    (rules.SLEEPING, False),
    (rules.SLEEPING, True),
    (rules.ACT, False),
    (rules.OUTCOME, False),
    (rules.DONE, False),
)

GOALS = (
    "Moving {account} forward after the pilot",
    "Getting {account} to renew for three years",
    "Recovering the relationship with {account} after the outage",
    "Winning the second site at {account}",
    "Getting a meeting with the CFO of {account}",
    "Pricing the expansion at {account}",
    "Handling the competitor's discount at {account}",
    "Choosing the partner for the {account} roll-out",
)
CONSIDERATIONS = (
    "Budget is frozen until the next quarter",
    "The champion is leaving in spring",
    "The competitor offered 20 % off",
    "Their IT team is overloaded",
    "Legal takes six weeks to review a contract",
    "The pilot met two of three goals",
    "The CFO has never met us",
    "They prefer one supplier for everything",
    "Our delivery team is booked until March",
    "The contract renews automatically in June",
    "A reference customer in their sector is happy",
    "Their board meets once a quarter",
)
YIN = (
    "Wait and let them come back to us",
    "Do nothing until they ask",
    "Send a friendly note and step back",
)
YANG = (
    "Go over the champion's head to the CEO",
    "Make a final offer with a deadline",
    "Walk away from the deal",
)
ALTERNATIVES = (
    "Offer a paid extension of the pilot",
    "Propose a phased roll-out, one site first",
    "Invite the CFO to a customer reference visit",
    "Bring our delivery lead to the next meeting",
    "Offer a price lock for two years",
    "Ask the champion to introduce the new sponsor",
    "Run a workshop on their success criteria",
    "Split the contract into two smaller orders",
    "Offer a success-based fee for year one",
    "Write a one-page business case with their numbers",
    "Ask our CEO to call their CEO",
    "Propose a lunch with the project team",
)
COMMENTS = (
    "B feels right: it keeps the door open.",
    "I would go for the reference visit.",
    "Less risk, same result.",
    "",
    "They liked that idea last year.",
)
ACTION_TITLES = (
    "Call {account} about the chosen option",
    "Write the proposal for {account}",
    "Book the meeting at {account}",
    "Brief the team on the decision for {account}",
)
LESSONS = (
    "Asking earlier would have saved a month.",
    "The middle option worked: nobody felt pushed.",
    "We should have involved their finance team from the start.",
    "Sleeping on it stopped us from over-reacting.",
)

DECISION_FIELDS = [
    "id", "workspace_id", "account_id", "owner_id", "goal", "question", "question_edited",
    "stage", "incubation_started_at", "review_at", "review_opened_at", "chosen_alternative_id",
    "chosen_at", "choice_seconds", "outcome", "lesson", "outcome_at", "created_at",
    "updated_at", "version",
]  # fmt: skip
CONSIDERATION_FIELDS = ["id", "workspace_id", "decision_id", "text", "is_key", "position"]
ALTERNATIVE_FIELDS = [
    "id", "workspace_id", "decision_id", "kind", "label", "text", "spectrum", "position",
    "created_at",
]  # fmt: skip
CHOICE_FIELDS = [
    "id", "workspace_id", "decision_id", "alternative_id", "alternative_text", "chosen_by_id",
    "chosen_at", "seconds", "is_second_guess",
]  # fmt: skip
PICK_FIELDS = [
    "id", "workspace_id", "decision_id", "user_id", "invited_by_id", "invited_at",
    "alternative_id", "comment", "answered_at",
]  # fmt: skip
ACTION_FIELDS = [
    "id", "workspace_id", "title", "owner_id", "due_date", "done_at", "snoozed_until",
    "account_id", "target_type_id", "target_id", "created_by_id", "created_at", "updated_at",
    "version",
]  # fmt: skip

Row = tuple[Any, ...]


def _second(value: dt.datetime) -> dt.datetime:
    return value.replace(microsecond=0)


@register_generator("options")
def decisions(ctx: GenerateContext) -> None:
    rng, now, ws, writer = ctx.rng, ctx.now, ctx.workspace.pk, ctx.writer
    accounts = ctx.facts.accounts
    if not accounts:
        return
    n = max(len(PLAN), len(accounts) // ACCOUNTS_PER_DECISION)
    picked = [accounts[i] for i in sorted(rng.sample(range(len(accounts)), min(n, len(accounts))))]
    people = {
        pk: (zone, review)
        for pk, zone, review in User.objects.filter(pk__in=ctx.facts.user_ids).values_list(
            "id", "time_zone", "morning_review_time"
        )
    }
    colleagues = [*ctx.facts.manager_ids, *ctx.facts.seller_ids]
    decision_type = ContentType.objects.get_for_model(Decision).pk

    decision_rows: list[Row] = []
    consideration_rows: list[Row] = []
    alternative_rows: list[Row] = []
    choice_rows: list[Row] = []
    pick_rows: list[Row] = []
    action_rows: list[Row] = []
    decision_ids = writer.reserve_ids(Decision, len(picked))
    for index, (decision_id, account) in enumerate(zip(decision_ids, picked, strict=True)):
        stage, due = PLAN[index % len(PLAN)]
        owner = account.owner_id
        zone, review_time = people.get(owner, ("UTC", rules.DEFAULT_REVIEW_TIME))
        goal = rng.choice(GOALS).format(account=account.name)[:200]

        # When it started: recent for the early stages, weeks ago for the finished ones.
        back_days = {
            rules.FRAME: (0, 6),
            rules.OPTIONS: (1, 10),
            rules.SLEEPING: (2, 14),
            rules.ACT: (4, 20),
            rules.OUTCOME: (15, 45),
            rules.DONE: (40, 200),
        }[stage]
        created = _second(now - dt.timedelta(days=rng.uniform(*back_days), hours=rng.uniform(1, 8)))
        created = max(created, account.created_at)

        # Considerations: 4–7, about half key (at least two once past framing).
        texts = rng.sample(CONSIDERATIONS, rng.randint(4, 7))
        keys = max(rules.MIN_KEY_CONSIDERATIONS, round(len(texts) / 2 + rng.choice((-0.5, 0, 0.5))))
        if stage == rules.FRAME and rng.random() < 0.5:
            keys = rng.randint(0, 1)
        key_flags = [i < keys for i in range(len(texts))]
        rng.shuffle(key_flags)
        for position, (text, is_key) in enumerate(zip(texts, key_flags, strict=True)):
            consideration_rows.append((None, ws, decision_id, text, is_key, position))
        key_texts = [t for t, k in zip(texts, key_flags, strict=True) if k]
        question = rules.compose_question(goal, key_texts) if key_texts else ""

        # Options: both bookends and 5–7 alternatives (fewer while still framing or listing).
        pragmatic: list[tuple[int, str, str]] = []  # (id, label, text)
        if stage != rules.FRAME:
            count = rng.randint(rules.MIN_ALTERNATIVES, 7)
            if stage == rules.OPTIONS:
                count = rng.randint(2, 7)
            ids = writer.reserve_ids(Alternative, count + 2)
            alt_created = created + dt.timedelta(minutes=rng.randint(5, 120))
            alternative_rows.append(
                (ids[0], ws, decision_id, "yin", "", rng.choice(YIN), 0, 0, alt_created)
            )
            alternative_rows.append(
                (ids[1], ws, decision_id, "yang", "", rng.choice(YANG), 100, 1, alt_created)
            )
            spots = sorted(rng.sample(range(5, 96), count))
            for i, (alt_id, text) in enumerate(
                zip(ids[2:], rng.sample(ALTERNATIVES, count), strict=True)
            ):
                label = rules.label_for(i)
                spectrum = spots[i] if rng.random() < 0.9 else None
                alternative_rows.append(
                    (
                        alt_id,
                        ws,
                        decision_id,
                        "pragmatic",
                        label,
                        text,
                        spectrum,
                        i + 2,
                        alt_created,
                    )
                )
                pragmatic.append((alt_id, label, text))

        incubation = review_at = opened = chosen_at = outcome_at = None
        seconds: int | None = None
        chosen: tuple[int, str, str] | None = None
        outcome = lesson = ""
        if stage == rules.SLEEPING and not due:
            # Started sleeping on it a few hours ago: the review is still to come.
            incubation = _second(now - dt.timedelta(hours=rng.uniform(0.5, 5)))
        elif stage != rules.FRAME and stage != rules.OPTIONS:
            latest = now - dt.timedelta(days=2) if due else None
            incubation = _second(
                created + dt.timedelta(hours=rng.uniform(2, 30))
                if latest is None
                else min(created + dt.timedelta(hours=rng.uniform(2, 30)), latest)
            )
        if incubation is not None:
            incubation = max(incubation, created)
            review_at = rules.next_review_time(incubation, zone, review_time)
        if stage in rules.CHOSEN_STAGES and review_at is not None:
            opened = review_at + dt.timedelta(minutes=rng.randint(0, 90))
            chosen_at = opened + dt.timedelta(seconds=rng.randint(8, 600))
            if stage == rules.ACT:
                chosen_at = min(chosen_at, now - dt.timedelta(minutes=30))
                opened = min(opened, chosen_at)
            seconds = rules.choice_seconds(
                review_at=review_at, opened_at=opened, chosen_at=chosen_at
            )
            chosen = rng.choice(pragmatic)
            if rng.random() < 0.15:  # a second guess a day later
                first = rng.choice([p for p in pragmatic if p != chosen])
                choice_rows.append(
                    (None, ws, decision_id, first[0], f"{first[1]} – {first[2]}", owner,
                     chosen_at, seconds, False)
                )  # fmt: skip
                choice_rows.append(
                    (None, ws, decision_id, chosen[0], f"{chosen[1]} – {chosen[2]}", owner,
                     chosen_at + dt.timedelta(hours=rng.randint(2, 20)), None, True)
                )  # fmt: skip
            else:
                choice_rows.append(
                    (None, ws, decision_id, chosen[0], f"{chosen[1]} – {chosen[2]}", owner,
                     chosen_at, seconds, False)
                )  # fmt: skip
        if stage == rules.DONE and chosen_at is not None:
            outcome = rng.choices(("yes", "partly", "no"), (5, 3, 2))[0]
            outcome_at = _second(min(chosen_at + dt.timedelta(days=rng.randint(7, 40)), now))
            lesson = rng.choice(LESSONS) if rng.random() < 0.8 else ""

        # Colleagues asked for their pick (answered ones hidden from the owner until chosen).
        if pragmatic and stage != rules.OPTIONS and colleagues:
            others = [c for c in colleagues if c != owner]
            for user in rng.sample(others, min(len(others), rng.choice((0, 1, 1, 2, 3)))):
                invited = _second(
                    (incubation or created) + dt.timedelta(minutes=rng.randint(1, 60))
                )
                invited = min(invited, now)
                answered = alt = None
                comment = ""
                if rng.random() < 0.7:
                    answered = min(invited + dt.timedelta(hours=rng.uniform(0.2, 6)), now)
                    answered = _second(answered)
                    alt = rng.choice(pragmatic)[0]
                    comment = rng.choice(COMMENTS)
                pick_rows.append(
                    (None, ws, decision_id, user, owner, invited, alt, comment, answered)
                )

        # Actions on the decision: most chosen ones, done once the outcome is awaited.
        if chosen_at is not None and (stage != rules.ACT or rng.random() < 0.7):
            for _ in range(rng.randint(1, 2)):
                made = _second(min(chosen_at + dt.timedelta(minutes=rng.randint(2, 600)), now))
                due_date = made.date() + dt.timedelta(days=rng.randint(1, 14))
                done = None
                if stage != rules.ACT:
                    done = _second(
                        min(
                            made + dt.timedelta(days=rng.randint(0, 10), hours=2), outcome_at or now
                        )
                    )
                title = rng.choice(ACTION_TITLES).format(account=account.name)[:300]
                action_rows.append(
                    (None, ws, title, owner, due_date, done, None, account.id, decision_type,
                     decision_id, owner, made, done or made, 1)
                )  # fmt: skip

        updated = max(t for t in (created, incubation, chosen_at, outcome_at) if t is not None)
        decision_rows.append(
            (
                decision_id, ws, account.id, owner, goal, question, False, stage, incubation,
                review_at, opened, chosen[0] if chosen else None, chosen_at, seconds, outcome,
                lesson, outcome_at, created, updated, 1,
            )
        )  # fmt: skip

    ctx.count("decisions", writer.insert(Decision, DECISION_FIELDS, decision_rows))
    ctx.count("options", writer.insert(Alternative, ALTERNATIVE_FIELDS, alternative_rows))
    _insert_with_ids(ctx, Consideration, CONSIDERATION_FIELDS, consideration_rows, "considerations")
    _insert_with_ids(ctx, Choice, CHOICE_FIELDS, choice_rows, "choices")
    _insert_with_ids(ctx, ColleaguePick, PICK_FIELDS, pick_rows, "colleague picks")
    _insert_with_ids(ctx, Action, ACTION_FIELDS, action_rows, "actions on decisions")


def _insert_with_ids(
    ctx: GenerateContext, model: type[Any], fields: list[str], rows: list[Row], what: str
) -> None:
    """Fill the ``None`` id of each row from fresh ids, then insert."""
    ids = ctx.writer.reserve_ids(model, len(rows))
    numbered = [(new_id, *row[1:]) for new_id, row in zip(ids, rows, strict=True)]
    ctx.count(what, ctx.writer.insert(model, fields, numbered))
