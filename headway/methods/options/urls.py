"""Option Solving pages, mounted at /decisions/. URL kwargs follow the naming contract:
``decision_id``, ``consideration_id``, ``alternative_id`` (see tests/methods/options/isolation.py)."""

from django.urls import URLPattern, path

from headway.methods.options import views

app_name = "options"

D = "<int:decision_id>/"

urlpatterns: list[URLPattern] = [
    path("", views.decision_list, name="decision_list"),
    path("new/", views.decision_create, name="decision_create"),
    path(D, views.decision_detail, name="decision_detail"),
    path(D + "goal/", views.decision_update, name="decision_update"),
    path(D + "question/", views.question_update, name="question_update"),
    path(D + "considerations/", views.consideration_add, name="consideration_add"),
    path(
        D + "considerations/<int:consideration_id>/key/",
        views.consideration_key,
        name="consideration_key",
    ),
    path(
        D + "considerations/<int:consideration_id>/delete/",
        views.consideration_delete,
        name="consideration_delete",
    ),
    path(D + "options/", views.leave_framing, name="leave_framing"),
    path(D + "bookends/", views.bookends_set, name="bookends_set"),
    path(D + "alternatives/", views.alternative_add, name="alternative_add"),
    path(
        D + "alternatives/<int:alternative_id>/delete/",
        views.alternative_delete,
        name="alternative_delete",
    ),
    path(D + "spectrum/", views.spectrum_update, name="spectrum_update"),
    path(D + "incubate/", views.incubate, name="incubate"),
    path(D + "review/", views.review, name="review"),
    path(D + "review/open/", views.review_open, name="review_open"),
    path(D + "choose/", views.choose, name="choose"),
    path(D + "actions/", views.action_add, name="action_add"),
    path(D + "outcome/", views.outcome, name="outcome"),
    path(D + "colleagues/", views.colleagues_invite, name="colleagues_invite"),
    path(D + "pick/", views.pick, name="pick"),
    path(D + "delete/", views.decision_delete, name="decision_delete"),
    path(D + "pictogram.svg", views.pictogram_svg, name="pictogram_svg"),
    path(D + "pictogram.pdf", views.pictogram_pdf, name="pictogram_pdf"),
]
