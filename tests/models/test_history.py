"""Versions and history below the API: the conditional UPDATE, deletions, fixtures and the command line."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError

from events.models import Attendance, Event, Participant, RecordChanged, Report
from events.models.history import recorded_as
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_a_save_raises_the_version_by_one():
    event = EventFactory()
    event.city = "Kabul"
    event.save()
    event.city = "Doha"
    event.save(update_fields=["city"])

    event.refresh_from_db()
    assert event.version == 3
    assert list(event.history.order_by("history_date").values_list("history_type", "version")) == [
        ("+", 1),
        ("~", 2),
        ("~", 3),
    ]


@pytest.mark.parametrize("record", [Event, Attendance, Report])
def test_the_history_manager_class_is_made_once_not_at_every_save(record):
    """Each save reads ``record.history``; simple-history alone would build a new manager class at every read."""
    event = EventFactory()
    first, second = Event.history, event.history
    assert type(record.history) is type(record.history)
    assert type(first) is type(second)
    assert (first.instance, second.instance, list(second.values_list("version", flat=True))) == (None, event, [1])


def test_a_stale_save_raises_and_writes_nothing():
    """Two copies read at version 1: the second save finds version 2 stored and is refused."""
    first = EventFactory(city="Moscow")
    second = Event.objects.get(pk=first.pk)
    first.city = "Kabul"
    first.save()
    second.city = "Doha"

    with pytest.raises(RecordChanged) as raised, transaction.atomic():
        second.save()

    assert raised.value.record is second
    assert raised.value.expected == 1
    assert second.version == 1  # the copy keeps the version it read
    stored = Event.objects.get(pk=first.pk)
    assert (stored.city, stored.version, stored.history.count()) == ("Kabul", 2, 2)


def test_a_stale_delete_raises_and_deletes_nothing():
    first = EventFactory()
    second = Event.objects.get(pk=first.pk)
    first.title = "Changed"
    first.save()

    with pytest.raises(RecordChanged), transaction.atomic():
        second.delete()

    assert Event.objects.filter(pk=first.pk).exists()


def test_saving_a_record_deleted_meanwhile_raises_rather_than_writing_it_back():
    event = EventFactory()
    Event.objects.filter(pk=event.pk).delete()

    with pytest.raises(RecordChanged), transaction.atomic():
        event.save()

    assert not Event.objects.exists()


def test_a_derived_status_raises_the_version_and_is_recorded():
    """A report that sets an attendance's status raises the attendance's version and adds a historical row."""
    attendance = AttendanceFactory()

    ReportFactory(attendance=attendance, status="declined", reported_on=datetime.date(2018, 8, 22))

    attendance.refresh_from_db()
    latest = attendance.history.latest("history_date")
    assert (attendance.version, latest.version, latest.status) == (2, 2, "declined")
    assert latest.history_change_reason == "The status follows the reports."


def test_a_copy_read_before_a_derived_change_is_stale():
    """A curator's copy read before a report changed the status cannot be saved over it."""
    attendance = AttendanceFactory()
    ReportFactory(attendance=attendance)
    attendance.notes = "Checked."

    with pytest.raises(RecordChanged), transaction.atomic():
        attendance.save()


def test_deletions_record_one_historical_row_each():
    """Deleting an event records its deletion and those of the attendances and reports that go with it."""
    report = ReportFactory()
    ids = [(Event, report.attendance.event_id), (Attendance, report.attendance_id), (Report, report.pk)]

    report.attendance.event.delete()

    for model, pk in ids:
        assert model.history.filter(id=pk).latest("history_date").history_type == "-"


def test_queryset_deletes_record_history_too():
    events = EventFactory.create_batch(3)

    Event.objects.filter(pk__in=[event.pk for event in events[:2]]).delete()

    assert Event.history.filter(history_type="-").count() == 2


def test_a_failed_delete_records_nothing():
    """A participant still in use is not deleted, and no deletion is recorded."""
    participant = AttendanceFactory().participant

    with pytest.raises(ProtectedError), transaction.atomic():
        participant.delete()

    assert not participant.history.filter(history_type="-").exists()
    assert participant.version == 1


def test_changes_from_the_command_line_say_what_made_them(django_user_model):
    """Outside a request, ``recorded_as`` names the reason and, when known, the user."""
    user = django_user_model.objects.create_user("importer")

    with recorded_as("import_records events.csv", user=user):
        event = EventFactory()

    entry = event.history.get()
    assert (entry.history_change_reason, entry.history_user) == ("import_records events.csv", user)
    assert EventFactory().history.get().history_change_reason is None


def test_a_long_reason_is_cut_to_fit():
    with recorded_as("import_records " + "x" * 200):
        event = EventFactory()

    assert len(event.history.get().history_change_reason) == 100


def test_fixture_rows_keep_their_version_when_unchanged():
    """Loading the seed twice leaves every version as it was; a record changed in between gets a new one."""
    call_command("loaddata", "seed", verbosity=0)
    versions = dict(Event.objects.values_list("slug", "version"))
    moscow = Event.objects.get(slug="moscow-talks-2018")
    moscow.city = "Kabul"
    moscow.save()

    call_command("loaddata", "seed", verbosity=0)

    after = dict(Event.objects.values_list("slug", "version"))
    assert after == {**versions, "moscow-talks-2018": versions["moscow-talks-2018"] + 2}


XML_RECORD = """<?xml version="1.0" encoding="utf-8"?>
<django-objects version="1.0"><object model="events.participant"><field name="slug" type="SlugField">kazakhstan</field>
<field name="name" type="CharField">{name}</field><field name="kind" type="CharField">state</field></object>
</django-objects>"""


@pytest.mark.parametrize("suffix", ["json", "jsonl", "yaml", "xml"])
def test_a_fixture_written_without_timestamps_loads_twice_onto_the_same_row(tmp_path, suffix):
    """A hand-written record without created_at and updated_at got the time of each load: a new version and a
    historical row at every load, and its creation time lost. Now the stored row keeps them; a change still
    gets a new version, and its updated_at the time it was loaded."""
    record = {"model": "events.participant", "fields": {"slug": "kazakhstan", "name": "Kazakhstan", "kind": "state"}}
    path = tmp_path / f"hand.{suffix}"

    def load(name):
        record["fields"]["name"] = name
        text = json.dumps(record) if suffix == "jsonl" else json.dumps([record])  # YAML reads JSON too
        text = XML_RECORD.format(name=name) if suffix == "xml" else text
        path.write_text(text + "\n", encoding="utf-8")
        call_command("loaddata", str(path), verbosity=0)
        return Participant.objects.get(slug="kazakhstan")

    first = load("Kazakhstan")
    again = load("Kazakhstan")
    changed = load("Republic of Kazakhstan")

    assert (first.version, again.version, changed.version) == (1, 1, 2)
    assert (again.created_at, again.updated_at) == (first.created_at, first.updated_at)
    assert changed.created_at == first.created_at and changed.updated_at > first.updated_at
    assert list(changed.history.order_by("history_id").values_list("history_type", flat=True)) == ["+", "~"]


def test_a_revert_is_refused_by_the_rules_below_the_admin_too():
    """A past host that now takes part with another role cannot come back: the event's rules say why."""
    russia = ParticipantFactory()
    event = EventFactory(host=russia)
    past = event.history.get()
    event.host = None
    event.save()
    AttendanceFactory(event=event, participant=russia, role="observer")
    reverted = past.instance
    reverted.version = event.version

    with pytest.raises(Exception, match="takes part with role observer"):
        reverted.full_clean()
