"""Read-only fields cannot be set through the API: ``id``, timestamps, a report's ``uid``, a followed status."""

import datetime

import pytest

from events.models import Attendance, Event, Report
from tests.factories import AttendanceFactory, EventFactory, ReportFactory

pytestmark = pytest.mark.django_db

FORGED = {"id": 987654, "created_at": "2001-01-01T00:00:00Z", "updated_at": "2001-01-01T00:00:00Z"}


def test_post_ignores_id_and_timestamps(token_client):
    """A new record gets its own id and the time of the write, whatever the body says."""
    body = {"slug": "new", "title": "New", "kind": "summit", "start_date": "2018-09-04", **FORGED}

    response = token_client.post("/api/events/", body)

    assert response.status_code == 201
    event = Event.objects.get(slug="new")
    assert event.pk != FORGED["id"]
    assert response.json()["id"] == event.pk
    assert event.created_at.year > 2001
    assert event.updated_at.year > 2001


def test_patch_ignores_id_and_timestamps(token_client):
    event = EventFactory()
    created = event.created_at

    response = token_client.patch(f"/api/events/{event.slug}/", {**FORGED, "title": "Changed"})

    assert response.status_code == 200
    event.refresh_from_db()
    assert (event.pk, event.title, event.created_at) == (response.json()["id"], "Changed", created)
    assert event.updated_at.year > 2001
    assert not Event.objects.filter(pk=FORGED["id"]).exists()


def test_report_uid_cannot_be_set(token_client):
    report = ReportFactory()
    uid = report.uid

    response = token_client.patch(f"/api/reports/{report.pk}/", {"uid": "0f1c3a52-43a6-4a43-9a51-2a3f3f1d7a01"})

    assert response.status_code == 200
    report.refresh_from_db()
    assert report.uid == uid
    assert Report.objects.count() == 1


def test_status_that_follows_reports_cannot_be_set(token_client):
    """While an attendance has counting reports its status and date are theirs: setting them is a 400."""
    attendance = ReportFactory(status="declined", reported_on=datetime.date(2018, 8, 22)).attendance

    response = token_client.patch(
        f"/api/attendances/{attendance.pk}/", {"status": "confirmed", "status_date": "2018-08-30"}
    )

    assert response.status_code == 400
    assert set(response.json()) == {"status", "status_date"}
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("declined", datetime.date(2018, 8, 22))


def test_curated_status_is_not_writable(token_client):
    """The curated status kept behind the reports is not part of the API: sending it is a 400 naming it."""
    attendance = AttendanceFactory(status="invited")

    response = token_client.patch(f"/api/attendances/{attendance.pk}/", {"curated_status": "attended"})

    assert response.status_code == 400
    assert list(response.json()) == ["curated_status"]
    assert Attendance.objects.get(pk=attendance.pk).curated_status == "invited"
