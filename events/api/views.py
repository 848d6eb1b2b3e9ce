"""The HTTP API: one viewset per resource, mostly declarations."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema
from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from events import services
from events.api import filters, reads, serializers
from events.api.audience import knows_of, sees_drafts, visible_records, visible_reports
from events.api.calendars import ICSRenderer
from events.api.conditional import ConditionalReadsMixin, ConditionalWritesMixin
from events.api.extraction import CanProposeReports, ExtractionSerializer, outcome_data
from events.api.formats import WholeListFormatsMixin
from events.api.geo import GeoJSONRenderer
from events.api.history import RecordHistoryMixin
from events.api.mixins import DetailSerializerMixin, ExportMixin, JSONErrorsMixin, LeanReadMixin
from events.api.parameters import QueryParametersMixin
from events.api.renderers import JSONRenderer
from events.api.schema import RecordSchema
from events.api.sparse import SparseFieldsMixin
from events.models import Article, Attendance, Event, Participant, RecordChanged, Report
from events.services import propose_reports

# What a key in a detail address may be; anything else is a 404 before any query.
SLUG = "[-a-zA-Z0-9_]+"
ID = "[0-9]+"


class RecordViewSet(
    JSONErrorsMixin,
    # Their checks run last first: strict parameters, then fields=, then If-None-Match.
    ConditionalReadsMixin,
    SparseFieldsMixin,
    QueryParametersMixin,
    RecordHistoryMixin,
    LeanReadMixin,
    DetailSerializerMixin,
    ExportMixin,
    ConditionalWritesMixin,
    viewsets.ModelViewSet,
):
    """Read for everyone; write for users who hold the model permission.

    Each write is one transaction with the status refresh it triggers; reads run
    outside any transaction. Lists and details carry an ETag (If-None-Match: 304; If-Match on writes);
    ``fields=`` cuts their rows; ``history/`` lists every change.
    """

    schema = RecordSchema()

    def create(self, request, *args, **kwargs):
        # Each attempt validates afresh and writes in one transaction (perform_create). A writer's create that takes
        # over a hidden record (events.services.reports) another create took first is such a clash too: it read no
        # version, so the second attempt's answer is the pair's 400, not a 409 about a version.
        clashes = (IntegrityError, RecordChanged)
        return services.once_more_after_a_clash(super().create, request, *args, clashes=clashes, **kwargs)

    def update(self, request, *args, **kwargs):
        return services.once_more_after_a_clash(super().update, request, *args, **kwargs)

    @transaction.atomic
    def perform_create(self, serializer):
        super().perform_create(serializer)
        self.reload_for_response(serializer)

    @transaction.atomic
    def perform_update(self, serializer):
        super().perform_update(serializer)
        self.reload_for_response(serializer)

    @transaction.atomic
    def perform_destroy(self, instance):
        # What the delete takes with it, the writer must be allowed to delete too, as the admin asks.
        shown = functools.partial(knows_of, self.request)
        if kinds := services.kinds_beyond_permission(self.request.user, instance, shown):
            raise PermissionDenied(services.beyond_permission_message(kinds))
        super().perform_destroy(instance)

    def get_queryset(self):
        queryset = super().get_queryset()
        # A lean read of one record reads its nested rows itself (events.api.reads): the prefetches of
        # ``for_detail`` would go unread, and building them was a sixth of the CPU of a fresh event's detail.
        if self.action in ("list", "export") or (self.action == "retrieve" and self.answers_lean()):
            return queryset.for_listing()
        return self.for_detail(queryset)

    def for_detail(self, queryset):
        """What a detail (and the answer to a write) reads."""
        return queryset.for_detail()

    def reload_for_response(self, serializer):
        # The answer to a write nests related records: read them back the way a GET
        # does (with its prefetches) rather than one query per nested row.
        pk = serializer.instance.pk
        found = self.get_queryset().filter(pk=pk).first()
        if found is None:  # the writer's own write, which its reads do not show (a draft by a non-curator)
            found = self.for_detail(self.queryset.all()).get(pk=pk)
        serializer.instance = found


class EventViewSet(WholeListFormatsMixin, RecordViewSet):
    """Diplomatic events. Detail nests attendances and articles; the list is also a calendar and a map layer."""

    queryset = Event.objects.all()
    serializer_class = serializers.EventSerializer
    detail_serializer_class = serializers.EventDetailSerializer
    filterset_class = filters.EventFilter
    lookup_field = "slug"
    lean = reads.EventReads()
    whole_list_renderers = (ICSRenderer, GeoJSONRenderer)

    def get_serializer_class(self):
        if self.action == "list" and self.request.query_params.get("expand") == "attendances":
            return serializers.EventWithAttendancesSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        # Awaiting review: a curator's (events.models.review); any other reader finds none, anywhere (404).
        return visible_records(self.request, super().get_queryset())

    def for_detail(self, queryset):
        return queryset.for_detail(verified_only=not sees_drafts(self.request))

    lookup_value_regex = SLUG


class ParticipantViewSet(RecordViewSet):
    """States, governments, armed groups, organisations and people. Detail lists attendances."""

    queryset = Participant.objects.all()
    serializer_class = serializers.ParticipantSerializer
    detail_serializer_class = serializers.ParticipantDetailSerializer
    filterset_class = filters.ParticipantFilter
    lookup_field = "slug"
    lean = reads.ParticipantReads()
    lookup_value_regex = SLUG

    def for_detail(self, queryset):
        return queryset.for_detail(verified_only=not sees_drafts(self.request))


class AttendanceViewSet(RecordViewSet):
    """One participant at one event. Detail nests its reports, newest first."""

    queryset = Attendance.objects.all()
    serializer_class = serializers.AttendanceSerializer
    detail_serializer_class = serializers.AttendanceDetailSerializer
    filterset_class = filters.AttendanceFilter
    lean = reads.AttendanceReads()
    lookup_value_regex = ID

    def get_queryset(self):
        return visible_records(self.request, super().get_queryset())

    def for_detail(self, queryset):
        return queryset.for_detail(verified_only=not sees_drafts(self.request))


class ReportViewSet(RecordViewSet):
    """Sourced statements of an attendance status."""

    queryset = Report.objects.all()
    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter
    lean = reads.ReportReads()
    lookup_value_regex = ID

    def get_queryset(self):
        # A reader who may not see drafts finds no other report, in a list, a detail (404) or an export.
        return visible_reports(self.request, super().get_queryset())


class EmptyBody(Serializer):
    """The body of a request that takes none."""


class ArticleViewSet(RecordViewSet):
    """The articles that are the evidence."""

    queryset = Article.objects.all()
    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilter
    lookup_value_regex = ID
    takes_format = False  # the extract action's one format is taken as ``?format=json`` (events.api.parameters)

    @extend_schema(
        request=None,
        responses={200: ExtractionSerializer},
        summary="Propose draft reports from the article's text (curators only)",
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[CanProposeReports],
        renderer_classes=[JSONRenderer],
        takes_format=True,  # ``?format=json``, as every write takes it (tester 37, N4: "Valid parameters here: none")
        serializer_class=EmptyBody,  # OPTIONS lists no field for its POST (tester 50: it listed the article's)
    )
    def extract(self, request, pk=None):
        """Run the extraction assistant: its proposals become draft reports; a second run creates nothing."""
        article = self.get_object()
        if request.data:  # it takes no body: a field sent is not silently ignored (dry_run, say)
            fields = request.data if isinstance(request.data, dict) else {"detail": None}
            raise ValidationError({name: ["Unknown field: this request takes no body."] for name in fields})
        try:  # an article with no text to read, or more than an article may hold, is a 400 on body
            outcome = propose_reports(article=article, seconds=settings.EXTRACTION_SECONDS)
        except DjangoValidationError as error:
            if not Article.objects.filter(pk=article.pk).exists():  # deleted while the assistant read it
                raise NotFound("This article was deleted while the extraction assistant read it.") from error
            raise ValidationError(error.message_dict) from error
        return Response(ExtractionSerializer(outcome_data(outcome)).data)


@extend_schema(summary="Every report of every attendance of the event, oldest first")
class EventTimelineView(
    JSONErrorsMixin,
    # Their checks run last first: strict parameters, then fields=, then If-None-Match.
    ConditionalReadsMixin,
    SparseFieldsMixin,
    QueryParametersMixin,
    LeanReadMixin,
    generics.ListAPIView,
):
    """Every report of every attendance of one event, oldest first; the report filters narrow it."""

    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter
    lean = reads.ReportReads()

    @cached_property
    def event(self):
        return get_object_or_404(visible_records(self.request, Event.objects.all()), slug=self.kwargs["slug"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular, building the schema
            return Report.objects.none()
        reports = visible_reports(self.request, Report.objects.for_listing())
        return reports.filter(attendance__event=self.event).order_by("reported_on", "pk")
