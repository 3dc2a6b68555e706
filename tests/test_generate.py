"""``headway generate``: a synthetic workspace that is realistic, repeatable and usable."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.test import Client
from django.test.utils import CaptureQueriesContext

from headway.crm import services
from headway.crm.models import (
    Account,
    Action,
    Change,
    Contact,
    Deal,
    Interaction,
    InteractionContact,
)
from headway.generate import GenerateContext, register_generator, unregister_generator
from headway.generate.run import GenerateConflict, generate_workspace
from headway.workspaces.models import Membership, Role

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 22, 0, 0, tzinfo=dt.UTC)


def fingerprint(workspace) -> list[tuple]:
    """The generated content, without ids (which depend on what the database held before)."""
    accounts = list(
        Account.objects.in_workspace(workspace)
        .order_by("id")
        .values_list(
            "name", "domain", "status", "tier", "owner__email", "last_touch_at", "created_at"
        )
    )
    contacts = list(
        Contact.objects.in_workspace(workspace).order_by("id").values_list("name", "email")
    )
    deals = list(
        Deal.objects.in_workspace(workspace)
        .order_by("id")
        .values_list("title", "stage", "amount", "lost_to_name")
    )
    interactions = list(
        Interaction.objects.in_workspace(workspace)
        .order_by("id")
        .values_list("occurred_at", "kind", "author__email")
    )
    return accounts + contacts + deals + interactions


def test_a_generated_workspace_has_accounts_with_people_deals_and_three_years_of_history():
    result = generate_workspace(size=40, seed=3, now=NOW)
    ws = result.workspace

    assert Account.objects.in_workspace(ws).count() == 40
    assert result.counts["accounts"] == 40
    assert Contact.objects.in_workspace(ws).count() >= 40  # everyone has somebody to call
    interactions = Interaction.objects.in_workspace(ws)
    assert 400 <= interactions.count() <= 1200  # about 20 an account
    oldest = interactions.order_by("occurred_at").first()
    assert oldest is not None and oldest.occurred_at >= NOW - dt.timedelta(days=3 * 365 + 1)
    assert interactions.filter(occurred_at__gt=NOW).count() == 0
    assert InteractionContact.objects.in_workspace(ws).exists()
    assert Change.objects.in_workspace(ws).filter(kind="created").count() >= 40
    assert Action.objects.in_workspace(ws).filter(done_at__isnull=True).exists()
    lost = Deal.objects.in_workspace(ws).filter(stage="lost")
    won = Deal.objects.in_workspace(ws).filter(stage="won")
    assert lost.exists() and won.exists()
    assert not lost.filter(lost_to="").exists() and not lost.filter(lost_reasons="").exists()
    assert sum(result.counts.values()) + 2 * (1 + 1 + 1) <= result.rows


def test_each_accounts_last_touch_is_its_newest_interaction():
    ws = generate_workspace(size=25, seed=4, now=NOW).workspace
    newest = dict(
        Interaction.objects.in_workspace(ws)
        .values("account_id")
        .annotate(at=Max("occurred_at"))
        .values_list("account_id", "at")
    )
    for account in Account.objects.in_workspace(ws):
        assert account.last_touch_at == newest.get(account.pk)


def test_the_same_seed_writes_the_same_workspace_and_another_seed_another():
    first = fingerprint(generate_workspace(size=20, seed=5, now=NOW).workspace)
    again = fingerprint(generate_workspace(size=20, seed=5, now=NOW, reset=True).workspace)
    other = fingerprint(generate_workspace(size=20, seed=6, now=NOW).workspace)

    assert first == again
    assert first != other


def test_generating_again_without_reset_is_refused():
    generate_workspace(size=5, seed=7, now=NOW)

    with pytest.raises(GenerateConflict, match="--reset"):
        generate_workspace(size=5, seed=7, now=NOW)


def test_generated_people_sign_in_with_the_printed_password_and_see_their_pages():
    result = generate_workspace(size=30, seed=8, now=NOW, password="s3cret-bench")
    client = Client()

    assert client.login(email=result.seller_emails[0], password="s3cret-bench")
    for url in ("/", "/accounts/", "/contacts/", "/deals/", "/interactions/", "/actions/"):
        assert client.get(url).status_code == 200, url
    account = Account.objects.in_workspace(result.workspace).first()
    assert client.get(f"/accounts/{account.pk}/").status_code == 200
    roles = set(Membership.objects.in_workspace(result.workspace).values_list("role", flat=True))
    assert roles == {Role.ADMIN, Role.MANAGER, Role.MEMBER}


def test_generated_accounts_are_found_by_search_and_new_rows_get_fresh_ids():
    ws = generate_workspace(size=15, seed=9, now=NOW).workspace
    account = Account.objects.in_workspace(ws).order_by("id").last()
    seller = Membership.objects.in_workspace(ws).filter(role=Role.MEMBER).first()
    client = Client()
    client.force_login(seller.user)

    html = client.get("/accounts/", {"q": account.name.split()[0]}).content.decode()
    created = services.account_create(membership=seller, name="Made by hand")

    assert account.name in html
    assert created.pk > account.pk  # the id sequence moved past the generated rows


def test_the_generator_writes_in_batches_not_row_by_row():
    with CaptureQueriesContext(connection) as small:
        generate_workspace(size=10, seed=10, now=NOW, analyze=False)
    with CaptureQueriesContext(connection) as large:
        generate_workspace(size=120, seed=11, now=NOW, analyze=False)

    # Twelve times the rows, the same statements (PostgreSQL's COPY is not even counted).
    assert len(large.captured_queries) <= len(small.captured_queries) + 5


def test_module_generators_run_after_the_core_with_its_facts():
    seen: dict[str, object] = {}

    @register_generator("test-module")
    def module(ctx: GenerateContext) -> None:
        seen["accounts"] = len(ctx.facts.accounts)
        seen["lost"] = len(ctx.facts.lost_deals)
        seen["rows"] = Deal.objects.in_workspace(ctx.workspace).filter(stage="lost").count()
        seen["choice"] = ctx.rng.random()
        ctx.count("test rows", 3)

    try:
        result = generate_workspace(size=30, seed=12, now=NOW)
    finally:
        unregister_generator("test-module")

    assert seen["accounts"] == 30
    assert seen["lost"] == seen["rows"] and seen["lost"] > 0
    assert result.counts["test rows"] == 3


def test_the_command_says_how_many_rows_how_fast_and_how_to_sign_in():
    out = io.StringIO()

    call_command("generate", accounts=12, seed=13, today="2026-11-22", stdout=out)

    text = out.getvalue()
    assert "12 accounts" in text and "rows/s" in text
    assert "admin@generated-12-13.example" in text and "headway-bench" in text
