"""One function per user action on an alignment (Mutual Learning).

Every service takes the acting ``membership``, checks who may act (``require_edit`` on the
alignment: its owner, the account's owner, a manager or an admin), checks the method's rules
(``alignment.rules``) and writes inside a transaction, with the alignment row locked, through
the one write path (``headway.crm.writes``: validation, version, history, read models). Writes
of the alignment's parties, items, words and options pass ``check=writes.allowed`` because the
service checked the alignment first. The pages and the API call these and nothing else:

- a step the alignment's state or the method refuses now is :class:`RuleRefused` (409): any
  change to an alignment that has ended, agreeing at the impasse, agreeing on an option that
  fails an essential interest without a reason;
- invalid input is a per-field ``ValidationError`` (422): a contact of another account, fewer
  than two parties, a tested assumption without how or when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from headway.crm import history, writes
from headway.crm import services as crm_services
from headway.crm.models import Account, Action, Contact, Deal
from headway.errors import RuleRefused
from headway.methods.alignment import rules
from headway.methods.alignment.models import (
    AgreedWord,
    Alignment,
    DecisionRule,
    Item,
    ItemKind,
    JointOption,
    OptionRating,
    Party,
    ProposedBy,
    Status,
    TestStatus,
)
from headway.workspaces.models import Membership, User
from headway.workspaces.permissions import require_create, require_edit

# Messages (tests import them): each says what to do next.
TEXT_REQUIRED = "Write a few words."
TEXT_TOO_LONG = "Keep it under {n} characters."
NUL_IN_TEXT = "Remove the NUL character (\\u0000): text cannot contain it."
DECISION_REQUIRED = (
    "Say which decision the customer must make, e.g. “the product design direction”."
)
TWO_PARTIES = (
    "Pick at least two people at the customer who disagree: mutual learning is between parties."
)
CONTACT_OF_ACCOUNT = "Pick contacts of {account}: the parties are people at the customer."
DEAL_OF_ACCOUNT = "Pick one of {account}'s deals, or none."
ALREADY_A_PARTY = "{name} is already a party to this alignment."
PARTY_OF_ALIGNMENT = "Pick one of this alignment's parties."
INTEREST_OF_ALIGNMENT = "Rate this alignment's interests only."
RATING_CHOICE = "Rate it meets, partly or no."
KIND_CHOICE = "Say what it is: an interest, an assumption or information."
DUPLICATE_OPTION = "Option {label} already says that: reword this one or rate that one."
PROPOSER_PARTY_ONLY = "Name a proposing party only when a party proposed it."
PROPOSER_NEEDED = "Say which party proposed it."
ESCALATED_TO_REQUIRED = "Say to whom it was escalated (a name or a role)."
REASON_REQUIRED = "Say why, in a sentence: the next person to read it will need it."
OPTION_OF_ALIGNMENT = "Pick one of this alignment's joint options."
TERM_REQUIRED = "Write the term."
MEANING_REQUIRED = "Write what the term means to every party."


# --- helpers --------------------------------------------------------------------------------


def _text(value: Any, field: str, *, max_length: int, required: bool = True) -> str:
    text = " ".join(str(value or "").split())
    if "\x00" in text:
        raise ValidationError({field: NUL_IN_TEXT})
    if required and not text:
        raise ValidationError({field: TEXT_REQUIRED})
    if len(text) > max_length:
        raise ValidationError({field: TEXT_TOO_LONG.format(n=max_length)})
    return text


def _long_text(value: Any, field: str, *, max_length: int = 2000) -> str:
    text = str(value or "").strip()
    if "\x00" in text:
        raise ValidationError({field: NUL_IN_TEXT})
    if len(text) > max_length:
        raise ValidationError({field: TEXT_TOO_LONG.format(n=max_length)})
    return text


def _begin(membership: Membership, alignment: Alignment) -> dict[str, Any]:
    """Permission, lock, and the rule that an ended alignment takes no more changes; returns
    the history snapshot to diff against."""
    require_edit(membership, alignment)
    writes.lock(alignment)
    if refusal := rules.ended_refusal(alignment.status):
        raise RuleRefused(refusal)
    return history.snapshot(alignment)


def _touch(alignment: Alignment, *, membership: Membership, before: dict[str, Any]) -> None:
    """A child row changed: the alignment's ``updated_at`` moves (lists sort by it)."""
    writes.save_steps(alignment, membership=membership, before=before)


