"""Headway's URLs plus two that break, to see the 500 page as a visitor would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from headway.urls import handler500
from headway.urls import urlpatterns as headway_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [
    path("boom/", boom),
    path("api/v1/boom/", boom),
    *headway_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
