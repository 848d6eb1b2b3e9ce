"""Lean reads for the hot JSON endpoints: rows from ``.values()``, shaped as the serializers answer them.

A DRF serializer builds a model instance per row and runs a field object per
value; on a page of 500 reports that is most of the time of the request. Here a
page is one ``.values()`` query whose rows are renamed to the serializer's keys
and handed to orjson as they are (dates, datetimes and UUIDs serialise natively).
The serializers stay the contract: the rows' columns are derived from them
(``Rows.of``), ``tests/api/test_reads.py`` compares both outputs for every endpoint,
and the writes, the browsable API, CSV and the OpenAPI schema still go through them.
"""

import datetime
import operator

import orjson
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models import JSONField
from django.db.models.fields.json import KeyTransform
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from events.api import serializers
from events.api.audience import audience, sees_drafts
from events.api.columns import columns_of
from events.models import Article, Attendance, Report


class Rows:
    """How a record reads as a row: each JSON key and the lookup it comes from, in the serializer's order."""

    def __init__(self, **columns):
        self.columns = columns
        self.keys = list(columns)
        # A row's values in the serializer's order, in one call (an itemgetter of one item gives it bare).
        lookups = list(columns.values())
        if len(lookups) > 1:
            self.getter = operator.itemgetter(*lookups)
        else:
            self.getter = lambda row: tuple(row[lookup] for lookup in lookups)

    @classmethod
    def of(cls, serializer):
        """The row of ``serializer``: its columns, derived (``events.api.columns``), never copied."""
        return cls(**dict(columns_of(serializer)))

    def values(self, queryset, extra=()):
        """The ``.values()`` queryset of these columns (and of ``extra`` lookups, such as the ordering's)."""
        return queryset.prefetch_related(None).values(*dict.fromkeys([*self.columns.values(), *extra]))

    def shape(self, row):
        return dict(zip(self.keys, self.getter(row), strict=True))

    def tuples(self, queryset):
        """The ``values_list()`` queryset of these columns."""
        return queryset.prefetch_related(None).values_list(*self.columns.values())

    def dicts(self, rows):
        """Rows of ``tuples()`` as the serializer's dicts."""
        keys = list(self.columns)
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def read(self, queryset):
        """The rows of ``queryset`` as the serializer's dicts, built once each from ``values_list()`` tuples."""
        return self.dicts(self.tuples(queryset))


# What stands for the key while a read is compiled (see Prepared): no key a request can give.
PLACEHOLDERS = {models.IntegerField: -739_200_173, models.CharField: "\x1fkey\x1f"}
BIGGEST_KEY = 2**63 - 1


class Statement:
    """A queryset's SQL as compiled, with what turns its rows into the values the ORM reads."""

    def __init__(self, queryset):
        compiler = queryset.query.get_compiler(using=queryset.db)
        # The database is chosen on each run, not at compile time: the router may send a read to a replica.
        self.using, self.model = queryset._db, queryset.model
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:  # a query that can match nothing (an empty slice): no SQL to run
            self.sql, params = None, ()
        self.params = tuple(params)
        selected = [select[0] for select in compiler.select[: compiler.col_count]] if self.sql else []
        connection = connections[queryset.db]
        self.converters = [
            (position, ([quicker(function, connection) for function in functions], expression))
            for position, (functions, expression) in compiler.get_converters(selected).items()
        ]
        query = queryset.query
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]

    def rows(self, params=None):
        """The rows of the SQL run with ``params`` (its own by default), through Django's converters."""
        if self.sql is None:
            return []
        connection = connections[self.using or router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params if params is None else params)
            rows = cursor.fetchall()
        if not self.converters:
            return rows
        # Each converter of each column in Django's order (SQLCompiler.apply_converters), in one flat loop.
        steps = [(position, function, expression)
                 for position, (functions, expression) in self.converters for function in functions]  # fmt: skip
        converted = []
        for row in rows:
            row = list(row)
            for position, function, expression in steps:
                row[position] = function(row[position], expression, connection)
            converted.append(row)
        return converted

    def dicts(self, params=None):
        """The rows as dicts keyed by the names the queryset selected (as ``.values()`` gives them)."""
        return [dict(zip(self.names, row, strict=True)) for row in self.rows(params)]

    def count(self, params=None):
        """How many rows the SQL gives, counted by the database (as ``QuerySet.count()`` counts a slice)."""
        if self.sql is None:
            return 0
        connection = connections[self.using or router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({self.sql}) subquery", self.params if params is None else params)
            return cursor.fetchone()[0]


def utc_datetime(value, expression, connection):
    """SQLite's datetime text as an aware datetime in UTC: Django's converter, when the connection's time zone is UTC.

    Django's reads the settings for each value; on a page of reports that is a tenth of the request.
    """
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            value = parse_datetime(value)
    return value if value is None or value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)


