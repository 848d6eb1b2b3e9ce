"""How the importer writes rows: plain values straight to the database, in batches, with a larger SQLite cache."""

import contextlib
import datetime
import gc
import itertools
import uuid

from django.conf import settings
from django.db import connections, models

from events.models import Report
from events.services.pragmas import sqlite_pragma

BATCH_SIZE = 5000


def bulk_write(model, instances, *, fields=None):
    """Every row the importer writes goes through here: new rows, or ``fields`` of written ones.

    Their history is recorded afterwards, from the stored rows (``Importer.record_history``).
    """
    if fields:
        return update_rows(model, instances, fields)
    return insert_rows(model, instances)


def update_rows(model, instances, fields):
    """``bulk_update(instances, fields)`` as one ``UPDATE ... WHERE id = %s`` a row, by ``executemany``.

    Django's ``bulk_update`` builds one ``CASE WHEN id = ... THEN ...`` a batch, its expressions resolved value
    by value in Python, which the database then tries row by row: for the participants of a 5,000-event import
    affiliated with others of its file, 1.8 s of its 29 s of CPU (profiled). The values are prepared as
    ``insert_rows`` prepares them; nothing else differs (no ``save()``, no signals in either).
    """
    connection = connections[model.objects.db]
    if connection.vendor not in ("sqlite", "postgresql"):
        return model.objects.bulk_update(instances, fields, batch_size=BATCH_SIZE)
    meta, quote = model._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in fields]
    rows_of = rows_maker(fields, connection)
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        for chunk in chunked(instances, BATCH_SIZE):
            cursor.executemany(sql, [(*row, obj.pk) for row, obj in zip(rows_of(chunk), chunk, strict=True)])
    return len(instances)


def insert_rows(model, instances):
    """``bulk_create`` at the database's own bulk speed, giving each instance its id.

    Django's ``bulk_create`` builds its INSERTs value by value in Python and sends
    SQLite 999 parameters at a time; this prepares each value once (the fields'
    ``get_db_prep_save``, as ``bulk_create`` does) and hands the rows to
    ``executemany`` on SQLite and to ``COPY`` on PostgreSQL. Nothing else differs:
    no ``save()`` and no signals in either.
    """
    connection = connections[model.objects.db]
    if connection.vendor not in ("sqlite", "postgresql"):
        return model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
    meta, quote = model._meta, connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    columns = ", ".join(quote(field.column) for field in fields)
    rows_of = rows_maker(fields, connection)
    with connection.cursor() as cursor:
        for chunk in chunked(instances, BATCH_SIZE):
            rows = rows_of(chunk)
            if connection.vendor == "sqlite":
                # Within the transaction this is the only writer, and AUTOINCREMENT counts on from the
                # highest id: the rows get the ids that follow the highest one, in order.
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
                cursor.execute(f"SELECT MAX({pk}) FROM {table}")
                last = cursor.fetchone()[0]
                ids = range(last - len(rows) + 1, last + 1)
            else:
                ids = next_ids(cursor, meta.db_table, meta.pk.column, len(rows))
                # psycopg's own cursor: its errors raised as Django's (a clash is an IntegrityError, as an INSERT's).
                copying = cursor.copy(f"COPY {table} ({pk}, {columns}) FROM STDIN")
                with connection.wrap_database_errors, copying as copy:
                    for id_, row in zip(ids, rows, strict=True):
                        copy.write_row((id_, *row))
            for obj, id_ in zip(chunk, ids, strict=True):
                obj.pk = id_
                obj._state.adding, obj._state.db = False, connection.alias
    return instances


def next_ids(cursor, table, column, count):
    """PostgreSQL: ``count`` ids drawn from the sequence of ``table.column``, in order.

    The sequence is found first, once: named by ``pg_get_serial_sequence()`` inside the statement that draws the
    ids, it was looked up in the catalogue again for every id, ten times the cost of ``nextval()`` itself (1.2 s
    against 0.2 s for 100,000 ids, measured through Django's cursor).
    """
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
    sequence = cursor.fetchone()[0]
    cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
    return [row[0] for row in cursor.fetchall()]


