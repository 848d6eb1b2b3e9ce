"""A writer who may not review does not move an attendance whose status a curator gave (tester 33, J9): moved to
another event, its verified reports, quoting the first, stood as the evidence of the second on the public record."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from events.models import Attendance
from events.models.review import NOT_A_CURATORS_MOVE
from tests.admin.conftest import admin_url
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mover(django_user_model):
    user = django_user_model.objects.create_user("mover", is_staff=True)
    for codename in ("add_attendance", "change_attendance", "view_attendance", "add_report", "view_event"):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    return user


def verified(attendance):
    ReportFactory(attendance=attendance, status="attended", review="verified")
    attendance.refresh_from_db()
    return attendance


def set_by_hand(attendance):
    Attendance.objects.filter(pk=attendance.pk).update(status="withdrawn", status_date=datetime.date(2024, 6, 1))
    attendance.refresh_from_db()
    return attendance


@pytest.mark.parametrize("vouch", [verified, set_by_hand], ids=["verified-report", "status-set-by-hand"])
@pytest.mark.parametrize("field", ["event", "participant"])
def test_a_writer_does_not_move_a_vouched_status(api_client, mover, vouch, field):
    attendance = vouch(AttendanceFactory())
    other = EventFactory() if field == "event" else ParticipantFactory()
    api_client.force_authenticate(mover)

    answer = api_client.patch(f"/api/attendances/{attendance.pk}/", {field: other.slug}, format="json")

    assert (answer.status_code, answer.json()) == (400, {field: [NOT_A_CURATORS_MOVE]})
    assert getattr(Attendance.objects.get(pk=attendance.pk), f"{field}_id") == getattr(attendance, f"{field}_id")


def test_a_writer_moves_an_attendance_no_curator_vouched_for(api_client, mover):
    attendance = AttendanceFactory()
    ReportFactory(attendance=attendance, status="declined", review="draft")
    other = EventFactory()
    api_client.force_authenticate(mover)

    answer = api_client.patch(f"/api/attendances/{attendance.pk}/", {"event": other.slug}, format="json")

    assert answer.status_code == 200, answer.json()
    assert Attendance.objects.get(pk=attendance.pk).event == other


def test_a_writer_may_still_change_the_role_and_notes(api_client, mover):
    attendance = verified(AttendanceFactory())
    api_client.force_authenticate(mover)

    answer = api_client.patch(
        f"/api/attendances/{attendance.pk}/", {"role": "observer", "event": attendance.event.slug}, format="json"
    )

    assert answer.status_code == 200, answer.json()


def test_a_curator_moves_it(token_client):
    attendance = verified(AttendanceFactory())
    other = EventFactory()

    answer = token_client.patch(f"/api/attendances/{attendance.pk}/", {"event": other.slug}, format="json")

    assert answer.status_code == 200, answer.json()


def test_the_admin_refuses_the_writers_move_on_the_field(mover):
    attendance = verified(AttendanceFactory())
    other = EventFactory()
    client = Client()
    client.force_login(mover)
    data = {
        "event": other.pk,
        "participant": attendance.participant.pk,
        "role": attendance.role,
        "notes": "",
        "opened_version": attendance.version,
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }

    answer = client.post(admin_url(Attendance, "change", attendance.pk), data)

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors == {"event": [NOT_A_CURATORS_MOVE]}
    assert Attendance.objects.get(pk=attendance.pk).event_id == attendance.event_id
