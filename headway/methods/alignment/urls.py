"""Mutual Learning pages, mounted at /alignments/."""

from django.urls import URLPattern

app_name = "alignment"

urlpatterns: list[URLPattern] = []
