"""`headway token create|list|revoke` on the command line."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from headway.workspaces import services
from headway.workspaces.models import ApiToken


def run(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_a_token_created_on_the_command_line_authenticates_until_revoked(world: Any) -> None:
    raw = run(
        "create",
        "--email",
        "member@acme.test",
        "--workspace",
        world.workspace.slug,
        "--name",
        "cron",
    ).strip()
    result = services.token_authenticate(raw)
    assert result is not None
    token, membership = result
    assert membership.user == world.member and membership.workspace == world.workspace
    assert ApiToken.objects.in_workspace(world.workspace).get(pk=token.pk).token_hash != raw

    listing = run("list", "--email", "member@acme.test")
    assert "cron" in listing and token.prefix in listing and "active" in listing
    assert raw not in listing

    assert "Revoked" in run("revoke", "--id", str(token.pk))
    assert services.token_authenticate(raw) is None
    assert "revoked" in run(
        "list", "--email", "member@acme.test", "--workspace", world.workspace.slug
    )


def test_a_token_can_be_revoked_by_its_prefix(world: Any) -> None:
    raw = run(
        "create", "--email", "member@acme.test", "--workspace", world.workspace.slug, "--name", "x"
    ).strip()
    run("revoke", "--prefix", raw[:10])
    assert services.token_authenticate(raw) is None


@pytest.mark.parametrize(
    ("email", "slug", "message"),
    [
        ("nobody@acme.test", None, "No user with the e-mail address"),
        ("member@acme.test", "no-such-space", "No workspace with the slug"),
        ("outsider@rival.test", None, "is not a member of"),
    ],
)
def test_create_explains_unknown_users_workspaces_and_non_members(
    world: Any, email: str, slug: str | None, message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run("create", "--email", email, "--workspace", slug or world.workspace.slug, "--name", "n")
    assert not ApiToken.objects.in_workspace(world.workspace).exists()


def test_revoking_an_unknown_token_says_so(world: Any) -> None:
    with pytest.raises(CommandError, match="No token with id 999"):
        run("revoke", "--id", "999")
