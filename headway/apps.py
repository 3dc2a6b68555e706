from typing import Any

from django.apps import AppConfig, apps
from django.core.management import call_command
from django.db.models.signals import post_migrate


class HeadwayConfig(AppConfig):
    """The project package itself is an app so that ``headway <command>`` finds its commands."""

    name = "headway"
    label = "headway"

    def ready(self) -> None:
        # Once per `migrate` (post_migrate is sent per app with models; this project package
        # has none, so listen to the tenancy app's, which every install has).
        post_migrate.connect(
            create_cache_table,
            sender=apps.get_app_config("workspaces"),
            dispatch_uid="headway.create_cache_table",
        )


def create_cache_table(*, using: str = "default", verbosity: int = 1, **kwargs: Any) -> None:
    """The database cache's table (settings.DATABASE_CACHE), so `migrate` alone — `make run`,
    a fresh install, an upgrade — leaves the throttling counters somewhere all workers share.
    Does nothing when the table exists or the cache is Redis."""
    call_command("createcachetable", database=using, verbosity=verbosity)
