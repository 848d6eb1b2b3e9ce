"""Load the seed fixture into a database that holds no records yet; never over a curator's work."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from events.models import Article, Attendance, Event, Participant, Report

FIXTURE = "seed"
RECORDS = (Event, Participant, Article, Attendance, Report)


class Command(BaseCommand):
    help = (
        "Load the seed fixture (fixtures/seed.json) when the database holds no records. A database that holds "
        "any event, participant, article, attendance or report is left as it is, so `make run` never undoes an "
        "edit made in the admin or the API."
    )

    def handle(self, *args, **options):
        held = [
            f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
            for model in RECORDS
            if (count := model.objects.count())
        ]
        if held:
            # Not only events: a curator who deleted the seed's events keeps the participants they edited, whose
            # aliases the fixture, loaded again, would put back as they were (tester 33, J22).
            self.stdout.write(
                f"The database holds records ({', '.join(held)}): the seed fixture is not loaded, nothing changed. "
                "(To load it anyway: manage.py loaddata seed.)"
            )
            return
        call_command("loaddata", FIXTURE, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"The database held no records: loaded the seed fixture ({Event.objects.count()} events)."
            )
        )
