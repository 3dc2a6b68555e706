"""The win-back API follows the same rules as the pages: 422 per field for bad input, 404 for
foreign ids, 409 when a rule refuses, 403 for a role that may not, 413 for a file too large."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from headway.crm.models import DealStage
from headway.methods.winback import services
from headway.methods.winback.models import Ask, AskAttachment
from tests import factories
from tests.api.conftest import field_errors
from tests.methods.winback.factories import lost_deal, make_winback

pytestmark = pytest.mark.django_db


def test_a_win_back_opens_only_from_a_lost_deal_of_the_workspace(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    account = factories.make_account(world.workspace, owner=world.member)
    open_deal = factories.make_deal(account, owner=world.member, stage=DealStage.PROPOSE)
    # Refused by the deal's state: 409, as on the page (not a 422 on the field).
    not_lost = api.post("/winbacks", {"deal_id": open_deal.pk})
    assert not_lost.status_code == 409
    assert not_lost.json() == {"detail": services.DEAL_NOT_LOST}
    foreign = lost_deal(factories.make_account(world.other_workspace))
    assert field_errors(api.post("/winbacks", {"deal_id": foreign.pk})) == {
        "deal_id": "No such deal in this workspace."
    }
    assert "deal_id" in field_errors(api.post("/winbacks", {}))


def test_a_second_win_back_for_the_same_deal_is_refused(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    response = api_for(world.member).post("/winbacks", {"deal_id": winback.deal_id})
    assert response.status_code == 409
    assert response.json() == {"detail": services.ALREADY_OPEN}


def test_creating_takes_overrides_and_checks_the_owner(
    world: Any, api_for: Any, clock: Any
) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = lost_deal(account)
    api = api_for(world.member)
    assert field_errors(
        api.post("/winbacks", {"deal_id": deal.pk, "owner_id": world.outsider.pk})
    ) == {"owner_id": "No such person in this workspace: pick a member of it."}
    assert field_errors(
        api.post("/winbacks", {"deal_id": deal.pk, "decision_date": "2026-12-24"})
    ) == {"decision_date": services.DECISION_IN_FUTURE}
    created = api.post(
        "/winbacks",
        {
            "deal_id": deal.pk,
            "owner_id": world.other_member.pk,
            "decision_date": "2026-11-01",
            "value": "1234.50",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["owner"]["id"] == world.other_member.pk
    assert body["value"] == "1234.50"
    assert body["likelihood"] == "medium" and body["cadence_days"] == 30


def test_a_profile_override_needs_a_reason_and_can_be_cleared(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    api = api_for(world.member)
    url = f"/winbacks/{winback.pk}"
    assert field_errors(api.patch(url, {"likelihood_override": "high"})) == {
        "override_reason": services.OVERRIDE_NEEDS_REASON
    }
    set_ = api.patch(url, {"likelihood_override": "low", "override_reason": "Board froze budgets."})
    assert set_.json()["likelihood"] == "low"
    assert set_.json()["computed_likelihood"] == "medium"
    assert set_.json()["cadence_days"] == 90
    cleared = api.patch(url, {"likelihood_override": None}).json()
    assert cleared["likelihood"] == "medium" and cleared["likelihood_override"] is None
    assert cleared["override_reason"] == ""


def test_a_stale_version_is_a_conflict(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    api = api_for(world.member)
    api.patch(f"/winbacks/{winback.pk}", {"title": "First"})
    response = api.patch(f"/winbacks/{winback.pk}", {"title": "Second", "version": winback.version})
    assert response.status_code == 409


def test_only_managers_and_admins_approve(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    refused = api_for(world.member).post(f"/winbacks/{winback.pk}/approve")
    assert refused.status_code == 403
    assert refused.json() == {"detail": services.APPROVE_MANAGERS_ONLY}
    approved = api_for(world.admin).post(f"/winbacks/{winback.pk}/approve").json()
    assert approved["manager_approved_by"]["id"] == world.admin.pk
    withdrawn = api_for(world.manager).post(f"/winbacks/{winback.pk}/approve", {"approved": False})
    assert withdrawn.json()["manager_approved_at"] is None


def test_a_viewer_reads_but_cannot_write(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    api = api_for(world.viewer)
    assert api.get(f"/winbacks/{winback.pk}").status_code == 200
    assert api.post(f"/winbacks/{winback.pk}/asks", {"text": "More"}).status_code == 403
    assert api.patch(f"/winbacks/{winback.pk}", {"repeat_buyer": True}).status_code == 403


def test_asks_crud_and_status(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    api = api_for(world.member)
    assert field_errors(api.post(f"/winbacks/{winback.pk}/asks", {})) == {
        "text": services.TEXT_REQUIRED
    }
    created = api.post(f"/winbacks/{winback.pk}/asks", {"text": "A reference visit"}).json()
    assert (created["kind"], created["status"], created["position"]) == ("custom", "to_ask", 5)
    declined = api.patch(
        f"/winbacks/{winback.pk}/asks/{created['id']}", {"status": "declined"}
    ).json()
    assert declined["asked_at"] and declined["answered_at"]
    back = api.patch(f"/winbacks/{winback.pk}/asks/{created['id']}", {"status": "to_ask"}).json()
    assert back["asked_at"] is None and back["answered_at"] is None
    bad = api.patch(f"/winbacks/{winback.pk}/asks/{created['id']}", {"status": "maybe"})
    assert bad.status_code == 422
    assert api.delete(f"/winbacks/{winback.pk}/asks/{created['id']}").status_code == 204
    assert len(api.get(f"/winbacks/{winback.pk}/asks").json()["items"]) == 4


def test_attachments_upload_list_download_delete(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    api = api_for(world.member)
    base = f"/api/v1/winbacks/{winback.pk}/asks/{ask.pk}/attachments"
    upload = SimpleUploadedFile("criteria.pdf", b"%PDF-1.4 criteria", "application/pdf")
    response = api.client.post(base, {"file": upload})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["original_name"], body["size"], body["content_type"]) == (
        "criteria.pdf",
        17,
        "application/pdf",
    )
    listed = api.get(base).json()["items"]
    assert [a["id"] for a in listed] == [body["id"]]
    download = api.client.get(body["download_url"])
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="criteria.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"%PDF-1.4 criteria"
    assert api.delete(f"{base}/{body['id']}").status_code == 204
    assert not AskAttachment.objects.in_workspace(world.workspace).exists()


def test_an_upload_without_a_file_or_too_large_says_why(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    api = api_for(world.member)
    base = f"/api/v1/winbacks/{winback.pk}/asks/{ask.pk}/attachments"
    assert field_errors(api.client.post(base, {})) == {"file": services.FILE_MISSING}
    big = SimpleUploadedFile("big.bin", b"x" * (10 * 1024 * 1024 + 1))
    response = api.client.post(base, {"file": big})
    assert response.status_code == 413
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert "at most 10.0 MB" in response.json()["detail"][0]["msg"]
    huge = SimpleUploadedFile("huge.bin", b"x" * (11 * 1024 * 1024))
    assert api.client.post(base, {"file": huge}).status_code == 413


def test_touches_and_signals_through_the_api(world: Any, api_for: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    api = api_for(world.member)
    touch = api.post(f"/winbacks/{winback.pk}/touches", {"kind": "email"}).json()
    assert touch["planned_for"] == "2026-12-22"  # one monthly cadence ahead
    moved = api.patch(
        f"/winbacks/{winback.pk}/touches/{touch['id']}", {"planned_for": "2026-12-01"}
    )
    assert moved.json()["planned_for"] == "2026-12-01"
    done = api.post(
        f"/winbacks/{winback.pk}/touches/{touch['id']}/done", {"log_interaction": False}
    ).json()
    assert done["done_at"] and done["interaction_id"] is None
    again = api.post(f"/winbacks/{winback.pk}/touches/{touch['id']}/done", {})
    assert again.status_code == 409

    assert field_errors(api.post(f"/winbacks/{winback.pk}/signals", {})) == {
        "kind": "Say what kind of signal it is."
    }
    assert field_errors(
        api.post(
            f"/winbacks/{winback.pk}/signals", {"kind": "price_rise", "contract_end": "2027-01-01"}
        )
    ) == {"contract_end": services.CONTRACT_END_ONLY}
    signal = api.post(f"/winbacks/{winback.pk}/signals", {"kind": "product_problem"}).json()
    assert signal["observed_on"] == "2026-11-22" and signal["weight"] == 3
    assert api.get(f"/winbacks/{winback.pk}").json()["signal_score"] == 3
    api.patch(f"/winbacks/{winback.pk}/signals/{signal['id']}", {"kind": "missed_promise"})
    assert api.delete(f"/winbacks/{winback.pk}/signals/{signal['id']}").status_code == 204
    assert api.get(f"/winbacks/{winback.pk}").json()["signal_score"] == 0


def test_the_list_is_in_portfolio_order_and_filters_by_owner(world: Any, api_for: Any) -> None:
    low = make_winback(world.workspace, world.member, amount=1000)
    high = make_winback(world.workspace, world.other_member, amount=90000)
    api = api_for(world.member)
    assert [w["id"] for w in api.get("/winbacks").json()["items"]] == [high.pk, low.pk]
    mine = api.get("/winbacks", owner_id=world.member.pk).json()["items"]
    assert [w["id"] for w in mine] == [low.pk]
    page = api.get("/winbacks", limit=1).json()
    assert len(page["items"]) == 1 and page["next"]


def test_close_and_reopen_rules(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    api = api_for(world.member)
    closed = api.post(f"/winbacks/{winback.pk}/close", {"note": "Company acquired."})
    assert closed.json()["status"] == "closed"
    assert api.post(f"/winbacks/{winback.pk}/reopen", {}).status_code == 409
    assert api.post(f"/winbacks/{winback.pk}/touches", {}).status_code == 409
    assert api.post(f"/winbacks/{winback.pk}/close", {}).status_code == 409


def test_losing_the_new_deal_counts_as_lost_again(world: Any, api_for: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    api = api_for(world.member)
    new_deal = api.post(f"/winbacks/{winback.pk}/reopen", {}).json()["reopened_deal"]
    api.post(
        f"/deals/{new_deal['id']}/lost",
        {"lost_to": "do_nothing", "lost_reasons": "Budget frozen"},
    )
    assert api.get(f"/winbacks/{winback.pk}").json()["status"] == "lost_again"
    reports = api.get("/winbacks/reports").json()
    assert reports["outcomes"] == {"open": 0, "won_back": 0, "lost_again": 1, "closed": 0}
    assert reports["winback_rate"] == 0.0
    assert {"label": "Budget frozen", "count": 1} in reports["losses_by_reason"]


def test_path_ids_out_of_range_are_simply_not_found(world: Any, api_for: Any) -> None:
    api = api_for(world.member)
    assert api.get(f"/winbacks/{2**63}").status_code == 404
    winback = make_winback(world.workspace, world.member)
    assert api.get(f"/winbacks/{winback.pk}/asks/{2**63}").status_code == 404
