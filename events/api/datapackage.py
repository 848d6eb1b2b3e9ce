"""The records as a Frictionless Data Package: one CSV file per resource and a ``datapackage.json``.

Each CSV file is that resource's export (``/api/<resource>/export/?format=csv``): the same columns, the same
cells, and only what the reader may see (``events.api.audience``). ``datapackage.json`` describes each file
with a Table Schema derived from the list serializer and the model: field types, choices as ``enum``
constraints, ``id`` as the primary key, slugs and uids as unique, and every relation between the files as a
foreign key (a participant's affiliation refers to the same file). ``frictionless validate`` accepts it
(tests/api/test_datapackage.py). ``manage.py export_records --datapackage DIR`` writes it to a folder;
``/api/datapackage/`` answers it as a zip file.
"""

import json
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from events.api import exports, views
from events.api.conditional import ConditionalReadsMixin
from events.api.mixins import JSONErrorsMixin
from events.api.parameters import QueryParametersMixin
from events.api.renderers import JSONRenderer
from events.models.participant import LIST_SEPARATOR

# In dependency order: each file refers only to those before it (and participants to participants).
RESOURCES = {
    "participants": views.ParticipantViewSet,
    "events": views.EventViewSet,
    "articles": views.ArticleViewSet,
    "attendances": views.AttendanceViewSet,
    "reports": views.ReportViewSet,
}
RESOURCE_OF_MODEL = {viewset.queryset.model: name for name, viewset in RESOURCES.items()}
UNIQUE_KEYS = {"slug", "uid"}

# Table Schema types by model field; any other field is a string.
TYPES = {
    **dict.fromkeys(
        ["AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField"],
        "integer",
    ),
    **dict.fromkeys(["PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField"], "integer"),
    **dict.fromkeys(["FloatField", "DecimalField"], "number"),
    "DateField": "date",
    "DateTimeField": "datetime",
    "BooleanField": "boolean",
}


def operator_request():
    """A request for the operator's package (``export_records``): every record, drafts and usernames included."""
    operator = get_user_model()(username="export_records", is_active=True, is_superuser=True)
    request = Request(RequestFactory().get("/api/datapackage/"))
    request.user = operator
    return request


def tables(request):
    """``(name, queryset, columns)`` for each resource, as the reader of ``request`` may see it, by ``id``."""
    for name, viewset in RESOURCES.items():
        view = viewset(request=request, action="export", format_kwarg=None, args=(), kwargs={})
        queryset, columns = view.export_table(view.get_queryset().order_by("pk"))
        yield name, queryset, columns


def field_schema(queryset, name, lookup):
    """The Table Schema field of one column, and the resource and field it refers to (or ``None``)."""
    model = queryset.model
    target = exports.field_of(queryset, lookup)
    try:
        first = model._meta.get_field(lookup.split("__")[0])
    except FieldDoesNotExist:  # an annotation (a column this reader may not see)
        first = None
    schema = {"name": name, "type": TYPES.get(target.get_internal_type(), "string") if target else "string"}
    if first is not None:
        described = first if first.is_relation else target
        if described.verbose_name:
            schema["title"] = str(described.verbose_name)
        if described.help_text:
            schema["description"] = str(described.help_text)
    if target is not None and target.get_internal_type() == "UUIDField":
        schema["format"] = "uuid"
    if target is not None and target.get_internal_type() == "JSONField":
        schema["description"] = f"A list, its items separated by {LIST_SEPARATOR} (which no item holds)."
    constraints = {}
    if first is not None and first.is_relation and not first.null:
        constraints["required"] = True
    if first is not None and not first.is_relation:
        if target.choices:
            constraints["enum"] = [str(value) for value, _label in target.flatchoices]
        if not (target.null or target.blank):
            constraints["required"] = True
        if name in UNIQUE_KEYS or target.primary_key:
            constraints["unique"] = True
    if constraints:
        schema["constraints"] = constraints
    refers = None
    if first is not None and first.is_relation and target.model in RESOURCE_OF_MODEL:
        refers = (RESOURCE_OF_MODEL[target.model], target.name)
    return schema, refers


