"""Load the seed fixture into a database that has no events yet; never over a curator's work."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from events.models import Event

FIXTURE = "seed"


class Command(BaseCommand):
    help = (
        "Load the seed fixture (fixtures/seed.json) when the database has no events. A database that has "
        "any event is left as it is, so `make run` never undoes an edit made in the admin or the API."
    )

    def handle(self, *args, **options):
        events = Event.objects.count()
        if events:
            self.stdout.write(
                f"The database has {events} event{'s' if events != 1 else ''}: the seed fixture is not loaded, "
                "nothing changed. (To load it anyway: manage.py loaddata seed.)"
            )
            return
        call_command("loaddata", FIXTURE, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"The database had no events: loaded the seed fixture ({Event.objects.count()} events)."
            )
        )
