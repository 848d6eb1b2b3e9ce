"""The indexes of an import into empty tables: dropped while it writes, made again at its end, or rolled back."""

import pytest

from events.models import Event, Report
from events.transfer.dataset import generate
from events.transfer.importer import READ_WHILE_WRITING, import_records
from events.transfer.keyed import Record
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

TABLES = ["events_participant", "events_event", "events_report", "events_historicalreport", "events_change"]


def watched(records, stored_indexes, seen):
    """The records, and the indexes as the import sees them when it reads its first report."""
    for record in records:
        if record.model == "events.report" and not seen:
            seen.append(stored_indexes())
        yield record


def bad_event():
    return Record(line=10_000, model="events.event", fields={"slug": "bad", "title": "Bad", "kind": "no such kind"})


def test_an_import_into_empty_tables_makes_their_indexes_again(stored_indexes):
    before = stored_indexes()
    importer = import_records(generate(events=3, seed=1))
    assert importer.written["events.report"] > 0
    assert stored_indexes() == before


def test_while_it_writes_only_the_unique_indexes_keys_and_the_index_it_reads_remain(stored_indexes):
    before, seen = stored_indexes(), []
    import_records(watched(generate(events=3, seed=1), stored_indexes, seen))
    (during,) = seen
    for table in TABLES:
        kept = {
            name
            for name, index in before[table].items()
            if not index["index"] or index["unique"] or index["primary_key"]
        }
        kept |= set(READ_WHILE_WRITING) & before[table].keys()
        assert kept < before[table].keys(), table  # something was dropped
        assert during[table] == {name: before[table][name] for name in kept}, table
    assert READ_WHILE_WRITING[0] in during[Report._meta.db_table]


def test_a_failing_import_leaves_the_indexes_as_they_were(stored_indexes):
    before, seen = stored_indexes(), []
    importer = import_records(watched([*generate(events=3, seed=1), bad_event()], stored_indexes, seen))
    assert importer.rejected == 1
    assert not Event.objects.exists()
    assert seen[0] != before  # dropped while it wrote, then rolled back with its rows
    assert stored_indexes() == before


def test_an_import_keeps_the_indexes_of_tables_that_hold_rows(stored_indexes):
    EventFactory()
    before, seen = stored_indexes(), []
    import_records(watched(generate(events=3, seed=1), stored_indexes, seen))
    assert Event.objects.count() == 4
    assert seen[0]["events_event"] == before["events_event"]
    assert seen[0]["events_report"] != before["events_report"]
    assert stored_indexes() == before
