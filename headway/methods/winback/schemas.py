"""API input and output shapes for win-backs.

Inputs are typed and bounded (lengths from the models, choices as enums, no NUL characters);
rules that need the database or several fields stay in the services, which answer 422 per
field too. Inputs on routes with ids in the path have every field optional, so an unknown or
foreign id is a 404 before the body is judged (the service says what is missing).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from headway.crm.models import LostTo
from headway.methods.winback.models import (
    AskKind,
    AskStatus,
    Likelihood,
    SignalKind,
    Status,
    TouchKind,
)
from headway.schemas import (
    Day,
    Id,
    LongText,
    PageParams,
    Ref,
    Str3,
    Str200,
    Str300,
    UserRef,
    omitted,
)

Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Years = Annotated[Decimal, Field(ge=0, le=100, max_digits=4, decimal_places=1)]
Version = Annotated[int, Field(ge=1)]


class Versioned(Schema):
    version: Version | None = Field(
        default=None,
        description="The version you loaded; if someone saved since, the change is refused "
        "with 409. Leave it out to change the latest version.",
    )


# --- win-backs ------------------------------------------------------------------------------


class WinBackIn(Schema):
    deal_id: Id | None = Field(default=None, description="The lost deal to win back.")
    title: Str300 | None = Field(default=None, description="Default: “Win back <account>”.")
    decision_date: Day | None = Field(
        default=None, description="Default: today; not in the future, from 1900-01-01."
    )
    lost_to: LostTo | None = Field(default=None, description="Default: the deal's.")
    lost_to_name: Str200 | None = Field(default=None, description="Default: the deal's.")
    reasons: LongText | None = Field(default=None, description="Default: the deal's reasons.")
    value: Amount | None = Field(default=None, description="Default: the deal's amount.")
    owner_id: Id | None = Field(default=None, description="Default: you.")


class WinBackPatch(Versioned):
    title: Str300 = omitted()
    owner_id: Id | None = None
    lost_to: LostTo = omitted()
    lost_to_name: Str200 = omitted()
    decision_date: Day = omitted()
    reasons: LongText = omitted()
    value: Amount = omitted()
    currency: Str3 = omitted()
    repeat_buyer: bool | None = Field(
        default=None, description="Repeat buyer of this kind of solution? null: not known."
    )
    years_on_incumbent: Years | None = Field(
        default=None, description="Years on the incumbent solution; null: not known."
    )
    likelihood_override: Likelihood | None = Field(
        default=None,
        description="Set the likelihood by hand (needs override_reason); null: "
        "back to the computed one.",
    )
    override_reason: LongText = omitted()


class WinBackOut(Schema):
    id: int
    version: int
    title: str
    status: Status
    deal: Ref
    account: Ref
    owner: UserRef | None
    lost_to: LostTo
    lost_to_name: str
    decision_date: dt.date
    reasons: str
    value: Decimal
    currency: str
    repeat_buyer: bool | None
    years_on_incumbent: Decimal | None
    likelihood: Likelihood = Field(description="The likelihood in force (set by hand or computed).")
    computed_likelihood: Likelihood
    likelihood_reason: str
    likelihood_override: Likelihood | None
    override_reason: str
    effort: str
    cadence_days: int
    signal_score: int
    priority: float
    reopened_deal: Ref | None
    reengaged_on: dt.date | None
    days_to_reengage: int | None
    manager_approved_by: UserRef | None
    manager_approved_at: dt.datetime | None
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    close_note: str

    @staticmethod
    def resolve_deal(obj: Any) -> dict[str, Any]:
        return {"id": obj.deal_id, "name": obj.deal.title}

    @staticmethod
    def resolve_reopened_deal(obj: Any) -> dict[str, Any] | None:
        if obj.reopened_deal_id is None or obj.reopened_deal is None:
            return None
        return {"id": obj.reopened_deal_id, "name": obj.reopened_deal.title}

    @staticmethod
    def resolve_likelihood(obj: Any) -> str:
        return str(obj.level)

    @staticmethod
    def resolve_computed_likelihood(obj: Any) -> str:
        return str(obj.likelihood)

    @staticmethod
    def resolve_likelihood_override(obj: Any) -> str | None:
        return obj.likelihood_override or None

    @staticmethod
    def resolve_value(obj: Any) -> Decimal:
        return Decimal(obj.value).quantize(Decimal("0.01"))


class WinBackListItem(WinBackOut):
    cadence_overdue: bool = Field(
        description="No touch on the account for longer than the cadence."
    )
    reengage_now: bool
    next_touch: dt.date | None


class WinBackQuery(PageParams):
    owner_id: Id | None = None
    status: Literal["open", "won_back", "lost_again", "closed", "all"] = "open"


class WinBackPage(Schema):
    items: list[WinBackListItem]
    next: str | None


class ApproveIn(Schema):
    approved: bool = Field(default=True, description="false withdraws the approval.")


class ReopenIn(Schema):
    title: Str200 | None = Field(default=None, description="Default: “<lost deal> (win-back)”.")
    amount: Amount | None = Field(default=None, description="Default: the win-back's value.")
    expected_close: Day | None = None


class CloseIn(Schema):
    note: LongText = ""


# --- asks -----------------------------------------------------------------------------------


class AskIn(Schema):
    text: Str300 = ""
    kind: AskKind = AskKind.CUSTOM


class AskPatch(Versioned):
    text: Str300 = omitted()
    status: AskStatus = omitted()
    obtained: LongText = omitted()


class AttachmentOut(Schema):
    id: int
    original_name: str
    size: int
    content_type: str
    uploaded_by: UserRef | None
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj: Any) -> str:
        ask = obj.ask
        return f"/api/v1/winbacks/{ask.winback_id}/asks/{ask.pk}/attachments/{obj.pk}/download"


class AskOut(Schema):
    id: int
    version: int
    kind: AskKind
    text: str
    status: AskStatus
    obtained: str
    asked_at: dt.datetime | None
    answered_at: dt.datetime | None
    position: int


class AskPage(Schema):
    items: list[AskOut]
    next: str | None


class AttachmentPage(Schema):
    items: list[AttachmentOut]
    next: str | None


# --- touches and signals --------------------------------------------------------------------


class TouchIn(Schema):
    kind: TouchKind = TouchKind.CALL
    planned_for: Day | None = Field(
        default=None, description="Default: one cadence ahead; up to 2200-12-31."
    )
    note: Str300 = ""


class TouchPatch(Versioned):
    kind: TouchKind = omitted()
    planned_for: Day = omitted()
    note: Str300 = omitted()


class TouchDoneIn(Schema):
    summary: LongText = ""
    log_interaction: bool = Field(
        default=True,
        description="Also log an interaction with the account (clears the cadence flag).",
    )


class TouchOut(Schema):
    id: int
    version: int
    kind: TouchKind
    planned_for: dt.date
    note: str
    done_at: dt.datetime | None
    interaction_id: int | None


class TouchPage(Schema):
    items: list[TouchOut]
    next: str | None


class SignalIn(Schema):
    kind: SignalKind | None = None
    observed_on: Day | None = Field(
        default=None, description="Default: today; not in the future, from 1900-01-01."
    )
    note: Str300 = ""
    contract_end: Day | None = Field(
        default=None, description="Only for contract_end; 1900-01-01 to 2200-12-31."
    )


class SignalPatch(Versioned):
    kind: SignalKind = omitted()
    observed_on: Day = omitted()
    note: Str300 = omitted()
    contract_end: Day | None = None


class SignalOut(Schema):
    id: int
    version: int
    kind: SignalKind
    observed_on: dt.date
    note: str
    contract_end: dt.date | None
    weight: int


class SignalPage(Schema):
    items: list[SignalOut]
    next: str | None


# --- reports --------------------------------------------------------------------------------


class CountRow(Schema):
    label: str
    count: int


class MoneyRow(Schema):
    currency: str
    amount: str = Field(description='Whole units with thousands separators, e.g. "236,000".')
    count: int = Field(description="Lost deals in this currency.")

    @staticmethod
    def resolve_amount(obj: Any) -> str:
        return f"{obj.amount:,.0f}"


class CompetitorRow(CountRow):
    amounts: list[MoneyRow] = Field(
        description="The amount lost per currency, by currency code: never added across currencies."
    )


class ReengageRow(Schema):
    winback_id: int
    title: str
    decision_date: dt.date
    reengaged_on: dt.date
    days: int


class ReportsOut(Schema):
    asks: dict[str, int]
    asks_granted_rate: float | None = Field(description="Granted ÷ answered (granted + declined).")
    outcomes: dict[str, int]
    winback_rate: float | None = Field(description="Won back ÷ every win-back opened.")
    median_days_to_reengage: float | None
    reengaged: list[ReengageRow]
    losses_by_competitor: list[CompetitorRow]
    losses_by_reason: list[CountRow]
