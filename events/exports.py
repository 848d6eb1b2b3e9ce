"""Whole filtered lists as CSV or NDJSON, streamed in constant memory.

A list's export has the rows of its JSON list (the list serializer's fields, in
its order), read with ``values_list()`` and ``iterator()`` rather than through
model instances and serializers, so that memory stays flat however many rows.
"""

import csv
import json

from django.http import StreamingHttpResponse
from rest_framework import renderers, serializers

from events.records import Echo, plain
from events.renderers import flat

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


def columns_of(serializer, lookups=None):
    """``(name, lookup)`` for each field of a list serializer: the value a ``values_list()`` reads for it.

    A slug relation reads the related slug, an id relation the id; ``lookups`` gives the others
    (a report's event, which the serializer reads through its attendance).
    """
    lookups = lookups or {}
    model = serializer.Meta.model
    columns = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if name in lookups:
            lookup = lookups[name]
        elif isinstance(field, serializers.SlugRelatedField):
            lookup = f"{field.source}__{field.slug_field}"
        elif isinstance(field, serializers.PrimaryKeyRelatedField):
            lookup = model._meta.get_field(field.source).attname
        else:
            lookup = field.source
        columns.append((name, lookup))
    return columns


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
        yield writer.writerow([value if isinstance(value, str) else flat(value) for value in row])


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


def streaming_response(queryset, columns, *, format, filename):
    lines = csv_lines(queryset, columns) if format == "csv" else ndjson_lines(queryset, columns)
    renderer = EXPORT_RENDERERS[format]
    response = StreamingHttpResponse(blocks(lines), content_type=f"{renderer.media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{format}"'
    return response
