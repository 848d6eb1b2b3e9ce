"""A writer who may not see an attendance awaiting review sets the event's host: not refused for it (a refusal would
tell them it exists), and the hidden attendance takes the role host, so the host rule holds (tester 33, J27: it
kept role participant, and every later edit of the event or the attendance by a curator was refused)."""

import pytest
from django.contrib.auth.models import Permission

from events.models import Attendance
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden():
    attendance = AttendanceFactory(event=EventFactory(slug="talks"), participant=ParticipantFactory(slug="russia"))
    Attendance.objects.filter(pk=attendance.pk).update(awaiting_review=True)
    return attendance


@pytest.fixture
def writer(api_client, django_user_model):
    user = django_user_model.objects.create_user("desk")
    user.user_permissions.add(Permission.objects.get(codename="change_event", content_type__app_label="events"))
    api_client.force_authenticate(user)
    return api_client


def test_the_writers_host_gives_the_hidden_attendance_its_role(writer, hidden, token_client):
    answer = writer.patch("/api/events/talks/", {"host": "russia"}, format="json")

    assert answer.status_code == 200, answer.json()
    assert Attendance.objects.get(pk=hidden.pk).role == "host"
    edit = token_client.patch("/api/events/talks/", {"description": "A curator's edit."}, format="json")
    assert edit.status_code == 200, edit.json()
    note = token_client.patch(f"/api/attendances/{hidden.pk}/", {"notes": "A note."}, format="json")
    assert note.status_code == 200, note.json()


def test_a_curator_is_still_told_to_make_the_role_host_first(token_client, hidden):
    answer = token_client.patch("/api/events/talks/", {"host": "russia"}, format="json")

    assert (answer.status_code, list(answer.json())) == (400, ["host"])
    assert Attendance.objects.get(pk=hidden.pk).role == "participant"


def test_an_attendance_on_the_record_is_refused_to_the_writer_too(writer, hidden):
    Attendance.objects.filter(pk=hidden.pk).update(awaiting_review=False)

    answer = writer.patch("/api/events/talks/", {"host": "russia"}, format="json")

    assert (answer.status_code, list(answer.json())) == (400, ["host"])
