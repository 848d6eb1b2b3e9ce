"""Lookups of a batch's thousands of values in one parameter: by one column (``filter_in``) or by rows of
several columns (``filter_rows_in``).

Django's ``__in`` sends one parameter a value and prepares each through the field, which is most of the
time a batch's lookup takes at thousands of values. On SQLite and PostgreSQL the values go instead as one
JSON list (SQLite's ``json_each``) or one array a column (PostgreSQL's ``unnest``).
"""

import functools
import json
import operator
import uuid

from django.db import connections, models
from django.db.models import F, Func, Q
from django.db.models.expressions import RawSQL

from events.models.changes import array_parameter

# The columns ``filter_in`` sends as one parameter: a value of one of these types the database compares as it is.
ONE_PARAMETER_TYPES = {
    models.CharField: (str, "text"),
    models.SlugField: (str, "text"),
    models.TextField: (str, "text"),
    models.URLField: (str, "text"),
    models.AutoField: (int, "bigint"),
    models.BigAutoField: (int, "bigint"),
    models.ForeignKey: (int, "bigint"),
    models.UUIDField: (uuid.UUID, "uuid"),
}


def filter_in(queryset, lookup, values):
    """``queryset.filter(<lookup>__in=values)``, with the values as one parameter where that is the same query:
    for a text, id or UUID column of SQLite or PostgreSQL."""
    connection = connections[queryset.db]
    field = target_field(queryset.model, lookup)
    python_type, array_type = ONE_PARAMETER_TYPES.get(type(field), (None, None))
    if field.many_to_one and type(field.target_field) not in (models.AutoField, models.BigAutoField):
        python_type = None
    if (
        connection.vendor not in ("sqlite", "postgresql")
        or python_type is None
        or not all(type(value) is python_type for value in values)
    ):
        return queryset.filter(**{f"{lookup}__in": values})
    if python_type is uuid.UUID:
        values = [field.get_db_prep_value(value, connection) for value in values]
    if connection.vendor == "sqlite":
        unpacked = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])
    else:
        unpacked = RawSQL(f"SELECT unnest(%s::{array_type}[])", [array_parameter(values)])
    return queryset.filter(**{f"{lookup}__in": unpacked})


def as_is_type(field):
    """The type of value that ``field.get_db_prep_value()`` gives back as it is (a text of a text column, an id of
    an id column or of a relation to one), or None."""
    python_type, _array_type = ONE_PARAMETER_TYPES.get(type(field), (None, None))
    if python_type is uuid.UUID or (field.many_to_one and type(field.target_field) not in AUTO_KEYS):
        return None
    return python_type


AUTO_KEYS = (models.AutoField, models.BigAutoField)


def target_field(model, lookup):
    """The field a lookup path (``event__slug``) ends at."""
    *relations, name = lookup.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


class RowsIn(Func):
    """``(column, …) IN (rows)``, a condition for ``QuerySet.filter()``, the rows given as SQL and its parameters."""

    output_field = models.BooleanField()

    def __init__(self, columns, rows_sql, rows_params):
        super().__init__(*(F(column) for column in columns))
        self.rows_sql, self.rows_params = rows_sql, rows_params

    def as_sql(self, compiler, connection, **extra_context):
        columns, params = super().as_sql(compiler, connection, template="%(expressions)s", **extra_context)
        return f"({columns}) IN ({self.rows_sql})", (*params, *self.rows_params)


def filter_rows_in(queryset, attnames, rows):
    """The rows of ``queryset`` whose columns ``attnames`` hold one of these tuples of values.

    Where a unique index or another index begins with these columns, each tuple is one probe of it: unlike
    an ``__in`` on each column, which finds the rows matching any combination of the values, and unlike an
    ``__in`` on one of them, which reads every row with that one value. A tuple holding ``None`` matches
    nothing, as in SQL.
    """
    connection = connections[queryset.db]
    fields = [queryset.model._meta.get_field(attname) for attname in attnames]
    rows = [row for row in rows if None not in row]
    if not rows:
        return queryset.none()
    if connection.vendor not in ("sqlite", "postgresql"):
        return queryset.filter(
            functools.reduce(operator.or_, (Q(**dict(zip(attnames, row, strict=True))) for row in rows))
        )
    prepared = [as_is_type(field) for field in fields]  # None: each value through its field
    rows = [
        [
            value if type(value) is plain else field.get_db_prep_value(value, connection)
            for field, plain, value in zip(fields, prepared, row, strict=True)
        ]
        for row in rows
    ]
    if connection.vendor == "sqlite":
        parts = ", ".join(f"json_extract(value, '$[{position}]')" for position in range(len(fields)))
        condition = RowsIn(attnames, f"SELECT {parts} FROM json_each(%s)", [json.dumps(rows, default=str)])
    else:
        arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
        condition = RowsIn(
            attnames,
            f"SELECT * FROM unnest({arrays})",
            [array_parameter(column) for column in zip(*rows, strict=True)],
        )
    return queryset.filter(condition)
