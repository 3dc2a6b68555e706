"""API input and output shapes for the CRM core.

Inputs are typed and bounded (lengths from the models, choices as enums, no NUL characters,
aware datetimes); rules that need the database or several fields (a lost deal needs reasons,
an owner must belong to the workspace) stay in the services, which answer 422 per field too.

``…Patch`` schemas have every field optional: a PATCH changes only the fields it sends, and may
send the ``version`` it loaded so a concurrent edit is refused (409) instead of overwritten.
Fields that cannot be empty default to ``None`` without accepting an explicit ``null``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from headway.crm.models import (
    AccountStatus,
    BuyingRole,
    ChangeKind,
    DealStage,
    InteractionKind,
    Level,
    LostTo,
    Stance,
    Tier,
)
from headway.schemas import (
    Day,
    Id,
    LongText,
    Moment,
    PageParams,
    Ref,
    SearchText,
    Str3,
    Str40,
    Str100,
    Str200,
    Str254,
    Str300,
    UserRef,
    omitted,
)

Strength = Annotated[int, Field(ge=1, le=5)]
CadenceDays = Annotated[int, Field(ge=1, le=365)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Version = Annotated[int, Field(ge=1)]
ContactIds = Annotated[list[Id], Field(max_length=200)]

AccountSort = Literal[
    "name", "-name", "last_touch", "-last_touch", "strength", "-strength", "updated", "-updated"
]
ContactSort = Literal["name", "-name", "account", "-account", "level"]
# One literal (not a union with the enum) so a bad value is one error on ``stage``.
DealStageFilter = Literal["open", "qualify", "develop", "propose", "negotiate", "won", "lost"]
DealSort = Literal["-created", "created", "close", "-close", "-amount", "amount", "title"]


class Versioned(Schema):
    version: Version | None = Field(
        default=None,
        description="The version you loaded; if someone saved since, the change is refused "
        "with 409. Leave it out to change the latest version.",
    )


# --- accounts -------------------------------------------------------------------------------


class AccountIn(Schema):
    name: Str200
    domain: Str200 = ""
    industry: Str100 = ""
    owner_id: Id | None = Field(default=None, description="Default: you.")
    status: AccountStatus = AccountStatus.PROSPECT
    tier: Tier = Tier.REGULAR
    relationship_strength: Strength = 3
    could_do_more: bool = False
    cadence_days: CadenceDays | None = None
    external_id: Str100 = ""


class AccountPatch(Versioned):
    name: Str200 = omitted()
    domain: Str200 = omitted()
    industry: Str100 = omitted()
    owner_id: Id | None = None
    status: AccountStatus = omitted()
    tier: Tier = omitted()
    relationship_strength: Strength = omitted()
    could_do_more: bool = omitted()
    cadence_days: CadenceDays | None = None
    external_id: Str100 = omitted()


class AccountOut(Schema):
    id: int
    version: int
    name: str
    domain: str
    industry: str
    owner: UserRef | None
    status: AccountStatus
    tier: Tier
    relationship_strength: int
    could_do_more: bool
    cadence_days: int | None
    last_touch_at: dt.datetime | None
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime


class AccountQuery(PageParams):
    q: SearchText = Field("", description="Name or domain contains.")
    status: AccountStatus | None = None
    tier: Tier | None = None
    owner_id: Id | None = None
    could_do_more: bool | None = None
    sort: AccountSort = "name"


class AccountPage(Schema):
    items: list[AccountOut]
    next: str | None


# --- contacts -------------------------------------------------------------------------------


class ContactIn(Schema):
    account_id: Id
    name: Str200
    title: Str200 = ""
    level: Level = Level.OPERATIONAL
    buying_role: BuyingRole = BuyingRole.USER
    stance: Stance = Stance.NEUTRAL
    email: Str254 = ""
    phone: Str40 = ""
    our_person_id: Id | None = Field(
        default=None, description="Who on our side holds the relationship."
    )
    external_id: Str100 = ""


class ContactPatch(Versioned):
    account_id: Id = omitted()
    name: Str200 = omitted()
    title: Str200 = omitted()
    level: Level = omitted()
    buying_role: BuyingRole = omitted()
    stance: Stance = omitted()
    email: Str254 = omitted()
    phone: Str40 = omitted()
    our_person_id: Id | None = None
    external_id: Str100 = omitted()


class ContactOut(Schema):
    id: int
    version: int
    account: Ref
    name: str
    title: str
    level: Level
    buying_role: BuyingRole
    stance: Stance
    email: str
    phone: str
    our_person: UserRef | None
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ContactQuery(PageParams):
    q: SearchText = Field("", description="Name, e-mail or title contains.")
    account_id: Id | None = None
    level: Level | None = None
    stance: Stance | None = None
    buying_role: BuyingRole | None = None
    sort: ContactSort = "name"


class ContactPage(Schema):
    items: list[ContactOut]
    next: str | None


# --- deals ----------------------------------------------------------------------------------


class DealIn(Schema):
    account_id: Id
    title: Str200
    amount: Amount = Decimal("0")
    currency: Str3 = "EUR"
    stage: DealStage = DealStage.QUALIFY
    expected_close: Day | None = None
    competitors: Str300 = ""
    owner_id: Id | None = Field(default=None, description="Default: you.")
    lost_to: LostTo | None = None
    lost_to_name: Str200 = ""
    lost_reasons: LongText = ""
    external_id: Str100 = ""


class DealPatch(Versioned):
    account_id: Id = omitted()
    title: Str200 = omitted()
    amount: Amount = omitted()
    currency: Str3 = omitted()
    stage: DealStage = omitted()
    expected_close: Day | None = None
    competitors: Str300 = omitted()
    owner_id: Id | None = None
    lost_to: LostTo | None = None
    lost_to_name: Str200 = omitted()
    lost_reasons: LongText = omitted()
    external_id: Str100 = omitted()


class DealLostIn(Versioned):
    # Optional here so that a deal id is resolved (404) before the body is judged; the service
    # says what is missing (422 on the field).
    lost_to: LostTo | None = None
    lost_to_name: Str200 = ""
    lost_reasons: LongText = ""


class DealOut(Schema):
    id: int
    version: int
    account: Ref
    title: str
    amount: Decimal
    currency: str
    stage: DealStage
    expected_close: dt.date | None
    competitors: str
    owner: UserRef | None
    lost_to: LostTo | Literal[""]
    lost_to_name: str
    lost_reasons: str
    closed_at: dt.datetime | None
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_amount(obj: Any) -> Decimal:
        # Always two decimals, as stored — also for the instance a write just returned.
        return Decimal(obj.amount).quantize(Decimal("0.01"))


class DealQuery(PageParams):
    q: SearchText = Field("", description="Title or account name contains.")
    stage: DealStageFilter | None = Field(
        default=None, description="A stage, or “open” for every open stage."
    )
    account_id: Id | None = None
    owner_id: Id | None = None
    sort: DealSort = Field(
        "-created",
        description="“amount” sorts by currency, then amount (“-amount” reverses both): "
        "amounts in different currencies are never compared.",
    )


class DealPage(Schema):
    items: list[DealOut]
    next: str | None


# --- interactions ---------------------------------------------------------------------------


class InteractionIn(Schema):
    account_id: Id
    kind: InteractionKind = InteractionKind.CALL
    occurred_at: Moment | None = Field(
        default=None,
        description="With a time zone, e.g. 2026-11-22T09:30:00+01:00; on a day from "
        "1900-01-01 to today, in your time zone (it has happened). Default: now.",
    )
    summary: LongText
    next_step: Str300 = ""
    contact_ids: ContactIds = Field(default_factory=list)
    external_id: Str100 = ""


class InteractionPatch(Versioned):
    account_id: Id = omitted()
    kind: InteractionKind = omitted()
    occurred_at: Moment = omitted()
    summary: LongText = omitted()
    next_step: Str300 = omitted()
    contact_ids: ContactIds = omitted()
    external_id: Str100 = omitted()


class InteractionOut(Schema):
    id: int
    version: int
    account: Ref
    kind: InteractionKind
    occurred_at: dt.datetime
    summary: str
    next_step: str
    author: UserRef | None
    contacts: list[Ref]
    external_id: str
    created_at: dt.datetime
    updated_at: dt.datetime


class InteractionQuery(PageParams):
    q: SearchText = Field("", description="Summary contains.")
    account_id: Id | None = None
    kind: InteractionKind | None = None
    author_id: Id | None = None


class InteractionPage(Schema):
    items: list[InteractionOut]
    next: str | None


# --- actions --------------------------------------------------------------------------------


class ActionIn(Schema):
    title: Str300
    due_date: Day
    owner_id: Id | None = Field(default=None, description="Default: you.")
    account_id: Id | None = None


class ActionPatch(Versioned):
    title: Str300 = omitted()
    due_date: Day = omitted()
    owner_id: Id = omitted()
    account_id: Id | None = None


class ActionDoneIn(Schema):
    done: bool = Field(default=True, description="false marks it not done again.")


class ActionSnoozeIn(Schema):
    # Optional here so that an action id is resolved (404) before the body is judged.
    until: Day | None = Field(default=None, description="A day after today, up to 2200-12-31.")


class ActionOut(Schema):
    id: int
    version: int
    title: str
    owner: UserRef
    due_date: dt.date
    done_at: dt.datetime | None
    snoozed_until: dt.date | None
    account: Ref | None
    created_at: dt.datetime
    updated_at: dt.datetime


class ActionQuery(PageParams):
    q: SearchText = Field("", description="Title contains.")
    owner_id: Id | None = None
    account_id: Id | None = None
    status: Literal["open", "done", "all"] = "open"


class ActionPage(Schema):
    items: list[ActionOut]
    next: str | None


# --- history --------------------------------------------------------------------------------


class FieldChange(Schema):
    field: str
    label: str
    old: Any = Field(validation_alias="from", description="The value before, as shown.")
    new: Any = Field(validation_alias="to", description="The value after, as shown.")


class ChangeOut(Schema):
    id: int
    at: dt.datetime
    kind: ChangeKind
    actor: UserRef | None
    target_type: str
    target_id: int
    target_repr: str
    fields: list[FieldChange]

    @staticmethod
    def resolve_target_type(obj: Any) -> str:
        from django.contrib.contenttypes.models import ContentType

        # Content types are cached by Django: no query per row.
        return str(ContentType.objects.get_for_id(obj.target_type_id).model)


class ChangePage(Schema):
    items: list[ChangeOut]
    next: str | None
