from django.apps import AppConfig


class OptionsConfig(AppConfig):
    name = "headway.options"
    label = "options"
