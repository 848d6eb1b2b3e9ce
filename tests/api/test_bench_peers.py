"""The peer benchmark's Datasette queries answer the API's rows (bench/peers.py), on the same SQLite database."""

import json

import pytest
from django.db import connection

from bench import peers
from events.models import Attendance, Event
from tests.factories import AttendanceFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def peer_rows(name, params):
    """What Datasette answers for the canned query ``name``: rows as objects, JSON columns parsed (``_json``)."""
    connection.ensure_connection()
    cursor = connection.connection.execute(peers.QUERIES[name], params)
    columns = [column[0] for column in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        for column in peers.JSON_COLUMNS.get(name, []):
            row[column] = json.loads(row[column])
    return rows


@pytest.fixture
def world(populate):
    """Three events, two in Russia (the factory's country); a participant at all three; a draft report (which
    neither answers); names and an alias to search."""
    if connection.vendor != "sqlite":
        pytest.skip("Datasette serves SQLite files")
    events = populate(3, attendances=3, reports=2)
    Event.objects.filter(pk=events[1].pk).update(country="QA", start_date="2019-02-25")
    regular = ParticipantFactory(slug="united-nations", name="United Nations", aliases=["UN"])
    ParticipantFactory(slug="front", name="Front", aliases=["United Front"])
    for event in events:
        AttendanceFactory(event=event, participant=regular)
    ReportFactory(attendance=Attendance.objects.filter(event=events[1]).first(), review="draft")
    return events


@pytest.mark.parametrize("title", ["events", "event", "attendances", "reports", "search"])
def test_the_peer_answers_the_apis_rows(api_client, world, title):
    event = world[1].slug
    path, query, name, params = {
        "events": ("/api/events/", {"country": "RU"}, "events_by_country", {"country": "RU"}),
        "event": (f"/api/events/{event}/", {}, "one_event", {"slug": event}),
        "attendances": ("/api/attendances/", {"participant": "united-nations"}, "participant_attendances",
                        {"participant": "united-nations"}),
        "reports": ("/api/reports/", {"event": event}, "event_reports", {"event": event}),
        "search": ("/api/participants/", {"search": "united"}, "participant_search", {"q": "united"}),
    }[title]  # fmt: skip

    document = api_client.get(path, query).json()
    api_rows = document.get("results", [document])
    for row in api_rows:
        row.pop("page_url", None)

    assert len(api_rows) == {"events": 2, "event": 1, "attendances": 3, "reports": 6, "search": 2}[title]
    assert peers.keys(peer_rows(name, params)) == peers.keys(api_rows)


def test_a_peer_row_that_differs_is_told(world):
    rows = peer_rows("participant_search", {"q": "united"})

    assert [row["slug"] for row in rows] == ["front", "united-nations"]
    assert peers.keys(rows) != peers.keys(list(reversed(rows)))
