"""Whole filtered lists as CSV or NDJSON, streamed in constant memory.

A list's export has the rows of its JSON list (the list serializer's fields, in
its order). On SQLite and PostgreSQL the database writes them from the queryset's
SQL, each cell formatted as the export writes it (dates, timestamps in UTC with
``Z``, UUIDs, quoting and escapes): PostgreSQL's CSV comes from ``COPY``, other
lines from one ``printf()``/``format()`` a row, read a chunk at a time. A list
with a JSON column (participants' aliases) reads its formatted values instead and
converts that column in Python. Other databases, and columns of a kind these paths
do not know, take the generic path: ``values_list()`` and ``iterator()``, with
``plain()`` on each value. All write the same bytes (tests/api/test_exports.py
compares them).
"""

import csv
import io
import json

from django.conf import settings
from django.db import connections
from django.db.models import F, Func, TextField
from django.db.models.expressions import Col
from django.http import StreamingHttpResponse
from rest_framework import renderers

from events.api.renderers import flat
from events.transfer.cells import neutralised, neutralised_sql
from events.transfer.formats import Echo, plain

CHUNK_SIZE = 2000


class ExportRenderer(renderers.BaseRenderer):
    """Names an export format for content negotiation and the schema; the rows are streamed, not rendered."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode(self.charset)


class CSVExportRenderer(ExportRenderer):
    media_type = "text/csv"
    format = "csv"


class NDJSONExportRenderer(ExportRenderer):
    media_type = "application/x-ndjson"
    format = "ndjson"


EXPORT_RENDERERS = {renderer.format: renderer for renderer in (CSVExportRenderer, NDJSONExportRenderer)}


# ------------------------------------------------------------------------------
# The generic path: any database, through Django's converters
# ------------------------------------------------------------------------------
def rows(queryset, columns):
    """Each row as a tuple of JSON values, a chunk of rows at a time."""
    values = queryset.values_list(*(lookup for _name, lookup in columns)).iterator(chunk_size=CHUNK_SIZE)
    for row in values:
        yield [plain(value) for value in row]


def ndjson_lines(queryset, columns):
    names = [name for name, _lookup in columns]
    for row in rows(queryset, columns):
        yield json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n"


def csv_lines(queryset, columns):
    """A header row, then the rows; cells as the list's CSV writes them (lists joined with ``|``)."""
    writer = csv.writer(Echo())
    yield writer.writerow([name for name, _lookup in columns])
    for row in rows(queryset, columns):
        yield writer.writerow([csv_cell(value) for value in row])


def csv_cell(value):
    """A value as its CSV cell, neutralised where a spreadsheet would read a formula."""
    return neutralised(value if isinstance(value, str) else flat(value))


def blocks(lines, size=500):
    """The lines in blocks of ``size``, encoded: far fewer pieces for the server to send one by one."""
    block = []
    for line in lines:
        block.append(line)
        if len(block) == size:
            yield "".join(block).encode("utf-8")
            block = []
    if block:
        yield "".join(block).encode("utf-8")


# ------------------------------------------------------------------------------
# The fast paths: SQLite and PostgreSQL, cells formatted by the database
# ------------------------------------------------------------------------------
# The kind of each column, from its model field; a kind missing here (a decimal...) sends
# the export down the generic path. JSON and float columns are converted in Python.
KINDS = {
    **dict.fromkeys(
        [
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
            "IntegerField",
            "BigIntegerField",
            "SmallIntegerField",
            "PositiveIntegerField",
            "PositiveBigIntegerField",
            "PositiveSmallIntegerField",
        ],
        "integer",
    ),
    **dict.fromkeys(["CharField", "TextField", "SlugField", "EmailField", "URLField"], "text"),
    "DateField": "date",
    "DateTimeField": "datetime",
    "BooleanField": "boolean",
    "UUIDField": "uuid",
    "JSONField": "json",
    # Read as the database gives it and written by Python (repr), as the generic path does.
    "FloatField": "float",
}

