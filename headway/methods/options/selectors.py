"""Read queries for the decision pages, the API and the agenda, scoped to one workspace.

Lookups by id (``get_<object>(workspace=, id=, decision=)``, over ``tenancy.get_scoped``) raise the
same :class:`NotFound` for "missing", "malformed" and "another workspace's" (and, for a
decision's considerations and options, "another decision's"). Each page's data comes in a
fixed number of queries, whatever the number of considerations, options, actions or picks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from headway.crm import selectors as crm_selectors
from headway.crm import timeline
from headway.crm.models import Action
from headway.errors import NotFound
from headway.kit.methods import PanelItem
from headway.methods.options import rules
from headway.methods.options.models import (
    Alternative,
    Choice,
    ColleaguePick,
    Consideration,
    Decision,
    Kind,
    Stage,
)
from headway.workspaces.models import Membership, Role, User, Workspace
from headway.workspaces.tenancy import get_scoped

PAGE_LIMIT = 200


def get_decision(*, workspace: Workspace | int, id: Any) -> Decision:
    return get_scoped(
        Decision.objects.in_workspace(workspace).select_related(
            "account", "account__owner", "owner", "chosen_alternative"
        ),
        id=id,
        what="decision",
    )


def get_consideration(*, workspace: Workspace | int, id: Any, decision: Decision) -> Consideration:
    qs = Consideration.objects.in_workspace(workspace).filter(decision=decision)
    return get_scoped(qs, id=id, what="consideration")


def get_alternative(*, workspace: Workspace | int, id: Any, decision: Decision) -> Alternative:
    qs = Alternative.objects.in_workspace(workspace).filter(decision=decision)
    return get_scoped(qs, id=id, what="option")


def resolve_option(decision: Decision, raw: Any, *, field: str, message: str) -> Alternative:
    """An option id in input (a form or a JSON body, not the URL): this decision's option, or a
    422 with ``message`` on ``field`` — as ``resolve_member`` does for people."""
    try:
        return get_alternative(workspace=decision.workspace_id, id=raw, decision=decision)
    except NotFound:
        raise ValidationError({field: message}) from None


# --- lists --------------------------------------------------------------------------------------

#: Filter values of the decision list: the stored stages plus "review" (sleeping, review due).
STAGE_FILTERS: list[tuple[str, str]] = [
    (rules.FRAME, "Frame"),
    (rules.OPTIONS, "Options"),
    (rules.SLEEPING, "Sleeping on it"),
    (rules.REVIEW, "Morning choice due"),
    (rules.ACT, "Act"),
    (rules.OUTCOME, "Waiting for the outcome"),
    (rules.DONE, "Outcome recorded"),
]


def decision_list(
    *,
    workspace: Workspace | int,
    stage: str = "",
    owner: int | None = None,
    account: int | None = None,
    q: str = "",
) -> QuerySet[Decision]:
    qs = Decision.objects.in_workspace(workspace).select_related(
        "account", "owner", "chosen_alternative"
    )
    if stage == rules.REVIEW:
        qs = qs.filter(stage=Stage.SLEEPING, review_at__lte=timezone.now())
    elif stage == rules.SLEEPING:
        qs = qs.filter(stage=Stage.SLEEPING, review_at__gt=timezone.now())
    elif stage:
        qs = qs.filter(stage=stage)
    if owner:
        qs = qs.filter(owner_id=owner)
    if account:
        qs = qs.filter(account_id=account)
    if q:
        qs = qs.filter(goal__icontains=q.strip())
    return qs.order_by("-updated_at", "-id")


def considerations_of(decision: Decision) -> list[Consideration]:
    return list(
        Consideration.objects.in_workspace(decision.workspace_id)
        .filter(decision=decision)
        .order_by("position", "id")[:PAGE_LIMIT]
    )


def alternatives_of(decision: Decision) -> list[Alternative]:
    """Every option of the decision: bookends and pragmatic alternatives, in order."""
    return list(
        Alternative.objects.in_workspace(decision.workspace_id)
        .filter(decision=decision)
        .order_by("position", "id")[:PAGE_LIMIT]
    )


def choices_of(decision: Decision) -> list[Choice]:
    return list(
        Choice.objects.in_workspace(decision.workspace_id)
        .filter(decision=decision)
        .select_related("chosen_by")
        .order_by("chosen_at", "id")[:PAGE_LIMIT]
    )


# --- colleagues' picks ------------------------------------------------------------------------


@dataclass
class PickView:
    """One invited colleague's pick, as a given person may see it."""

    pick: ColleaguePick
    user: User
    answered: bool
    visible: bool  # whether the viewer may see what was picked
    alternative: Alternative | None
    comment: str
    is_mine: bool


