"""Mounted at /api/v1/ by headway/urls.py."""

from django.urls import URLPattern, URLResolver, path

from headway.api.main import api

urlpatterns: list[URLPattern | URLResolver] = [path("", api.urls)]
