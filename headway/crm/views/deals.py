"""Web pages for deals (filled in by the CRM web work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
