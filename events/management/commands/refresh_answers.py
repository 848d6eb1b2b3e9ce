"""Move the state that keys every ETag and kept answer, after a change made around the models."""

from django.core.management.base import BaseCommand, CommandError

from events.models import NameChange

DEFAULT_REASON = "rows changed outside the models"


class Command(BaseCommand):
    help = (
        "Make every ETag and kept answer current again, in every process: after a script changed rows with "
        "QuerySet.update() or SQL (a user renamed so, say), which no model's save() logged. Writes nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reason", default=DEFAULT_REASON, help="What changed (kept; at most 300 characters).")

    def handle(self, *args, reason, **options):
        reason = " ".join(reason.split()) or DEFAULT_REASON  # a line's breaks and tabs as spaces
        limit = NameChange._meta.get_field("reason").max_length
        if len(reason) > limit or not reason.isprintable():
            raise CommandError(f"--reason: give at most {limit} printable characters (it has {len(reason)}).")
        NameChange.objects.create(reason=reason)
        self.stdout.write("Every ETag and kept answer moved: the next read of each is queried and rendered again.")
