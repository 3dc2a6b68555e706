"""Builders for win-back test data, through the real services (so the four asks, the
likelihood and the signal points are what a user would get)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from headway.crm.models import DealStage, LostTo
from headway.methods.winback import services
from headway.methods.winback.models import WinBack
from headway.workspaces.models import Membership
from tests import factories


def membership(workspace: Any, user: Any) -> Membership:
    return (
        Membership.objects.in_workspace(workspace)
        .select_related("user", "workspace")
        .get(user=user)
    )


def lost_deal(account: Any, **extra: Any) -> Any:
    extra.setdefault("stage", DealStage.LOST)
    extra.setdefault("lost_to", LostTo.COMPETITOR)
    extra.setdefault("lost_to_name", "Globex")
    extra.setdefault("lost_reasons", "Price\nSupport coverage")
    extra.setdefault("amount", Decimal("50000"))
    return factories.make_deal(account, **extra)


def make_winback(
    workspace: Any,
    user: Any,
    *,
    account: Any = None,
    account_name: str | None = None,
    decision_date: dt.date | None = None,
    **deal_extra: Any,
) -> WinBack:
    if account is None:
        extra = {"name": account_name} if account_name else {}
        account = factories.make_account(workspace, owner=user, **extra)
    deal_extra.setdefault("owner", user)
    deal = lost_deal(account, **deal_extra)
    return services.winback_create(
        membership=membership(workspace, user), deal=deal, decision_date=decision_date
    )
