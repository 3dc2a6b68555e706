"""Every step on the win-back pages goes through the kit's form_step: POST only, invalid input
on its form (422), a refusal by the win-back's state or a stale edit on the page itself (409)
with what to do next — never a step the page offered in vain, never a bare error page."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.html import escape

from headway.crm.models import DealStage
from headway.errors import ConcurrentEdit
from headway.methods.winback import services
from headway.methods.winback.models import Ask, PlannedTouch, WinBack
from tests import factories
from tests.methods.winback.factories import lost_deal, make_winback, membership

pytestmark = pytest.mark.django_db

NOT_NOW = '<div class="message message-error" role="alert"><strong>Not now:</strong> '


def _html(response: Any) -> str:
    return response.content.decode()


def _closed(world: Any) -> WinBack:
    winback = make_winback(world.workspace, world.member)
    services.winback_close(membership=membership(world.workspace, world.member), winback=winback)
    winback.refresh_from_db()
    return winback


def test_a_touch_planned_on_a_closed_win_back_is_refused_on_its_page(world: Any) -> None:
    winback = _closed(world)
    response = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/touches/new/", {"kind": "call", "planned_for": "2026-12-01"}
    )
    assert response.status_code == 409
    refusal = services.NOT_OPEN.format(status="closed")
    assert NOT_NOW + escape(refusal) in _html(response)
    assert '<h2 id="asks-h">Asks</h2>' in _html(response)  # the win-back page, not an error page
    assert not PlannedTouch.objects.in_workspace(world.workspace).filter(winback=winback).exists()


def test_a_touch_done_twice_is_refused_on_the_page(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    touch = services.touch_create(membership=m, winback=winback, kind="call")
    client = world.client_for(world.member)
    url = f"/winbacks/{winback.pk}/touches/{touch.pk}/done/"
    assert client.post(url, {f"touch-{touch.pk}-summary": "Spoke to Priya"}).status_code == 302
    again = client.post(url, {f"touch-{touch.pk}-summary": "Spoke to Priya"})
    assert again.status_code == 409
    assert NOT_NOW + escape(services.TOUCH_ALREADY_DONE) in _html(again)


def test_a_stale_profile_is_refused_at_the_top_of_a_fresh_page(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    old = winback.version
    client.post(f"/winbacks/{winback.pk}/profile/", {"version": old, "repeat_buyer": "no"})
    response = client.post(
        f"/winbacks/{winback.pk}/profile/", {"version": old, "repeat_buyer": "yes"}
    )
    assert response.status_code == 409
    html = _html(response)
    assert NOT_NOW + escape(ConcurrentEdit("win-back").message) in html
    # The page shows what is stored now, with the version to edit it from.
    winback.refresh_from_db()
    assert f'name="version" value="{winback.version}" id="profile_version"' in html
    assert 'value="no" id="profile_repeat_buyer_2" checked' in html


def test_invalid_input_stays_on_its_form_with_its_errors(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    response = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/",
        {f"ask-{ask.pk}-status": "maybe", f"ask-{ask.pk}-obtained": "Kept text"},
    )
    assert response.status_code == 422
    html = _html(response)
    assert 'id="id_ask-' + str(ask.pk) + '-status_error"' in html
    assert "Kept text</textarea>" in html
    assert NOT_NOW not in html


@pytest.mark.parametrize(
    ("step", "data", "typed"),
    [
        ("reopen", {"title": "Third take", "amount": "1"}, 'value="Third take"'),
        ("close", {"note": "Merged again"}, "Merged again</textarea>"),
    ],
)
def test_a_refused_page_step_keeps_its_form_with_the_reason_above_it(
    world: Any, step: str, data: dict[str, str], typed: str
) -> None:
    winback = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    services.winback_reopen(membership=m, winback=winback)
    message = services.ALREADY_REENGAGED
    if step == "close":
        winback.refresh_from_db()
        services.winback_close(membership=m, winback=winback)
        message = services.NOT_OPEN.format(status="closed")
    response = world.client_for(world.member).post(f"/winbacks/{winback.pk}/{step}/", data)
    assert response.status_code == 409
    html = _html(response)
    assert f'<div class="form-errors" role="alert"><p>{escape(message)}</p></div>' in html
    assert typed in html  # what was typed stays


def test_opening_from_a_deal_not_lost_keeps_the_form_with_the_reason(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member, stage=DealStage.PROPOSE)
    response = world.client_for(world.member).post(
        f"/winbacks/new/?deal={deal.pk}",
        {"lost_to": "competitor", "lost_to_name": "Globex", "decision_date": "2026-11-01"},
    )
    assert response.status_code == 409
    html = _html(response)
    assert f'<div class="form-errors" role="alert"><p>{escape(services.DEAL_NOT_LOST)}</p>' in html
    assert 'value="Globex"' in html


def test_a_second_click_on_open_leads_to_the_win_back_already_opened(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = lost_deal(account, owner=world.member)
    client = world.client_for(world.member)
    data = {"lost_to": "competitor", "lost_to_name": "Globex", "decision_date": "2026-11-01"}
    first = client.post(f"/winbacks/new/?deal={deal.pk}", data)
    second = client.post(f"/winbacks/new/?deal={deal.pk}", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert WinBack.objects.in_workspace(world.workspace).filter(deal=deal).count() == 1


def test_every_step_is_post_only(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    touch = services.touch_create(membership=m, winback=winback, kind="call")
    signal = services.signal_create(membership=m, winback=winback, kind="price_rise")
    base = f"/winbacks/{winback.pk}"
    client = world.client_for(world.member)
    for url in (
        f"{base}/profile/",
        f"{base}/approve/",
        f"{base}/asks/new/",
        f"{base}/asks/{ask.pk}/",
        f"{base}/asks/{ask.pk}/delete/",
        f"{base}/asks/{ask.pk}/attachments/",
        f"{base}/touches/new/",
        f"{base}/touches/{touch.pk}/done/",
        f"{base}/touches/{touch.pk}/delete/",
        f"{base}/signals/new/",
        f"{base}/signals/{signal.pk}/delete/",
    ):
        assert client.get(url).status_code == 405, url
