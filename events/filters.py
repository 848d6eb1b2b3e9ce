"""One FilterSet per resource. Every parameter is declared, so a wrong value is a 400."""

import django_filters
from django import forms
from django.core.validators import slug_re
from django.db.models import Exists, OuterRef, Prefetch, Q
from django_filters.rest_framework import DjangoFilterBackend

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


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """A record chosen by slug: what cannot be a slug (a NUL byte, a space) is refused before any query.

    (PostgreSQL refuses a NUL byte in a query with an error, not an empty answer.)
    """

    def to_python(self, value):
        if value not in self.empty_values and not slug_re.match(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


def slug_filter(model, field_name, **kwargs):
    """A filter on a related record given by its slug; an unknown slug is a 400 that names it.

    With ``method=`` the method filters, and ``field_name`` still tells the OpenAPI schema the type.
    """
    return SlugChoiceFilter(
        queryset=model.objects.all(),
        field_name=field_name,
        to_field_name="slug",
        error_messages={"invalid_choice": f"No {model._meta.verbose_name} has the slug “%(value)s”."},
        **kwargs,
    )


def id_filter(model, field_name, **kwargs):
    """A filter on a related record given by its id; an unknown id is a 400 that names it."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        field_name=field_name,
        error_messages={"invalid_choice": f"No {model._meta.verbose_name} has the id “%(value)s”."},
        **kwargs,
    )


def date_filter(**kwargs):
    """A date in ISO 8601 only (``2018-09-04``): ``04/09/2018`` is ambiguous, so it is a 400."""
    return django_filters.DateFilter(input_formats=["%Y-%m-%d"], **kwargs)


class ChoicesField(django_filters.fields.MultipleChoiceField):
    """Empty values (``?kind=``) mean no filter, as they do for every other parameter."""

    def clean(self, value):
        return super().clean([item for item in value or () if item != ""])


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    field_class = ChoicesField


def choices_filter(choices, field_name=None, **kwargs):
    """Several values of one choice parameter mean OR: ``status=confirmed&status=declined``."""
    return ChoicesFilter(choices=choices, field_name=field_name, **kwargs)


def overlap(prefix="", after=None, before=None):
    """A ``Q`` for events (at ``prefix``) whose dates overlap the inclusive range [after, before].

    An event with no end date lasts one day.
    """
    condition = Q()
    if before is not None:
        condition &= Q(**{f"{prefix}start_date__lte": before})
    if after is not None:
        condition &= Q(**{f"{prefix}end_date__gte": after}) | Q(
            **{f"{prefix}end_date__isnull": True, f"{prefix}start_date__gte": after}
        )
    return condition


class StableOrderingFilter(django_filters.OrderingFilter):
    """``ordering`` with the primary key as the last tie-breaker, so pages are stable.

    Ties follow the direction of the first field: under ``-reported_on`` the record
    entered last comes first, as in the default orders. Empty items
    (``ordering=title,``) are ignored.
    """

    def filter(self, qs, value):
        params = [param for param in value or () if param]
        if not params:
            return qs
        tie_breaker = "-pk" if params[0].startswith("-") else "pk"
        return qs.order_by(*(self.get_ordering_value(param) for param in params), tie_breaker)


class RangeCheckedForm(forms.Form):
    """A filter form whose ``(low, high)`` parameter pairs must not be reversed."""

    ranges = ()

    def clean(self):
        cleaned = super().clean()
        for low, high in self.ranges:
            if cleaned.get(low) and cleaned.get(high) and cleaned[low] > cleaned[high]:
                self.add_error(low, f"{low} ({cleaned[low]}) is later than {high} ({cleaned[high]}).")
        return cleaned


class RulesFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``ranges`` are checked: ``date_after`` later than ``date_before`` is a 400."""

    ranges = ()

    def get_form_class(self):
        # The filters are the same for every request, so is their form: built once per FilterSet.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = type(
                f"{cls.__name__}Form", (RangeCheckedForm, super().get_form_class()), {"ranges": self.ranges}
            )
        return cls._form_class


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names none of the filters (most reads).

    Binding a FilterSet deep-copies its filters and builds a form: with no filter
    parameter that changes nothing but costs more than the lean read itself.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not set(request.query_params) & set(filterset_class.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)