# Fields whose cleaned values of these exact types are already what the database takes:
# for them ``get_db_prep_save(pre_save(...))`` changes nothing, and skipping it is most of a row's cost.
PLAIN_DB_TYPES = {
    models.CharField: (str,),
    models.SlugField: (str,),
    models.TextField: (str,),
    models.URLField: (str,),
    models.IntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.BooleanField: (bool,),
}
# Fields that write an empty value as NULL, as it is.
NONE_AS_IS = {models.DateField, models.DateTimeField, models.UUIDField, models.FloatField, models.DecimalField}
AUTO_KEYS = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def rows_maker(fields, connection):
    """A function of instances that gives the rows ``bulk_create`` would write for ``fields``, as tuples.

    It works column by column: a column's values are read in one pass; a column whose values are all of types
    the database takes as they are is written as read, one whose other values all have a direct conversion
    (dates, timestamps, uids) converts each distinct value once, and only any other value goes through its field.
    """
    columns = [
        (field.attname, plain_types(field), db_value(field, connection), direct_conversions(field, connection))
        for field in fields
    ]

    def rows_of(instances):
        stored = [obj.__dict__ for obj in instances]
        values = []
        for attname, plain, prepare, direct in columns:
            try:
                column = [row[attname] for row in stored]
            except KeyError:  # a value left deferred: each through its field
                column = [prepare(obj) for obj in instances]
            else:
                kinds = set(map(type, column)).difference(plain)
                if kinds and kinds <= direct.keys():
                    # The plain values (null) are of other types than the converted ones, so never equal to one.
                    converted = {value: direct[type(value)](value) for value in set(column) if type(value) in kinds}
                    column = list(map(converted.get, column, column))
                elif kinds:
                    column = [
                        value if type(value) in plain else prepare(obj)
                        for value, obj in zip(column, instances, strict=True)
                    ]
            values.append(column)
        return list(zip(*values, strict=True))

    return rows_of


def plain_types(field):
    """The types of value that ``field`` writes as they are (its ``get_db_prep_save`` changes nothing)."""
    if type(field) is models.ForeignKey and type(field.target_field) in AUTO_KEYS:
        return (int, type(None))
    if type(field) in PLAIN_DB_TYPES:  # the exact class: a subclass may prepare its values
        return (*PLAIN_DB_TYPES[type(field)], type(None))
    if type(field) in NONE_AS_IS:
        return (type(None),)
    return ()


def db_value(field, connection):
    """A function of an instance that gives the value ``bulk_create`` would write for ``field``."""
    attname = field.attname
    direct = direct_conversions(field, connection)

    def prepare(obj):
        value = obj.__dict__.get(attname)
        if type(value) in direct:
            return direct[type(value)](value)
        return field.get_db_prep_save(field.pre_save(obj, True), connection)

    return prepare


def direct_conversions(field, connection):
    """By value type, what ``get_db_prep_save`` makes of a date, an aware timestamp or a UUID, done directly.

    Django's own path through ``to_python`` and the backend's adapter costs most of a row's time;
    these give the same values (``tests/transfer/test_writing.py`` compares them).
    """
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return {}
    sqlite = connection.vendor == "sqlite"
    if type(field) is models.DateTimeField and settings.USE_TZ:
        zone = connection.timezone

        def timestamp(value):
            if value.tzinfo is None:  # naive: Django's warning and conversion
                return field.get_db_prep_save(value, connection)
            return str(value.astimezone(zone).replace(tzinfo=None)) if sqlite else value

        return {datetime.datetime: timestamp}
    if type(field) is models.DateField:
        return {datetime.date: str if sqlite else (lambda value: value)}
    if type(field) is models.UUIDField:
        native = connection.features.has_native_uuid_field
        return {uuid.UUID: (lambda value: value) if native else (lambda value: value.hex)}
    return {}


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# At most: SQLite takes the memory as pages are read. The 100,000-event dataset (4.3 GB) needs it: with 256 MiB
# its import re-read 300 GB of pages from the write-ahead log, and took 992 s instead of 752 s.
IMPORT_PAGE_CACHE_KIB = 2048 * 1024


@contextlib.contextmanager
def larger_page_cache():
    """A larger SQLite page cache while an import writes, then the connection's own again.

    A large import inserts into indexes far bigger than SQLite's default cache of 2 MiB,
    and with it spends as long re-reading and re-writing pages as inserting rows.
    """
    with sqlite_pragma(connections[Report.objects.db], "cache_size", -IMPORT_PAGE_CACHE_KIB):
        yield


@contextlib.contextmanager
def no_cycle_collection():
    """Python's cycle collector off while an import runs, then as it was.

    An import keeps hundreds of thousands of objects alive (a batch's instances, the natural keys
    it remembers), and each collection walks them all: about a fifth of an import's time. What the
    import makes is freed by reference counting; what cycles it leaves are collected afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
