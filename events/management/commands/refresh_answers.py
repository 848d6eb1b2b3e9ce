"""Move the state that keys every ETag and kept answer, after a change made around the models."""

from django.core.management.base import BaseCommand

from events.models import NameChange


class Command(BaseCommand):
    help = (
        "Make every ETag and kept answer current again, in every process: after a script changed rows with "
        "QuerySet.update() or SQL (a user renamed so, say), which no model's save() logged. Writes nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reason", default="rows changed outside the models", help="What changed (kept).")

    def handle(self, *args, reason, **options):
        NameChange.objects.create(reason=reason[:300])
        self.stdout.write("Every ETag and kept answer moved: the next read of each is queried and rendered again.")
