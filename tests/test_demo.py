"""The demo workspace: enough believable data to show every page, the four source stories,
sign-in for every demo person, an agenda that is alive whatever day it is loaded, and a loader
that never duplicates anything."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from headway.crm.models import (
    OPEN_STAGES,
    Account,
    Action,
    Change,
    Contact,
    Deal,
    Interaction,
    InteractionContact,
    LostTo,
)
from headway.demo import DEMO_PASSWORD, DEMO_SLUG, DemoConflict, demo_logins, load_demo
from headway.workspaces.models import Membership, User, Workspace
from tests import factories

pytestmark = pytest.mark.django_db


def counts(ws: Workspace) -> dict[str, int]:
    return {
        "accounts": Account.objects.in_workspace(ws).count(),
        "contacts": Contact.objects.in_workspace(ws).count(),
        "deals": Deal.objects.in_workspace(ws).count(),
        "interactions": Interaction.objects.in_workspace(ws).count(),
        "participants": InteractionContact.objects.in_workspace(ws).count(),
        "actions": Action.objects.in_workspace(ws).count(),
        "changes": Change.objects.in_workspace(ws).count(),
        "members": Membership.objects.in_workspace(ws).count(),
        "users": User.objects.count(),
    }


def sellers(ws: Workspace) -> list[User]:
    return [
        m.user
        for m in Membership.objects.in_workspace(ws).filter(role="member").select_related("user")
    ]


def test_demo_has_enough_accounts_contacts_deals_and_interactions_to_feel_real() -> None:
    ws = load_demo().workspace
    c = counts(ws)
    assert c["accounts"] >= 20
    assert c["contacts"] >= 60
    assert c["deals"] >= 40
    assert c["interactions"] >= 200
    stages = set(Deal.objects.in_workspace(ws).values_list("stage", flat=True))
    assert {"won", "lost"} <= stages and stages & set(OPEN_STAGES)
    oldest = Interaction.objects.in_workspace(ws).order_by("occurred_at").first()
    assert oldest is not None
    assert timezone.now() - oldest.occurred_at > dt.timedelta(days=365)
    assert not Interaction.objects.in_workspace(ws).filter(occurred_at__gt=timezone.now()).exists()
    # Accounts are spread over the three sellers, and each knows its last touch.
    owners = set(Account.objects.in_workspace(ws).values_list("owner__email", flat=True))
    assert owners == {u.email for u in sellers(ws)}
    assert not Account.objects.in_workspace(ws).filter(last_touch_at__isnull=True).exists()


def test_the_manager_three_sellers_and_admin_can_sign_in_with_the_demo_password() -> None:
    result = load_demo()
    roles = dict(
        Membership.objects.in_workspace(result.workspace).values_list("user__email", "role")
    )
    assert sorted(roles.values()) == ["admin", "manager", "member", "member", "member"]
    for person in result.people:
        user = authenticate(None, email=person.email, password=DEMO_PASSWORD)
        assert user is not None, person.email
        assert roles[person.email] == person.role
        assert user.morning_review_time == dt.time(7, 30)  # type: ignore[union-attr]
    zones = {u.time_zone for u in sellers(result.workspace)}
    assert zones == {"Europe/London", "Europe/Berlin", "America/New_York"}


def test_loading_the_demo_again_changes_nothing() -> None:
    first = load_demo()
    before = counts(first.workspace)
    again = load_demo()
    assert again.created is False
    assert again.workspace.pk == first.workspace.pk
    assert counts(again.workspace) == before
    assert Workspace.objects.filter(slug=DEMO_SLUG).count() == 1


def test_reset_reloads_the_demo_and_leaves_other_workspaces_alone(world) -> None:
    theirs = factories.make_account(world.workspace, name="Their own customer")
    first = load_demo()
    before = counts(first.workspace)
    again = load_demo(reset=True)
    assert again.created is True
    assert again.workspace.pk != first.workspace.pk
    assert counts(again.workspace) == before  # same users reused, same rows rebuilt
    assert Account.objects.in_workspace(world.workspace).filter(pk=theirs.pk).exists()


def test_a_real_workspace_called_demo_is_never_reset() -> None:
    real = factories.make_workspace("Demo")
    Workspace.objects.filter(pk=real.pk).update(slug=DEMO_SLUG)
    factories.make_account(real, name="A real customer")
    with pytest.raises(DemoConflict):
        load_demo(reset=True)
    assert Account.objects.in_workspace(real).filter(name="A real customer").exists()


def test_demo_tells_the_trial_that_went_badly_in_three_outlets() -> None:
    """Source 000: a major new customer, a trial in three outlets that went badly, the
    relationship on hold, a phone line to the original contact, and a next step."""
    ws = load_demo().workspace
    trial_story = Interaction.objects.in_workspace(ws).filter(summary__contains="three outlets")
    (account,) = {i.account for i in trial_story.select_related("account")}
    assert account.status == "customer" and account.tier == "key"
    assert account.relationship_strength <= 2
    assert (
        Interaction.objects.in_workspace(ws)
        .filter(account=account, summary__icontains="on hold")
        .exists()
    )
    latest = Interaction.objects.in_workspace(ws).filter(account=account).first()
    assert latest is not None and latest.kind == "call"
    assert Action.objects.in_workspace(ws).filter(account=account, done_at__isnull=True).exists()
    updates = Change.objects.in_workspace(ws).filter(account=account, kind="updated")
    fields = [f for change in updates for f in change.fields]
    assert {"field": "status", "label": "status", "from": "Prospect", "to": "Customer"} in fields


def test_demo_has_two_stakeholders_who_disagree_and_a_meeting_that_ended_at_impasse() -> None:
    """Source 001: two people at one customer disagree on the product design."""
    ws = load_demo().workspace
    meeting = Interaction.objects.in_workspace(ws).get(summary__icontains="ended at impasse")
    titles = set(
        Contact.objects.in_workspace(ws)
        .filter(interactioncontact__interaction=meeting)
        .values_list("title", flat=True)
    )
    assert titles == {"Head of Engineering", "Head of Operations"}
    assert meeting.kind == "meeting"
    assert (
        Deal.objects.in_workspace(ws)
        .filter(account=meeting.account, stage__in=OPEN_STAGES)
        .exists()
    )


def test_demo_best_account_could_do_more_and_knows_people_at_several_levels() -> None:
    """Source 002: a great relationship, but we could be doing a lot more with them."""
    ws = load_demo().workspace
    best = Account.objects.in_workspace(ws).get(could_do_more=True)
    assert best.tier == "key" and best.relationship_strength == 5
    people = Contact.objects.in_workspace(ws).filter(account=best)
    assert {"executive", "management", "operational"} <= set(people.values_list("level", flat=True))
    assert people.filter(title="Chief Executive Officer").exists()
    assert people.filter(title__startswith="VP").exists()
    won_years = {
        d.closed_at.year
        for d in Deal.objects.in_workspace(ws).filter(account=best, stage="won")
        if d.closed_at
    }
    assert len(won_years) >= 3


def test_demo_has_a_deal_just_lost_to_a_named_competitor() -> None:
    """Source 004: the second-place finish the win-back starts from."""
    ws = load_demo().workspace
    recent = timezone.now() - dt.timedelta(days=7)
    lost = Deal.objects.in_workspace(ws).get(
        stage="lost", lost_to=LostTo.COMPETITOR, closed_at__gte=recent
    )
    assert lost.lost_to_name == "FrostGuard"
    assert lost.lost_reasons
    follow_ups = Action.objects.in_workspace(ws).filter(account=lost.account, done_at__isnull=True)
    assert follow_ups.count() >= 2
    deal_history = Change.objects.in_workspace(ws).filter(
        target_type=ContentType.objects.get_for_model(Deal), target_id=lost.pk
    )
    assert {c.kind for c in deal_history} == {"created", "updated"}


def test_every_seller_finds_todays_and_overdue_actions_and_a_quiet_account() -> None:
    ws = load_demo().workspace
    now = timezone.now()
    for seller in sellers(ws):
        today = timezone.localdate(now, timezone=seller.tzinfo)
        mine = Action.objects.in_workspace(ws).filter(owner=seller)
        open_ = mine.filter(done_at__isnull=True)
        assert open_.filter(due_date=today).exists(), seller
        assert open_.filter(due_date__lt=today).exists(), seller
        assert open_.filter(due_date__gt=today, due_date__lte=today + dt.timedelta(days=6)).exists()
        assert mine.filter(done_at__isnull=False).exists(), seller
        stale = Account.objects.in_workspace(ws).filter(
            owner=seller,
            status__in=("customer", "prospect"),
            cadence_days__isnull=True,
            last_touch_at__lt=now - dt.timedelta(days=30),
        )
        assert stale.exists(), seller


def test_demo_dates_follow_the_day_it_is_loaded() -> None:
    then = dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.UTC)
    ws = load_demo(now=then).workspace
    sofia = User.objects.get(email="sofia@demo.headway.test")
    assert (
        Action.objects.in_workspace(ws)
        .filter(owner=sofia, due_date=dt.date(2025, 3, 3), done_at__isnull=True)
        .exists()
    )
    latest = Interaction.objects.in_workspace(ws).order_by("-occurred_at").first()
    assert latest is not None and latest.occurred_at < then


def test_every_account_has_a_history_from_the_day_it_was_created() -> None:
    ws = load_demo().workspace
    account_type = ContentType.objects.get_for_model(Account)
    created = Change.objects.in_workspace(ws).filter(target_type=account_type, kind="created")
    assert created.count() == Account.objects.in_workspace(ws).count()
    by_id = {c.target_id: c for c in created}
    for account in Account.objects.in_workspace(ws):
        assert by_id[account.pk].at == account.created_at


def test_demo_command_prints_how_to_sign_in_and_is_safe_to_repeat() -> None:
    assert demo_logins() == []  # nothing to offer before the demo is loaded
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for email in (
        "manager@demo.headway.test",
        "liam@demo.headway.test",
        "sofia@demo.headway.test",
        "dana@demo.headway.test",
    ):
        assert email in text
    out = StringIO()
    call_command("demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    assert demo_logins()[0] == "manager@demo.headway.test"
