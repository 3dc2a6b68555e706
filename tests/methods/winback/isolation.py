"""Id factories for the win-back routes (see tests/isolation_registry.py).

The ids share one win-back so that nested routes (/winbacks/<w>/asks/<a>/attachments/<f>/)
are real for the owner of workspace A — the positive control of the isolation test — while a
user of workspace B must get 404 on every one of them, the file download included.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile

from headway.methods.winback import services
from headway.methods.winback.models import Ask, WinBack
from tests.isolation_registry import id_factory
from tests.methods.winback.factories import make_winback, membership


def _winback(world: Any) -> WinBack:
    if "winback" not in world.objects:
        world.objects["winback"] = make_winback(world.workspace, world.admin)
    return world.objects["winback"]  # type: ignore[no-any-return]


def _ask(world: Any) -> Ask:
    winback = _winback(world)
    return Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()  # type: ignore[return-value]


@id_factory("winback_id")
def _winback_id(world: Any) -> int:
    return _winback(world).pk


@id_factory("ask_id")
def _ask_id(world: Any) -> int:
    return _ask(world).pk


@id_factory("attachment_id")
def _attachment_id(world: Any) -> int:
    ask = _ask(world)
    ask.winback = _winback(world)
    upload = ContentFile(b"Evaluation scorecard: us 7/10, Globex 8/10.", name="scorecard.txt")
    attachment = services.attachment_add(
        membership=membership(world.workspace, world.admin),
        ask=ask,
        upload=upload,  # type: ignore[arg-type]
    )
    return attachment.pk


@id_factory("touch_id")
def _touch_id(world: Any) -> int:
    return services.touch_create(
        membership=membership(world.workspace, world.admin),
        winback=_winback(world),
        planned_for=dt.date.today() + dt.timedelta(days=7),
    ).pk


@id_factory("signal_id")
def _signal_id(world: Any) -> int:
    return services.signal_create(
        membership=membership(world.workspace, world.admin),
        winback=_winback(world),
        kind="support_decline",
        observed_on=dt.date.today() - dt.timedelta(days=1),
    ).pk
