from django.urls import include, path

urlpatterns = [
    path("auth/", include("allauth.urls")),
    path("", include("headway.agenda.urls")),
    path("", include("headway.crm.urls")),
    path("", include("headway.workspaces.urls")),
    path("", include("headway.web.urls")),
    path("decisions/", include("headway.options.urls")),
    path("winbacks/", include("headway.winback.urls")),
    path("api/v1/", include("headway.api.urls")),
]
