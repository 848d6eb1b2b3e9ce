"""Fixtures of the bulk writes' tests."""

import pytest
from django.db import connection


@pytest.fixture
def stored_indexes():
    """A function giving every index and constraint of the app's tables, as the database describes them, by table."""

    def indexes():
        with connection.cursor() as cursor:
            return {
                table: connection.introspection.get_constraints(cursor, table)
                for table in connection.introspection.table_names(cursor)
                if table.startswith("events_")
            }

    return indexes
