from django.apps import AppConfig


class HeadwayConfig(AppConfig):
    """The project package itself is an app so that ``headway <command>`` finds its commands."""

    name = "headway"
    label = "headway"
