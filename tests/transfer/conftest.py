"""Fixtures of the bulk writes' tests."""

import json

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


@pytest.fixture
def ndjson(tmp_path):
    """A function writing records (dicts) as an NDJSON file, one a line; it returns its path."""

    def write(records, name="records.ndjson"):
        path = tmp_path / name
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        return path

    return write