def json_value(function):
    """A JSONField's converter (of a field with no decoder of its own) by orjson, else by ``function``.

    orjson reads every JSON text ``json.loads`` reads to the same values, and refuses the few others
    (``NaN``, integers past 64 bits, lone surrogates), which go to Django's converter as before.
    """

    def convert(value, expression, connection):
        if isinstance(value, str) and not isinstance(expression, KeyTransform):
            try:
                return orjson.loads(value)
            except orjson.JSONDecodeError:
                pass
        return function(value, expression, connection)

    return convert


def quicker(function, connection):
    """``function``, a converter of Django's, or one that gives the same values for less."""
    field = getattr(function, "__self__", None)
    if getattr(function, "__func__", None) is JSONField.from_db_value and field.decoder is None:
        return json_value(function)
    if connection.vendor != "sqlite" or not settings.USE_TZ or connection.timezone != datetime.UTC:
        return function
    if getattr(function, "__func__", None) is type(connection.ops).convert_datetimefield_value:
        return utc_datetime
    return function


class Prepared:
    """A read compiled once a process, then run for any key with the key bound in its place.

    A detail's queries differ from one request to the next in their key alone, yet the ORM
    would build and compile each anew, which costs more than SQLite takes to run them.
    ``build(key)`` gives the ``values_list()`` queryset of a key; it is compiled once with a
    placeholder key, and ``rows(key)`` runs that SQL with the key as its parameter, through
    the converters Django would apply. A key the placeholder cannot stand for (a huge
    integer, another type of field) is read through ``build(key)`` as it is.
    """

    def __init__(self, build, field):
        self.build, self.field = build, field
        self.placeholder = next((value for kind, value in PLACEHOLDERS.items() if isinstance(field, kind)), None)
        self.statement = None

    def rows(self, key):
        key = self.field.to_python(key)
        if self.placeholder is None or (isinstance(key, int) and not 0 <= key <= BIGGEST_KEY):
            return list(self.build(key))
        if self.statement is None:
            self.statement = self.compile()
        statement, position = self.statement
        if statement is None:  # the placeholder was not one parameter of the SQL
            return list(self.build(key))
        params = list(statement.params)
        params[position] = key
        return statement.rows(params)

    def compile(self):
        statement = Statement(self.build(self.placeholder))
        positions = [index for index, param in enumerate(statement.params) if param == self.placeholder]
        return (statement, positions[0]) if len(positions) == 1 else (None, None)


class CompiledPages:
    """The pages of the lists that name no filter, each compiled once a process.

    A list with no filter is the same query for everyone: its page ``n`` of ``size`` rows
    is the same SQL every time, which the ORM would build and compile anew on every
    request. ``rows(key, queryset)`` compiles ``queryset`` (a ``.values()`` page) the first
    time it meets ``key`` and runs that SQL from then on. Only so many pages are kept.
    """

    def __init__(self, most=1000):
        self.most = most
        self.statements = {}

    def rows(self, key, queryset):
        statement = self.statements.get(key)
        if statement is None:
            if len(self.statements) >= self.most:
                self.statements.clear()
            statement = self.statements[key] = Statement(queryset)
        return statement.dicts()


COMPILED_PAGES = CompiledPages()


PARTICIPANT = Rows.of(serializers.ParticipantSerializer)
PARTICIPANT_ATTENDANCE = Rows.of(serializers.ParticipantAttendanceSerializer)
EVENT = Rows.of(serializers.EventSerializer)
EVENT_ATTENDANCE = Rows.of(serializers.EventAttendanceSerializer)
EVENT_ARTICLE = Rows.of(serializers.ArticleSummarySerializer)
ATTENDANCE = Rows.of(serializers.AttendanceSerializer)
ATTENDANCE_REPORT = Rows.of(serializers.AttendanceReportSerializer)
REPORT = Rows.of(serializers.ReportSerializer)


def ordering_of(queryset):
    """The lookups a queryset is ordered by (``-`` kept), its model's default order when none was asked."""
    return list(queryset.query.order_by or queryset.model._meta.ordering)


def ordering_lookups(queryset):
    return [item.lstrip("-") for item in ordering_of(queryset) if isinstance(item, str)]