def _parties(alignment: Alignment) -> Any:
    return Party.objects.in_workspace(alignment.workspace_id).filter(alignment=alignment)


def _next_order(qs: Any) -> int:
    last = qs.aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


def _check_contact(account: Account, contact: Contact, field: str = "contact") -> None:
    if contact.workspace_id != account.workspace_id or contact.account_id != account.pk:
        raise ValidationError({field: CONTACT_OF_ACCOUNT.format(account=account.name)})


def _check_party(alignment: Alignment, party: Party | None, field: str) -> None:
    if party is not None and (
        party.workspace_id != alignment.workspace_id or party.alignment_id != alignment.pk
    ):
        raise ValidationError({field: PARTY_OF_ALIGNMENT})


# --- refusals the pages ask first ------------------------------------------------------------


def transition_refusal(alignment: Alignment, wanted: str, *, party_count: int) -> str | None:
    """Why the alignment cannot move to ``wanted`` now (``None``: it can)."""
    return rules.transition_refusal(alignment.status, wanted, party_count=party_count)


def agreement_refusal(
    alignment: Alignment, option: JointOption, *, reason: str, failing_texts: Sequence[str]
) -> str | None:
    if refusal := rules.transition_refusal(
        alignment.status, rules.AGREED, party_count=_parties(alignment).count()
    ):
        return refusal
    return rules.agreement_refusal(label=option.label, failing_texts=failing_texts, reason=reason)


# --- the alignment --------------------------------------------------------------------------


@transaction.atomic
def alignment_create(
    *,
    membership: Membership,
    account: Account,
    decision: str,
    parties: Sequence[tuple[Contact, str]],
    deal: Deal | None = None,
) -> Alignment:
    """Start an alignment at the impasse: the decision the customer must make and at least two
    of the account's contacts, each with the solution they propose."""
    require_create(membership)
    if account.workspace_id != membership.workspace_id:
        raise ValidationError({"account": "Pick one of this workspace's accounts."})
    errors: dict[str, str] = {}
    try:
        decision = _text(decision, "decision", max_length=200)
    except ValidationError:
        errors["decision"] = (
            DECISION_REQUIRED if not str(decision or "").strip() else (TEXT_TOO_LONG.format(n=200))
        )
    if deal is not None and (
        deal.workspace_id != account.workspace_id or deal.account_id != account.pk
    ):
        errors["deal"] = DEAL_OF_ACCOUNT.format(account=account.name)
    seen: set[int] = set()
    cleaned: list[tuple[Contact, str]] = []
    for contact, position in parties:
        try:
            _check_contact(account, contact, "contacts")
        except ValidationError:
            errors["contacts"] = CONTACT_OF_ACCOUNT.format(account=account.name)
            continue
        if contact.pk in seen:
            continue
        seen.add(contact.pk)
        try:
            cleaned.append((contact, _long_text(position, "positions")))
        except ValidationError as exc:
            errors["positions"] = exc.messages[0]
    if "contacts" not in errors and len(cleaned) < rules.MIN_PARTIES:
        errors["contacts"] = TWO_PARTIES
    if errors:
        raise ValidationError(errors)
    alignment = writes.create(
        Alignment,
        membership=membership,
        full_clean=False,  # validated above with the method's own messages
        account=account,
        deal=deal,
        owner=membership.user,
        decision=decision,
        stuck_since=timezone.now(),
    )
    writes.create_many(
        [
            Party(alignment=alignment, contact=contact, position=position, order=i)
            for i, (contact, position) in enumerate(cleaned)
        ],
        membership=membership,
    )
    return alignment


