"""``manage.py backup FILE``: the whole database in one file (SQLite: online backup; PostgreSQL: pg_dump)."""

from django.core.management.base import BaseCommand, CommandError

from eventsapi.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE: on SQLite with the online backup API (safe while the server "
        "writes), on PostgreSQL with pg_dump --format=custom. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup (replaced only once the copy is complete)")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, file, database, **options):
        try:
            path = backup(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {path} ({path.stat().st_size:,} bytes)."))
