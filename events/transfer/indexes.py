"""The indexes of a bulk write into empty tables: dropped before it, made once after it, as a restore makes them.

Building an index once from the whole table is several times faster than updating it row by row, and
most of a large write's time into an indexed table goes to its indexes. ``generate_dataset``
(``events.transfer.direct``) and ``import_records`` (``events.transfer.importer``) both drop the indexes
of the tables that are empty when they start and make them again before they commit. The unique indexes
and the keys stay, to guard what they guard (and the importer finds records by them), and so do the
indexes the writer itself reads while it writes (``keep``). On PostgreSQL so go the foreign keys from one
of those empty tables to another (a report's attendance, article and speaker, an attendance's event and
participant, an event's host): checked row by row, each a query and a row lock at the deferred check,
they were the largest part of the server's work of an import; added again at the end, each is checked
with one join of the two tables. A foreign key to a table that held rows (a report's reviewer, a
historical row's user) stays: dropping it would lock that table against writes for the whole import.
It all happens in the writer's transaction: a failed write rolls back the dropped indexes and keys with its
rows.
"""

from django.db import OperationalError, transaction

from events.models import Change

OBJECT_IN_USE = "55006"  # PostgreSQL's error when a table to alter has checks pending

# A bulk write's lock on PostgreSQL (an advisory lock's key: events.models.changes has the one before it).
BULK_WRITE_LOCK = 7_468_521_002


def one_bulk_write_at_a_time(connection):
    """Wait, in the current transaction, until no other bulk write is under way, and keep the others waiting
    until this one's transaction ends: on PostgreSQL, as SQLite's write lock has it. Two imports at once had each
    found the same tables empty and dropped their indexes (a deadlock), or checked their unique keys before the
    other's commit (its rows then failed on the constraint)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [BULK_WRITE_LOCK])


def record_tables(models):
    """The tables a write of records of these models fills: their own, their history's, the change log."""
    tables = [model._meta.db_table for model in models]
    return [*tables, *(model.history.model._meta.db_table for model in models), Change._meta.db_table]


def index_on(model, *fields):
    """The name of ``model``'s index (``Meta.indexes``) on these fields, in this order."""
    return next(index.name for index in model._meta.indexes if tuple(index.fields) == fields)


def drop_indexes_of_empty_tables(connection, tables, *, keep=()):
    """Drop the indexes of those ``tables`` that are empty, but the unique ones, the keys and those named in
    ``keep``; return the statements that make them again (``make_indexes``). SQLite and PostgreSQL only."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return []
    quote, definitions, empty = connection.ops.quote_name, [], []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
            if cursor.fetchone() is None:
                empty.append(table)
                definitions += droppable_indexes(cursor, connection.vendor, table)
        definitions = [(name, definition) for name, definition in definitions if name not in keep]
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {quote(name)}")
        keys = foreign_keys_between(cursor, empty) if connection.vendor == "postgresql" else []
    keys = drop_foreign_keys(connection, keys)
    return [definition for _name, definition in definitions] + [
        f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}" for table, name, definition in keys
    ]


def make_indexes(connection, definitions):
    """Make the indexes and keys that ``drop_indexes_of_empty_tables`` dropped, each from its whole table."""
    if not definitions:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The deferred checks (each row's foreign keys) now, as the commit would: PostgreSQL makes no
            # index on a table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in definitions:
            cursor.execute(definition)


def droppable_indexes(cursor, vendor, table):
    """``(name, the statement that makes it)`` of each index of ``table`` that is neither unique nor a key."""
    if vendor == "sqlite":
        # Indexes that SQLite makes for a key or a UNIQUE column have no statement.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%%'",
            [table],
        )
    else:
        cursor.execute(
            "SELECT ix.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class ix ON ix.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary",
            [table],
        )
    return cursor.fetchall()


def foreign_keys_between(cursor, tables):
    """PostgreSQL: ``(table, name, definition)`` of each foreign key from one of ``tables`` to one of them."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) AND confrelid = ANY(%s::regclass[]) "
        "ORDER BY conrelid::regclass::text, conname",
        [tables, tables],
    )
    return cursor.fetchall()


def drop_foreign_keys(connection, keys):
    """Drop these foreign keys, ``(table, name, definition)``, and give them back; or, where a table still has
    checks pending from earlier in the caller's transaction (rows deleted), which PostgreSQL alters no table
    with, drop none and give none: their rows are then checked one by one at the deferred check, as ever."""
    if not keys:
        return []
    quote = connection.ops.quote_name
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for table, name, _definition in keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) != OBJECT_IN_USE:
            raise
        return []
    return keys


# The tables whose statistics an import leaves to the next ANALYZE for their index expressions: an article's
# full-text vector (and its title's and publisher's upper case). Counted from the rows sampled, 30,000 at most,
# they took 8.8 s of the server's CPU at 20,000 events (the table's own columns: 0.6 s), and nothing the import
# reads uses them; the columns' statistics are fresh, and autovacuum's ANALYZE after the commit counts them all.
COLUMNS_ONLY = {"events_article"}


def analyze_statement(connection, table, columns):
    """``ANALYZE`` of ``table``; on PostgreSQL, of ``columns`` alone for the tables of ``COLUMNS_ONLY``, which
    leaves out the statistics of their index expressions."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql" and table in COLUMNS_ONLY:
        return f"ANALYZE {quote(table)} ({', '.join(map(quote, columns))})"
    return f"ANALYZE {quote(table)}"
