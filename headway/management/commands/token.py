"""``headway token create|list|revoke`` — personal API tokens from the command line.

For operators and scripts: the same services as the Tokens page. ``create`` prints the plain
token alone on standard output (so ``TOKEN=$(headway token create …)`` works) and a note on
standard error; it is never shown again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.errors import NotFound
from headway.workspaces import services
from headway.workspaces.models import ApiToken, Membership, User, Workspace


class Command(BaseCommand):
    help = "Create, list or revoke personal API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="create|list|revoke")

        create = sub.add_parser("create", help="Issue a token and print it once.")
        create.add_argument("--email", required=True, help="The token's owner.")
        create.add_argument("--workspace", required=True, help="Workspace slug it is bound to.")
        create.add_argument("--name", required=True, help="What the token is for.")

        listing = sub.add_parser("list", help="List a person's tokens (never the tokens).")
        listing.add_argument("--email", required=True)
        listing.add_argument("--workspace", help="Only this workspace (slug).")

        revoke = sub.add_parser("revoke", help="Revoke a token by id or prefix.")
        which = revoke.add_mutually_exclusive_group(required=True)
        which.add_argument("--id", type=int, help="The token's id, as `list` shows it.")
        which.add_argument("--prefix", help="The token's first characters, e.g. hw_AbC123x.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options)
        elif action == "list":
            self._list(options)
        else:
            self._revoke(options)

    # --- lookups with messages that say what to do next ---------------------------------------

    def _user(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(
                f"No user with the e-mail address {email!r}. Check the spelling, or invite the "
                "person to a workspace first."
            )
        return user

    def _workspace(self, slug: str) -> Workspace:
        workspace = Workspace.objects.filter(slug=slug.strip()).first()
        if workspace is None:
            known = ", ".join(
                Workspace.objects.order_by("slug").values_list("slug", flat=True)[:20]
            )
            raise CommandError(
                f"No workspace with the slug {slug!r}. Known slugs: {known or 'none yet'}."
            )
        return workspace

    def _membership(self, user: User, workspace: Workspace) -> Membership:
        try:
            return services.membership_for(user=user, workspace_id=workspace.pk)
        except NotFound:
            raise CommandError(
                f"{user.email} is not a member of {workspace.slug!r}: a token is bound to a "
                "workspace its owner belongs to. Invite them first."
            ) from None

    # --- actions ----------------------------------------------------------------------------

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["email"])
        workspace = self._workspace(options["workspace"])
        membership = self._membership(user, workspace)
        name = (options["name"] or "").strip()
        if not name:
            raise CommandError("Give the token a name with --name, e.g. --name 'laptop script'.")
        token, raw = services.token_create(membership=membership, name=name)
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.pk} “{token.name}” for {user.email} in {workspace.slug}. Store it now: "
            "it will not be shown again."
        )

    def _list(self, options: dict[str, Any]) -> None:
        user = self._user(options["email"])
        # unscoped_objects: an operator's listing of one person's tokens across their workspaces.
        tokens = ApiToken.unscoped_objects.filter(user=user).select_related("workspace")
        if options.get("workspace"):
            workspace = self._workspace(options["workspace"])
            tokens = tokens.filter(workspace=workspace)
        tokens = tokens.order_by("workspace__slug", "-created_at")
        rows = [
            (
                str(t.pk),
                f"{t.prefix}…",
                t.name,
                t.workspace.slug,
                t.created_at.strftime("%Y-%m-%d %H:%M"),
                t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "never",
                "revoked" if t.revoked_at else "active",
            )
            for t in tokens
        ]
        if not rows:
            self.stdout.write(
                f"{user.email} has no tokens. Create one with `headway token create`."
            )
            return
        header = ("ID", "PREFIX", "NAME", "WORKSPACE", "CREATED (UTC)", "LAST USED", "STATUS")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))

    def _revoke(self, options: dict[str, Any]) -> None:
        # unscoped_objects: an operator names a token by id or prefix, across workspaces.
        qs = ApiToken.unscoped_objects.select_related("user", "workspace")
        if options.get("id") is not None:
            matches = list(qs.filter(pk=options["id"]))
            what = f"id {options['id']}"
        else:
            prefix = options["prefix"].rstrip("…").strip()
            if len(prefix) < 4:
                raise CommandError("Give at least the first 4 characters of the token's prefix.")
            matches = list(qs.filter(prefix__startswith=prefix)[:2])
            what = f"prefix {prefix!r}"
        if not matches:
            raise CommandError(f"No token with {what}. See `headway token list --email …`.")
        if len(matches) > 1:
            raise CommandError(f"More than one token has {what}: revoke it by --id instead.")
        token = matches[0]
        if token.revoked_at is not None:
            self.stdout.write(f"Token {token.pk} “{token.name}” was already revoked.")
            return
        services.token_revoke(token=token)
        self.stdout.write(
            f"Revoked token {token.pk} “{token.name}” ({token.prefix}…) of {token.user.email} "
            f"in {token.workspace.slug}."
        )