@transaction.atomic
def alignment_update(
    *, membership: Membership, alignment: Alignment, decision: str, version: int | None = None
) -> Alignment:
    before = _begin(membership, alignment)
    if not str(decision or "").strip():
        raise ValidationError({"decision": DECISION_REQUIRED})
    alignment.decision = _text(decision, "decision", max_length=200)
    return writes.save_steps(alignment, membership=membership, before=before, version=version)


@transaction.atomic
def alignment_explore(*, membership: Membership, alignment: Alignment) -> Alignment:
    """Past the impasse: the parties have agreed to learn from each other."""
    before = _begin(membership, alignment)
    count = _parties(alignment).count()
    if refusal := rules.transition_refusal(alignment.status, rules.EXPLORING, party_count=count):
        raise RuleRefused(refusal)
    alignment.status = Status.EXPLORING
    return writes.save_steps(alignment, membership=membership, before=before)


def failing_essentials(alignment: Alignment, option: JointOption) -> list[str]:
    """The texts of the essential interests ``option`` does not fully meet (two queries)."""
    essential = list(
        Item.objects.in_workspace(alignment.workspace_id)
        .filter(alignment=alignment, kind=ItemKind.INTEREST, essential=True)
        .order_by("order", "id")
        .values_list("id", "text")
    )
    ratings = dict(
        OptionRating.objects.in_workspace(alignment.workspace_id)
        .filter(option=option)
        .values_list("interest_id", "rating")
    )
    verdict = rules.verdict([i for i, _ in essential], ratings)
    texts = dict(essential)
    return [texts[i] for i in verdict.failing]


@transaction.atomic
def alignment_agree(
    *, membership: Membership, alignment: Alignment, option: JointOption, reason: str = ""
) -> Alignment:
    """The parties agree on ``option``: who agreed (the parties, by the decision rule) and when.
    An option that fails an essential interest needs ``reason``."""
    before = _begin(membership, alignment)
    if option.workspace_id != alignment.workspace_id or option.alignment_id != alignment.pk:
        raise ValidationError({"option": OPTION_OF_ALIGNMENT})
    reason = _long_text(reason, "reason")
    refusal = agreement_refusal(
        alignment, option, reason=reason, failing_texts=failing_essentials(alignment, option)
    )
    if refusal:
        raise RuleRefused(refusal)
    parties = list(_parties(alignment).select_related("contact").order_by("order", "id"))
    if alignment.decision_rule == DecisionRule.ONE_DECIDES and alignment.decider_id:
        decider = next((p for p in parties if p.pk == alignment.decider_id), None)
        names = (
            f"{decider.contact.name}, after consulting the others"
            if decider is not None
            else ", ".join(p.contact.name for p in parties)
        )
    else:
        names = ", ".join(p.contact.name for p in parties)
    alignment.status = Status.AGREED
    alignment.agreed_option = option
    alignment.agreed_at = timezone.now()
    alignment.agreed_by = membership.user
    alignment.agreed_parties = names[:1000]
    alignment.agreement_reason = reason
    alignment.ended_at = alignment.agreed_at
    return writes.save_steps(alignment, membership=membership, before=before)


@transaction.atomic
def alignment_escalate(
    *, membership: Membership, alignment: Alignment, escalated_to: str, reason: str
) -> Alignment:
    """The parties bump the decision up: to whom and why."""
    before = _begin(membership, alignment)
    errors = {}
    to = " ".join(str(escalated_to or "").split())
    if not to:
        errors["escalated_to"] = ESCALATED_TO_REQUIRED
    why = _long_text(reason, "reason")
    if not why:
        errors["reason"] = REASON_REQUIRED
    if errors:
        raise ValidationError(errors)
    count = _parties(alignment).count()
    if refusal := rules.transition_refusal(alignment.status, rules.ESCALATED, party_count=count):
        raise RuleRefused(refusal)
    alignment.status = Status.ESCALATED
    alignment.escalated_to = _text(to, "escalated_to", max_length=200)
    alignment.end_reason = why
    alignment.ended_at = timezone.now()
    return writes.save_steps(alignment, membership=membership, before=before)


