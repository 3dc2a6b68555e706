"""Workspace actions: create a workspace, invite people, change roles, issue API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from headway.errors import NotFound, PermissionDenied, RuleRefused
from headway.workspaces.models import ApiToken, Invitation, Membership, Role, User, Workspace
from headway.workspaces.permissions import (
    require_admin,
    require_token_holder,
    require_workspace_creator,
)

INVITATION_DAYS = 7
TOKEN_PREFIX = "hw_"
LAST_ADMIN = "A workspace needs at least one admin: make someone else admin first."
ALREADY_MEMBER = "This person is already a member of the workspace."
INVITATION_INVALID = (
    "This invitation link is not valid any more (used, revoked or expired). Ask the person who "
    "invited you for a new one."
)


def invitation_other_address(invitation: Invitation, user: User) -> str:
    """Why a signed-in person whose address is not the invited one cannot accept."""
    return (
        f"This invitation is for {invitation.email}, and you are signed in as {user.email}. "
        f"Only {invitation.email} can accept it: sign out and open the link again to join with "
        f"that address, or ask an admin of {invitation.workspace} to invite {user.email}."
    )


def invited_address(invitation: Invitation, user: User) -> bool:
    """An invitation is bound to the address it was sent to: only that person may accept."""
    return user.email.strip().lower() == invitation.email.strip().lower()


def hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


# --- workspaces: the first run, and further ones ------------------------------------------

INSTALL_NOT_EMPTY = (
    "This install is not empty ({people} and {workspaces}): `headway setup` only starts an "
    "empty install, so nothing was changed. To add a workspace, run `headway setup "
    "--add-workspace --workspace NAME --email ADMIN` (the admin may be someone who is already "
    "here)."
)
NAME_REQUIRED = "Give the workspace a name, e.g. your company or team."
NAME_TOO_LONG = "A workspace name has at most 120 characters."
SLUG_INVALID = "Use letters, digits and hyphens only, e.g. acme-sales."
SLUG_TAKEN = "Another workspace already uses this short name: choose another one."
EMAIL_TAKEN = "Someone with this e-mail address already has an account."


def _plain_text(value: str, *, field: str, limit: int, required: str, too_long: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: required})
    if len(value) > limit:
        raise ValidationError({field: too_long})
    if any(ord(ch) < 32 for ch in value):
        raise ValidationError({field: "Use printable characters only."})
    return value


def check_workspace_name(name: str) -> str:
    return _plain_text(
        name, field="name", limit=120, required=NAME_REQUIRED, too_long=NAME_TOO_LONG
    )


def check_slug(slug: str) -> str:
    """An explicitly chosen short name: valid and free (an automatic one is made free)."""
    slug = (slug or "").strip().lower()
    if not slug or slugify(slug) != slug or len(slug) > 50:
        raise ValidationError({"slug": SLUG_INVALID})
    if Workspace.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": SLUG_TAKEN})
    return slug


def _free_slug(name: str) -> str:
    base = slugify(name)[:50].strip("-") or "workspace"
    candidate, n = base, 1
    while Workspace.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base[:45]}-{n}"
    return candidate


def new_user(*, email: str, name: str, password: str, time_zone: str = "UTC") -> User:
    """A person made by an operator (``headway setup``): the address free, the password as
    strong as the validators ask. Raises ValidationError per field (email, name, password,
    time_zone)."""
    from django.contrib.auth.password_validation import validate_password

    email = (email or "").strip().lower()
    user = User(email=email, name=(name or "").strip(), time_zone=time_zone or "UTC")
    try:
        user.full_clean(exclude=["password", "last_login"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": EMAIL_TAKEN})
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    return User.objects.create_user(email, password, name=user.name, time_zone=user.time_zone)


def _make_workspace(*, name: str, admin: User, slug: str = "") -> Membership:
    name = check_workspace_name(name)
    slug = check_slug(slug) if slug else _free_slug(name)
    workspace = Workspace.objects.create(name=name, slug=slug)
    return Membership.objects.create(workspace=workspace, user=admin, role=Role.ADMIN)


def install_is_empty() -> bool:
    """Nobody and no workspace yet: the state ``headway setup`` starts from."""
    return not User.objects.exists() and not Workspace.objects.exists()


def install_not_empty_message() -> str:
    people, workspaces = User.objects.count(), Workspace.objects.count()
    return INSTALL_NOT_EMPTY.format(
        people=f"{people} {'person' if people == 1 else 'people'}",
        workspaces=f"{workspaces} workspace{'' if workspaces == 1 else 's'}",
    )


@transaction.atomic
def install_setup(
    *,
    email: str,
    name: str,
    password: str,
    workspace_name: str,
    slug: str = "",
    time_zone: str = "UTC",
) -> Membership:
    """The first run: the first admin and their workspace, on an empty install only
    (RuleRefused otherwise: nothing is changed on an install already in use)."""
    if not install_is_empty():
        raise RuleRefused(install_not_empty_message())
    check_workspace_name(workspace_name)  # before anyone is made, so an error changes nothing
    admin = new_user(email=email, name=name, password=password, time_zone=time_zone)
    return _make_workspace(name=workspace_name, admin=admin, slug=slug)


@transaction.atomic
def workspace_add(
    *,
    workspace_name: str,
    email: str,
    slug: str = "",
    name: str = "",
    password: str = "",
    time_zone: str = "UTC",
) -> tuple[Membership, bool]:
    """An operator adds a workspace (``headway setup --add-workspace``), whoever may create
    them on the web: its admin is the person with this address, made if new (then ``password``
    is needed). Returns the admin's membership and whether the person was made."""
    check_workspace_name(workspace_name)
    if slug:
        check_slug(slug)
    admin = User.objects.filter(email__iexact=(email or "").strip()).first()
    made = admin is None
    if admin is None:
        admin = new_user(email=email, name=name, password=password, time_zone=time_zone)
    return _make_workspace(name=workspace_name, admin=admin, slug=slug), made


