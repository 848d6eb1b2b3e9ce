"""``manage.py mirror URL``: keep this database a copy of another eventsapi's records by following its change feed."""

import time

from django.core.management.base import BaseCommand, CommandError

from events.transfer.mirror import Mirror, SourceError


class Command(BaseCommand):
    help = (
        "Follow the change feed of the eventsapi at URL (its site or API root) into this database: creates, "
        "updates and deletions. Resumable: the cursor of the last page applied is stored with it."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="The source: http://host:8000/ or http://host:8000/api/.")
        parser.add_argument(
            "--token", help="An API token of the source (a curator's mirrors drafts too); default: anonymous."
        )
        parser.add_argument("--page-size", type=int, default=500, help="Changes a page (default 500).")
        parser.add_argument(
            "--follow",
            type=float,
            metavar="SECONDS",
            help="Keep following: read the feed again every SECONDS once caught up (stop with Ctrl-C).",
        )

    def handle(self, *args, url, token, page_size, follow, **options):
        try:
            mirror = Mirror(url, token=token, page_size=page_size)
        except SourceError as error:
            raise CommandError(str(error)) from None
        try:
            while True:
                applied = mirror.follow()
                self.stdout.write(f"{applied} records changed; cursor {mirror.cursor or '(start)'}.")
                if follow is None:
                    return
                time.sleep(follow)
        except (SourceError, OSError) as error:
            raise CommandError(f"The source could not be followed: {error}") from error
        except KeyboardInterrupt:
            self.stdout.write(f"Stopped at cursor {mirror.cursor}.")
