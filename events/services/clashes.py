"""A write that lost a race to a clashing one: done again, its checks tell the clash as any other.

A write checks that it is unique (a slug, an event and participant pair, an article's publisher, day and
title) before its INSERT. Another write can store the same between the two: its INSERT then fails on the
database's unique constraint, which would be a 500. Done once more, in a transaction of its own, the write's
checks see the other record and refuse it as they would have had it come first: a 400 naming the field in
the API, the field's error on the admin's form.
"""

from django.db import IntegrityError


def once_more_after_a_clash(write, *args, clashes=(IntegrityError,), **kwargs):
    """``write(*args, **kwargs)``, called again once if it failed on a constraint of the database (or another of
    ``clashes``: a create that took over a record another create changed meanwhile, ``RecordChanged``).

    ``write`` must be whole: its own transaction, nothing kept from a failed call. A second failure is raised.
    """
    try:
        return write(*args, **kwargs)
    except clashes:
        return write(*args, **kwargs)
