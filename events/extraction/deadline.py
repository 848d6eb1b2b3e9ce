"""A deadline for reading an article, so that a request that extracts ends in time (no spaCy needed)."""

import time


class OutOfTime(Exception):
    """Reading an article, or writing what it proposes, was not done by its deadline."""


def deadline_in(seconds):
    """The ``time.monotonic()`` value ``seconds`` from now (None for None: no deadline)."""
    return None if seconds is None else time.monotonic() + seconds


def check_time(deadline):
    """Raises ``OutOfTime`` once ``time.monotonic()`` reaches ``deadline`` (None: no deadline)."""
    if deadline is not None and time.monotonic() >= deadline:
        raise OutOfTime