class LeanReads:
    """The lean read of one resource: ``rows()`` for the paginator, ``page()`` and ``detail()`` for the answer."""

    row = None

    def rows(self, queryset, request):
        # The ordering's lookups ride along so that a cursor can be taken from a row.
        return self.row.values(queryset, extra=ordering_lookups(queryset))

    def page(self, rows, request):
        return [self.row.shape(row) for row in rows]

    def __init__(self):
        self.prepared = {}  # by view class and audience: its Prepared read of one record by key

    def record(self, queryset):
        """The one record of ``queryset`` (filtered to one key) as a dict, ``None`` when there is none."""
        rows = self.row.read(queryset[:1])
        return rows[0] if rows else None

    def record_by_key(self, view, queryset, lookup, key):
        """The record of ``queryset`` whose ``lookup`` field is ``key``, by a read ``view``'s class compiles once."""
        # The queryset differs by who reads (a reader who may not see drafts reads verified reports only).
        kept_as = (type(view), audience(view.request))
        prepared = self.prepared.get(kept_as)
        if prepared is None:
            meta = queryset.model._meta
            field = meta.pk if lookup == "pk" else meta.get_field(lookup)
            build = lambda value: self.row.tuples(queryset.filter(**{lookup: value}))[:1]  # noqa: E731
            prepared = self.prepared[kept_as] = Prepared(build, field)
        rows = self.row.dicts(prepared.rows(key))
        return rows[0] if rows else None

    def detail(self, record, request):
        """The detail document of ``record`` (from ``record()``): the row and what it nests."""
        return record


def visible(reports, everything):
    return reports if everything else reports.verified()


def by_audience(nested, field):
    """A nested read compiled twice: for readers who may see drafts (``True``), and for the others (``False``),
    who see no draft or rejected report and no attendance awaiting review. ``nested(key, everything)`` is
    the read of the rows nested under the record with id ``key``; ``field`` the column ``key`` stands for."""
    return {
        everything: Prepared(lambda key, everything=everything: nested(key, everything), field)
        for everything in (True, False)
    }


# The rows a detail nests, by the id of the record that nests them.
EVENT_ATTENDANCES = by_audience(
    lambda event, everything: EVENT_ATTENDANCE.tuples(
        Attendance.objects.visible(everything).as_listed_by_event().filter(event=event)
    ),
    Attendance._meta.get_field("event").target_field,
)
PARTICIPANT_ATTENDANCES = by_audience(
    lambda participant, everything: PARTICIPANT_ATTENDANCE.tuples(
        Attendance.objects.visible(everything).as_listed_by_participant().filter(participant=participant)
    ),
    Attendance._meta.get_field("participant").target_field,
)
EVENT_ARTICLES = by_audience(
    lambda event, everything: EVENT_ARTICLE.tuples(Article.objects.of_event(event, verified_only=not everything)),
    Attendance._meta.get_field("event").target_field,
)
ATTENDANCE_REPORTS = by_audience(
    lambda attendance, everything: ATTENDANCE_REPORT.tuples(
        visible(Report.objects.as_listed_by_attendance(), everything).filter(attendance=attendance)
    ),
    Report._meta.get_field("attendance").target_field,
)


class ParticipantReads(LeanReads):
    row = PARTICIPANT

    def detail(self, participant, request):
        attendances = PARTICIPANT_ATTENDANCES[sees_drafts(request)]
        participant["attendances"] = PARTICIPANT_ATTENDANCE.dicts(attendances.rows(participant["id"]))
        return participant


class EventReads(LeanReads):
    """Events; ``?expand=attendances`` nests each event's attendances in the list (one more query)."""

    row = EVENT

    def page(self, rows, request):
        events = super().page(rows, request)
        if request.query_params.get("expand") == "attendances":
            nested = {event["id"]: [] for event in events}
            attendances = Attendance.objects.visible(sees_drafts(request)).as_listed_by_event()
            attendances = attendances.filter(event__in=list(nested))
            keys = list(EVENT_ATTENDANCE.columns)
            for event, *row in attendances.values_list("event", *EVENT_ATTENDANCE.columns.values()):
                nested[event].append(dict(zip(keys, row, strict=True)))
            for event in events:
                event["attendances"] = nested[event["id"]]
        return events

    def detail(self, event, request):
        event["attendances"] = EVENT_ATTENDANCE.dicts(EVENT_ATTENDANCES[sees_drafts(request)].rows(event["id"]))
        event["articles"] = EVENT_ARTICLE.dicts(EVENT_ARTICLES[sees_drafts(request)].rows(event["id"]))
        event["page_url"] = request.build_absolute_uri(reverse("event-page", kwargs={"slug": event["slug"]}))
        return event


class AttendanceReads(LeanReads):
    row = ATTENDANCE

    def detail(self, attendance, request):
        reports = ATTENDANCE_REPORTS[sees_drafts(request)]
        attendance["reports"] = ATTENDANCE_REPORT.dicts(reports.rows(attendance["id"]))
        return attendance


class ReportReads(LeanReads):
    """Reports; their usernames read null for readers who may not see drafts."""

    row = REPORT
    curators_only = serializers.ReportSerializer.Meta.curators_only

    def hide(self, report, request):
        if not sees_drafts(request):
            report.update(dict.fromkeys(self.curators_only))
        return report

    def page(self, rows, request):
        reports = super().page(rows, request)
        if not sees_drafts(request):
            hidden = dict.fromkeys(self.curators_only)
            for report in reports:
                report.update(hidden)
        return reports

    def detail(self, report, request):
        return self.hide(super().detail(report, request), request)
