"""``manage.py restore FILE``: replace every table of the database with those of a backup made by ``backup``."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from eventsapi.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore the backup in FILE (made by `manage.py backup`): every table of the database (records, "
        "history, users, groups, tokens) becomes what it was at the backup. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup made by `manage.py backup` on the same database engine")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="do not ask for confirmation"
        )

    def handle(self, *args, file, database, interactive, **options):
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database {name} with the backup {file}.\n"
                "Stop the server first (gunicorn): requests served meanwhile would see a database being replaced.\n"
                "Type 'yes' to restore, anything else to stop: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled: nothing changed.")
        try:
            restore(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # As docs/operations.md's "Restoring in production": the server stopped before, migrate, then start it.
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {file} into {name}. Now run `manage.py migrate` (a backup of an older release brings its "
                "own migrations), then start the server again (gunicorn), which drops the counts it kept."
            )
        )
