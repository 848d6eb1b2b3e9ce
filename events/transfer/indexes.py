"""The indexes of a bulk write into empty tables: dropped before it, made once after it, as a restore makes them.

Building an index once from the whole table is several times faster than updating it row by row, and
most of a large write's time into an indexed table goes to its indexes. ``generate_dataset``
(``events.transfer.direct``) and ``import_records`` (``events.transfer.importer``) both drop the indexes
of the tables that are empty when they start and make them again before they commit. The unique indexes
and the keys stay, to guard what they guard (and the importer finds records by them), and so do the
indexes the writer itself reads while it writes (``keep``). It all happens in the writer's transaction:
a failed write rolls back the dropped indexes with its rows.
"""

from events.models import Change

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
    quote, definitions = connection.ops.quote_name, []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
            if cursor.fetchone() is None:
                definitions += droppable_indexes(cursor, connection.vendor, table)
        definitions = [(name, definition) for name, definition in definitions if name not in keep]
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {quote(name)}")
    return [definition for _name, definition in definitions]


def make_indexes(connection, definitions):
    """Make the indexes that ``drop_indexes_of_empty_tables`` dropped, each from its whole table."""
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
