"""Staff who may not review (no change_report) see in the admin what the API shows them: no draft or rejected
report, no event or attendance awaiting review, no history; curators see everything."""

import pytest

from events.models import Attendance, Event
from tests.admin.conftest import admin_url
from tests.factories import AttendanceFactory, EventFactory

pytestmark = pytest.mark.django_db

VIEW = ("events.view_event", "events.view_attendance", "events.view_report")


@pytest.fixture
def hidden():
    """An event and an attendance awaiting review, beside an event on the record."""
    public = EventFactory(slug="geneva-talks", title="Geneva talks")
    proposed = EventFactory(slug="geneva-summit", title="Geneva summit")
    attendance = AttendanceFactory(event=proposed)
    Event.objects.filter(pk=proposed.pk).update(awaiting_review=True)
    Attendance.objects.filter(pk=attendance.pk).update(awaiting_review=True)
    return public, proposed, attendance


def listed(client, model, **query):
    return list(client.get(admin_url(model, "changelist"), query).context["cl"].result_list)


def test_a_reader_does_not_see_records_awaiting_review(staff_client, hidden):
    public, proposed, attendance = hidden
    client = staff_client(*VIEW)
    assert listed(client, Event) == [public]
    assert listed(client, Event, q="geneva") == [public]
    assert listed(client, Attendance) == []
    assert client.get(admin_url(Event, "change", proposed.pk)).status_code == 302  # "does not exist"
    assert client.get(admin_url(Attendance, "change", attendance.pk)).status_code == 302
    assert client.get(admin_url(Event, "history", public.pk)).status_code == 403  # history: curators only
    assert client.get(admin_url(Event, "change", public.pk)).status_code == 200


def test_a_curator_sees_them_and_their_history(staff_client, hidden):
    public, proposed, attendance = hidden
    client = staff_client(curator=True)
    assert set(listed(client, Event)) == {public, proposed}
    assert listed(client, Attendance) == [attendance]
    assert client.get(admin_url(Event, "change", proposed.pk)).status_code == 200
    assert client.get(admin_url(Event, "history", proposed.pk)).status_code == 200


def test_an_event_page_lists_a_reader_only_the_attendances_on_the_record(staff_client):
    event = EventFactory()
    shown = AttendanceFactory(event=event)
    held = AttendanceFactory(event=event)
    Attendance.objects.filter(pk=held.pk).update(awaiting_review=True)
    page = staff_client(*VIEW).get(admin_url(Event, "change", event.pk))
    [inline] = [formset for formset in page.context["inline_admin_formsets"]]
    assert [form.instance for form in inline.formset.forms if form.instance.pk] == [shown]