def picks_of(decision: Decision) -> list[ColleaguePick]:
    return list(
        ColleaguePick.objects.in_workspace(decision.workspace_id)
        .filter(decision=decision)
        .select_related("user", "alternative")
        .order_by("invited_at", "id")[:PAGE_LIMIT]
    )


def pick_views(
    decision: Decision, picks: list[ColleaguePick], *, viewer_id: int
) -> tuple[bool, list[PickView]]:
    """Who was invited and who answered, for everyone; *what* they picked only once the owner
    has chosen (each colleague always sees their own pick). Returns (revealed, views)."""
    revealed = rules.picks_revealed(owner_has_chosen=decision.is_chosen)
    views = []
    for pick in picks:
        mine = pick.user_id == viewer_id
        answered = pick.answered_at is not None and pick.alternative_id is not None
        visible = answered and (revealed or mine)
        views.append(
            PickView(
                pick=pick,
                user=pick.user,
                answered=answered,
                visible=visible,
                alternative=pick.alternative if visible else None,
                comment=pick.comment if visible else "",
                is_mine=mine,
            )
        )
    return revealed, views


def my_pick(decision: Decision, user_id: int) -> ColleaguePick | None:
    return (
        ColleaguePick.objects.in_workspace(decision.workspace_id)
        .filter(decision=decision, user_id=user_id)
        .select_related("alternative")
        .first()
    )


def pick_tally(views: list[PickView]) -> list[tuple[Alternative, int, list[str]]]:
    """Visible picks grouped by option: (option, how many, who)."""
    tally: dict[int, tuple[Alternative, list[str]]] = {}
    for view in views:
        if view.visible and view.alternative is not None:
            entry = tally.setdefault(view.alternative.pk, (view.alternative, []))
            entry[1].append(view.user.display_name)
    return sorted(
        ((alt, len(names), names) for alt, names in tally.values()),
        key=lambda row: (-row[1], row[0].position, row[0].pk),
    )


def invitable_members(decision: Decision, picks: list[ColleaguePick]) -> list[User]:
    """Workspace members who could still be invited (not the owner, not viewers, not yet)."""
    taken = {p.user_id for p in picks} | {decision.owner_id}
    members = (
        Membership.objects.in_workspace(decision.workspace_id)
        .exclude(role=Role.VIEWER)
        .exclude(user_id__in=taken)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user__name", "user__email")[:PAGE_LIMIT]
    )
    return [m.user for m in members]


# --- the decision page ------------------------------------------------------------------------


