from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using, **kwargs):
    """The database cache (throttle counts when REDIS_URL is not set) needs its table: make it with every migrate."""
    call_command("createcachetable", database=using, verbosity=0)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Diplomatic events"

    def ready(self):
        from events.models import signals  # noqa: F401
        from events.web import security  # noqa: F401  (logs sign-in lockouts)

        post_migrate.connect(create_cache_table, sender=self)