@transaction.atomic
def workspace_create(*, user: User, name: str) -> Membership:
    """A signed-in person creates another workspace and becomes its admin — if the install's
    HEADWAY_WORKSPACE_CREATORS lets them (PermissionDenied otherwise)."""
    # unscoped_objects: scoped by user — the person's own memberships decide (admin anywhere?).
    memberships = list(Membership.unscoped_objects.filter(user=user))
    require_workspace_creator(memberships)
    return _make_workspace(name=name, admin=user)


def membership_for(*, user: User, workspace_id: Any) -> Membership:
    """The user's membership of a workspace; NotFound if they do not belong to it."""
    # unscoped_objects: scoped by user — a person may only reach their own memberships.
    membership = (
        Membership.unscoped_objects.filter(user=user, workspace_id=workspace_id)
        .select_related("workspace")
        .first()
    )
    if membership is None:
        raise NotFound("No such workspace.")
    return membership


def _admins_left(workspace_id: int, excluding: Membership) -> int:
    return (
        Membership.objects.in_workspace(workspace_id)
        .filter(role=Role.ADMIN)
        .exclude(pk=excluding.pk)
        .count()
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, target: Membership, role: str) -> Membership:
    require_admin(membership)
    if role not in Role.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(Role.values)}."})
    if (
        target.role == Role.ADMIN
        and role != Role.ADMIN
        and not _admins_left(target.workspace_id, target)
    ):
        raise RuleRefused(LAST_ADMIN)
    target.role = role
    target.save(update_fields=["role"])
    return target


@transaction.atomic
def membership_remove(*, membership: Membership, target: Membership) -> None:
    require_admin(membership)
    if target.role == Role.ADMIN and not _admins_left(target.workspace_id, target):
        raise RuleRefused(LAST_ADMIN)
    target.delete()


