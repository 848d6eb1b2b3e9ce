"""``filter_in``: a batch's lookup by value finds the rows Django's ``__in`` finds."""

import uuid

import pytest

from events.models import Attendance, Report
from events.transfer.keyed import filter_in
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "lookup", "values_of"),
    [
        (Report, "uid", lambda reports: [reports[0].uid, uuid.uuid4(), reports[2].uid]),
        (Report, "quote", lambda reports: [reports[1].quote, "nobody said this"]),
        (Report, "attendance_id", lambda reports: [reports[0].attendance_id, 10**9]),
        (Attendance, "event__slug", lambda reports: [reports[2].attendance.event.slug, "no-such-event"]),
        (Report, "reported_on", lambda reports: [reports[0].reported_on]),  # a date: Django's own __in
    ],
)
def test_filter_in_finds_what_django_in_finds(model, lookup, values_of):
    reports = ReportFactory.create_batch(3)
    values = values_of(reports)
    expected = set(model.objects.filter(**{f"{lookup}__in": values}).values_list("pk", flat=True))
    assert expected
    assert set(filter_in(model.objects.all(), lookup, values).values_list("pk", flat=True)) == expected
