"""API input and output shapes for Option Solving (``/api/v1/decisions``).

Inputs of routes that take a decision id accept an empty body (fields optional), so that the id
is resolved first (404 for another workspace's decision) and the service then says what is
missing (422 per field). The method's rules live in ``options.services`` (409 when refused).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from headway.methods.options.models import Kind, Outcome, Stage
from headway.methods.options.selectors import PickView
from headway.schemas import Day, Id, LongText, PageParams, Ref, SearchText, Str200, Str300, UserRef

Str500 = Annotated[str, Field(max_length=500)]
Spectrum = Annotated[int, Field(ge=0, le=100)]
Version = Annotated[int, Field(ge=1)]
StageFilter = Literal["frame", "options", "sleeping", "review", "act", "outcome", "done"]


# --- inputs -------------------------------------------------------------------------------------


class DecisionIn(Schema):
    goal: Str200 = Field(
        description="What you want to achieve, e.g. “moving a major customer forward”."
    )
    account_id: Id | None = Field(default=None, description="Start it from an account (optional).")
    considerations: list[Str300] = Field(
        default_factory=list, max_length=40, description="Considerations to start with (not key)."
    )


class DecisionPatch(Schema):
    version: Version | None = Field(
        default=None, description="The version you loaded; 409 if someone saved since."
    )
    goal: Str200 | None = None
    question: LongText | None = Field(
        default=None,
        description="The rational question in your words; an empty string goes back to the "
        "composed question.",
    )


class DecisionQuery(PageParams):
    stage: StageFilter | None = Field(
        default=None, description="“review”: sleeping on it and the review time has come."
    )
    owner_id: Id | None = None
    account_id: Id | None = None
    q: SearchText = Field("", description="Goal contains.")


class ConsiderationIn(Schema):
    text: Str300 = ""
    is_key: bool = False


class ConsiderationPatch(Schema):
    text: Str300 | None = None
    is_key: bool | None = None


class KeyIn(Schema):
    is_key: bool | None = Field(default=None, description="Leave out to toggle.")


class BookendsIn(Schema):
    yin: Str300 = Field("", description="The soft extreme.")
    yang: Str300 = Field("", description="The hard extreme.")


class AlternativeIn(Schema):
    text: Str300 = ""
    spectrum: Spectrum | None = Field(
        default=None, description="Place on the spectrum: 0 = yin (soft) … 100 = yang (hard)."
    )


class AlternativePatch(Schema):
    text: Str300 | None = None
    spectrum: Spectrum | None = Field(
        default=None, description="0–100; send null to take it off the spectrum."
    )


class ChooseIn(Schema):
    alternative_id: Id | None = None


class DecisionActionIn(Schema):
    title: Str300 = ""
    owner_id: Id | None = Field(default=None, description="Default: the decision's owner.")
    due_date: Day | None = None


class OutcomeIn(Schema):
    outcome: Outcome | None = None
    lesson: LongText = ""


class InviteIn(Schema):
    user_ids: list[Id] = Field(default_factory=list, max_length=100)


class PickIn(Schema):
    alternative_id: Id | None = None
    comment: Str500 = ""


# --- outputs ------------------------------------------------------------------------------------


class ConsiderationOut(Schema):
    id: int
    text: str
    is_key: bool
    position: int


class AlternativeOut(Schema):
    id: int
    kind: Kind
    label: str = Field(description="A, B, C… for alternatives; empty for the bookends.")
    text: str
    spectrum: int | None
    choosable: bool

    @staticmethod
    def resolve_choosable(obj: Any) -> bool:
        return not obj.is_bookend


class ChoiceOut(Schema):
    id: int
    alternative_id: int | None
    alternative_text: str
    chosen_at: dt.datetime
    seconds: int | None = Field(
        description="First choice: how long it took from opening the review (or from the "
        "review time). Second guess: time since the first choice."
    )
    is_second_guess: bool


class DecisionSummary(Schema):
    id: int
    version: int
    goal: str
    account: Ref | None
    owner: UserRef
    stage: Stage
    review_due: bool
    review_at: dt.datetime | None
    chosen_alternative: AlternativeOut | None
    chosen_at: dt.datetime | None
    outcome: Outcome | None
    lesson: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_outcome(obj: Any) -> str | None:
        value = obj.get("outcome") if isinstance(obj, dict) else getattr(obj, "outcome", "")
        return value or None


class DecisionOut(DecisionSummary):
    question: str
    question_edited: bool
    key_summary: str
    considerations: list[ConsiderationOut]
    bookends: dict[str, AlternativeOut | None]
    alternatives: list[AlternativeOut]
    incubation_started_at: dt.datetime | None
    sleeping_until: str | None = Field(
        description="“Sleeping on it until Tue 07:30” (owner's zone) while incubating."
    )
    review_opened_at: dt.datetime | None
    choice_seconds: int | None
    choices: list[ChoiceOut]
    outcome_at: dt.datetime | None
    pictogram_url: str
    pictogram_pdf_url: str


class DecisionPage(Schema):
    items: list[DecisionSummary]
    next: str | None


class ReviewOut(Schema):
    decision_id: int
    question: str
    review_at: dt.datetime | None
    review_opened_at: dt.datetime | None
    alternatives: list[AlternativeOut]
    bookends: dict[str, AlternativeOut | None]
    pictogram_url: str
    pictogram_pdf_url: str
    chosen_alternative_id: int | None


class DecisionActionOut(Schema):
    id: int
    title: str
    owner: UserRef
    due_date: dt.date
    done: bool
    account_id: int | None

    @staticmethod
    def resolve_done(obj: Any) -> bool:
        return obj.done_at is not None


class PickOut(Schema):
    """One :class:`PickView`: what the viewer may see of a colleague's pick."""

    user: UserRef
    invited_at: dt.datetime
    answered: bool
    alternative: AlternativeOut | None = Field(
        description="Hidden (null) until the owner has chosen — except your own pick."
    )
    comment: str | None
    is_mine: bool

    @staticmethod
    def resolve_invited_at(obj: PickView) -> dt.datetime:
        return obj.pick.invited_at

    @staticmethod
    def resolve_comment(obj: PickView) -> str | None:
        return obj.comment if obj.visible else None


class PicksOut(Schema):
    revealed: bool = Field(description="Whether colleagues' picks are shown: once the owner chose.")
    picks: list[PickOut]
