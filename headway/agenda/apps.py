from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "headway.agenda"
    label = "agenda"

    def ready(self) -> None:
        # The core providers register themselves on import; each module's app does the same
        # in its own ready(), so the registry is complete once Django has started.
        from headway.agenda import providers  # noqa: F401
