"""The event's host takes part with role host: on the event's add page as on its change page."""

import pytest

from events.models import Attendance, Event
from tests.admin.conftest import admin_url
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def event_data(host, attendances=(), **changes):
    """The POST of the event form (``host`` a participant or None), ``attendances`` rows ``(participant, role)``."""
    data = {
        "slug": "moscow-talks",
        "title": "Moscow talks",
        "kind": "peace_talks",
        "status": "scheduled",
        "start_date": "2018-09-04",
        "city": "Moscow",
        "country": "RU",
        "host": host.pk if host else "",
        "description": "",
        "attendances-TOTAL_FORMS": str(len(attendances)),
        "attendances-INITIAL_FORMS": "0",
        "attendances-MIN_NUM_FORMS": "0",
        "attendances-MAX_NUM_FORMS": "1000",
        "_save": "Save",
        **changes,
    }
    for index, (participant, role) in enumerate(attendances):
        row = {"id": "", "participant": participant.pk, "role": role, "notes": ""}
        data.update({f"attendances-{index}-{name}": value for name, value in row.items()})
    return data


def row_errors(response):
    (formset,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    return [form.errors for form in formset.forms]


HOST_ROLE = "Russia hosts this event, so its role here is host."


def test_adding_an_event_whose_host_attends_as_participant_is_refused_on_the_role(admin_client):
    russia, taliban = ParticipantFactory(name="Russia"), ParticipantFactory(name="Taliban")
    data = event_data(russia, [(taliban, "participant"), (russia, "participant")])
    response = admin_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert row_errors(response) == [{}, {"role": [HOST_ROLE]}]
    assert not Event.objects.exists()
    assert not Attendance.objects.exists()


def test_changing_an_event_refuses_it_the_same(admin_client):
    russia = ParticipantFactory(name="Russia")
    event = EventFactory(slug="moscow-talks", host=russia)
    response = admin_client.post(admin_url(Event, "change", event.pk), event_data(russia, [(russia, "observer")]))
    assert response.status_code == 200
    assert row_errors(response) == [{"role": [HOST_ROLE]}]
    assert not Attendance.objects.exists()


def test_adding_an_event_whose_host_attends_as_host_saves_both(admin_client):
    russia, taliban = ParticipantFactory(name="Russia"), ParticipantFactory(name="Taliban")
    data = event_data(russia, [(russia, "host"), (taliban, "participant")])
    response = admin_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.host == russia
    assert sorted(event.attendances.values_list("participant__name", "role")) == [
        ("Russia", "host"),
        ("Taliban", "participant"),
    ]


def test_adding_an_event_with_no_host_takes_any_role(admin_client):
    russia = ParticipantFactory(name="Russia")
    data = event_data(None, [(russia, "participant")])
    response = admin_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 302
    assert Attendance.objects.get().role == "participant"
