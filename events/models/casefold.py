"""Case-insensitive matching outside ASCII on SQLite, as PostgreSQL does it.

SQLite's ``LIKE``, which Django's ``iexact``, ``icontains``, ``istartswith`` and ``iendswith`` use there, folds
the case of ASCII letters only: ``?city=ZÜRICH`` missed "Zürich", a search for ``ÉTAT`` missed "État".
PostgreSQL compares ``upper()`` of both sides, which knows every alphabet. So on SQLite, when the text looked
for is not plain ASCII, both sides are put in upper case first: the stored one by ``events_upper``, a
function each SQLite connection is given, the text by the same Python function. An ASCII text keeps
SQLite's own ``LIKE``, so the common search costs nothing more.
"""

from django.db import models
from django.db.backends.signals import connection_created
from django.db.models import lookups

UPPER_FUNCTION = "events_upper"


def upper(text):
    """``text`` in upper case a character for a character, as PostgreSQL's ``upper()``: "ß" stays "ß".

    A value that is no text (a number in a JSON list of aliases, ``NULL``) is given back as it is, for ``LIKE``.
    """
    if not isinstance(text, str):
        return text
    folded = text.upper()
    if len(folded) == len(text):
        return folded
    return "".join(upper_case if len(upper_case := character.upper()) == 1 else character for character in text)


def needs_folding(text):
    """Whether SQLite's ``LIKE`` would compare ``text`` by case: it holds a character outside ASCII."""
    return isinstance(text, str) and not text.isascii()


def give_upper_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(UPPER_FUNCTION, 1, upper, deterministic=True)


connection_created.connect(give_upper_function, dispatch_uid="events.models.casefold")


class FoldedOnSQLite:
    """A case-insensitive lookup that compares both sides in upper case on SQLite when the text is not ASCII."""

    def as_sqlite(self, compiler, connection):
        if not needs_folding(self.rhs):
            return self.as_sql(compiler, connection)
        stored = models.Func(self.lhs, function=UPPER_FUNCTION, output_field=self.lhs.output_field)
        return type(self)(stored, upper(self.rhs)).as_sql(compiler, connection)


@models.CharField.register_lookup
@models.TextField.register_lookup
class IExact(FoldedOnSQLite, lookups.IExact):
    pass


@models.CharField.register_lookup
@models.TextField.register_lookup
class IContains(FoldedOnSQLite, lookups.IContains):
    pass


@models.CharField.register_lookup
@models.TextField.register_lookup
class IStartsWith(FoldedOnSQLite, lookups.IStartsWith):
    pass


@models.CharField.register_lookup
@models.TextField.register_lookup
class IEndsWith(FoldedOnSQLite, lookups.IEndsWith):
    pass
