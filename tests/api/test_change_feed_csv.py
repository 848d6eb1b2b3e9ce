"""The change feed's CSV writes its times as its JSON and every other CSV do: ISO 8601 with ``Z``."""

import csv
import io
import re

import pytest

from tests.factories import EventFactory

# transaction: on PostgreSQL the change log numbers its lines as their transaction commits (tests/api/test_changes.py)
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$")


def test_the_feeds_csv_times_are_its_jsons(api_client):
    EventFactory()
    EventFactory()
    rows = list(csv.DictReader(io.StringIO(api_client.get("/api/changes/?format=csv").content.decode())))
    entries = api_client.get("/api/changes/").json()["results"]

    assert rows and [row["time"] for row in rows] == [entry["time"] for entry in entries]
    assert all(ISO_UTC.match(row["time"]) for row in rows), rows[0]["time"]
    # As every other CSV writes a time.
    [event] = list(csv.DictReader(io.StringIO(api_client.get("/api/events/?format=csv&page_size=1").content.decode())))
    assert ISO_UTC.match(event["created_at"])
