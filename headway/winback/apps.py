from django.apps import AppConfig


class WinbackConfig(AppConfig):
    name = "headway.winback"
    label = "winback"
