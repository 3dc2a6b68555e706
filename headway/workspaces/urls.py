from django.urls import URLPattern, path

from headway.workspaces import views

app_name = "workspaces"
urlpatterns: list[URLPattern] = [
    path("workspace/switch/", views.switch, name="switch"),
    path("workspace/new/", views.workspace_create, name="workspace_create"),
    path("profile/", views.profile, name="profile"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path("members/<int:membership_id>/role/", views.membership_role, name="membership_role"),
    path("members/<int:membership_id>/remove/", views.membership_remove, name="membership_remove"),
    path(
        "invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/accept/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/new/", views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
