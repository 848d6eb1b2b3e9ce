#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# What a database says of a table or column its migrations have not made yet: SQLite's words, PostgreSQL's SQLSTATE
# (undefined_table, undefined_column).
MISSING_SQLITE = ("no such table", "no such column")
MISSING_POSTGRESQL = ("42P01", "42703")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsapi.settings.local")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError, ProgrammingError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A setting the environment gives wrong: its one sentence names the variable (docs/operations.md)
        sys.exit(f"{sys.argv[0]}: the configuration cannot be used: {error}")
    except (OperationalError, ProgrammingError) as error:
        from events.api.exceptions import DOWN, unavailable

        if unavailable(error) == DOWN:
            sys.exit(f"{sys.argv[0]}: the database cannot be reached: {str(error).strip()}")
        if sys.argv[1:2] != ["migrate"] and not_migrated(error):
            first_line = str(error).strip().splitlines()[0]
            sys.exit(f"{sys.argv[0]}: the database is not migrated ({first_line}): run `manage.py migrate` first.")
        raise


def not_migrated(error):
    """Whether ``error`` is a table or column missing from a database whose migrations are not all applied (tester 45,
    D7: a 40-line traceback ending in "no such table"). The migrations are looked at only then, never on the way in.
    Not for ``migrate`` itself: a migration that fails on a missing column is a bug to show whole (review 38)."""
    missing = getattr(error.__cause__, "sqlstate", None) in MISSING_POSTGRESQL or any(
        words in str(error).lower() for words in MISSING_SQLITE
    )
    if not missing:
        return False
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    connection.close()  # PostgreSQL refuses every statement of a transaction that failed
    try:
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return False


if __name__ == "__main__":
    main()
