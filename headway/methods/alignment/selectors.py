"""Read queries for the alignment pages, the API and the panels, scoped to one workspace.

Lookups by id (``get_<object>(workspace=, id=, alignment=)``, over ``tenancy.get_scoped``)
raise the same :class:`NotFound` for "missing", "malformed", "another workspace's" and, for an
alignment's parties, items, words and options, "another alignment's". Ids that arrive in a
body or a form resolve through ``resolve_*``: a 422 on their field. The guide page's data
comes in a fixed number of queries, whatever the number of parties, items or options.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse

from headway.crm import selectors as crm_selectors
from headway.crm import timeline
from headway.crm.models import Action, Contact
from headway.errors import NotFound
from headway.kit.methods import PanelItem
from headway.methods.alignment import rules
from headway.methods.alignment.models import (
    AgreedWord,
    Alignment,
    Item,
    ItemKind,
    JointOption,
    OptionRating,
    Party,
    Status,
)
from headway.workspaces.models import Workspace
from headway.workspaces.tenancy import get_scoped

PAGE_LIMIT = 200

STATUS_FILTERS: list[tuple[str, str]] = [(s, rules.STATUS_LABELS[s]) for s in rules.STATUSES]
STATUS_TONES = {
    rules.IMPASSE: "bad",
    rules.EXPLORING: "brand",
    rules.AGREED: "ok",
    rules.ESCALATED: "warn",
}


def get_alignment(*, workspace: Workspace | int, id: Any) -> Alignment:
    return get_scoped(
        Alignment.objects.in_workspace(workspace).select_related(
            "account", "account__owner", "deal", "owner", "agreed_by"
        ),
        id=id,
        what="alignment",
    )


def get_party(*, workspace: Workspace | int, id: Any, alignment: Alignment) -> Party:
    qs = Party.objects.in_workspace(workspace).filter(alignment=alignment).select_related("contact")
    return get_scoped(qs, id=id, what="party")


def get_item(*, workspace: Workspace | int, id: Any, alignment: Alignment) -> Item:
    qs = Item.objects.in_workspace(workspace).filter(alignment=alignment)
    return get_scoped(qs, id=id, what="item")


def get_word(*, workspace: Workspace | int, id: Any, alignment: Alignment) -> AgreedWord:
    qs = AgreedWord.objects.in_workspace(workspace).filter(alignment=alignment)
    return get_scoped(qs, id=id, what="agreed word")


def get_option(*, workspace: Workspace | int, id: Any, alignment: Alignment) -> JointOption:
    qs = JointOption.objects.in_workspace(workspace).filter(alignment=alignment)
    return get_scoped(qs, id=id, what="joint option")


def _resolve(getter: Any, alignment: Alignment, raw: Any, *, field: str, message: str) -> Any:
    try:
        return getter(workspace=alignment.workspace_id, id=raw, alignment=alignment)
    except NotFound:
        raise ValidationError({field: message}) from None


def resolve_party(alignment: Alignment, raw: Any, *, field: str) -> Party:
    """A party id in input: this alignment's party, or a 422 on ``field``."""
    return _resolve(get_party, alignment, raw, field=field, message="Pick one of its parties.")


def resolve_option(alignment: Alignment, raw: Any, *, field: str) -> JointOption:
    return _resolve(
        get_option, alignment, raw, field=field, message="Pick one of its joint options."
    )


def resolve_contact(
    account_id: int, workspace: Workspace | int, raw: Any, *, field: str
) -> Contact:
    """A contact id in input: a contact of this account, or a 422 on ``field``."""
    qs = Contact.objects.in_workspace(workspace).filter(account_id=account_id)
    try:
        return get_scoped(qs, id=raw, what="contact")
    except NotFound:
        raise ValidationError(
            {field: "Pick contacts of this account: the parties are people at the customer."}
        ) from None


