"""The change feed, /api/changes/: every create, update and delete in commit order, resumable, per reader."""

import importlib
import json
from collections import Counter
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection

from events.models import Change, DraftReport, Participant, Report
from events.services import merge_participants, review_reports
from events.transfer import formats as records
from events.transfer.importer import import_records
from tests.factories import RESOURCES, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory
from tests.transfer.test_importer import report, talks

# PostgreSQL numbers the changes when their transaction commits: these tests' writes must commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHANGES = "/api/changes/"


def read_all(client, since="", page_size=100):
    """Every entry after ``since``, page after page; the pages read and the last ``next``."""
    entries, pages = [], 0
    while True:
        response = client.get(CHANGES, {"since": since, "page_size": page_size})
        assert response.status_code == 200, response.content
        page = response.json()
        entries += page["results"]
        pages += 1
        assert page["next"]
        since = page["next"]
        if not page["more"]:
            return entries, since, pages


def summary(entries):
    return [(entry["resource"], entry["key"], entry["action"], entry["version"]) for entry in entries]


def test_every_create_update_and_delete_is_an_entry_in_order(token_client):
    """A create, an update and a delete of each resource, through the API, each once, in the order made."""
    _, start, _ = read_all(token_client)
    expected = []
    for name, resource in RESOURCES.items():
        record = resource.factory()
        key = str(getattr(record, "slug", record.pk))
        expected.append((resource.model._meta.model_name, key, "created", 1))
        response = token_client.patch(resource.detail(record), resource.change, format="json")
        assert response.status_code == 200, (name, response.content)
        expected.append((resource.model._meta.model_name, key, "updated", 2))
    entries, _, _ = read_all(token_client, since=start)
    made = [entry for entry in summary(entries) if entry in expected]
    assert made == expected

    report = Report.objects.get()
    assert token_client.delete(f"/api/reports/{report.pk}/").status_code == 204
    entries, _, _ = read_all(token_client, since=start)
    (tombstone,) = [entry for entry in entries if entry["action"] == "deleted"]
    assert (tombstone["resource"], tombstone["id"]) == ("report", report.pk)
    assert tombstone["version"] == report.version + 1
    # The status of its attendance, refreshed in the same transaction, comes after it.
    assert entries.index(tombstone) == len(entries) - 2


def test_every_page_the_last_too_carries_next_and_resuming_repeats_nothing(api_client):
    events = EventFactory.create_batch(7)
    entries, cursor, pages = read_all(api_client, page_size=3)
    assert pages == 3
    assert [entry["key"] for entry in entries] == [event.slug for event in events]

    # The last cursor: nothing new yet, then exactly what was written since.
    response = api_client.get(CHANGES, {"since": cursor})
    assert response.json()["results"] == []
    assert response.json()["next"] == cursor
    late = EventFactory()
    late.delete()
    entries, _, _ = read_all(api_client, since=cursor)
    assert summary(entries) == [("event", late.slug, "created", 1), ("event", late.slug, "deleted", 2)]


def test_a_cascade_leaves_a_tombstone_for_every_row_it_deletes(token_client):
    report = ReportFactory()
    attendance, event = report.attendance, report.attendance.event
    _, cursor, _ = read_all(token_client)
    versions = {
        record._meta.model_name: type(record).objects.get(pk=record.pk).version
        for record in (report, attendance, event)
    }

    assert token_client.delete(f"/api/events/{event.slug}/").status_code == 204

    entries, _, _ = read_all(token_client, since=cursor)
    deleted = {(entry["resource"], entry["id"], entry["version"]) for entry in entries if entry["action"] == "deleted"}
    # Each tombstone carries the version after the deletion, one above the last, the cascade's rows too.
    assert deleted == {
        ("report", report.pk, versions["report"] + 1),
        ("attendance", attendance.pk, versions["attendance"] + 1),
        ("event", event.pk, versions["event"] + 1),
    }


def test_a_merge_is_in_the_feed(token_client):
    keep, duplicate = ParticipantFactory(), ParticipantFactory()
    attendance = AttendanceFactory(participant=duplicate)
    _, cursor, _ = read_all(token_client)

    merge_participants(keep=keep, duplicates=[duplicate])

    entries, _, _ = read_all(token_client, since=cursor)
    assert ("attendance", str(attendance.pk), "updated", 2) in summary(entries)
    assert ("participant", duplicate.slug, "deleted", duplicate.version + 1) in summary(entries)
    assert ("participant", keep.slug, "updated", 2) in summary(entries)