@dataclass
class DecisionPage:
    decision: Decision
    considerations: list[Consideration]
    yin: Alternative | None
    yang: Alternative | None
    alternatives: list[Alternative]  # pragmatic ones, A, B, C…
    choices: list[Choice]
    actions: list[Action]
    picks: list[PickView]
    picks_revealed: bool
    tally: list[tuple[Alternative, int, list[str]]]
    invitable: list[User]
    history: list[timeline.Row]
    key_count: int = 0
    steps: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def first_choice(self) -> Choice | None:
        return self.choices[0] if self.choices else None

    @property
    def second_guesses(self) -> list[Choice]:
        return [c for c in self.choices if c.is_second_guess]

    @property
    def key_summary(self) -> str:
        return rules.key_summary(self.key_count, len(self.considerations))

    @property
    def key_texts(self) -> list[str]:
        return [c.text for c in self.considerations if c.is_key]

    @property
    def composed_question(self) -> str:
        return rules.compose_question(self.decision.goal, self.key_texts)

    @property
    def missing_for_sleep(self) -> str | None:
        return rules.incubation_refusal(
            stage=self.decision.stage,
            key_count=self.key_count,
            has_yin=self.yin is not None,
            has_yang=self.yang is not None,
            alternative_count=len(self.alternatives),
        )

    @property
    def needs_action_nag(self) -> bool:
        return rules.needs_action_nag(
            stage=self.decision.stage,
            chosen_at=self.decision.chosen_at,
            now=timezone.now(),
            has_action=bool(self.actions),
        )


def split_options(
    options: list[Alternative],
) -> tuple[Alternative | None, Alternative | None, list[Alternative]]:
    yin = next((a for a in options if a.kind == Kind.YIN), None)
    yang = next((a for a in options if a.kind == Kind.YANG), None)
    return yin, yang, [a for a in options if a.kind == Kind.PRAGMATIC]


def decision_page(*, decision: Decision, viewer_id: int) -> DecisionPage:
    """Everything the decision page shows, in a fixed number of queries."""
    considerations = considerations_of(decision)
    options = alternatives_of(decision)
    yin, yang, alternatives = split_options(options)
    by_id = {a.pk: a for a in options}
    if decision.chosen_alternative_id in by_id:
        decision.chosen_alternative = by_id[decision.chosen_alternative_id]
    choices = choices_of(decision)
    actions = crm_selectors.actions_for(workspace=decision.workspace_id, obj=decision)
    for action in actions:
        # Permission checks on each action row read its account's owner: reuse the decision's.
        if decision.account_id and action.account_id == decision.account_id:
            action.account = decision.account
    picks = picks_of(decision)
    for pick in picks:
        if pick.alternative_id in by_id:
            pick.alternative = by_id[pick.alternative_id]
    revealed, views = pick_views(decision, picks, viewer_id=viewer_id)
    return DecisionPage(
        decision=decision,
        considerations=considerations,
        yin=yin,
        yang=yang,
        alternatives=alternatives,
        choices=choices,
        actions=actions,
        picks=views,
        picks_revealed=revealed,
        tally=pick_tally(views),
        invitable=invitable_members(decision, picks),
        history=timeline.timeline(
            workspace=decision.workspace_id,
            obj=decision,
            related={
                Consideration: [c.pk for c in considerations],
                Alternative: [a.pk for a in [yin, yang, *alternatives] if a is not None],
                Choice: [c.pk for c in choices],
                # Colleagues' picks stay hidden until the owner has chosen (no anchoring).
                ColleaguePick: [p.pk for p in picks] if revealed else [],
            },
        ),
        key_count=sum(1 for c in considerations if c.is_key),
        steps=rules.step_states(decision.stage, review_due=decision.review_due),
    )


_STAGE_TONES: dict[str, str] = {rules.SLEEPING: "brand", rules.ACT: "warn", rules.DONE: "ok"}


def account_panel(*, workspace: Workspace, obj: Any, limit: int) -> list[PanelItem]:
    """The account page's "Decisions" panel: its decisions, most recently changed first (one
    query, ``limit + 1`` rows so the page can say there are more)."""
    rows = (
        Decision.objects.in_workspace(workspace)
        .filter(account_id=obj.pk)
        .order_by("-updated_at", "-id")
        .values("id", "goal", "stage", "review_at")[: limit + 1]
    )
    labels = dict(Stage.choices)
    return [
        PanelItem(
            label=row["goal"],
            url=reverse("options:decision_detail", kwargs={"decision_id": row["id"]}),
            badge=str(labels.get(row["stage"], row["stage"])),
            tone=_STAGE_TONES.get(row["stage"], ""),
        )
        for row in rows
    ]
