"""One FilterSet per resource. Every parameter is declared, so a wrong value is a 400."""

import django_filters
from django.db.models import Exists, OuterRef, Prefetch, Q

from events.api.audience import sees_drafts, visible_reports
from events.api.datefilters import date_filter
from events.api.fields import invalid_choice_message
from events.api.filtering import (
    RulesFilterSet,
    StableOrderingFilter,
    SubstringSearchFilter,
    WholeTextFilter,
    choices_filter,
    country_filter,
    id_filter,
    slug_filter,
)
from events.models import (
    Article,
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    Event,
    EventKind,
    EventStatus,
    Participant,
    ParticipantKind,
    Report,
    ReviewState,
)
from events.rules import codes
from events.rules.dates import overlap


def code_choices(values):
    return [(value, value) for value in values]


class EventFilter(RulesFilterSet):
    kind = choices_filter(EventKind.choices)
    status = choices_filter(EventStatus.choices)
    date_after = date_filter(method="filter_date_after", help_text="Events that end on or after.")
    date_before = date_filter(method="filter_date_before", help_text="Events that start on or before.")
    country = country_filter()
    city = WholeTextFilter(help_text="The city, whole, in any case.")
    host = slug_filter(Participant, "host")
    participant = slug_filter(Participant, "attendances__participant", method="filter_attendance")
    participant_status = choices_filter(
        AttendanceStatus.choices,
        method="filter_attendance",
        help_text="With participant: that participant's status at the event.",
    )
    participant_role = choices_filter(
        AttendanceRole.choices,
        method="filter_attendance",
        help_text="With participant: that participant's role at the event.",
    )
    article = id_filter(Article, "attendances__reports__article", method="filter_article")
    cameo_code = choices_filter(
        code_choices(codes.cameo_choices(codes.EVENT_KIND_CODES)),
        help_text="The CAMEO code of the event's kind (docs/interoperability.md).",
    )
    plover_type = choices_filter(
        code_choices(codes.plover_type_choices(codes.EVENT_KIND_CODES)),
        help_text="The PLOVER event type of the event's kind (docs/interoperability.md).",
    )
    search = django_filters.CharFilter(method="filter_search", help_text="Title, description or city.")
    ordering = StableOrderingFilter(
        fields=["start_date", "end_date", "title", "created_at", "updated_at"],
    )
    expand = django_filters.ChoiceFilter(
        choices=[("attendances", "attendances")],
        error_messages={"invalid_choice": invalid_choice_message(["attendances"], value="%(value)s")},
        method="filter_expand",
        help_text="attendances: nest each event's attendances in the list, as the detail does.",
    )

    ranges = [("date_after", "date_before")]
    # Not a filter but the shape of the list's rows: the export, whose columns are fixed, refuses it (ExportMixin),
    # as do the whole-list formats, each with its own shape (WholeListFormatsMixin).
    not_exported = frozenset({"expand"})

    class Meta:
        model = Event
        fields = []

    def filter_expand(self, queryset, name, value):
        # Not a filter: the nested attendances, read in one query for the page.
        attendances = Attendance.objects.visible(sees_drafts(self.request)).as_listed_by_event()
        return queryset.prefetch_related(Prefetch("attendances", queryset=attendances))

    def filter_date_after(self, queryset, name, value):
        return queryset.overlapping(after=value)

    def filter_date_before(self, queryset, name, value):
        return queryset.overlapping(before=value)

    def filter_attendance(self, queryset, name, value):
        # participant, participant_status and participant_role describe ONE attendance,
        # so they are applied together, once, in filter_queryset().
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return (
            super()
            .filter_queryset(queryset)
            .with_attendance(
                everything=sees_drafts(self.request),
                participant=data.get("participant"),
                status__in=data.get("participant_status"),
                role__in=data.get("participant_role"),
            )
        )

    def filter_article(self, queryset, name, value):
        reports = visible_reports(self.request).filter(attendance__event=OuterRef("pk"), article=value)
        return queryset.filter(Exists(reports))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class ParticipantFilter(RulesFilterSet):
    kind = choices_filter(ParticipantKind.choices)
    country = country_filter()
    search = SubstringSearchFilter(method="filter_search", help_text="Name, slug or any alias.")
    event = slug_filter(Event, "attendances__event", method="filter_event")
    affiliation = slug_filter(Participant, "affiliation")
    ordering = StableOrderingFilter(fields=["name", "slug", "kind", "created_at", "updated_at"])

    class Meta:
        model = Participant
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_event(self, queryset, name, value):
        attendances = Attendance.objects.visible(sees_drafts(self.request))
        return queryset.filter(Exists(attendances.filter(participant=OuterRef("pk"), event=value)))


