from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CrmConfig(AppConfig):
    name = "headway.crm"
    label = "crm"
    verbose_name = "CRM"

    def ready(self) -> None:
        from headway.crm import search

        # Puts back the SQLite search triggers if a later migration remade a searched table.
        post_migrate.connect(search.ensure_after_migrate, sender=self)