# How each database formats a kind of column as its JSON value (``plain()``); a kind missing is read as it is.
# Timestamps: Django stores SQLite's as naive UTC text ("2018-08-21 10:00:00.123456", no fraction when it
# is 0), which ISO 8601 only needs a "T" and a "Z" added to; PostgreSQL's are written in UTC, with the
# microseconds only when there are any, as Python's isoformat() does. SQLite stores a UUID as 32 hex digits.
ISO_SECONDS = 'YYYY-MM-DD"T"HH24:MI:SS'
UTC = "(%(expressions)s AT TIME ZONE 'UTC')"
UTC_TIMESTAMP = (
    f"to_char({UTC}, CASE WHEN date_trunc('second', {UTC}) = {UTC} "
    f"THEN '{ISO_SECONDS}\"Z\"' ELSE '{ISO_SECONDS}.US\"Z\"' END)"
)
UUID_PARTS = [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]
VALUE_SQL = {
    "postgresql": {
        "date": "to_char(%(expressions)s, 'YYYY-MM-DD')",
        "datetime": UTC_TIMESTAMP,
        "uuid": "(%(expressions)s)::text",
    },
    "sqlite": {
        "date": "CAST(%(expressions)s AS text)",  # not a "date" column, which Python's sqlite3 would convert
        "datetime": "replace(%(expressions)s, ' ', 'T') || 'Z'",
        "uuid": " || '-' || ".join(f"substr(%(expressions)s, {start}, {length})" for start, length in UUID_PARTS),
    },
}
# PostgreSQL's COPY writes CSV itself: its booleans as Python writes them, and an empty text as an
# empty cell, as it writes a NULL (it would quote it, "", to tell the two apart; csv.writer does not).
# Text that a spreadsheet would read as a formula gets a leading ' (events.transfer.cells).
COPY_CSV_SQL = {
    **VALUE_SQL["postgresql"],
    "text": f"NULLIF({neutralised_sql('postgresql', '%(expressions)s')}, '')",
    "boolean": "CASE WHEN %(expressions)s THEN 'True' WHEN NOT %(expressions)s THEN 'False' END",
}

# SQLite writes each CSV line itself, a line a row: a text cell neutralised (events.transfer.cells), then
# quoted as csv.writer quotes it (when it holds a comma, a quote or a line break), the others (numbers,
# dates, timestamps, UUIDs) as they are.
SQLITE_QUOTED = (
    "CASE WHEN instr({v}, '\"') OR instr({v}, ',') OR instr({v}, char(10)) OR instr({v}, char(13)) "
    "THEN '\"' || replace({v}, '\"', '\"\"') || '\"' ELSE {v} END"
)
SQLITE_CSV_SQL = {
    "text": SQLITE_QUOTED.format(v=neutralised_sql("sqlite", "%(expressions)s")),
    "boolean": "CASE %(expressions)s WHEN 1 THEN 'True' WHEN 0 THEN 'False' END",
}
# Both write each NDJSON line themselves: their JSON strings escape what json.dumps(ensure_ascii=False)
# escapes, the same way (\", \\, \n, \r, \t, \b, \f, other control characters as \u00XX).
JSON_CELL_SQL = {
    "sqlite": "json_quote({value})",
    "postgresql": "coalesce(to_json({value})::text, 'null')",
}
SQLITE_JSON_BOOLEAN = "CASE %(expressions)s WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END"
# How each line is written: the function that fills a format's %s (a NULL as nothing), and the line's end.
LINE_SQL = {"sqlite": ("printf", "char({})"), "postgresql": ("format", "chr({})")}