def parties_of(alignment: Alignment) -> list[Party]:
    return list(
        Party.objects.in_workspace(alignment.workspace_id)
        .filter(alignment=alignment)
        .select_related("contact")
        .order_by("order", "id")[:PAGE_LIMIT]
    )


def options_of(alignment: Alignment) -> list[JointOption]:
    return list(
        JointOption.objects.in_workspace(alignment.workspace_id)
        .filter(alignment=alignment)
        .order_by("order", "id")[:PAGE_LIMIT]
    )


def interests_by_id(alignment: Alignment) -> dict[int, Item]:
    return {
        i.pk: i
        for i in Item.objects.in_workspace(alignment.workspace_id).filter(
            alignment=alignment, kind=ItemKind.INTEREST
        )[:PAGE_LIMIT]
    }


def account_contacts(*, workspace: Workspace | int, account_id: int) -> list[Contact]:
    """The account's contacts a party can be chosen from."""
    return list(
        Contact.objects.in_workspace(workspace)
        .filter(account_id=account_id)
        .order_by("name", "id")[:PAGE_LIMIT]
    )


# --- lists ----------------------------------------------------------------------------------


def alignment_list(
    *,
    workspace: Workspace | int,
    status: str = "",
    account: int | None = None,
    deal: int | None = None,
    q: str = "",
) -> QuerySet[Alignment]:
    qs = Alignment.objects.in_workspace(workspace).select_related(
        "account", "owner", "deal", "agreed_by"
    )
    if status:
        qs = qs.filter(status=status)
    if account:
        qs = qs.filter(account_id=account)
    if deal:
        qs = qs.filter(deal_id=deal)
    if q:
        qs = qs.filter(decision__icontains=q.strip())
    return qs.order_by("-updated_at", "-id")


# --- the guide page ------------------------------------------------------------------------


@dataclass
class PartyView:
    party: Party
    interests: list[Item] = field(default_factory=list)
    assumptions: list[Item] = field(default_factory=list)
    information: list[Item] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.party.contact.name)


@dataclass
class GridRow:
    """One joint option with its rating of every interest (in the grid's column order)."""

    option: JointOption
    cells: list[str]  # rating or "" (not rated), one per interest column
    verdict: rules.Verdict
    proposer: str


@dataclass
class AlignmentPage:
    alignment: Alignment
    parties: list[PartyView]
    interests: list[Item]  # the grid's columns: every party's interests, party by party
    interest_party: dict[int, str]  # interest id → the party's name
    options: list[JointOption]
    grid: list[GridRow]
    words: list[AgreedWord]
    actions: list[Action]
    history: list[timeline.Row]

    @property
    def shared(self) -> list[Item]:
        """Common ground: the items marked shared, whoever recorded them."""
        return [
            i
            for p in self.parties
            for i in (*p.interests, *p.assumptions, *p.information)
            if i.shared
        ]

    @property
    def untested(self) -> list[tuple[str, Item]]:
        return [
            (p.name, i)
            for p in self.parties
            for i in p.assumptions
            if i.test_status == rules.UNTESTED
        ]

    @property
    def essential_count(self) -> int:
        return sum(1 for i in self.interests if i.essential)

    @property
    def best(self) -> list[GridRow]:
        """The options meeting every essential interest, best first (none while no interest
        is essential: then nothing is yet known to meet the needs)."""
        if not self.essential_count:
            return []
        order = rules.best_options({r.option.pk: r.verdict for r in self.grid})
        by_id = {r.option.pk: r for r in self.grid}
        return [by_id[i] for i in order]

    @property
    def party_count(self) -> int:
        return len(self.parties)


