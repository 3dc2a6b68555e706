from django.apps import AppConfig


class OptionsConfig(AppConfig):
    name = "headway.options"
    label = "options"
    verbose_name = "Option Solving"

    def ready(self) -> None:
        # Registers the "options" agenda provider (review first thing, action initiative,
        # colleagues' picks, outcome).
        from headway.options import agenda  # noqa: F401
