"""Which read replicas may serve reads now: each is checked at most every few seconds per process.

A replica is usable when it answers and is no further behind the primary than
``DATABASE_REPLICA_MAX_LAG`` seconds. Its lag is zero when it has replayed all the WAL
the primary had written when asked (``pg_current_wal_lsn()``); otherwise it is the age of
the last transaction it replayed (``now() - pg_last_xact_replay_timestamp()``), so a
replica whose replay is paused, or whose stream broke, ages until it is skipped.
"""

import contextlib
import logging
import math
import random
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

# alias -> (monotonic time of the check, usable)
_checked = {}
_lock = threading.Lock()

LAG_SQL = """
    SELECT pg_is_in_recovery(),
           pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),
           EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
"""


def lag(alias):
    """Seconds replica ``alias`` is behind the primary (``inf`` when unknown); raises when either is down."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (primary_at,) = cursor.fetchone()
    with connections[alias].cursor() as cursor:
        cursor.execute(LAG_SQL, [primary_at])
        in_recovery, behind, since_replay = cursor.fetchone()
    if not in_recovery or behind is None or behind <= 0:
        return 0.0
    return math.inf if since_replay is None else float(since_replay)


def check(alias):
    """Whether replica ``alias`` answers and is within the lag allowed; logs why it is not."""
    try:
        seconds = lag(alias)
    except DatabaseError as error:
        logger.warning("read replica %s is skipped: %s", alias, error)
        # Its connection may be broken: the next check opens a new one.
        with contextlib.suppress(DatabaseError):
            connections[alias].close()
        return False
    if seconds > settings.DATABASE_REPLICA_MAX_LAG:
        logger.warning("read replica %s is skipped: %.1f s behind the primary", alias, seconds)
        return False
    return True


def usable(alias, *, now=None):
    """The kept answer of ``check(alias)``, checked again when older than the check interval."""
    now = time.monotonic() if now is None else now
    kept = _checked.get(alias)
    if kept is not None and now - kept[0] < settings.DATABASE_REPLICA_CHECK_INTERVAL:
        return kept[1]
    answer = check(alias)
    with _lock:
        _checked[alias] = (time.monotonic(), answer)
    return answer


def mark_unusable(alias):
    """Skip ``alias`` until the next check (a query on it has just failed)."""
    with _lock:
        _checked[alias] = (time.monotonic(), False)


def forget():
    """Drop every kept answer: the next read checks each replica again."""
    with _lock:
        _checked.clear()


def choose():
    """A usable replica's alias, at random among them; ``None`` when there is none."""
    candidates = [alias for alias in settings.DATABASE_REPLICAS if usable(alias)]
    return random.choice(candidates) if candidates else None