def fast_blocks(queryset, columns, format):
    """The export's encoded blocks from the database's own cursor (or COPY), or ``None`` when it cannot."""
    connection = connections[queryset.db]
    if connection.vendor not in VALUE_SQL:
        return None
    fields = [field_of(queryset, lookup) for _name, lookup in columns]
    kinds = [kind_of(field, connection) for field in fields]
    if None in kinds:
        return None
    names = [name for name, _lookup in columns]
    in_python = {"json", "float"} & set(kinds)
    if not in_python and (connection.vendor, format) == ("postgresql", "csv"):
        statement, whole = select_sql(queryset, columns, kinds, COPY_CSV_SQL)
        if whole:
            return copied_csv(connection, names, statement)
    elif not in_python:
        header = csv.writer(Echo()).writerow(names) if format == "csv" else ""
        return written(connection, header, line_sql(queryset, columns, kinds, format))
    statement, _whole = select_sql(queryset, columns, kinds, VALUE_SQL[connection.vendor])
    converters = [
        (index, converter)
        for index, field in enumerate(fields)
        if (converter := converter_of(field, connection, format))
    ]
    chunks = fetched(connection, statement, len(columns), converters)
    return csv_blocks(names, chunks) if format == "csv" else ndjson_blocks(names, chunks)


class Blank(Func):
    """A column that is empty on every row: a field this reader may not see. Typed, for PostgreSQL's functions."""

    template = "CAST(NULL AS text)"
    output_field = TextField()


def field_of(queryset, lookup):
    """The model field ``lookup`` reads (through relations: a foreign key reads its target's value)."""
    expression = queryset.query.clone().resolve_ref(lookup, allow_joins=True)
    if isinstance(expression, Blank):
        return expression.output_field
    if not isinstance(expression, Col):
        return None  # an annotation: its SQL may have params, which a template using it twice would not repeat
    field = expression.output_field
    while field.is_relation:
        field = field.target_field
    return field


def kind_of(field, connection):
    """The column's kind, or ``None`` if the fast paths don't format it exactly as ``plain()`` does."""
    kind = field and KINDS.get(field.get_internal_type())
    if kind == "datetime" and not (settings.USE_TZ and connection.timezone_name == "UTC"):
        return None  # plain() would write another offset than "Z"
    return kind


def converter_of(field, connection, format):
    """The Python function that makes a column's value its JSON value or CSV cell, where SQL alone does not."""
    kind = KINDS[field.get_internal_type()]
    if kind == "json" and format == "csv":
        return lambda value: csv_cell(plain(field.from_db_value(value, None, connection)))
    if kind == "json":
        return lambda value: plain(field.from_db_value(value, None, connection))
    if kind == "boolean":
        return lambda value: value if value is None else bool(value)  # SQLite's 0 and 1
    if kind == "text" and format == "csv":
        return neutralised
    return None


def select_sql(queryset, columns, kinds, formats):
    """``(sql, params)`` selecting the columns, each formatted by ``formats[kind]`` where given, and
    whether it selects nothing else (a DISTINCT selects the columns it orders by too, after them).
    """
    cells = {}
    for index, ((_name, lookup), kind) in enumerate(zip(columns, kinds, strict=True)):
        template = formats.get(kind)
        cells[f"export_{index}"] = (
            Func(F(lookup), template=template, output_field=TextField()) if template else F(lookup)
        )
    query = queryset.annotate(**cells).values_list(*cells).query
    compiler = query.get_compiler(using=queryset.db, elide_empty=False)
    statement = compiler.as_sql()
    return statement, not compiler.has_extra_select


def line_sql(queryset, columns, kinds, format):
    """``(sql, params)`` selecting each row as its line, CSV (SQLite) or NDJSON, written by the database.

    One ``printf()`` or ``format()`` writes the line: a third of the time of as many ``||`` on SQLite.
    A ``%`` in it is written ``%%%%``: once for the template, once for the placeholders Django replaces.
    """
    connection = connections[queryset.db]
    function, end = LINE_SQL[connection.vendor]
    cells = [
        Func(F(lookup), template=cell_sql(connection.vendor, format, kind))
        for (_name, lookup), kind in zip(columns, kinds, strict=True)
    ]
    if format == "csv":
        line_format, end = ",".join(["%s"] * len(cells)), end.format("13, 10")
    else:
        keys = [json.dumps(name, ensure_ascii=False) for name, _lookup in columns]
        line_format, end = "{" + ", ".join(f"{key}: %s" for key in keys) + "}", end.format(10)
    literal = "'" + line_format.replace("'", "''").replace("%", "%%%%") + "'"
    line = Func(*cells, template=f"{function}({literal} || {end}, %(expressions)s)", output_field=TextField())
    query = queryset.annotate(export_line=line).values_list("export_line").query
    return query.get_compiler(using=queryset.db, elide_empty=False).as_sql()


