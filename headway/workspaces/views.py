"""Pages around the CRM: switch workspace, profile, members and invitations, API tokens.

Thin doors onto :mod:`headway.workspaces.services`: parse the input, call the service, render
or redirect. A rule the service refuses (``RuleRefused``, e.g. removing the last admin) comes
back to the page as an error message; a role that does not allow the step is a 403 page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from headway.errors import RuleRefused
from headway.workspaces import services
from headway.workspaces.forms import (
    InviteForm,
    JoinForm,
    ProfileForm,
    RoleForm,
    TokenForm,
    WorkspaceForm,
    attach_errors,
)
from headway.workspaces.middleware import SESSION_KEY, user_memberships
from headway.workspaces.models import ApiToken, Invitation, Membership, Role, User
from headway.workspaces.permissions import require_admin, require_workspace_creator
from headway.workspaces.request import WorkspaceRequest, workspace_view

# The backend a person who just accepted an invitation is signed in with.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Lists on these pages are bounded: a workspace's recent invitations, not all of history.
INVITATIONS_SHOWN = 50


def _post_only(request: HttpRequest) -> HttpResponse | None:
    """For views whose URL names an object: resolve it first (404 for foreign ids on any
    method), then refuse anything but POST — GET never writes."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


# --- switch workspace -----------------------------------------------------------------------


@login_required
@require_POST
def switch(request: WorkspaceRequest) -> HttpResponse:
    try:
        workspace_id = int(request.POST.get("workspace", ""))
    except ValueError:
        raise Http404("No such workspace.") from None
    membership = services.membership_for(user=request.user, workspace_id=workspace_id)
    request.session[SESSION_KEY] = membership.workspace_id
    messages.success(request, f"You are now working in {membership.workspace.name}.")
    return redirect("/")


# --- a new workspace ------------------------------------------------------------------------


@login_required
def workspace_create(request: WorkspaceRequest) -> HttpResponse:
    """Create another workspace and become its admin — who may is the install's
    HEADWAY_WORKSPACE_CREATORS (the first workspace comes from ``headway setup``)."""
    require_workspace_creator(user_memberships(request))
    form = WorkspaceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.workspace_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                request.session[SESSION_KEY] = created.workspace_id
                messages.success(
                    request,
                    f"Created {created.workspace.name}; you are its admin. Invite your team here.",
                )
                return redirect("workspaces:members")
        status = 422
    return render(request, "workspaces/workspace_new.html", {"form": form}, status=status)


# --- profile --------------------------------------------------------------------------------


