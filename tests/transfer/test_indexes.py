"""The indexes of an import into empty tables: dropped while it writes, made again at its end, or rolled back."""

import pytest
from django.db import IntegrityError, connection, transaction

from events.models import Event, Report
from events.transfer.dataset import generate
from events.transfer.importer import READ_WHILE_WRITING, import_records
from events.transfer.indexes import record_tables
from events.transfer.keyed import RECORD_MODELS, Record
from tests.factories import AttendanceFactory, EventFactory

pytestmark = pytest.mark.django_db

TABLES = ["events_participant", "events_event", "events_report", "events_historicalreport", "events_change"]


def between_record_tables(constraint):
    """A foreign key from one of the tables an import fills to another, which PostgreSQL's import drops too."""
    target = constraint["foreign_key"]
    return connection.vendor == "postgresql" and target is not None and target[0] in record_tables(RECORD_MODELS)


def foreign_keys():
    """PostgreSQL: every foreign key of the app's tables, with its whole definition (deferrable, ...)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid::regclass::text LIKE 'events%%' ORDER BY 1, 2"
        )
        return cursor.fetchall()


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
            if (not index["index"] or index["unique"] or index["primary_key"]) and not between_record_tables(index)
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


def key_on(keys, table, column):
    starts = f"FOREIGN KEY ({column})"
    return next(name for of, name, definition in keys if of == table and definition.startswith(starts))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's foreign keys: PostgreSQL only")
def test_the_foreign_keys_between_empty_tables_come_back_as_they_were_and_check_again():
    before = foreign_keys()
    assert any("DEFERRABLE INITIALLY DEFERRED" in definition for _table, _name, definition in before)
    seen = []

    def watching(records):
        for record in records:
            if record.model == "events.report" and not seen:
                seen.append(foreign_keys())
            yield record

    import_records(watching(generate(events=3, seed=1)))
    (during,) = seen
    dropped = {(table, name) for table, name, _definition in before} - {(table, name) for table, name, _ in during}
    assert ("events_report", key_on(before, "events_report", "attendance_id")) in dropped
    assert not {table for table, _name in dropped} - set(record_tables(RECORD_MODELS))
    assert ("events_report", key_on(before, "events_report", "reviewed_by_id")) not in dropped  # to the users
    assert foreign_keys() == before
    report = Report.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE events_report SET attendance_id = -1 WHERE id = %s", [report.pk])
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's foreign keys: PostgreSQL only")
def test_with_checks_pending_from_deletes_in_its_transaction_an_import_keeps_the_foreign_keys():
    """PostgreSQL alters no table with checks pending: the keys stay and check each row, as before."""
    AttendanceFactory()
    for model in reversed(RECORD_MODELS):
        model.objects.all().delete()
    before, seen = foreign_keys(), []

    def watching(records):
        for record in records:
            if record.model == "events.report" and not seen:
                seen.append(foreign_keys())
            yield record

    importer = import_records(watching(generate(events=3, seed=1)))
    assert importer.written["events.report"] > 0 and not importer.rejected
    assert seen == [before]
    assert foreign_keys() == before
