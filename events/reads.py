"""Lean reads for the hot JSON endpoints: rows from ``.values()``, shaped as the serializers answer them.

A DRF serializer builds a model instance per row and runs a field object per
value; on a page of 500 reports that is most of the time of the request. Here a
page is one ``.values()`` query whose rows are renamed to the serializer's keys
and handed to orjson as they are (dates, datetimes and UUIDs serialise natively).
The serializers stay the contract: ``tests/api/test_reads.py`` compares both outputs
for every endpoint, and the writes, the browsable API, CSV and the OpenAPI
schema still go through them.
"""

from django.urls import reverse

from events.models import Article, Attendance, Report


class Rows:
    """How a record reads as a row: each JSON key and the lookup it comes from, in the serializer's order."""

    def __init__(self, **columns):
        self.columns = columns

    def of(self, queryset, extra=()):
        """The ``.values()`` queryset of these columns (and of ``extra`` lookups, such as the ordering's)."""
        return queryset.prefetch_related(None).values(*dict.fromkeys([*self.columns.values(), *extra]))

    def shape(self, row):
        return {key: row[lookup] for key, lookup in self.columns.items()}

    def read(self, queryset):
        """The rows of ``queryset`` as the serializer's dicts, built once each from ``values_list()`` tuples."""
        keys = list(self.columns)
        return [
            dict(zip(keys, row, strict=True))
            for row in queryset.prefetch_related(None).values_list(*self.columns.values())
        ]


EVENT = Rows(
    id="id",
    slug="slug",
    title="title",
    kind="kind",
    status="status",
    start_date="start_date",
    end_date="end_date",
    city="city",
    country="country",
    host="host__slug",
    description="description",
    created_at="created_at",
    updated_at="updated_at",
    version="version",
)
EVENT_ATTENDANCE = Rows(
    id="id",
    participant="participant__slug",
    participant_name="participant__name",
    participant_kind="participant__kind",
    role="role",
    status="status",
    status_date="status_date",
)
EVENT_ARTICLE = Rows(id="id", title="title", publisher="publisher", published_on="published_on", url="url")
ATTENDANCE = Rows(
    id="id",
    event="event__slug",
    participant="participant__slug",
    role="role",
    status="status",
    status_date="status_date",
    notes="notes",
    created_at="created_at",
    updated_at="updated_at",
    version="version",
)
ATTENDANCE_REPORT = Rows(
    id="id",
    uid="uid",
    status="status",
    review="review",
    reported_on="reported_on",
    article="article",
    quote="quote",
    speaker="speaker__slug",
    via="via",
)
REPORT = Rows(
    id="id",
    uid="uid",
    attendance="attendance",
    event="attendance__event__slug",
    participant="attendance__participant__slug",
    status="status",
    review="review",
    reviewed_by="reviewed_by__username",
    reviewed_at="reviewed_at",
    reported_on="reported_on",
    article="article",
    quote="quote",
    speaker="speaker__slug",
    via="via",
    created_at="created_at",
    updated_at="updated_at",
    version="version",
)


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
        return self.row.of(queryset, extra=ordering_lookups(queryset))

    def page(self, rows, request):
        return [self.row.shape(row) for row in rows]

    def detail(self, queryset, request):
        row = self.row.of(queryset).first()
        return None if row is None else self.row.shape(row)


class EventReads(LeanReads):
    """Events; ``?expand=attendances`` nests each event's attendances in the list (one more query)."""

    row = EVENT

    def page(self, rows, request):
        events = super().page(rows, request)
        if request.query_params.get("expand") == "attendances":
            nested = {event["id"]: [] for event in events}
            attendances = Attendance.objects.as_listed_by_event().filter(event__in=list(nested))
            keys = list(EVENT_ATTENDANCE.columns)
            for event, *row in attendances.values_list("event", *EVENT_ATTENDANCE.columns.values()):
                nested[event].append(dict(zip(keys, row, strict=True)))
            for event in events:
                event["attendances"] = nested[event["id"]]
        return events

    def detail(self, queryset, request):
        event = super().detail(queryset, request)
        if event is None:
            return None
        event["attendances"] = EVENT_ATTENDANCE.read(Attendance.objects.as_listed_by_event().filter(event=event["id"]))
        event["articles"] = EVENT_ARTICLE.read(Article.objects.of_event(event["id"]))
        event["page_url"] = request.build_absolute_uri(reverse("event-page", kwargs={"slug": event["slug"]}))
        return event


class AttendanceReads(LeanReads):
    row = ATTENDANCE

    def detail(self, queryset, request):
        attendance = super().detail(queryset, request)
        if attendance is not None:
            reports = Report.objects.as_listed_by_attendance().filter(attendance=attendance["id"])
            attendance["reports"] = ATTENDANCE_REPORT.read(reports)
        return attendance


class ReportReads(LeanReads):
    row = REPORT
