"""A short write transaction whose wait for the database's write lock counts against a request's deadline.

On SQLite (``transaction_mode`` IMMEDIATE) ``BEGIN`` takes the write lock and waits for it up to the busy
timeout (20 s); on PostgreSQL a write waits for the rows another transaction holds. A run with a deadline
waits no longer than what is left of it, and then raises ``OutOfTime``, as running out of time anywhere else.
"""

import time
from contextlib import contextmanager, nullcontext

from django.db import OperationalError, connection, transaction

from events.extraction import OutOfTime
from events.services.pragmas import sqlite_pragma


def _milliseconds_left(deadline):
    return max(1, int((deadline - time.monotonic()) * 1000))


def _sqlite_busy_timeout(deadline):
    """SQLite waits at BEGIN at most until ``deadline``; its busy timeout is restored after."""
    if deadline is None or connection.in_atomic_block:
        return nullcontext()
    return sqlite_pragma(connection, "busy_timeout", _milliseconds_left(deadline))


@contextmanager
def write_transaction(deadline):
    """``transaction.atomic()``, its lock waits bounded by ``deadline`` (``time.monotonic()``; None: unbounded)."""
    try:
        with _sqlite_busy_timeout(deadline), transaction.atomic():
            if deadline is not None and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = {_milliseconds_left(deadline)}")
            yield
    except OperationalError as error:  # "database is locked", or PostgreSQL's lock_timeout
        if deadline is not None and time.monotonic() >= deadline - 0.5:
            raise OutOfTime from error
        raise
