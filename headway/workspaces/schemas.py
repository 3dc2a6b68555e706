"""API input and output shapes for the signed-in person, their workspace and API tokens."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from headway.schemas import Str80, UserRef
from headway.workspaces.models import Role


class MeUser(UserRef):
    email: str
    time_zone: str


class MeWorkspace(Schema):
    id: int
    name: str
    slug: str


class MeOut(Schema):
    user: MeUser
    workspace: MeWorkspace
    role: Role


class TokenIn(Schema):
    name: Str80


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    is_active: bool


class TokenCreated(TokenOut):
    token: str


class TokenPage(Schema):
    items: list[TokenOut]
    next: str | None
