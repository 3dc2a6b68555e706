from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "headway.agenda"
    label = "agenda"