@transaction.atomic
def alignment_abandon(*, membership: Membership, alignment: Alignment, reason: str) -> Alignment:
    before = _begin(membership, alignment)
    why = _long_text(reason, "reason")
    if not why:
        raise ValidationError({"reason": REASON_REQUIRED})
    count = _parties(alignment).count()
    if refusal := rules.transition_refusal(alignment.status, rules.ABANDONED, party_count=count):
        raise RuleRefused(refusal)
    alignment.status = Status.ABANDONED
    alignment.end_reason = why
    alignment.ended_at = timezone.now()
    return writes.save_steps(alignment, membership=membership, before=before)


@transaction.atomic
def decision_rule_set(
    *,
    membership: Membership,
    alignment: Alignment,
    decision_rule: str,
    decider: Party | None = None,
) -> Alignment:
    """The decision rule chosen up front: consensus, or one party decides after consulting."""
    before = _begin(membership, alignment)
    if decision_rule not in rules.DECISION_RULES:
        raise ValidationError({"decision_rule": "Pick consensus or one decides."})
    _check_party(alignment, decider, "decider")
    errors = rules.decision_rule_refusals(decision_rule, decider is not None)
    if errors:
        raise ValidationError(errors)
    alignment.decision_rule = decision_rule
    alignment.decider = decider
    return writes.save_steps(alignment, membership=membership, before=before)


# --- parties --------------------------------------------------------------------------------


@transaction.atomic
def party_add(
    *, membership: Membership, alignment: Alignment, contact: Contact, position: str = ""
) -> Party:
    before = _begin(membership, alignment)
    _check_contact(alignment.account, contact)
    if _parties(alignment).filter(contact=contact).exists():
        raise ValidationError({"contact": ALREADY_A_PARTY.format(name=contact.name)})
    party = writes.create(
        Party,
        membership=membership,
        check=writes.allowed,  # _begin checked the alignment
        full_clean=False,
        alignment=alignment,
        contact=contact,
        position=_long_text(position, "position"),
        order=_next_order(_parties(alignment)),
    )
    _touch(alignment, membership=membership, before=before)
    return party


@transaction.atomic
def party_update(
    *, membership: Membership, alignment: Alignment, party: Party, position: str
) -> Party:
    before = _begin(membership, alignment)
    _check_party(alignment, party, "party")
    writes.update(
        party,
        membership=membership,
        check=writes.allowed,
        full_clean=False,
        changes={"position": _long_text(position, "position")},
    )
    _touch(alignment, membership=membership, before=before)
    return party


@transaction.atomic
def party_remove(*, membership: Membership, alignment: Alignment, party: Party) -> None:
    """Remove a party with what they hold; past the impasse two must stay."""
    before = _begin(membership, alignment)
    _check_party(alignment, party, "party")
    if refusal := rules.removal_refusal(_parties(alignment).count(), alignment.status):
        raise RuleRefused(refusal)
    if alignment.decider_id == party.pk:
        alignment.decider = None
        alignment.decision_rule = DecisionRule.CONSENSUS
    writes.delete(party, membership=membership, check=writes.allowed)
    _touch(alignment, membership=membership, before=before)


# --- what each party holds ------------------------------------------------------------------


