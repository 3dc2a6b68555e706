from django.apps import AppConfig


class WinbackConfig(AppConfig):
    name = "headway.winback"
    label = "winback"
    verbose_name = "Win-backs"

    def ready(self) -> None:
        # Registers the "winback" agenda provider.
        from headway.winback import agenda  # noqa: F401