def alignment_page(*, alignment: Alignment) -> AlignmentPage:
    """Everything the guide page and the API detail show, in a fixed number of queries."""
    ws = alignment.workspace_id
    parties = parties_of(alignment)
    views = {p.pk: PartyView(party=p) for p in parties}
    items = list(
        Item.objects.in_workspace(ws)
        .filter(alignment=alignment)
        .order_by("order", "id")[: PAGE_LIMIT * 3]
    )
    for item in items:
        view = views.get(item.party_id)
        if view is None:
            continue
        item.party = view.party
        getattr(
            view,
            {"interest": "interests", "assumption": "assumptions"}.get(item.kind, "information"),
        ).append(item)
    interests = [i for v in views.values() for i in v.interests]
    options = list(
        JointOption.objects.in_workspace(ws)
        .filter(alignment=alignment)
        .order_by("order", "id")[:PAGE_LIMIT]
    )
    ratings: dict[int, dict[int, str]] = {}
    for option_id, interest_id, rating in (
        OptionRating.objects.in_workspace(ws)
        .filter(alignment=alignment)
        .values_list("option_id", "interest_id", "rating")
    ):
        ratings.setdefault(option_id, {})[interest_id] = rating
    essential = [i.pk for i in interests if i.essential]
    names = {p.pk: p.contact.name for p in parties}
    grid = []
    for option in options:
        mine = ratings.get(option.pk, {})
        if option.proposed_by == rules.PARTY:
            proposer = names.get(option.proposing_party_id or 0, "a party")
        else:
            proposer = "us" if option.proposed_by == rules.OURS else "the parties jointly"
        grid.append(
            GridRow(
                option=option,
                cells=[mine.get(i.pk, "") for i in interests],
                verdict=rules.verdict(essential, mine),
                proposer=proposer,
            )
        )
    if alignment.agreed_option_id:
        alignment.agreed_option = next(
            (o for o in options if o.pk == alignment.agreed_option_id), None
        )
    if alignment.decider_id:
        alignment.decider = next((p for p in parties if p.pk == alignment.decider_id), None)
    words = list(
        AgreedWord.objects.in_workspace(ws)
        .filter(alignment=alignment)
        .order_by("term", "id")[:PAGE_LIMIT]
    )
    actions = crm_selectors.actions_for(workspace=ws, obj=alignment)
    for action in actions:
        # Permission checks on each action row read its account's owner: reuse the alignment's.
        if action.account_id == alignment.account_id:
            action.account = alignment.account
    return AlignmentPage(
        alignment=alignment,
        parties=list(views.values()),
        interests=interests,
        interest_party={i.pk: names.get(i.party_id, "") for i in interests},
        options=options,
        grid=grid,
        words=words,
        actions=actions,
        history=timeline.timeline(
            workspace=ws,
            obj=alignment,
            related={
                Party: [p.pk for p in parties],
                Item: [i.pk for i in items],
                JointOption: [o.pk for o in options],
                AgreedWord: [w.pk for w in words],
            },
        ),
    )


# --- panels on the CRM pages ---------------------------------------------------------------


def _panel(rows: Any) -> list[PanelItem]:
    labels = dict(Status.choices)
    return [
        PanelItem(
            label=row["decision"],
            url=reverse("alignment:alignment_detail", kwargs={"alignment_id": row["id"]}),
            badge=str(labels.get(row["status"], row["status"])),
            tone=STATUS_TONES.get(row["status"], ""),
        )
        for row in rows
    ]


def account_panel(*, workspace: Workspace, obj: Any, limit: int) -> list[PanelItem]:
    """The account page's "Alignments" panel: one query, ``limit + 1`` rows."""
    return _panel(
        Alignment.objects.in_workspace(workspace)
        .filter(account_id=obj.pk)
        .order_by("-updated_at", "-id")
        .values("id", "decision", "status")[: limit + 1]
    )


def deal_panel(*, workspace: Workspace, obj: Any, limit: int) -> list[PanelItem]:
    """The deal page's panel: the alignments this deal waits on (agreed ones say so)."""
    return _panel(
        Alignment.objects.in_workspace(workspace)
        .filter(deal_id=obj.pk)
        .order_by("-updated_at", "-id")
        .values("id", "decision", "status")[: limit + 1]
    )
