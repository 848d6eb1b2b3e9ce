"""The admin's delete confirmation names no record its user may not see (tester 34, K7: a writer's page listed the
attendance awaiting review and the draft report a delete would take, with names and links)."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages

from events.models import Attendance, Change, Event, RecordChanged
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


def test_a_delete_that_lost_a_race_says_nothing_was_deleted(admin_client, event, monkeypatch):
    """Tester 34, K16: two curators confirming one delete at once (PostgreSQL): the later one's claim of the version
    failed (``RecordChanged``), a 500."""
    model_admin = type(admin.site._registry[Event])

    def changed_meanwhile(self, request, obj):
        raise RecordChanged(obj, obj.version)

    monkeypatch.setattr(model_admin, "delete_model", changed_meanwhile)
    answer = admin_client.post(admin_url(Event, "delete", event.pk), {"post": "yes"})

    assert answer.status_code == 302 and answer["Location"].endswith("/admin/events/event/")
    (message,) = get_messages(answer.wsgi_request)
    assert str(message).startswith("Nothing was deleted: This event was changed or deleted by someone else")


def test_the_bulk_delete_deletes_what_is_still_there(admin_client, event):
    """Tester 34, K15: deleted twice at once, the records were logged as deleted twice."""
    other = EventFactory()
    data = {"action": "delete_selected", "_selected_action": [event.pk, other.pk], "post": "yes"}

    answer = admin_client.post(admin_url(Event, "changelist"), data)

    assert answer.status_code == 302
    assert not Event.objects.filter(pk__in=[event.pk, other.pk]).exists()
    assert Change.objects.filter(resource="event", action="deleted").count() == 2