def _check_item(
    *,
    kind: str,
    essential: bool,
    test_status: str,
    tested_how: str,
    tested_on: dt.date | None,
) -> None:
    if kind not in rules.ITEM_KINDS:
        raise ValidationError({"kind": KIND_CHOICE})
    if test_status not in rules.TEST_STATUSES:
        raise ValidationError({"test_status": "Pick untested, confirmed or refuted."})
    errors = rules.item_refusals(
        kind=kind,
        essential=essential,
        test_status=test_status,
        tested_how=tested_how,
        tested_on=tested_on,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def item_add(
    *,
    membership: Membership,
    alignment: Alignment,
    party: Party,
    kind: str,
    text: str,
    essential: bool = False,
    shared: bool = False,
) -> Item:
    """An interest, assumption or piece of information one party holds (assumptions start
    untested)."""
    before = _begin(membership, alignment)
    _check_party(alignment, party, "party")
    text = _text(text, "text", max_length=300)
    _check_item(
        kind=kind, essential=essential, test_status=rules.UNTESTED, tested_how="", tested_on=None
    )
    items = Item.objects.in_workspace(alignment.workspace_id).filter(alignment=alignment)
    item = writes.create(
        Item,
        membership=membership,
        check=writes.allowed,
        full_clean=False,
        alignment=alignment,
        party=party,
        kind=kind,
        text=text,
        essential=essential,
        shared=shared,
        order=_next_order(items),
    )
    _touch(alignment, membership=membership, before=before)
    return item


@transaction.atomic
def item_update(
    *,
    membership: Membership,
    alignment: Alignment,
    item: Item,
    text: str | None = None,
    essential: bool | None = None,
    shared: bool | None = None,
    test_status: str | None = None,
    tested_how: str | None = None,
    tested_on: dt.date | None = None,
) -> Item:
    """Reword an item, mark an interest essential, mark it shared, or record how an assumption
    was tested (untested clears the test)."""
    before = _begin(membership, alignment)
    if item.alignment_id != alignment.pk:
        raise ValidationError({"item": "Pick one of this alignment's items."})
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = _text(text, "text", max_length=300)
    if essential is not None:
        changes["essential"] = essential
    if shared is not None:
        changes["shared"] = shared
    if test_status is not None:
        changes["test_status"] = test_status
        if test_status == TestStatus.UNTESTED:
            changes["tested_how"], changes["tested_on"] = "", None
        else:
            changes["tested_how"] = _text(tested_how, "tested_how", max_length=500, required=False)
            changes["tested_on"] = tested_on
    _check_item(
        kind=item.kind,
        essential=changes.get("essential", item.essential),
        test_status=changes.get("test_status", item.test_status),
        tested_how=changes.get("tested_how", item.tested_how),
        tested_on=changes.get("tested_on", item.tested_on),
    )
    writes.update(
        item, membership=membership, check=writes.allowed, full_clean=False, changes=changes
    )
    _touch(alignment, membership=membership, before=before)
    return item


@transaction.atomic
def item_delete(*, membership: Membership, alignment: Alignment, item: Item) -> None:
    before = _begin(membership, alignment)
    if item.alignment_id != alignment.pk:
        raise ValidationError({"item": "Pick one of this alignment's items."})
    writes.delete(item, membership=membership, check=writes.allowed)
    _touch(alignment, membership=membership, before=before)


# --- agreed words ---------------------------------------------------------------------------


@transaction.atomic
def word_add(
    *, membership: Membership, alignment: Alignment, term: str, meaning: str
) -> AgreedWord:
    before = _begin(membership, alignment)
    errors = {}
    if not str(term or "").strip():
        errors["term"] = TERM_REQUIRED
    if not str(meaning or "").strip():
        errors["meaning"] = MEANING_REQUIRED
    if errors:
        raise ValidationError(errors)
    word = writes.create(
        AgreedWord,
        membership=membership,
        check=writes.allowed,
        full_clean=False,
        alignment=alignment,
        term=_text(term, "term", max_length=100),
        meaning=_text(meaning, "meaning", max_length=500),
    )
    _touch(alignment, membership=membership, before=before)
    return word


@transaction.atomic
def word_delete(*, membership: Membership, alignment: Alignment, word: AgreedWord) -> None:
    before = _begin(membership, alignment)
    writes.delete(word, membership=membership, check=writes.allowed)
    _touch(alignment, membership=membership, before=before)


# --- joint options and ratings --------------------------------------------------------------


@transaction.atomic
def option_add(
    *,
    membership: Membership,
    alignment: Alignment,
    text: str,
    proposed_by: str = ProposedBy.JOINT,
    proposing_party: Party | None = None,
) -> JointOption:
    """A candidate design, labelled A, B, C… in the order added."""
    before = _begin(membership, alignment)
    text = _text(text, "text", max_length=300)
    if proposed_by not in ProposedBy.values:
        raise ValidationError({"proposed_by": "Say who proposed it: a party, us or jointly."})
    _check_party(alignment, proposing_party, "proposing_party")
    if proposed_by == ProposedBy.PARTY and proposing_party is None:
        raise ValidationError({"proposing_party": PROPOSER_NEEDED})
    if proposed_by != ProposedBy.PARTY and proposing_party is not None:
        raise ValidationError({"proposing_party": PROPOSER_PARTY_ONLY})
    options = JointOption.objects.in_workspace(alignment.workspace_id).filter(alignment=alignment)
    for label, other in options.values_list("label", "text"):
        if rules.normalise(other) == rules.normalise(text):
            raise ValidationError({"text": DUPLICATE_OPTION.format(label=label)})
    order = _next_order(options)
    option = writes.create(
        JointOption,
        membership=membership,
        check=writes.allowed,
        full_clean=False,
        alignment=alignment,
        label=rules.label_for(order),  # a deleted option's letter is not given again
        text=text,
        proposed_by=proposed_by,
        proposing_party=proposing_party,
        order=order,
    )
    _touch(alignment, membership=membership, before=before)
    return option


@transaction.atomic
def option_rate(
    *,
    membership: Membership,
    alignment: Alignment,
    option: JointOption,
    ratings: Mapping[Item, str],
) -> list[OptionRating]:
    """Rate ``option`` against interests (meets / partly / no); an empty rating clears one."""
    before = _begin(membership, alignment)
    if option.alignment_id != alignment.pk:
        raise ValidationError({"option": OPTION_OF_ALIGNMENT})
    for interest, rating in ratings.items():
        if interest.alignment_id != alignment.pk or interest.kind != ItemKind.INTEREST:
            raise ValidationError({"ratings": INTEREST_OF_ALIGNMENT})
        if rating not in (*rules.RATINGS, ""):
            raise ValidationError({"ratings": RATING_CHOICE})
    stored = {
        r.interest_id: r
        for r in OptionRating.objects.in_workspace(alignment.workspace_id).filter(option=option)
    }
    new, changed, befores = [], [], {}
    for interest, rating in ratings.items():
        current = stored.get(interest.pk)
        if current is None and rating:
            new.append(
                OptionRating(option=option, interest=interest, alignment=alignment, rating=rating)
            )
        elif current is not None and not rating:
            writes.delete(current, membership=membership, check=writes.allowed)
            del stored[interest.pk]
        elif current is not None and current.rating != rating:
            befores[current.pk] = history.snapshot(current)
            current.rating = rating
            changed.append(current)
    writes.create_many(new, membership=membership, check=writes.allowed)
    writes.update_many(
        changed, ["rating"], membership=membership, befores=befores, check=writes.allowed
    )
    _touch(alignment, membership=membership, before=before)
    return [*stored.values(), *new]


@transaction.atomic
def option_delete(*, membership: Membership, alignment: Alignment, option: JointOption) -> None:
    before = _begin(membership, alignment)
    writes.delete(option, membership=membership, check=writes.allowed)
    _touch(alignment, membership=membership, before=before)


# --- follow-up ------------------------------------------------------------------------------


@transaction.atomic
def alignment_add_action(
    *,
    membership: Membership,
    alignment: Alignment,
    title: str,
    due_date: dt.date | None,
    owner: User | None = None,
) -> Action:
    """A follow-up action that puts the agreement to work (what, who, by when): a CRM action,
    so it shows on its owner's agenda and the account page. Only once agreed (409 before)."""
    require_edit(membership, alignment)
    writes.lock(alignment)
    if refusal := rules.action_refusal(alignment.status):
        raise RuleRefused(refusal)
    data: dict[str, Any] = {"title": " ".join(str(title or "").split()), "due_date": due_date}
    if owner is not None:
        data["owner"] = owner
    return crm_services.action_create(
        membership=membership, target=alignment, account=alignment.account, **data
    )
