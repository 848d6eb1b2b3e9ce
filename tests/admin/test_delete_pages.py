"""The admin's delete confirmation names no record its user may not see (tester 34, K7: a writer's page listed the
attendance awaiting review and the draft report a delete would take, with names and links)."""

import pytest

from events.models import Attendance, Event
from tests.admin.conftest import admin_url
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

EVERY = [f"events.{action}_{model}" for action in ("add", "view", "delete") for model in ("event", "attendance")]


@pytest.fixture
def event():
    event = EventFactory(title="Delete me too")
    AttendanceFactory(event=event, participant=ParticipantFactory(name="Nato"))
    hidden = AttendanceFactory(event=event, participant=ParticipantFactory(name="Saudi Arabia"))
    Attendance.objects.filter(pk=hidden.pk).update(awaiting_review=True)
    ReportFactory(attendance=hidden, review="draft", status="confirmed")
    return event


def test_a_writer_is_shown_what_they_see_and_a_count_of_the_rest(staff_client, event):
    writer = staff_client(*EVERY, "events.delete_report", "events.view_report")

    page = writer.get(admin_url(Event, "delete", event.pk))

    content = page.content.decode()
    assert page.status_code == 200
    assert "Nato at Delete me too" in content
    assert "Saudi Arabia" not in content
    assert "A record you do not see" in content
    assert dict(page.context["model_count"]) == {"events": 1, "attendances": 1, "records you do not see": 2}


def test_a_writer_who_may_not_delete_reports_is_refused_without_naming_them(staff_client, event):
    writer = staff_client(*EVERY)

    page = writer.get(admin_url(Event, "delete", event.pk))

    assert page.context["perms_lacking"] == {"records you do not see"}
    assert Event.objects.filter(pk=event.pk).exists()


def test_a_curator_is_shown_everything(staff_client, event):
    curator = staff_client(curator=True)

    content = curator.get(admin_url(Event, "delete", event.pk)).content.decode()

    assert "Saudi Arabia at Delete me too" in content
    assert "A record you do not see" not in content
