from django.urls import URLPattern

app_name = "winback"
urlpatterns: list[URLPattern] = []
