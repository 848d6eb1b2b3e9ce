"""Tests of a data migration: the database taken back to the migration before it, rows written as they were then,
and migrated forward again."""

import contextlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@contextlib.contextmanager
def models_at(migration):
    """The app registry as it was at the events migration ``migration``, the database migrated back to it; forward to
    the latest migration on leaving, whatever happened inside."""
    target = [("events", migration)]
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    try:
        yield executor.loader.project_state(target).apps
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
