"""generate_dataset's direct write: the same rows, history and change log as the same dataset checked by the import."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from events.models import Article, Attendance, Change, Event, Participant, Report
from events.transfer import dataset

pytestmark = pytest.mark.django_db

RECORDS = (Participant, Event, Article, Attendance, Report)
BOOKKEEPING = {"history_id", "history_date"}  # a historical row's own id and the time of the run


def natural_keys():
    """Each stored record's natural key by id, by model: ids differ from run to run on PostgreSQL."""
    return {
        model: {record.pk: (model.__name__, *map(str, record.natural_key())) for record in model.objects.all()}
        for model in RECORDS
    }


def in_keys(model, values, keys):
    """A row's values with its id and every relation to a record given by natural key."""
    row = {}
    for field in model._meta.concrete_fields:
        value = values[field.attname]
        related = field.related_model if field.many_to_one else (model if field.attname == "id" else None)
        if field.attname == "id" and model not in RECORDS:  # a historical row: its record's id
            related = model.instance_type
        if related in keys and value is not None:
            value = keys[related][value]
        if field.attname not in BOOKKEEPING:
            row[field.attname] = value
    return row


def stored_dataset():
    """Every table the generation writes, rows in id order, ids and relations by natural key."""
    keys = natural_keys()
    tables = {}
    for model in RECORDS:
        for table in (model, model.history.model):
            ordered = table.objects.order_by("history_id" if table is not model else "pk")
            tables[table.__name__] = [in_keys(table, values, keys) for values in ordered.values()]
    resources = {model._meta.model_name: model for model in RECORDS}
    # Each resource's changes in their order (the import logs a batch's as it writes it, the direct write a
    # table's at a time: how the resources interleave in one transaction is not part of the feed).
    changes = Change.objects.order_by("resource", "id").values_list(
        "resource", "record_id", "key", "action", "version", "public"
    )
    tables["Change"] = [
        # A record without a slug is keyed by its id in the API.
        (resource, keys[resources[resource]][record_id], "its id" if key == str(record_id) else key, *rest)
        for resource, record_id, key, *rest in changes
    ]
    return tables


def generated(**options):
    """The tables one run of the command writes, rolled back afterwards."""
    with transaction.atomic():
        call_command("generate_dataset", events=36, seed=5, no_progress=True, **options)
        tables = stored_dataset()
        positions = list(Change.objects.order_by("id").values_list("position", flat=True))
        transaction.set_rollback(True)
    return tables, positions


def test_the_direct_write_stores_what_the_checked_import_stores(monkeypatch):
    """Rows, statuses, derived fields, history and change log: the same, row for row and in the same order
    (the change log in each resource's order)."""
    monkeypatch.setattr(dataset, "EVENTS_A_CHUNK", 10)  # several chunks, their rows numbered from each one's ids
    checked, _ = generated(checked=True, workers=0)
    direct, positions = generated(workers=1)
    assert {name: len(rows) for name, rows in direct.items()} == {name: len(rows) for name, rows in checked.items()}
    assert len(direct["Event"]) == 36
    for name in checked:
        assert direct[name] == checked[name], name
    # The rule had something to decide, and the derived fields are set.
    statuses = {row["status"] for row in direct["Attendance"]}
    assert {"invited", "confirmed", "attended"} <= statuses
    assert any(row["cameo_code"] for row in direct["Event"])
    assert any(row["latitude"] is not None for row in direct["Event"])
    # Numbered as they were written, in the order of their ids (positions only come at the commit of the import).
    assert None not in positions
    assert positions == sorted(positions)


def test_indexes_are_made_again_after_the_write(stored_indexes):
    """The indexes of the tables it filled, dropped while it wrote, are all there afterwards."""
    before = stored_indexes()
    call_command("generate_dataset", events=3, seed=1, no_progress=True)
    assert stored_indexes() == before


def test_a_dataset_that_meets_stored_records_writes_nothing():
    call_command("generate_dataset", events=4, seed=1, no_progress=True)
    with pytest.raises(CommandError, match="already holds some of these records"):
        call_command("generate_dataset", events=4, seed=1, no_progress=True, workers=0)
    assert Event.objects.count() == 4
