"""``generate_dataset``'s own write: the generated rows straight into the tables, then what the import does last.

The generator's records keep every rule by construction, so checking them one by one (``import_records``,
``generate_dataset --checked``) only costs time. Here the rows are made with every derived value already
set (``events.transfer.dataset_rows``, in worker processes) and written with each database's fastest
write: one ``executemany`` a table and chunk on SQLite, ``COPY`` on PostgreSQL. Then, once for the whole
dataset and as the importer ends: the history of every row written, in bulk (``record_stored``, which also
moves the change log, so kept answers and ETags see the new records), the indexes of the tables it found
empty, made from the whole tables (``events.transfer.indexes``), and fresh planner statistics.

The ids are taken as the database would give them, in record order; a chunk's rows refer to each other
by their numbers within the chunk, shifted here by the chunk's first ids. What the database itself
guards (unique slugs, uids, URLs, an attendance per event and participant) still holds: a dataset that
meets records already stored fails with ``IntegrityError`` and writes nothing (``--checked`` names them).
``tests/transfer/test_direct.py`` checks that both ways write the same rows, history and change log.
"""

import contextlib
from collections import Counter

from django.db import connections, router, transaction
from django.utils import timezone

from events.models import Participant, Report
from events.models.changes import numbered_now
from events.models.history import IMPORT_REASON, acting
from events.transfer.dataset import Dataset
from events.transfer.dataset_rows import CHUNK_MODELS, REFERS_IN_CHUNK, RowMaker, columns
from events.transfer.indexes import drop_indexes_of_empty_tables, make_indexes, one_bulk_write_at_a_time, record_tables
from events.transfer.workers import rows_in_workers
from events.transfer.writing import BATCH_SIZE, chunked, larger_page_cache, next_ids

RECORD_MODELS = [Participant, *CHUNK_MODELS]


def write_dataset(*, events, seed, workers, on_chunk=None, using=None):
    """Write the dataset of ``events`` events from ``seed`` in one transaction; the rows written, by model label.

    ``workers`` processes make the rows (0: this one); ``on_chunk(events)`` is called after each chunk.
    """
    using = using or router.db_for_write(Report)
    connection = connections[using]
    with larger_page_cache(), faster_sqlite_writes(connection), transaction.atomic(using=using):
        one_bulk_write_at_a_time(connection)
        writer = TableWriter(connection)
        rebuild = drop_indexes_of_empty_tables(connection, record_tables(RECORD_MODELS))
        dataset = Dataset(events=events, seed=seed)
        maker = RowMaker(connection, participant_ids={})
        records = list(dataset.participant_records())
        rows, maker.participant_ids = maker.participant_rows(records, writer.take_ids(Participant, len(records)))
        writer.insert(Participant, rows, {})
        if workers:
            chunks = rows_in_workers(
                events=events, seed=seed, workers=workers, using=using, participant_ids=maker.participant_ids
            )
        else:
            chunks = (maker.chunk_rows(dataset.chunk_fields(first)) for first in dataset.chunk_starts())
        for chunk in chunks:
            writer.insert_chunk(chunk)
            if on_chunk:
                on_chunk(len(chunk[CHUNK_MODELS[0]]))
        writer.finish(rebuild)
    return Counter({model._meta.label_lower: len(writer.ids[model]) for model in RECORD_MODELS})


class TableWriter:
    """Takes ids and inserts rows of the record tables; ``finish()`` records their history and statistics."""

    def __init__(self, connection):
        self.connection = connection
        self.quote = connection.ops.quote_name
        self.ids = {model: [] for model in RECORD_MODELS}  # the ids written, in order

    def take_ids(self, model, count):
        """``count`` new ids for ``model``, those the database would give its next rows."""
        table, pk = model._meta.db_table, model._meta.pk.column
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                # AUTOINCREMENT never gives an id again: it counts on from the highest ever given.
                cursor.execute(
                    f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                    f"COALESCE((SELECT MAX({self.quote(pk)}) FROM {self.quote(table)}), 0))",
                    [table],
                )
                last = cursor.fetchone()[0]
                return range(last + 1, last + count + 1)
            return next_ids(cursor, table, pk, count)

    def insert_chunk(self, chunk):
        """Insert a chunk's rows (``RowMaker.chunk_rows``), giving each table's rows their ids."""
        ids = {model: self.take_ids(model, len(chunk[model])) for model in CHUNK_MODELS}
        for model in CHUNK_MODELS:
            shifts = {column: ids[target] for column, target in REFERS_IN_CHUNK.get(model, {}).items()}
            self.insert(model, chunk[model], {"id": ids[model], **shifts}, numbered=True)

    def insert(self, model, rows, ids, *, numbered=False):
        """Insert ``rows``; in the columns of ``ids``, a row holds a number that ``ids[column][number]`` turns
        into the id (``numbered``) or the id itself."""
        if not rows:
            return
        names = columns(model)
        table, quoted = self.quote(model._meta.db_table), ", ".join(map(self.quote, names))
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                # The ids of a chunk follow each other: SQLite adds each column's first id itself.
                values = ", ".join(f"%s + {ids[name][0]}" if name in ids else "%s" for name in names)
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({values})", rows)
            else:
                shifted = [(names.index(name), taken) for name, taken in ids.items()]
                # Django's cursor hands copy() to psycopg as it is: its errors are made Django's here.
                with self.connection.wrap_database_errors, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        if shifted:
                            row = list(row)
                            for index, taken in shifted:
                                if row[index] is not None:
                                    row[index] = taken[row[index]]
                        copy.write_row(row)
        if numbered:
            self.ids[model].extend(ids["id"])
        else:
            self.ids[model].extend(row[0] for row in rows)

    def finish(self, indexes):
        """As ``Importer.finish()`` ends: every row recorded as created, at one date; the ``indexes`` made
        again; then ``ANALYZE``."""
        date, user = timezone.now(), acting.get()[1]
        with numbered_now():
            for model in RECORD_MODELS:
                for pks in chunked(self.ids[model], BATCH_SIZE):
                    model.history_recorder.record_stored(
                        pks, "+", reason=IMPORT_REASON, user=user, date=date, using=self.connection.alias
                    )
        make_indexes(self.connection, indexes)
        with self.connection.cursor() as cursor:
            for model in RECORD_MODELS:
                cursor.execute(f"ANALYZE {self.quote(model._meta.db_table)}")


@contextlib.contextmanager
def faster_sqlite_writes(connection):
    """SQLite: no waiting for the disk at each commit of the build (``synchronous = OFF``), then as before.

    A crash of the machine mid-build can leave the file damaged; a failed build rolls back as ever.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:  # SQLite changes it only between transactions
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(previous)}")