class AttendanceFilter(RulesFilterSet):
    event = slug_filter(Event, "event")
    participant = slug_filter(Participant, "participant")
    # Read in the events' order, not through a status index (filtering.Unindexed), but for one participant's:
    # the (participant, status) index finds those few.
    status = choices_filter(AttendanceStatus.choices, unindexed_unless="participant")
    role = choices_filter(AttendanceRole.choices)
    # So is a participant's kind: through the kinds' index SQLite read every state's attendances and sorted them.
    participant_kind = choices_filter(
        ParticipantKind.choices, field_name="participant__kind", unindexed_unless="participant"
    )
    date_after = date_filter(method="filter_date_after", help_text="Attendances at events that end on or after.")
    date_before = date_filter(method="filter_date_before", help_text="Attendances at events that start on or before.")
    country = country_filter(
        "event__country", help_text="The event's country: ISO 3166-1 code (any case) or English name."
    )
    ordering = StableOrderingFilter(
        fields=[("event__start_date", "start_date"), "status_date", "status", "role", "created_at", "updated_at"],
    )

    ranges = [("date_after", "date_before")]

    class Meta:
        model = Attendance
        fields = []

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(overlap("event__", after=value))

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(overlap("event__", before=value))


class ReportFilter(RulesFilterSet):
    event = slug_filter(Event, "attendance__event")
    participant = slug_filter(Participant, "attendance__participant")
    status = choices_filter(AttendanceStatus.choices)
    review = choices_filter(ReviewState.choices)
    article = id_filter(Article, "article")
    speaker = slug_filter(Participant, "speaker")
    reported_after = date_filter(field_name="reported_on", lookup_expr="gte")
    reported_before = date_filter(field_name="reported_on", lookup_expr="lte")
    cameo_code = choices_filter(
        code_choices(codes.cameo_choices(codes.REPORT_STATUS_CODES)),
        help_text="The CAMEO code of the report's status (docs/interoperability.md).",
    )
    ordering = StableOrderingFilter(fields=["reported_on", "status", "created_at", "updated_at"])

    ranges = [("reported_after", "reported_before")]

    class Meta:
        model = Report
        fields = []


class ArticleFilter(RulesFilterSet):
    publisher = WholeTextFilter(help_text="The publisher, whole, in any case.")
    published_after = date_filter(field_name="published_on", lookup_expr="gte")
    published_before = date_filter(field_name="published_on", lookup_expr="lte")
    search = django_filters.CharFilter(method="filter_search", help_text="Title, text or publisher.")
    event = slug_filter(Event, "reports__attendance__event", method="filter_event")
    participant = slug_filter(
        Participant,
        "reports__attendance__participant",
        method="filter_participant",
        help_text="Articles with a report on that participant or quoting it as the speaker.",
    )
    ordering = StableOrderingFilter(fields=["published_on", "title", "publisher", "created_at", "updated_at"])

    ranges = [("published_after", "published_before")]

    class Meta:
        model = Article
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_event(self, queryset, name, value):
        reports = visible_reports(self.request).filter(article=OuterRef("pk"), attendance__event=value)
        return queryset.filter(Exists(reports))

    def filter_participant(self, queryset, name, value):
        reports = visible_reports(self.request).filter(
            Q(attendance__participant=value) | Q(speaker=value), article=OuterRef("pk")
        )
        return queryset.filter(Exists(reports))