def invitation_create(
    *, membership: Membership, email: str, role: str = Role.MEMBER
) -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and the accept URL (sent by e-mail;
    only its hash is stored)."""
    require_admin(membership)
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(Role.values)}."})
    if (
        Membership.objects.in_workspace(membership.workspace_id)
        .filter(user__email__iexact=email)
        .exists()
    ):
        raise ValidationError({"email": ALREADY_MEMBER})
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation(
            workspace_id=membership.workspace_id,
            email=email,
            role=role,
            token_hash=hash_secret(raw),
            invited_by=membership.user,
            expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        )
        invitation.full_clean(exclude=["workspace", "invited_by", "accepted_by"])
        invitation.save()
    url = settings.HEADWAY_BASE_URL.rstrip("/") + reverse(
        "workspaces:accept_invitation", args=[raw]
    )
    context = {"invitation": invitation, "url": url, "workspace": membership.workspace}
    send_mail(
        subject=f"[Headway] {membership.user.display_name} invited you to {membership.workspace}",
        message=render_to_string("workspaces/email/invitation.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation, url


def invitation_by_token(raw: str) -> Invitation:
    # unscoped_objects: found by the hash of a secret only its recipient has (the scope).
    invitation = (
        Invitation.unscoped_objects.filter(token_hash=hash_secret(raw))
        .select_related("workspace", "invited_by")
        .first()
    )
    if invitation is None or not invitation.is_open:
        raise RuleRefused(INVITATION_INVALID)
    return invitation


@transaction.atomic
def invitation_accept(
    *, raw_token: str, user: User | None = None, name: str = "", password: str = ""
) -> Membership:
    """Join the workspace. The invitation is bound to the invited address and works once,
    before it expires: a signed-in user joins only if their address is the invited one
    (PermissionDenied otherwise, and nothing changes); without a user, an account is made for
    the invited address with the chosen password."""
    invitation = invitation_by_token(raw_token)
    if user is not None and not invited_address(invitation, user):
        raise PermissionDenied(invitation_other_address(invitation, user))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise RuleRefused(
                "An account with this e-mail already exists: sign in first, then open the link "
                "again."
            )
        from django.contrib.auth.password_validation import validate_password

        candidate = User(email=invitation.email, name=name)
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        user = User.objects.create_user(invitation.email, password, name=name)
    # Claim the invitation first, in one conditional UPDATE: of two requests racing with the
    # same link, exactly one finds it still open (the other is refused and rolls back).
    now = timezone.now()
    claimed = (
        Invitation.objects.in_workspace(invitation.workspace_id)
        .filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        )
        .update(accepted_at=now, accepted_by=user)
    )
    if claimed != 1:
        raise RuleRefused(INVITATION_INVALID)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                workspace_id=invitation.workspace_id, user=user, role=invitation.role
            )
    except IntegrityError:
        raise RuleRefused(ALREADY_MEMBER) from None
    return membership


def invitation_revoke(*, membership: Membership, invitation: Invitation) -> Invitation:
    require_admin(membership)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def get_invitation(*, workspace: Any, id: Any) -> Invitation:
    try:
        return Invitation.objects.in_workspace(workspace).get(pk=int(id))
    except (Invitation.DoesNotExist, TypeError, ValueError):
        raise NotFound("No such invitation.") from None


def get_membership(*, workspace: Any, id: Any) -> Membership:
    try:
        return Membership.objects.in_workspace(workspace).select_related("user").get(pk=int(id))
    except (Membership.DoesNotExist, TypeError, ValueError):
        raise NotFound("No such member.") from None


# --- API tokens -----------------------------------------------------------------------------


def token_create(*, membership: Membership, name: str) -> tuple[ApiToken, str]:
    """Issue a personal token bound to this workspace. The plain token is returned once and
    never stored. Any member may, viewers included: the token acts with its owner's current
    role (:func:`~headway.workspaces.permissions.may_hold_tokens`)."""
    require_token_holder(membership)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name, e.g. “laptop script”."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        workspace_id=membership.workspace_id,
        user=membership.user,
        name=name[:80],
        prefix=raw[:10],
        token_hash=hash_secret(raw),
    )
    token.save()
    return token, raw


def get_token(*, membership: Membership, id: Any) -> ApiToken:
    """A token of this workspace: its owner's, or any for an admin."""
    qs = ApiToken.objects.in_workspace(membership.workspace_id)
    if not membership.is_admin:
        qs = qs.filter(user_id=membership.user_id)
    try:
        return qs.get(pk=int(id))
    except (ApiToken.DoesNotExist, TypeError, ValueError):
        raise NotFound("No such token.") from None


def token_revoke(*, token: ApiToken, membership: Membership | None = None) -> ApiToken:
    """Revoke a token resolved with :func:`get_token` (owner or admin) — or by an operator on
    the command line, who has no membership."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> tuple[ApiToken, Membership] | None:
    """The token and its owner's current membership, or None if unknown, revoked, or the owner
    has left the workspace since."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    # unscoped_objects: found by the hash of a secret — the token itself is the scope.
    token = (
        ApiToken.unscoped_objects.filter(token_hash=hash_secret(raw), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    membership = (
        Membership.objects.in_workspace(token.workspace_id)
        .filter(user_id=token.user_id)
        .select_related("workspace", "user")
        .first()
    )
    if membership is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.in_workspace(token.workspace_id).filter(pk=token.pk).update(
            last_used_at=now
        )
    return token, membership


def profile_update(*, user: User, **data: Any) -> User:
    for name, value in data.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    return user
