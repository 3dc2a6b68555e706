"""The first run of a real install: ``headway setup`` makes the first admin and workspace on an
empty database (asked for, or from options for scripts), refuses on one in use, and adds a
workspace when asked; no demo person ever appears on such an install."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from headway.demo import DEMO_PASSWORD, demo_people, load_demo
from headway.management.commands import setup as setup_command
from headway.workspaces.models import Membership, User, Workspace
from tests import factories

PASSWORD = "orchid-lantern-42"
ROOT = Path(__file__).resolve().parents[2] / "headway"


def setup(*args: str, **options: Any) -> str:
    out = io.StringIO()
    call_command("setup", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def no_demo_people() -> None:
    demo_emails = {p.email for p in demo_people()}
    assert not User.objects.filter(email__in=demo_emails).exists()
    assert not User.objects.filter(email__endswith="@demo.headway.test").exists()


def signs_in(email: str, password: str) -> bool:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


@pytest.fixture
def password_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEADWAY_ADMIN_PASSWORD", PASSWORD)


@pytest.mark.django_db
def test_first_run_on_an_empty_database_makes_the_admin_and_the_workspace(password_env):
    assert not User.objects.exists() and not Workspace.objects.exists()

    out = setup(
        "--no-input",
        email="Ada@Acme.test",
        name="Ada Lovelace",
        workspace="Acme Sales",
        time_zone="Europe/London",
    )

    workspace = Workspace.objects.get()
    admin = User.objects.get()
    assert (workspace.name, workspace.slug) == ("Acme Sales", "acme-sales")
    assert (admin.email, admin.name, admin.time_zone) == (
        "ada@acme.test",
        "Ada Lovelace",
        "Europe/London",
    )
    assert not admin.is_staff and not admin.is_superuser
    assert Membership.objects.in_workspace(workspace).get(user=admin).role == "admin"
    assert "Created the workspace “Acme Sales” (acme-sales) with ada@acme.test as its admin" in out
    assert "headway serve" in out and "invite your team" in out
    assert signs_in("ada@acme.test", PASSWORD)
    no_demo_people()


@pytest.mark.django_db
def test_the_admin_reaches_the_workspace_and_can_invite(password_env):
    setup("--no-input", email="ada@acme.test", workspace="Acme Sales")
    client = Client()
    client.post(reverse("account_login"), {"login": "ada@acme.test", "password": PASSWORD})
    assert client.get("/").status_code == 200
    members = client.get(reverse("workspaces:members")).content.decode()
    assert "Members of Acme Sales" in members and "Invite someone" in members


@pytest.mark.django_db
def test_it_asks_for_what_the_options_do_not_give_until_it_is_valid(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(setup_command, "terminal", lambda: True)
    answers: Iterator[str] = iter(["", "Acme Sales", "not-an-address", "ada@acme.test", "Ada", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    passwords: Iterator[str] = iter(["123", PASSWORD, "typo", PASSWORD, PASSWORD])
    monkeypatch.setattr(setup_command.getpass, "getpass", lambda prompt="": next(passwords))
    err = io.StringIO()

    call_command("setup", stdout=io.StringIO(), stderr=err)

    admin = User.objects.get()
    assert (admin.email, admin.name, admin.time_zone) == ("ada@acme.test", "Ada", "UTC")
    assert admin.check_password(PASSWORD)
    said = err.getvalue()
    assert "Please enter a value." in said  # the empty workspace name
    assert "Enter a valid email address." in said
    assert "too short" in said or "entirely numeric" in said
    assert "The two passwords differ" in said


@pytest.mark.django_db
def test_scripts_may_pass_the_password_on_standard_input(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    setup("--password-stdin", email="ops@acme.test", workspace="Acme", slug="acme-hq")
    assert Workspace.objects.get().slug == "acme-hq"
    assert User.objects.get().check_password(PASSWORD)


@pytest.mark.django_db
def test_without_a_password_a_script_is_told_where_to_give_it_and_nothing_is_made():
    with pytest.raises(CommandError, match="HEADWAY_ADMIN_PASSWORD"):
        setup("--no-input", email="ada@acme.test", workspace="Acme Sales")
    assert not User.objects.exists() and not Workspace.objects.exists()


@pytest.mark.django_db
def test_a_weak_password_or_a_missing_value_is_refused_and_nothing_is_made(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("HEADWAY_ADMIN_PASSWORD", "12345678")
    with pytest.raises(CommandError, match="the password: "):
        setup("--no-input", email="ada@acme.test", workspace="Acme Sales")
    monkeypatch.setenv("HEADWAY_ADMIN_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="Give --workspace"):
        setup("--no-input", email="ada@acme.test")
    with pytest.raises(CommandError, match=r"--time-zone: .*not a time zone we know"):
        setup("--no-input", email="ada@acme.test", workspace="Acme", time_zone="Mars/Olympus")
    assert not User.objects.exists() and not Workspace.objects.exists()


def test_an_install_in_use_is_refused_clearly_and_left_as_it_was(world, password_env):
    before = (User.objects.count(), Workspace.objects.count())
    with pytest.raises(CommandError) as refused:
        setup("--no-input", email="new@acme.test", workspace="Another")
    message = str(refused.value)
    assert "This install is not empty (6 people and 2 workspaces)" in message
    assert "nothing was changed" in message and "--add-workspace" in message
    assert (User.objects.count(), Workspace.objects.count()) == before


@pytest.mark.django_db
def test_an_install_with_people_but_no_workspace_is_not_empty_either(password_env):
    factories.make_user("root@acme.test")
    with pytest.raises(CommandError, match=r"\(1 person and 0 workspaces\)"):
        setup("--no-input", email="ada@acme.test", workspace="Acme Sales")


def test_add_workspace_with_someone_already_here_as_its_admin(world):
    out = setup("--add-workspace", "--no-input", email="manager@acme.test", workspace="EMEA Sales")
    workspace = Workspace.objects.get(name="EMEA Sales")
    assert Membership.objects.in_workspace(workspace).get().user == world.manager
    assert Membership.objects.in_workspace(workspace).get().role == "admin"
    assert "an existing account: same password as before" in out
    assert User.objects.count() == 6


def test_add_workspace_for_a_new_person_needs_their_password(world, password_env):
    setup(
        "--add-workspace", "--no-input", email="lead@emea.test", name="Lee", workspace="EMEA Sales"
    )
    lead = User.objects.get(email="lead@emea.test")
    assert lead.check_password(PASSWORD)
    assert Membership.objects.in_workspace(Workspace.objects.get(name="EMEA Sales")).get().user == (
        lead
    )


def test_add_workspace_refuses_a_short_name_already_taken(world):
    taken = world.workspace.slug
    with pytest.raises(CommandError, match="--slug: Another workspace already uses"):
        setup("--add-workspace", "--no-input", email="admin@acme.test", workspace="X", slug=taken)
    assert not Workspace.objects.filter(name="X").exists()


def test_a_second_workspace_with_the_same_name_gets_its_own_short_name(world):
    for _ in range(2):
        setup("--add-workspace", "--no-input", email="admin@acme.test", workspace="EMEA Sales")
    slugs = sorted(Workspace.objects.filter(name="EMEA Sales").values_list("slug", flat=True))
    assert slugs == ["emea-sales", "emea-sales-2"]


@pytest.mark.django_db
def test_the_demo_is_refused_on_an_install_set_up_for_a_team(password_env):
    setup("--no-input", email="ada@acme.test", workspace="Acme Sales")
    with pytest.raises(CommandError, match="set up for a team"):
        call_command("demo", stdout=io.StringIO())
    with pytest.raises(CommandError, match="set up for a team"):
        call_command("demo", "--reset", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo", "--skip-on-team-install", stdout=out)  # what `make run` passes
    assert "not loaded" in out.getvalue()
    no_demo_people()
    assert not signs_in("admin@demo.headway.test", DEMO_PASSWORD)


@pytest.mark.django_db
def test_an_install_started_for_the_demo_keeps_loading_it():
    out = io.StringIO()
    call_command("demo", "--skip-on-team-install", stdout=out)
    assert "Loaded the demo workspace" in out.getvalue()
    call_command("demo", "--skip-on-team-install", stdout=out)  # `make run` again
    assert "already loaded" in out.getvalue()


@pytest.mark.django_db
def test_setup_refuses_an_install_that_holds_the_demo(password_env):
    load_demo()
    with pytest.raises(CommandError, match="not empty") as refused:
        setup("--no-input", email="ada@acme.test", workspace="Acme Sales")
    assert "It holds the demo" in str(refused.value)
    assert "start from an empty database" in str(refused.value)


def test_only_the_demo_command_loads_the_demo():
    """`headway setup` and `headway serve` never create demo people: the one command that
    loads the demo is `headway demo` (and `make run`, which calls it)."""
    callers = sorted(
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "load_demo(" in path.read_text() and "demo" not in path.relative_to(ROOT).parts[:1]
    )
    assert callers == ["management/commands/demo.py"]


@pytest.mark.django_db
def test_the_sign_in_page_of_an_empty_install_says_how_to_start_it(password_env):
    page = Client().get(reverse("account_login")).content.decode()
    assert "This install is empty" in page and "headway setup" in page
    setup("--no-input", email="ada@acme.test", workspace="Acme Sales")
    page = Client().get(reverse("account_login")).content.decode()
    assert "This install is empty" not in page
