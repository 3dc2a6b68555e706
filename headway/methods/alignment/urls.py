"""Mutual Learning pages, mounted at /alignments/. URL kwargs follow the naming contract:
``alignment_id``, ``party_id``, ``item_id``, ``word_id``, ``joint_option_id`` (see
tests/methods/alignment/isolation.py)."""

from django.urls import URLPattern, path

from headway.methods.alignment import views

app_name = "alignment"

A = "<int:alignment_id>/"

urlpatterns: list[URLPattern] = [
    path("", views.alignment_list, name="alignment_list"),
    path("new/", views.alignment_create, name="alignment_create"),
    path(A, views.alignment_detail, name="alignment_detail"),
    path(A + "decision/", views.alignment_update, name="alignment_update"),
    path(A + "explore/", views.alignment_explore, name="alignment_explore"),
    path(A + "agree/", views.alignment_agree, name="alignment_agree"),
    path(A + "escalate/", views.alignment_escalate, name="alignment_escalate"),
    path(A + "abandon/", views.alignment_abandon, name="alignment_abandon"),
    path(A + "actions/", views.action_add, name="action_add"),
    path(A + "rule/", views.decision_rule_set, name="decision_rule_set"),
    path(A + "parties/", views.party_add, name="party_add"),
    path(A + "parties/<int:party_id>/", views.party_update, name="party_update"),
    path(A + "parties/<int:party_id>/remove/", views.party_remove, name="party_remove"),
    path(A + "parties/<int:party_id>/items/", views.item_add, name="item_add"),
    path(A + "items/<int:item_id>/test/", views.item_test, name="item_test"),
    path(A + "items/<int:item_id>/mark/", views.item_mark, name="item_mark"),
    path(A + "items/<int:item_id>/delete/", views.item_delete, name="item_delete"),
    path(A + "words/", views.word_add, name="word_add"),
    path(A + "words/<int:word_id>/delete/", views.word_delete, name="word_delete"),
    path(A + "options/", views.option_add, name="option_add"),
    path(A + "options/<int:joint_option_id>/rate/", views.option_rate, name="option_rate"),
    path(A + "options/<int:joint_option_id>/delete/", views.option_delete, name="option_delete"),
    path(A + "guide/", views.meeting_guide, name="meeting_guide"),
    path(A + "grid.svg", views.grid_svg, name="grid_svg"),
]
