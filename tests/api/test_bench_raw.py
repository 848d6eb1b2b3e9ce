"""The benchmark's raw-SQL baseline answers the very document the API answers (bench/raw.py)."""

import json

import pytest

from bench import raw
from events.models import Attendance, Event, Report

pytestmark = pytest.mark.django_db

PATHS = [
    ("/api/events/", {}),
    ("/api/events/", {"page_size": "2"}),
    ("/api/events/", {"page_size": "2", "page": "2"}),
    ("/api/events/", {"expand": "attendances", "page_size": "3"}),
    ("/api/events/{event}/", {}),
    ("/api/attendances/", {"page_size": "5", "page": "2"}),
    ("/api/attendances/{attendance}/", {}),
    ("/api/reports/", {}),
    ("/api/reports/", {"page_size": "4", "page": "3"}),
]


@pytest.mark.parametrize(("path", "query"), PATHS)
def test_raw_baseline_is_the_api_document(api_client, populate, path, query):
    populate(4, attendances=3, reports=2)
    Event.objects.filter(pk=Event.objects.first().pk).update(host=None, end_date="2019-01-01")
    Report.objects.filter(pk=Report.objects.first().pk).update(speaker=None, via="Reuters")
    attendance = Attendance.objects.filter(reports__speaker=None).first()
    path = path.format(event=attendance.event.slug, attendance=attendance.pk)

    expected = api_client.get(path, query).json()

    assert json.loads(raw.answer("http://testserver", path, query)) == expected


def test_raw_baseline_of_a_missing_record_is_none():
    assert raw.answer("http://testserver", "/api/events/nothing/", {}) is None
