from django.urls import include, path

from headway.kit.methods import method_urlpatterns

urlpatterns = [
    path("auth/", include("allauth.urls")),
    path("", include("headway.agenda.urls")),
    path("", include("headway.crm.urls")),
    path("", include("headway.workspaces.urls")),
    path("", include("headway.web.urls")),
    # Each method app's pages at its declared prefix (headway.kit.methods.MethodApp).
    *method_urlpatterns(),
    path("api/v1/", include("headway.api.urls")),
]

# The 500 page: a static page with the app's look that needs no database, template or context
# processor (headway.web.views.server_error).
handler500 = "headway.web.views.server_error"
