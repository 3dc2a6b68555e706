from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "headway.api"
    label = "api"
