from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AgendaConfig(AppConfig):
    name = "headway.agenda"
    label = "agenda"

    def ready(self) -> None:
        # The core providers register themselves on import; each method app's agenda module
        # does the same (imported by its declaration), so the registry is complete once Django
        # has started. The stored agenda follows every write from here on.
        from headway import changes
        from headway.agenda import providers, sync  # noqa: F401

        changes.listen(sync.WriteListener())
        post_migrate.connect(sync.fill_if_empty, sender=self)