def test_readers_who_may_not_see_drafts_see_a_report_only_while_verified(api_client, token_client, curator):
    """A draft is unseen; verified, it is created for them; rejected, deleted; the curator sees every change."""
    _, cursor, _ = read_all(api_client)
    report = ReportFactory(review="draft")

    assert [entry for entry in read_all(api_client, since=cursor)[0] if entry["resource"] == "report"] == []
    review_reports(reports=Report.objects.all(), review="verified", by=curator)
    review_reports(reports=Report.objects.all(), review="rejected", by=curator)

    public = [entry for entry in read_all(api_client, since=cursor)[0] if entry["resource"] == "report"]
    assert [(entry["id"], entry["action"]) for entry in public] == [(report.pk, "created"), (report.pk, "deleted")]
    curators = [entry for entry in read_all(token_client, since=cursor)[0] if entry["resource"] == "report"]
    assert [entry["action"] for entry in curators] == ["created", "updated", "updated"]
    assert all(set(entry) == {"resource", "id", "key", "action", "version", "time"} for entry in curators)


def test_a_cursor_that_is_no_cursor_is_a_400_naming_since(api_client):
    for bad in ("abc", "-1", "1.5", "9" * 40):
        response = api_client.get(CHANGES, {"since": bad})
        assert response.status_code == 400
        assert "since" in response.json()
    assert api_client.get(CHANGES, {"page_size": 0}).status_code == 400
    assert "sincee" in api_client.get(CHANGES, {"sincee": 1}).json()


def test_a_cursor_past_the_last_change_is_a_400_naming_since(api_client):
    """A position never given as ``next`` would skip every change up to it: refused, not echoed back."""
    EventFactory()
    _, last, _ = read_all(api_client)
    assert api_client.get(CHANGES, {"since": last}).status_code == 200

    response = api_client.get(CHANGES, {"since": int(last) + 1})

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["since"]
    assert "never gave it" in response.json()["since"][0]
    assert api_client.get(CHANGES, {"since": "99999999"}).status_code == 400


def test_a_cursor_past_a_lagging_replica_is_read_on_the_primary(api_client, monkeypatch):
    """A replica behind the database that gave the cursor does not make it a 400: the primary answers."""
    from events.api import changes

    EventFactory()
    _, last, _ = read_all(api_client)
    real = changes.highest_position
    lagging = SimpleNamespace(db_for_read=lambda model: "lagging", db_for_write=lambda model: "default")
    monkeypatch.setattr(changes, "router", lagging)
    monkeypatch.setattr(changes, "highest_position", lambda using: 0 if using == "lagging" else real(using))

    response = api_client.get(CHANGES, {"since": last})

    assert response.status_code == 200, response.content
    assert response.json()["next"] == last


def test_the_feed_is_in_the_schema(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/changes/"]["get"]["parameters"]}
    assert {"since", "page_size"} <= parameters


def test_slug_changes_keep_the_id(token_client):
    participant = Participant.objects.create(slug="taliban", name="Taliban", kind="armed_group")
    _, cursor, _ = read_all(token_client)
    token_client.patch("/api/participants/taliban/", {"slug": "islamic-emirate"}, format="json")

    (entry,) = read_all(token_client, since=cursor)[0]
    assert (entry["id"], entry["key"], entry["action"]) == (participant.pk, "islamic-emirate", "updated")


def test_a_bulk_import_is_in_the_feed(api_client, token_client, tmp_path):
    """The importer writes rows in bulk, without save(): each still has its entry, drafts hidden from the public."""
    _, cursor, _ = read_all(token_client)
    path = tmp_path / "records.ndjson"
    extra = report("moscow-talks", "taliban", "absent", "2018-08-21", "attend", review="draft")
    path.write_text("".join(json.dumps(record) + "\n" for record in talks(extra)))
    importer = import_records(records.read(path))
    assert not importer.rejected

    curators = read_all(token_client, since=cursor)[0]
    public = read_all(api_client, since=cursor)[0]
    created = Counter(entry["resource"] for entry in curators if entry["action"] == "created")
    assert created == {"participant": 2, "event": 1, "article": 1, "attendance": 2, "report": 4}
    assert Counter(entry["resource"] for entry in public)["report"] == 3
    assert {entry["key"] for entry in curators if entry["resource"] == "event"} == {"moscow-talks"}


def test_the_migration_logs_every_record_stored_before_the_log(token_client, api_client):
    """A database migrated from before the change log gets one created entry per record, parents first."""
    report = ReportFactory(review="draft")
    Change.objects.all().delete()
    migration = importlib.import_module("events.migrations.0009_change_log")

    migration.log_stored_records(django_apps, SimpleNamespace(connection=connection))

    resources = [entry["resource"] for entry in read_all(token_client)[0]]
    assert resources == ["participant", "event", "article", "attendance", "report"]
    assert report.pk not in [entry["id"] for entry in read_all(api_client)[0] if entry["resource"] == "report"]


def test_a_review_from_the_admins_drafts_is_the_reports(token_client, curator):
    """The admin's drafts to review are a proxy of Report, reviewed by action: the change is the report's."""
    report = ReportFactory(review="draft")
    _, cursor, _ = read_all(token_client)

    review_reports(reports=DraftReport.objects.filter(pk=report.pk), review="verified", by=curator)

    assert ("report", str(report.pk), "updated", 2) in summary(read_all(token_client, since=cursor)[0])
