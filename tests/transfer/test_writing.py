"""The importer's direct conversions write what Django's own ``get_db_prep_save`` would."""

import datetime
import gc
import uuid

import pytest
from django.db import connection

from events.models import Attendance, Event, Participant, Report
from events.transfer.importer import import_records
from events.transfer.writing import direct_conversions, rows_maker, update_rows

pytestmark = pytest.mark.django_db

VALUES = [
    (Report, "uid", uuid.UUID("12345678-1234-5678-1234-567812345678")),
    (Report, "reported_on", datetime.date(2018, 8, 22)),
    (Attendance, "created_at", datetime.datetime(2018, 8, 22, 9, 30, 1, 250, tzinfo=datetime.UTC)),
    (
        Event,
        "updated_at",
        datetime.datetime(2018, 8, 22, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=4, minutes=30))),
    ),
]


@pytest.mark.parametrize("model, name, value", VALUES, ids=[f"{m.__name__}.{n}" for m, n, _v in VALUES])
def test_a_direct_conversion_gives_what_django_writes(model, name, value):
    field = model._meta.get_field(name)
    convert = direct_conversions(field, connection)[type(value)]
    assert convert(value) == field.get_db_prep_save(value, connection)


def test_rows_of_repeated_null_and_converted_values_are_what_django_writes_for_each():
    """A column converts each distinct value once: every row still holds what its own value gives."""
    moment = datetime.datetime(2018, 8, 22, 9, 30, 1, 250, tzinfo=datetime.UTC)
    elsewhere = moment.astimezone(datetime.timezone(datetime.timedelta(hours=4, minutes=30)))  # equal to it
    day = datetime.date(2018, 8, 22)
    uid = uuid.UUID("12345678-1234-5678-1234-567812345678")
    fields = [field for field in Report._meta.concrete_fields if not field.primary_key]
    reports = []
    for created, reported, status_on, reviewed in [
        (moment, day, None, None),
        (elsewhere, day, day, moment),
        (moment, datetime.date(2018, 8, 23), None, elsewhere),
        (elsewhere, day, datetime.date(2018, 8, 21), None),
    ]:
        report = Report(status="invited", quote="they will attend", reported_on=reported, status_on=status_on)
        report.created_at, report.updated_at, report.reviewed_at, report.uid = created, moment, reviewed, uid
        report.attendance_id, report.article_id = 7, None
        reports.append(report)
    expected = [
        tuple(field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields) for obj in reports
    ]
    assert rows_maker(fields, connection)(reports) == expected


@pytest.mark.parametrize("enabled", [True, False])
def test_an_import_runs_without_the_cycle_collector_then_leaves_it_as_it_was(enabled):
    during = []

    def records():
        during.append(gc.isenabled())
        yield from []

    (gc.enable if enabled else gc.disable)()
    try:
        import_records(records())
        assert during == [False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_update_rows_writes_what_bulk_update_writes():
    """The affiliations within an import's file, written by one ``UPDATE`` a row: each row gets its own value,
    null included, and no other row or column changes."""
    names = ["ministry", "spokesman", "adviser", "bystander"]
    made = {name: Participant.objects.create(slug=name, name=name.title()) for name in names}
    before = {row["slug"]: row for row in Participant.objects.values()}
    made["spokesman"].affiliation_id = made["ministry"].pk
    made["adviser"].affiliation_id = made["spokesman"].pk
    made["ministry"].affiliation_id = None
    made["ministry"].name = "Not written"  # a field not named is left as stored
    assert update_rows(Participant, [made["spokesman"], made["adviser"], made["ministry"]], ["affiliation"]) == 3
    after = {row["slug"]: row for row in Participant.objects.values()}
    expected = {name: dict(row) for name, row in before.items()}
    expected["spokesman"]["affiliation_id"] = made["ministry"].pk
    expected["adviser"]["affiliation_id"] = made["spokesman"].pk
    assert after == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's sequences: PostgreSQL only")
def test_next_ids_are_drawn_in_order_from_the_tables_own_sequence():
    """One statement names the sequence found first, not ``pg_get_serial_sequence()`` evaluated for every id."""
    from django.test.utils import CaptureQueriesContext

    from events.transfer.writing import next_ids

    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        ids = next_ids(cursor, "events_report", "id", 3)
    assert ids == sorted(ids) == list(range(ids[0], ids[0] + 3))
    drawing = queries.captured_queries[-1]["sql"]
    assert "nextval(" in drawing and "pg_get_serial_sequence" not in drawing
