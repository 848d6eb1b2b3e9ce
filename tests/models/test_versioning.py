"""``VersionedModel``: a save that changes no stored field writes nothing, and still checks the version read."""

import pytest
from django.urls import reverse

from events.models import Change, Event, Participant, RecordChanged
from tests.admin.test_versions import form_data
from tests.factories import EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def written(record):
    """What a write leaves behind: the stored version and updated_at, the history and the change log."""
    stored = type(record).objects.get(pk=record.pk)
    return stored.version, stored.updated_at, record.history.count(), Change.objects.count()


def test_a_save_that_changes_nothing_writes_nothing():
    event = Event.objects.get(pk=EventFactory().pk)
    before = written(event)

    event.save()
    event.title = event.title  # set again, as a form or a serializer does
    event.save()

    assert written(event) == before and event.version == before[0]


def test_a_save_that_changes_a_field_writes_once():
    event = Event.objects.get(pk=EventFactory().pk)
    version, _, history, changes = written(event)

    event.title = "New"
    event.save()
    event.save()  # nothing more since

    assert written(event)[0::2] == (version + 1, history + 1)
    assert Change.objects.count() == changes + 1


def test_a_list_edited_in_place_is_a_change():
    """The aliases (a JSON list) appended to in place differ from the stored ones: the save writes them."""
    participant = Participant.objects.get(pk=ParticipantFactory(aliases=["Kabul"]).pk)

    participant.aliases.append("Emirate")
    participant.save()

    assert Participant.objects.get(pk=participant.pk).aliases == ["Kabul", "Emirate"]
    assert participant.version == 2


def test_a_save_that_changes_nothing_of_a_record_changed_since_is_refused():
    """Optimistic concurrency holds for it too: another write came first, so the version read is stale."""
    event = Event.objects.get(pk=EventFactory().pk)
    other = Event.objects.get(pk=event.pk)
    other.title = "Elsewhere"
    other.save()

    with pytest.raises(RecordChanged):
        event.save()


def test_a_derived_field_that_follows_its_rule_is_no_change():
    """A report's save re-derives its CAMEO code, and its attendance's status follows it: unchanged, nothing."""
    report = ReportFactory(status="declined")
    attendance = report.attendance
    before_report, before_attendance = written(report), written(attendance)

    report.refresh_from_db()
    report.save()

    assert written(report) == before_report
    assert written(attendance) == before_attendance


def test_the_admins_save_with_no_change_writes_nothing(admin_client):
    event = EventFactory()
    address = reverse("admin:events_event_change", args=[event.pk])
    before = written(event)

    answer = admin_client.post(address, form_data(admin_client.get(address)))

    assert answer.status_code == 302
    assert written(event) == before
