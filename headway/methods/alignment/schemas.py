"""API input and output shapes for Mutual Learning (``/api/v1/alignments``).

Inputs of routes under an alignment id take optional fields, so the id is resolved first (404
for another workspace's) and the service then says what is missing (422 per field). The
method's rules live in ``alignment.services`` (409 when refused).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from headway.schemas import (
    Day,
    Id,
    LongText,
    PageParams,
    Ref,
    SearchText,
    Str100,
    Str200,
    Str300,
    UserRef,
)

Str500 = Annotated[str, Field(max_length=500)]
Version = Annotated[int, Field(ge=1)]
StatusName = Literal["impasse", "exploring", "agreed", "escalated", "abandoned"]
KindName = Literal["interest", "assumption", "information"]
TestName = Literal["untested", "confirmed", "refuted"]
RatingName = Literal["meets", "partly", "no", ""]
ProposerName = Literal["party", "us", "joint"]
RuleName = Literal["consensus", "one_decides"]


# --- inputs ---------------------------------------------------------------------------------


class PartyIn(Schema):
    contact_id: Id
    position: LongText = ""


class AlignmentIn(Schema):
    account_id: Id = Field(description="The account whose people disagree.")
    decision: Str200 = Field(description="The one decision the customer must make.")
    parties: list[PartyIn] = Field(
        default_factory=list, max_length=50, description="At least two of the account's contacts."
    )
    deal_id: Id | None = Field(default=None, description="The deal it holds up (optional).")


class AlignmentPatch(Schema):
    version: Version | None = Field(
        default=None, description="The version you loaded; 409 if someone saved since."
    )
    decision: Str200 = ""


class AlignmentQuery(PageParams):
    status: StatusName | None = None
    account_id: Id | None = None
    deal_id: Id | None = None
    q: SearchText = Field("", description="Decision contains.")


class PartyAdd(Schema):
    contact_id: Id | None = None
    position: LongText = ""


class PartyPatch(Schema):
    position: LongText = ""


class ItemIn(Schema):
    kind: KindName | None = None
    text: Str300 = ""
    essential: bool = False
    shared: bool = False


class ItemPatch(Schema):
    text: Str300 | None = None
    essential: bool | None = None
    shared: bool | None = None
    test_status: TestName | None = Field(
        default=None, description="Assumptions only; confirmed or refuted needs how and when."
    )
    tested_how: Str500 | None = None
    tested_on: Day | None = None


class WordIn(Schema):
    term: Str100 = ""
    meaning: Str500 = ""


class RuleIn(Schema):
    decision_rule: RuleName = "consensus"
    decider_party_id: Id | None = None


class OptionIn(Schema):
    text: Str300 = ""
    proposed_by: ProposerName = "joint"
    proposing_party_id: Id | None = None


class RatingIn(Schema):
    interest_id: Id
    rating: RatingName = Field(description="meets / partly / no; an empty string clears it.")


class RatingsIn(Schema):
    ratings: list[RatingIn] = Field(default_factory=list, max_length=500)


class AgreeIn(Schema):
    joint_option_id: Id | None = None
    reason: LongText = Field(
        "", description="Needed when the option does not fully meet an essential interest."
    )


class AlignmentActionIn(Schema):
    title: Str300 = ""
    owner_id: Id | None = Field(default=None, description="Default: the alignment's owner.")
    due_date: Day | None = None


class AlignmentActionOut(Schema):
    id: int
    title: str
    owner: UserRef
    due_date: dt.date
    done: bool
    account_id: int | None

    @staticmethod
    def resolve_done(obj: Any) -> bool:
        return obj.done_at is not None


class EscalateIn(Schema):
    escalated_to: Str200 = ""
    reason: LongText = ""


class AbandonIn(Schema):
    reason: LongText = ""


def _get(obj: Any, name: str) -> Any:
    """A field of a model row or of a dict the API assembled (the detail)."""
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


# --- outputs --------------------------------------------------------------------------------


class ItemOut(Schema):
    id: int
    party_id: int
    kind: str
    text: str
    essential: bool
    shared: bool
    test_status: str
    tested_how: str
    tested_on: dt.date | None


class PartyOut(Schema):
    id: int
    contact: Ref
    position: str

    @staticmethod
    def resolve_contact(obj: Any) -> Any:
        if isinstance(obj, dict):
            return obj["contact"]
        return {"id": obj.contact_id, "name": obj.contact.name}


class PartyDetail(PartyOut):
    interests: list[ItemOut]
    assumptions: list[ItemOut]
    information: list[ItemOut]


class WordOut(Schema):
    id: int
    term: str
    meaning: str


class OptionOut(Schema):
    id: int
    label: str
    text: str
    proposed_by: str
    proposing_party_id: int | None


class GridRowOut(Schema):
    joint_option_id: int
    label: str
    ratings: dict[str, str] = Field(description="interest id → meets / partly / no (rated ones)")
    meets_all_essential: bool
    failing_essential_ids: list[int]


class AlignmentOut(Schema):
    id: int
    version: int
    decision: str
    status: str
    stuck_days: int | None
    account: Ref
    deal: Ref | None
    owner: UserRef
    decision_rule: str
    decider_party_id: int | None
    agreed_option_id: int | None
    agreed_at: dt.datetime | None
    agreed_by: UserRef | None
    agreed_parties: str
    agreement_reason: str
    escalated_to: str
    end_reason: str
    ended_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_account(obj: Any) -> dict[str, Any]:
        account = _get(obj, "account")
        return {"id": account.pk, "name": account.name}

    @staticmethod
    def resolve_deal(obj: Any) -> dict[str, Any] | None:
        deal = _get(obj, "deal")
        return {"id": deal.pk, "name": deal.title} if deal is not None else None

    @staticmethod
    def resolve_decider_party_id(obj: Any) -> int | None:
        return _get(obj, "decider_id")  # type: ignore[no-any-return]


class AlignmentDetail(AlignmentOut):
    parties: list[PartyDetail]
    words: list[WordOut]
    options: list[OptionOut]
    grid: list[GridRowOut]
    best_option_ids: list[int] = Field(
        description="Options meeting every essential interest, best first."
    )
    grid_url: str


class AlignmentPage(Schema):
    items: list[AlignmentOut]
    next: str | None
