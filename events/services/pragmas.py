"""A SQLite setting changed for a while on one connection (``PRAGMA``), then the connection's own again."""

import contextlib


@contextlib.contextmanager
def sqlite_pragma(connection, name, value):
    """``PRAGMA name = value`` on ``connection`` while the block runs, then the value it had; elsewhere nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA {name} = {previous}")