def table_schema(name, queryset, columns):
    fields, foreign_keys = [], []
    for column, lookup in columns:
        schema, refers = field_schema(queryset, column, lookup)
        fields.append(schema)
        if refers:
            resource, field = refers
            # A reference to the same file names no resource (Table Schema's self-reference).
            reference = {"resource": "" if resource == name else resource, "fields": field}
            foreign_keys.append({"fields": column, "reference": reference})
    return {"fields": fields, "primaryKey": "id", "foreignKeys": foreign_keys, "missingValues": [""]}


def descriptor(resources):
    return {
        "profile": "tabular-data-package",
        "name": "eventsapi",
        "title": "eventsapi: diplomatic events, their participants and the sourced reports of who attends",
        "created": timezone.now().isoformat().replace("+00:00", "Z"),
        "resources": resources,
    }


def write(request, open_file):
    """Write the package's files through ``open_file(name)``, which gives a binary file to write to; a generator
    that pauses after each block written, so that a zip can be streamed as it is made.

    The tables are read in one transaction (on PostgreSQL at ``REPEATABLE READ``), so that the files agree
    with each other even while curators write: no reference to a record missing from its file.
    """
    resources = []
    connection = transaction.get_connection()
    outermost = not connection.in_atomic_block  # inside a caller's transaction, its snapshot is the one read
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for name, queryset, columns in tables(request):
            with open_file(f"{name}.csv") as file:
                for block in exports.export_blocks(queryset, columns, "csv"):
                    file.write(block)
                    yield
            resources.append(
                {
                    "name": name,
                    "path": f"{name}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": table_schema(name, queryset, columns),
                }
            )
    with open_file("datapackage.json") as file:
        file.write(json.dumps(descriptor(resources), indent=2, ensure_ascii=False).encode("utf-8") + b"\n")
    yield


def write_directory(directory, request=None):
    """The package in ``directory`` (made if missing), for the operator unless ``request`` names a reader."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for _block in write(request or operator_request(), lambda name: (directory / name).open("wb")):
        pass


class Pipe:
    """A write-only stream that keeps what is written until it is taken: zipfile writes to it, a response reads."""

    def __init__(self):
        self.pieces = []

    def write(self, data):
        self.pieces.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        taken, self.pieces = b"".join(self.pieces), []
        return taken


def zip_blocks(request):
    """The package as a zip file, streamed in blocks as it is made (in constant memory)."""
    pipe = Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for _block in write(request, lambda name: archive.open(name, "w", force_zip64=True)):
            if block := pipe.take():
                yield block
    yield pipe.take()


class ZipRenderer(BaseRenderer):
    """The package's one format, for the negotiation (``Accept: application/zip``, ``?format=zip``); the view
    streams the zip itself, and its errors and its description (``OPTIONS``) are JSON (``JSONErrorsMixin``)."""

    media_type = "application/zip"
    format = "zip"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise NotImplementedError("the data package streams its zip itself")


class DataPackageView(ConditionalReadsMixin, JSONErrorsMixin, QueryParametersMixin, APIView):
    """Every record the reader may see, as a Frictionless Data Package in a zip file. A read: open to everyone.

    Tagged as a list's export is (``events.api.conditional``): a 304 to ``If-None-Match`` until a record changes,
    making nothing. The tag is weak: the package says when it was made, so two makings differ in that."""

    permission_classes = [AllowAny]
    renderer_classes = [ZipRenderer]
    takes_format = True  # ``?format=zip``; another is "No format … here. Valid formats: zip." (tester 40, F2)
    weak_tag = True

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()  # every error is JSON, a 406 to another Accept too
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def reads_conditionally(self):
        return self.request.method in ("GET", "HEAD")

    @extend_schema(
        summary="Every record as a Frictionless Data Package (a zip of CSV files and datapackage.json)",
        responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    def get(self, request, *args, **kwargs):
        response = StreamingHttpResponse(zip_blocks(request), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="eventsapi-datapackage.zip"'
        return response
