from django.urls import path

from headway.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.home, name="home"),
    path("agenda/actions/new/", views.action_create, name="action_create"),
    path("agenda/done/", views.done, name="done"),
    path("agenda/undo/", views.undo, name="undo"),
    path("agenda/snooze/", views.snooze, name="snooze"),
    path("agenda/calendar/", views.calendar, name="calendar"),
    path("agenda/calendar/new/", views.calendar_create, name="calendar_create"),
    path("agenda/calendar/<int:feed_id>/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("agenda/calendar/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
]