@login_required
def profile(request: WorkspaceRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.profile_update(user=user, **form.cleaned_data)
            except ValidationError as exc:
                user.refresh_from_db()
                attach_errors(form, exc)
            else:
                messages.success(request, "Profile saved.")
                return redirect("workspaces:profile")
    else:
        form = ProfileForm(
            initial={
                "name": user.name,
                "time_zone": user.time_zone,
                "morning_review_time": user.morning_review_time,
            }
        )
    return render(request, "workspaces/profile.html", {"form": form})


# --- members and invitations ----------------------------------------------------------------


def _members(workspace: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.in_workspace(workspace)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def _invitations(workspace: Any) -> list[Invitation]:
    return list(
        Invitation.objects.in_workspace(workspace)
        .select_related("invited_by", "accepted_by")
        .order_by("-created_at")[:INVITATIONS_SHOWN]
    )


def _members_page(
    request: WorkspaceRequest, invite_form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    membership: Membership = request.membership
    context: dict[str, Any] = {
        "members": _members(membership.workspace_id),
        "roles": Role.choices,
    }
    if membership.is_admin:
        context["invitations"] = _invitations(membership.workspace_id)
        context["invite_form"] = invite_form or InviteForm()
    return render(request, "workspaces/members.html", context, status=status)


@workspace_view
def members(request: WorkspaceRequest) -> HttpResponse:
    return _members_page(request)


@workspace_view
@require_POST
def invite(request: WorkspaceRequest) -> HttpResponse:
    membership: Membership = request.membership
    require_admin(membership)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, _url = services.invitation_create(
                membership=membership,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email} as "
                f"{invitation.get_role_display().lower()}. The link works once, for 7 days.",
            )
            return redirect("workspaces:members")
    return _members_page(request, invite_form=form)


@workspace_view
def membership_role(request: WorkspaceRequest, membership_id: int) -> HttpResponse:
    membership: Membership = request.membership
    target = services.get_membership(workspace=membership.workspace_id, id=membership_id)
    if refused := _post_only(request):
        return refused
    require_admin(membership)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the roles in the list, then press Change.")
        return redirect("workspaces:members")
    try:
        services.membership_set_role(
            membership=membership, target=target, role=form.cleaned_data["role"]
        )
    except RuleRefused as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"{target.user.display_name} is now {target.get_role_display().lower()}."
        )
    return redirect("workspaces:members")


@workspace_view
def membership_remove(request: WorkspaceRequest, membership_id: int) -> HttpResponse:
    membership: Membership = request.membership
    target = services.get_membership(workspace=membership.workspace_id, id=membership_id)
    if refused := _post_only(request):
        return refused
    require_admin(membership)
    try:
        services.membership_remove(membership=membership, target=target)
    except RuleRefused as exc:
        messages.error(request, exc.message)
        return redirect("workspaces:members")
    if target.pk == membership.pk:
        messages.success(request, f"You left {membership.workspace.name}.")
        return redirect("/")
    messages.success(
        request,
        f"{target.user.display_name} was removed from the workspace. Their records stay; "
        "reassign what they owned if needed.",
    )
    return redirect("workspaces:members")


@workspace_view
def invitation_revoke(request: WorkspaceRequest, invitation_id: int) -> HttpResponse:
    membership: Membership = request.membership
    invitation = services.get_invitation(workspace=membership.workspace_id, id=invitation_id)
    if refused := _post_only(request):
        return refused
    require_admin(membership)
    services.invitation_revoke(membership=membership, invitation=invitation)
    messages.success(
        request, f"The invitation to {invitation.email} is revoked; its link no longer works."
    )
    return redirect("workspaces:members")


# --- accepting an invitation ----------------------------------------------------------------


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page the invitation e-mail links to. Open to everyone: the token is the key."""
    try:
        invitation = services.invitation_by_token(token)
    except RuleRefused as exc:
        return render(
            request, "workspaces/invitation_invalid.html", {"message": exc.message}, status=410
        )
    user = request.user if request.user.is_authenticated else None
    # Named apart from ``workspace`` (the visitor's current one, used by the layout).
    context: dict[str, Any] = {"invitation": invitation, "invited_to": invitation.workspace}

    if user is not None:
        if not services.invited_address(invitation, user):
            # Bound to the invited address: another signed-in person is told so, and nothing
            # changes (the invitation stays open for the person it was sent to).
            context["other_address"] = services.invitation_other_address(invitation, user)
            return render(request, "workspaces/accept_invitation.html", context, status=403)
        already = Membership.objects.in_workspace(invitation.workspace_id).filter(user=user).first()
        context["already_member"] = already
        if request.method == "POST" and already is None:
            try:
                joined = services.invitation_accept(raw_token=token, user=user)
            except RuleRefused as exc:
                messages.error(request, exc.message)
                return redirect(request.path)
            return _joined(request, joined)
        return render(request, "workspaces/accept_invitation.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        login_url = reverse("account_login") + "?" + urlencode({"next": request.path})
        context["login_url"] = login_url
        return render(request, "workspaces/accept_invitation.html", context)

    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            joined = services.invitation_accept(
                raw_token=token,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        except RuleRefused as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        else:
            login(request, joined.user, backend=SIGN_IN_BACKEND)
            return _joined(request, joined)
    context["form"] = form
    return render(request, "workspaces/accept_invitation.html", context)


def _joined(request: HttpRequest, membership: Membership) -> HttpResponse:
    request.session[SESSION_KEY] = membership.workspace_id
    messages.success(
        request,
        f"Welcome to {membership.workspace.name}. You joined as "
        f"{membership.get_role_display().lower()}.",
    )
    return redirect("/")


# --- API tokens -----------------------------------------------------------------------------


def _tokens_page(
    request: WorkspaceRequest,
    form: TokenForm | None = None,
    new_token: tuple[ApiToken, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    membership: Membership = request.membership
    tokens = ApiToken.objects.in_workspace(membership.workspace_id)
    context: dict[str, Any] = {
        "form": form or TokenForm(),
        "own_tokens": list(tokens.filter(user_id=membership.user_id).order_by("-created_at")),
        "new_token": new_token[0] if new_token else None,
        "new_token_plain": new_token[1] if new_token else None,
    }
    if membership.is_admin:
        context["other_tokens"] = list(
            tokens.exclude(user_id=membership.user_id)
            .select_related("user")
            .order_by("revoked_at", "user__name", "user__email", "-created_at")
        )
    return render(request, "workspaces/tokens.html", context, status=status)


@workspace_view
def tokens(request: WorkspaceRequest) -> HttpResponse:
    return _tokens_page(request)


@workspace_view
@require_POST
def token_create(request: WorkspaceRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            created = services.token_create(
                membership=request.membership,
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            # Rendered, not redirected: the plain token exists only in this response.
            response = _tokens_page(request, new_token=created)
            response["Cache-Control"] = "no-store"
            return response
    return _tokens_page(request, form=form)


@workspace_view
def token_revoke(request: WorkspaceRequest, token_id: int) -> HttpResponse:
    membership: Membership = request.membership
    token = services.get_token(membership=membership, id=token_id)
    if refused := _post_only(request):
        return refused
    services.token_revoke(membership=membership, token=token)
    messages.success(
        request,
        f"Token “{token.name}” ({token.prefix}…) is revoked: programs using it are refused now.",
    )
    return redirect("workspaces:tokens")