def cell_sql(vendor, format, kind):
    """The template of one cell of a line: its CSV cell (SQLite), or its JSON value."""
    value = VALUE_SQL[vendor].get(kind, "%(expressions)s")
    if format == "csv":
        return SQLITE_CSV_SQL.get(kind, value)
    if vendor == "sqlite" and kind == "boolean":
        return SQLITE_JSON_BOOLEAN
    return JSON_CELL_SQL[vendor].format(value=value)


def written(connection, header, statement):
    """The header, then the lines the database wrote, a chunk a block (a DISTINCT's ordering columns left out)."""
    if header:
        yield header.encode("utf-8")
    with connection.chunked_cursor() as cursor:
        cursor.execute(*statement)
        while chunk := cursor.fetchmany(CHUNK_SIZE):
            yield "".join([row[0] for row in chunk]).encode("utf-8")


def fetched(connection, statement, width, converters):
    """The rows of ``statement``, a chunk at a time (a server-side cursor on PostgreSQL): their first
    ``width`` cells, converted.
    """
    with connection.chunked_cursor() as cursor:
        cursor.execute(*statement)
        while chunk := cursor.fetchmany(CHUNK_SIZE):
            if converters or len(chunk[0]) > width:
                chunk = [list(row[:width]) for row in chunk]
                for row in chunk:
                    for index, converter in converters:
                        row[index] = converter(row[index])
            yield chunk


def csv_blocks(names, chunks):
    """The header, then a block a chunk of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    yield taken(buffer)
    for chunk in chunks:
        writer.writerows(chunk)
        yield taken(buffer)


def taken(buffer):
    """What ``buffer`` holds, encoded, and the buffer emptied."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def ndjson_blocks(names, chunks):
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(..., ensure_ascii=False) makes each call
    for chunk in chunks:
        yield "".join([encode(dict(zip(names, row, strict=True))) + "\n" for row in chunk]).encode("utf-8")


def copied_csv(connection, names, statement):
    """The header, then PostgreSQL's ``COPY ... (FORMAT csv)`` of ``statement``, a chunk of rows a block.

    COPY ends a row with "\\n" and csv.writer with "\\r\\n": each row comes as one piece (one CopyData
    message), so its last byte is its end, whatever newlines its quoted cells hold. The params are bound
    on the client (COPY takes none), as psycopg does itself.
    """
    sql = f"COPY ({connection.ops.compose_sql(*statement)}) TO STDOUT (FORMAT csv)"
    yield csv.writer(Echo()).writerow(names).encode("utf-8")
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.copy(sql) as copy:
        block = []
        for row in copy:
            block.append(row[:-1])
            if len(block) == CHUNK_SIZE:
                yield b"\r\n".join(block) + b"\r\n"
                block = []
        if block:
            yield b"\r\n".join(block) + b"\r\n"


def export_blocks(queryset, columns, format):
    """The export's encoded blocks: the database's own fast path where it has one, the generic one otherwise."""
    content = fast_blocks(queryset, columns, format)
    if content is None:
        content = blocks(csv_lines(queryset, columns) if format == "csv" else ndjson_lines(queryset, columns))
    return content


def streaming_response(queryset, columns, *, format, filename):
    content = export_blocks(queryset, columns, format)
    renderer = EXPORT_RENDERERS[format]
    response = StreamingHttpResponse(content, content_type=f"{renderer.media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{format}"'
    return response
