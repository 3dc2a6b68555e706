"""The win-back pages as people use them: open one from a lost deal, work the asks (with
files), the profile, touches and signals, approve, re-open, close; the portfolio and reports."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from headway.crm.models import Deal, DealStage, Interaction
from headway.methods.winback import services
from headway.methods.winback.models import Ask, AskAttachment, AskStatus, PlannedTouch, WinBack
from tests import factories
from tests.methods.winback.factories import lost_deal, make_winback, membership

pytestmark = pytest.mark.django_db


def shows(response: Any, text: str) -> bool:
    return escape(text) in response.content.decode()


# --- from a lost deal -----------------------------------------------------------------------


def test_marking_a_deal_lost_offers_to_open_a_win_back(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member, name="Initech")
    deal = factories.make_deal(account, owner=world.member, title="Fleet renewal")
    client = world.client_for(world.member)
    response = client.post(
        f"/deals/{deal.pk}/lost/",
        {
            "version": deal.version,
            "lost_to": "competitor",
            "lost_to_name": "Globex",
            "lost_reasons": "Price",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert f'href="/winbacks/new/?deal={deal.pk}"' in response.content.decode()
    assert shows(response, "Open a win-back")


def test_the_new_win_back_form_is_prefilled_from_the_lost_deal(world: Any, clock: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member, name="Initech")
    deal = lost_deal(account, owner=world.member, lost_reasons="Price too high")
    response = world.client_for(world.member).get(f"/winbacks/new/?deal={deal.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'value="competitor"[^>]*checked', html)
    assert 'value="Globex"' in html
    assert 'value="2026-11-22"' in html
    assert "Price too high</textarea>" in html


def test_opening_a_win_back_prefills_the_four_asks(world: Any, clock: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member, name="Initech")
    deal = lost_deal(account, owner=world.member)
    response = world.client_for(world.member).post(
        f"/winbacks/new/?deal={deal.pk}",
        {
            "title": "Win back Initech",
            "lost_to": "competitor",
            "lost_to_name": "Globex",
            "decision_date": "2026-11-20",
            "reasons": "Price",
            "value": "50000",
            "owner": str(world.member.pk),
        },
    )
    winback = WinBack.objects.in_workspace(world.workspace).get(deal=deal)
    assert response.status_code == 302
    assert response["Location"] == f"/winbacks/{winback.pk}/"
    assert winback.decision_date == dt.date(2026, 11, 20)
    kinds = list(
        Ask.objects.in_workspace(world.workspace)
        .filter(winback=winback)
        .values_list("kind", flat=True)
    )
    assert kinds == ["evaluation", "criteria", "deciders", "executives"]
    page = world.client_for(world.member).get(response["Location"])
    assert shows(page, "Ask for their evaluation documentation")
    assert shows(page, "Ask for the contacts of senior executives")


def test_a_decision_date_in_the_future_is_refused_on_its_field(world: Any, clock: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = lost_deal(account, owner=world.member)
    response = world.client_for(world.member).post(
        f"/winbacks/new/?deal={deal.pk}",
        {"lost_to": "competitor", "lost_to_name": "Globex", "decision_date": "2026-12-01"},
    )
    assert response.status_code == 422
    assert shows(response, services.DECISION_IN_FUTURE)
    assert 'id="id_decision_date_error"' in response.content.decode()


def test_only_a_lost_deal_can_be_won_back(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member, stage=DealStage.PROPOSE)
    response = world.client_for(world.member).get(f"/winbacks/new/?deal={deal.pk}")
    assert response.status_code == 409
    assert shows(response, services.DEAL_NOT_LOST)


def test_opening_from_a_deal_that_is_not_lost_is_refused_on_post_too(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = factories.make_deal(account, owner=world.member, stage=DealStage.PROPOSE)
    response = world.client_for(world.member).post(
        f"/winbacks/new/?deal={deal.pk}",
        {"lost_to": "competitor", "lost_to_name": "Globex", "decision_date": "2026-11-01"},
    )
    assert response.status_code == 409
    assert shows(response, services.DEAL_NOT_LOST)
    assert not WinBack.objects.in_workspace(world.workspace).filter(deal=deal).exists()


def test_a_deal_has_one_win_back_and_the_link_leads_to_it(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    response = world.client_for(world.member).get(f"/winbacks/new/?deal={winback.deal_id}")
    assert response.status_code == 302
    assert response["Location"] == f"/winbacks/{winback.pk}/"


def test_without_a_deal_the_page_lists_lost_deals_waiting_for_a_win_back(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    waiting = lost_deal(account, title="Waiting deal")
    started = make_winback(world.workspace, world.member, title="Started deal")
    factories.make_deal(account, title="Open deal")
    html = world.client_for(world.member).get("/winbacks/new/").content.decode()
    assert "Waiting deal" in html and f"?deal={waiting.pk}" in html
    assert "Started deal" not in html and f"?deal={started.deal_id}" not in html
    assert "Open deal" not in html


def test_a_lost_deal_of_another_workspace_is_not_found(world: Any) -> None:
    foreign = lost_deal(factories.make_account(world.other_workspace))
    client = world.client_for(world.member)
    assert client.get(f"/winbacks/new/?deal={foreign.pk}").status_code == 404
    assert client.post(f"/winbacks/new/?deal={foreign.pk}", {}).status_code == 404
    assert not WinBack.objects.in_workspace(world.other_workspace).exists()


def test_a_viewer_cannot_open_a_win_back(world: Any) -> None:
    account = factories.make_account(world.workspace, owner=world.member)
    deal = lost_deal(account)
    assert world.client_for(world.viewer).get(f"/winbacks/new/?deal={deal.pk}").status_code == 403


# --- the win-back page ----------------------------------------------------------------------


def test_an_ask_moves_to_granted_with_what_was_obtained(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    client = world.client_for(world.member)
    response = client.post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/",
        {
            f"ask-{ask.pk}-version": ask.version,
            f"ask-{ask.pk}-status": "granted",
            f"ask-{ask.pk}-obtained": "Their scorecard",
        },
    )
    assert response.status_code == 302
    ask.refresh_from_db()
    assert ask.status == AskStatus.GRANTED
    assert ask.asked_at is not None and ask.answered_at is not None
    page = client.get(f"/winbacks/{winback.pk}/")
    assert shows(page, "✓ Granted") and shows(page, "Their scorecard")
    # The win-back's history (the one timeline) shows the ask's change too.
    assert re.search(
        r"Ask <strong>Ask for their evaluation documentation[^<]*</strong> changed",
        page.content.decode(),
    )
    assert shows(page, "Status: To ask → Granted")


def test_a_custom_ask_joins_the_checklist(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    client.post(f"/winbacks/{winback.pk}/asks/new/", {"text": "A reference call in a year"})
    texts = list(
        Ask.objects.in_workspace(world.workspace)
        .filter(winback=winback)
        .values_list("text", flat=True)
    )
    assert texts[-1] == "A reference call in a year"
    empty = client.post(f"/winbacks/{winback.pk}/asks/new/", {"text": ""})
    assert empty.status_code == 422
    assert shows(empty, "Say what you ask for.")


def test_a_file_is_attached_and_downloaded_only_as_an_attachment(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    client = world.client_for(world.member)
    upload = SimpleUploadedFile("score<card>.html", b"<script>alert(1)</script>", "text/html")
    response = client.post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/attachments/", {f"file-{ask.pk}-file": upload}
    )
    assert response.status_code == 302
    attachment = AskAttachment.objects.in_workspace(world.workspace).get(ask=ask)
    assert attachment.original_name == "score<card>.html"
    assert attachment.file.name.startswith(f"winback/{world.workspace.pk}/")
    assert "card" not in attachment.file.name  # the stored name never comes from the user

    download = client.get(f"/winbacks/{winback.pk}/asks/{ask.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/octet-stream"
    assert b"".join(download.streaming_content) == b"<script>alert(1)</script>"
    # Another member of the same workspace may download it; nothing is public under /media/.
    assert (
        world.client_for(world.viewer)
        .get(f"/winbacks/{winback.pk}/asks/{ask.pk}/attachments/{attachment.pk}/")
        .status_code
        == 200
    )
    assert Client().get(f"/media/{attachment.file.name}").status_code == 404


def test_a_file_over_10_mb_is_refused_with_a_clear_message(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    big = SimpleUploadedFile("huge.pdf", b"x" * (10 * 1024 * 1024 + 1), "application/pdf")
    response = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/attachments/", {f"file-{ask.pk}-file": big}
    )
    assert response.status_code in (413, 422)
    assert "attachments can be at most 10.0 MB" in response.content.decode()
    assert not AskAttachment.objects.in_workspace(world.workspace).exists()


def test_a_huge_upload_is_refused_before_it_is_read(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    big = SimpleUploadedFile("huge.zip", b"x" * (11 * 1024 * 1024), "application/zip")
    response = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/attachments/", {f"file-{ask.pk}-file": big}
    )
    assert response.status_code == 413
    assert (
        "This file is 11.0 MB and attachments can be at most 10.0 MB" in response.content.decode()
    )


def test_an_empty_upload_says_to_choose_a_file(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    response = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/attachments/", {}
    )
    assert response.status_code == 422
    assert shows(response, "Choose a file to attach.")


def test_the_upload_is_still_protected_against_cross_site_requests(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    upload = SimpleUploadedFile("a.txt", b"hello", "text/plain")
    response = client.post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/attachments/", {f"file-{ask.pk}-file": upload}
    )
    assert response.status_code == 403
    assert not AskAttachment.objects.in_workspace(world.workspace).exists()


def test_deleting_an_ask_removes_its_files_from_storage(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.storage import default_storage

    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    ask.winback = winback
    attachment = services.attachment_add(
        membership=membership(world.workspace, world.member),
        ask=ask,
        upload=SimpleUploadedFile("a.txt", b"hello", "text/plain"),
    )
    name = attachment.file.name
    assert default_storage.exists(name)
    # Files go once the deletion is committed (the test's transaction never commits).
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for(world.member).post(f"/winbacks/{winback.pk}/asks/{ask.pk}/delete/")
    assert not Ask.objects.in_workspace(world.workspace).filter(pk=ask.pk).exists()
    assert not default_storage.exists(name)


def test_the_buyer_profile_sets_likelihood_and_cadence(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    response = client.post(
        f"/winbacks/{winback.pk}/profile/",
        {"version": winback.version, "repeat_buyer": "yes", "years_on_incumbent": "5"},
        follow=True,
    )
    assert shows(response, "▼ Low likelihood")
    assert shows(response, "Buyer profile saved: likelihood low, a touch quarterly.")
    winback.refresh_from_db()
    assert (winback.likelihood, winback.cadence_days) == ("low", 90)


def test_setting_the_likelihood_by_hand_needs_a_reason(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    refused = client.post(
        f"/winbacks/{winback.pk}/profile/",
        {
            "version": winback.version,
            "repeat_buyer": "yes",
            "years_on_incumbent": "5",
            "likelihood_override": "high",
        },
    )
    assert refused.status_code == 422
    assert shows(refused, services.OVERRIDE_NEEDS_REASON)
    client.post(
        f"/winbacks/{winback.pk}/profile/",
        {
            "version": winback.version,
            "repeat_buyer": "yes",
            "years_on_incumbent": "5",
            "likelihood_override": "high",
            "override_reason": "Their CIO told us Globex is out.",
        },
    )
    winback.refresh_from_db()
    assert (winback.likelihood, winback.level, winback.cadence_days) == ("low", "high", 14)


def test_a_stale_profile_form_is_refused_not_overwritten(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    old = winback.version
    client.post(f"/winbacks/{winback.pk}/profile/", {"version": old, "repeat_buyer": "no"})
    response = client.post(
        f"/winbacks/{winback.pk}/profile/", {"version": old, "repeat_buyer": "yes"}
    )
    assert response.status_code == 409
    winback.refresh_from_db()
    assert winback.repeat_buyer is False


def test_a_planned_touch_done_is_logged_as_an_interaction(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    client.post(
        f"/winbacks/{winback.pk}/touches/new/",
        {"kind": "lunch", "planned_for": "2026-12-01", "note": "Lunch with Priya"},
    )
    touch = PlannedTouch.objects.in_workspace(world.workspace).get(winback=winback)
    response = client.post(
        f"/winbacks/{winback.pk}/touches/{touch.pk}/done/",
        {
            f"touch-{touch.pk}-summary": "Priya is unhappy with Globex support",
            f"touch-{touch.pk}-log_interaction": "on",
        },
    )
    assert response.status_code == 302
    touch.refresh_from_db()
    assert touch.done
    interaction = Interaction.objects.in_workspace(world.workspace).get(pk=touch.interaction_id)
    assert interaction.kind == "lunch"
    assert interaction.account_id == winback.account_id
    assert interaction.summary == "Priya is unhappy with Globex support"


def test_a_signal_from_the_future_is_refused(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    response = world.client_for(world.member).post(
        f"/winbacks/{winback.pk}/signals/new/",
        {"kind": "price_rise", "observed_on": "2026-11-23"},
    )
    assert response.status_code == 422
    assert shows(response, services.SIGNAL_IN_FUTURE)


def test_signals_adding_up_show_re_engage_now_on_the_page(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    for kind in ("missed_promise", "support_decline"):
        client.post(
            f"/winbacks/{winback.pk}/signals/new/", {"kind": kind, "observed_on": "2026-11-20"}
        )
    page = client.get(f"/winbacks/{winback.pk}/")
    assert shows(page, "⚑ Re-engage now")
    assert shows(page, "Signals about Globex add up to 5 points")


def test_a_contract_end_signal_needs_its_date(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    client = world.client_for(world.member)
    refused = client.post(
        f"/winbacks/{winback.pk}/signals/new/",
        {"kind": "contract_end", "observed_on": "2026-11-20"},
    )
    assert refused.status_code == 422
    assert shows(refused, services.CONTRACT_END_NEEDED)
    client.post(
        f"/winbacks/{winback.pk}/signals/new/",
        {"kind": "contract_end", "observed_on": "2026-11-20", "contract_end": "2027-02-20"},
    )
    page = client.get(f"/winbacks/{winback.pk}/")
    assert shows(page, "Globex's contract ends 20 Feb 2027 (in 90 days).")


def test_only_a_manager_records_the_approval_of_the_plan(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    assert (
        world.client_for(world.member).post(f"/winbacks/{winback.pk}/approve/").status_code == 403
    )
    world.client_for(world.manager).post(f"/winbacks/{winback.pk}/approve/")
    winback.refresh_from_db()
    assert winback.manager_approved_by_id == world.manager.pk
    page = world.client_for(world.member).get(f"/winbacks/{winback.pk}/")
    assert shows(page, "✓ Approved") and shows(page, "Max Manager")


def test_re_engaging_opens_a_new_deal_linked_to_the_win_back(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member, decision_date=dt.date(2026, 10, 1))
    client = world.client_for(world.member)
    form = client.get(f"/winbacks/{winback.pk}/reopen/")
    assert shows(form, f"{winback.deal.title} (win-back)")
    response = client.post(
        f"/winbacks/{winback.pk}/reopen/", {"title": "Second chance", "amount": "40000"}
    )
    winback.refresh_from_db()
    deal = Deal.objects.in_workspace(world.workspace).get(pk=winback.reopened_deal_id)
    assert response["Location"] == f"/deals/{deal.pk}/"
    assert (deal.title, deal.amount, deal.account_id) == (
        "Second chance",
        Decimal("40000"),
        winback.account_id,
    )
    assert winback.reengaged_on == dt.date(2026, 11, 22)
    again = client.post(f"/winbacks/{winback.pk}/reopen/", {"title": "Third", "amount": "1"})
    assert again.status_code == 409
    assert shows(again, services.ALREADY_REENGAGED)


def test_winning_the_new_deal_counts_the_win_back_as_won_back(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    deal = services.winback_reopen(
        membership=membership(world.workspace, world.member), winback=winback
    )
    deal.stage = DealStage.WON
    deal.save()
    page = world.client_for(world.member).get(f"/winbacks/{winback.pk}/")
    assert shows(page, "✓ Won back")


def test_closing_a_win_back_takes_it_off_the_portfolio(world: Any) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Closed Corp")
    client = world.client_for(world.member)
    assert shows(client.get("/winbacks/"), "Closed Corp")
    client.post(f"/winbacks/{winback.pk}/close/", {"note": "They merged with a customer."})
    winback.refresh_from_db()
    assert winback.status == "closed"
    assert not shows(client.get("/winbacks/"), "Closed Corp")
    assert client.get(f"/winbacks/{winback.pk}/close/").status_code == 409


def test_the_page_offers_a_new_deal_and_closing_only_while_the_service_would_allow_them(
    world: Any,
) -> None:
    client = world.client_for(world.member)
    winback = make_winback(world.workspace, world.member)
    reopen, close = (f"/winbacks/{winback.pk}/{step}/" for step in ("reopen", "close"))
    page = client.get(f"/winbacks/{winback.pk}/").content.decode()
    assert f'href="{reopen}"' in page and f'href="{close}"' in page
    services.winback_reopen(membership=membership(world.workspace, world.member), winback=winback)
    page = client.get(f"/winbacks/{winback.pk}/").content.decode()
    assert f'href="{reopen}"' not in page and f'href="{close}"' in page
    assert client.get(reopen).status_code == 409
    winback.refresh_from_db()
    services.winback_close(membership=membership(world.workspace, world.member), winback=winback)
    page = client.get(f"/winbacks/{winback.pk}/").content.decode()
    assert f'href="{reopen}"' not in page and f'href="{close}"' not in page


def test_another_member_can_read_but_not_work_someone_elses_win_back(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    other = world.client_for(world.other_member)
    page = other.get(f"/winbacks/{winback.pk}/")
    assert page.status_code == 200
    assert "Save ask" not in page.content.decode()
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    response = other.post(
        f"/winbacks/{winback.pk}/asks/{ask.pk}/",
        {f"ask-{ask.pk}-status": "granted", f"ask-{ask.pk}-obtained": ""},
    )
    assert response.status_code == 403


def test_get_never_changes_anything(world: Any) -> None:
    winback = make_winback(world.workspace, world.member)
    ask = Ask.objects.in_workspace(world.workspace).filter(winback=winback).first()
    client = world.client_for(world.member)
    for url in (
        f"/winbacks/{winback.pk}/asks/{ask.pk}/delete/",
        f"/winbacks/{winback.pk}/approve/",
        f"/winbacks/{winback.pk}/profile/",
    ):
        assert client.get(url).status_code == 405
    assert Ask.objects.in_workspace(world.workspace).filter(pk=ask.pk).exists()


# --- portfolio ------------------------------------------------------------------------------


def _ranked_titles(html: str) -> list[str]:
    return re.findall(r'<a href="/winbacks/\d+/">([^<]+)</a>', html)


def test_the_portfolio_ranks_by_likelihood_value_and_signals(world: Any, clock: Any) -> None:
    m = membership(world.workspace, world.member)
    small = make_winback(world.workspace, world.member, title="Small", amount=Decimal("10000"))
    big = make_winback(world.workspace, world.member, title="Big", amount=Decimal("100000"))
    likely = make_winback(world.workspace, world.member, title="Likely", amount=Decimal("40000"))
    for wb, title in ((small, "Small"), (big, "Big"), (likely, "Likely")):
        services.winback_update(membership=m, winback=wb, title=title)
    services.winback_update(membership=m, winback=big, repeat_buyer=True, years_on_incumbent=8)
    services.winback_update(membership=m, winback=likely, repeat_buyer=False, years_on_incumbent=1)
    for kind in ("missed_promise", "product_problem"):
        services.signal_create(membership=m, winback=small, kind=kind)
    # Big: low 1 × 100k = 100k; Likely: high 3 × 40k = 120k; Small: medium 2 × 10k × 2.2 = 44k.
    html = world.client_for(world.member).get("/winbacks/").content.decode()
    assert _ranked_titles(html) == ["Likely", "Big", "Small"]
    assert "▲ High likelihood" in html and "▼ Low likelihood" in html
    assert "⚑ Re-engage now" in html


def test_members_see_their_own_by_default_and_can_switch_to_everyone(world: Any) -> None:
    make_winback(world.workspace, world.member, account_name="Mine Ltd")
    make_winback(world.workspace, world.other_member, account_name="Theirs plc")
    client = world.client_for(world.member)
    own = client.get("/winbacks/").content.decode()
    assert "Mine Ltd" in own and "Theirs plc" not in own
    everyone = client.get("/winbacks/?scope=team").content.decode()
    assert "Mine Ltd" in everyone and "Theirs plc" in everyone


def test_managers_see_their_team_and_filter_by_seller(world: Any) -> None:
    make_winback(world.workspace, world.member, account_name="Mine Ltd")
    make_winback(world.workspace, world.other_member, account_name="Theirs plc")
    client = world.client_for(world.manager)
    team = client.get("/winbacks/").content.decode()
    assert "Mine Ltd" in team and "Theirs plc" in team
    one = client.get(f"/winbacks/?owner={world.other_member.pk}").content.decode()
    assert "Mine Ltd" not in one and "Theirs plc" in one


def test_the_portfolio_flags_a_win_back_past_its_cadence(world: Any, clock: Any) -> None:
    winback = make_winback(world.workspace, world.member, account_name="Quiet Co")
    clock.move_to(dt.datetime(2027, 1, 5, 12, 0, tzinfo=dt.UTC))  # 44 days, monthly cadence
    html = world.client_for(world.member).get("/winbacks/").content.decode()
    assert "⚠ Overdue" in html and winback.cadence_days == 30


def test_an_empty_portfolio_says_what_to_do_first(world: Any) -> None:
    html = world.client_for(world.member).get("/winbacks/?scope=team").content.decode()
    assert "No open win-backs yet — start from a deal you lost." in html


# --- reports --------------------------------------------------------------------------------


def test_reports_draw_accessible_charts_with_tables(world: Any) -> None:
    wb = make_winback(world.workspace, world.member)
    m = membership(world.workspace, world.member)
    asks = list(Ask.objects.in_workspace(world.workspace).filter(winback=wb))
    for ask, status in zip(asks, ["granted", "granted", "declined", "asked"], strict=True):
        ask.winback = wb
        services.ask_update(membership=m, ask=ask, status=status)
    account = factories.make_account(world.workspace)
    lost_deal(account, lost_to="do_nothing", lost_to_name="", lost_reasons="- price\nTiming")
    html = world.client_for(world.manager).get("/winbacks/reports/").content.decode()
    assert html.count('role="img"') == 4
    assert (
        '<title id="chart-competitors-title">Lost deals by what the customer chose instead</title>'
        in html
    )
    assert "Globex: 1 deal" in html  # in the chart's <desc>
    assert "Do nothing" in html
    assert "67%" in html  # asks granted: 2 of 3 answered
    assert '<th scope="row">Price</th>' in html  # "Price" and "- price" count together


def test_reports_download_as_csv(world: Any) -> None:
    make_winback(world.workspace, world.member)
    account = factories.make_account(world.workspace)
    lost_deal(account, lost_to_name='=HYPERLINK("x")')
    client = world.client_for(world.manager)
    response = client.get("/winbacks/reports.csv?report=competitors")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="winback-competitors.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0] == "lost to,lost deals,amount lost (EUR)"
    assert 'Globex,1,"50,000"' in lines
    assert any(line.startswith("\"'=HYPERLINK") for line in lines)  # no formula injection
    assert client.get("/winbacks/reports.csv?report=nope").status_code == 404
    for report in ("reasons", "asks", "outcomes", "reengage"):
        assert client.get(f"/winbacks/reports.csv?report={report}").status_code == 200