class EventFilter(RulesFilterSet):
    kind = choices_filter(EventKind.choices)
    status = choices_filter(EventStatus.choices)
    date_after = date_filter(method="filter_date_after", help_text="Events that end on or after.")
    date_before = date_filter(method="filter_date_before", help_text="Events that start on or before.")
    country = django_filters.CharFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2 code, any case.")
    city = django_filters.CharFilter(lookup_expr="iexact")
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
    search = django_filters.CharFilter(method="filter_search", help_text="Title, description or city.")
    ordering = StableOrderingFilter(
        fields=["start_date", "end_date", "title", "created_at", "updated_at"],
    )
    expand = django_filters.ChoiceFilter(
        choices=[("attendances", "attendances")],
        method="filter_expand",
        help_text="attendances: nest each event's attendances in the list, as the detail does.",
    )

    ranges = [("date_after", "date_before")]

    class Meta:
        model = Event
        fields = []

    def filter_expand(self, queryset, name, value):
        # Not a filter: the nested attendances, read in one query for the page.
        return queryset.prefetch_related(Prefetch("attendances", queryset=Attendance.objects.as_listed_by_event()))

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(overlap(after=value))

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(overlap(before=value))

    def filter_attendance(self, queryset, name, value):
        # participant, participant_status and participant_role describe ONE attendance,
        # so they are applied together, once, in filter_queryset().
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        same_attendance = {
            "participant": data.get("participant"),
            "status__in": data.get("participant_status"),
            "role__in": data.get("participant_role"),
        }
        same_attendance = {key: value for key, value in same_attendance.items() if value}
        if same_attendance:
            attendances = Attendance.objects.filter(event=OuterRef("pk"), **same_attendance)
            queryset = queryset.filter(Exists(attendances))
        return queryset

    def filter_article(self, queryset, name, value):
        return queryset.filter(Exists(Report.objects.filter(attendance__event=OuterRef("pk"), article=value)))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


class ParticipantFilter(RulesFilterSet):
    kind = choices_filter(ParticipantKind.choices)
    country = django_filters.CharFilter(lookup_expr="iexact", help_text="ISO 3166-1 alpha-2 code, any case.")
    search = django_filters.CharFilter(method="filter_search", help_text="Name, slug or any alias.")
    event = slug_filter(Event, "attendances__event", method="filter_event")
    affiliation = slug_filter(Participant, "affiliation")
    ordering = StableOrderingFilter(fields=["name", "slug", "kind", "created_at", "updated_at"])

    class Meta:
        model = Participant
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_event(self, queryset, name, value):
        return queryset.filter(Exists(Attendance.objects.filter(participant=OuterRef("pk"), event=value)))


class AttendanceFilter(RulesFilterSet):
    event = slug_filter(Event, "event")
    participant = slug_filter(Participant, "participant")
    status = choices_filter(AttendanceStatus.choices)
    role = choices_filter(AttendanceRole.choices)
    participant_kind = choices_filter(ParticipantKind.choices, field_name="participant__kind")
    date_after = date_filter(method="filter_date_after", help_text="Attendances at events that end on or after.")
    date_before = date_filter(method="filter_date_before", help_text="Attendances at events that start on or before.")
    country = django_filters.CharFilter(
        field_name="event__country", lookup_expr="iexact", help_text="The event's country, any case."
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
    ordering = StableOrderingFilter(fields=["reported_on", "status", "created_at", "updated_at"])

    ranges = [("reported_after", "reported_before")]

    class Meta:
        model = Report
        fields = []


class ArticleFilter(RulesFilterSet):
    publisher = django_filters.CharFilter(lookup_expr="iexact")
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
        return queryset.filter(Exists(Report.objects.filter(article=OuterRef("pk"), attendance__event=value)))

    def filter_participant(self, queryset, name, value):
        reports = Report.objects.filter(Q(attendance__participant=value) | Q(speaker=value), article=OuterRef("pk"))
        return queryset.filter(Exists(reports))
