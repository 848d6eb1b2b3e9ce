"""The HTTP API: one viewset per resource, mostly declarations."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from events import exports, filters, reads, serializers
from events.conditional import ConditionalWritesMixin
from events.extraction.api import CanProposeReports, ExtractionSerializer, outcome_data
from events.history_api import RecordHistoryMixin
from events.models import Article, Attendance, Event, Participant, Report
from events.renderers import CSVRenderer, JSONRenderer
from events.schema import RecordSchema
from events.services import propose_reports

# What a key in a detail address may be; anything else is a 404 before any query.
SLUG = "[-a-zA-Z0-9_]+"
ID = "[0-9]+"


class JSONErrorsMixin:
    """Errors are JSON, also when a list was asked for as CSV."""

    def handle_exception(self, exc):
        renderer = getattr(self.request, "accepted_renderer", None)
        if isinstance(renderer, CSVRenderer | exports.ExportRenderer):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class DetailSerializerMixin:
    """The list serializer for lists, the richer detail serializer for one record."""

    detail_serializer_class = None

    def get_serializer_class(self):
        if self.action == "list" or self.detail_serializer_class is None:
            return self.serializer_class
        return self.detail_serializer_class


class ExportMixin:
    """``export/?format=csv|ndjson&<filters>``: the whole filtered list, streamed, with no pages."""

    export_lookups = {}  # the values_list() lookup of a list field that is no plain field or relation

    @extend_schema(
        summary="The whole filtered list as CSV or NDJSON, streamed, with no pages",
        filters=True,
        parameters=[OpenApiParameter("format", enum=list(exports.EXPORT_RENDERERS), required=True)],
        responses={
            (200, renderer.media_type): OpenApiResponse(OpenApiTypes.STR)
            for renderer in exports.EXPORT_RENDERERS.values()
        },
    )
    @action(
        detail=False,
        pagination_class=None,
        renderer_classes=[JSONRenderer, *exports.EXPORT_RENDERERS.values()],
    )
    def export(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        columns = exports.columns_of(self.serializer_class(), self.export_lookups)
        name = self.queryset.model._meta.verbose_name_plural.replace(" ", "-")
        return exports.streaming_response(queryset, columns, format=request.accepted_renderer.format, filename=name)

    def perform_content_negotiation(self, request, force=False):
        if self.action == "export" and not force:
            format = request.query_params.get("format")
            if format not in exports.EXPORT_RENDERERS:
                choices = " or ".join(f"format={name}" for name in exports.EXPORT_RENDERERS)
                given = "" if format is None else f", not “{format}”"
                raise ValidationError({"format": [f"Give {choices}{given}."]})
        return super().perform_content_negotiation(request, force)


class LeanReadMixin:
    """JSON reads answered by ``lean`` (events/reads.py) instead of the serializer: the same document, faster.

    Other formats (CSV, the browsable API) and every write keep the serializers.
    """

    lean = None

    def answers_lean(self):
        return self.lean is not None and isinstance(self.request.accepted_renderer, JSONRenderer)

    def list(self, request, *args, **kwargs):
        if not self.answers_lean():
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        rows = self.paginate_queryset(self.lean.rows(queryset, request))
        return self.get_paginated_response(self.lean.page(rows, request))

    def retrieve(self, request, *args, **kwargs):
        if not self.answers_lean():
            return super().retrieve(request, *args, **kwargs)
        base = self.get_queryset()
        queryset = self.filter_queryset(base)
        key = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        if queryset is base:  # no filter asked (most reads): a read compiled once will do
            record = self.lean.record_by_key(self, base, self.lookup_field, key)
        else:
            record = self.lean.record(queryset.filter(**{self.lookup_field: key}))
        if record is None:
            raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")
        return Response(self.lean.detail(record, request))


class RecordViewSet(
    JSONErrorsMixin,
    RecordHistoryMixin,
    LeanReadMixin,
    DetailSerializerMixin,
    ExportMixin,
    ConditionalWritesMixin,
    viewsets.ModelViewSet,
):
    """Read for everyone; write for users who hold the model permission.

    Each write is one transaction with the status refresh it triggers; reads run
    outside any transaction. Details carry an ETag that If-Match checks; ``history/`` lists every change.
    """

    schema = RecordSchema()

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
        super().perform_destroy(instance)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.for_listing() if self.action in ("list", "export") else queryset.for_detail()

    def reload_for_response(self, serializer):
        # The answer to a write nests related records: read them back the way a GET
        # does (with its prefetches) rather than one query per nested row.
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)


class EventViewSet(RecordViewSet):
    """Diplomatic events. Detail nests attendances and articles."""

    queryset = Event.objects.all()
    serializer_class = serializers.EventSerializer
    detail_serializer_class = serializers.EventDetailSerializer
    filterset_class = filters.EventFilter
    history_select_related = ["host"]
    lookup_field = "slug"
    lean = reads.EventReads()

    def get_serializer_class(self):
        if self.action == "list" and self.request.query_params.get("expand") == "attendances":
            return serializers.EventWithAttendancesSerializer
        return super().get_serializer_class()

    lookup_value_regex = SLUG


class ParticipantViewSet(RecordViewSet):
    """States, governments, armed groups, organisations and people. Detail lists attendances."""

    queryset = Participant.objects.all()
    serializer_class = serializers.ParticipantSerializer
    detail_serializer_class = serializers.ParticipantDetailSerializer
    filterset_class = filters.ParticipantFilter
    history_select_related = ["affiliation"]
    lookup_field = "slug"
    lookup_value_regex = SLUG


class AttendanceViewSet(RecordViewSet):
    """One participant at one event. Detail nests its reports, newest first."""

    queryset = Attendance.objects.all()
    serializer_class = serializers.AttendanceSerializer
    detail_serializer_class = serializers.AttendanceDetailSerializer
    filterset_class = filters.AttendanceFilter
    history_select_related = ["event", "participant"]
    lean = reads.AttendanceReads()
    lookup_value_regex = ID


class ReportViewSet(RecordViewSet):
    """Sourced statements of an attendance status."""

    queryset = Report.objects.all()
    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter
    history_select_related = ["attendance__event", "attendance__participant", "speaker"]
    lean = reads.ReportReads()
    export_lookups = {"event": "attendance__event__slug", "participant": "attendance__participant__slug"}
    lookup_value_regex = ID


class ArticleViewSet(RecordViewSet):
    """The articles that are the evidence."""

    queryset = Article.objects.all()
    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilter
    lookup_value_regex = ID

    @extend_schema(
        request=None,
        responses={200: ExtractionSerializer},
        summary="Propose draft reports from the article's text (curators only)",
    )
    @action(detail=True, methods=["post"], permission_classes=[CanProposeReports], renderer_classes=[JSONRenderer])
    def extract(self, request, pk=None):
        """Run the extraction assistant: its proposals become draft reports; a second run creates nothing."""
        article = self.get_object()
        if not article.body:
            raise ValidationError({"body": ["The article has no text to read."]})
        return Response(ExtractionSerializer(outcome_data(propose_reports(article=article))).data)


@extend_schema(summary="Every report of every attendance of the event, oldest first")
class EventTimelineView(JSONErrorsMixin, LeanReadMixin, generics.ListAPIView):
    """Every report of every attendance of one event, oldest first; the report filters narrow it."""

    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilter
    lean = reads.ReportReads()

    @cached_property
    def event(self):
        return get_object_or_404(Event, slug=self.kwargs["slug"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular, building the schema
            return Report.objects.none()
        return Report.objects.for_listing().filter(attendance__event=self.event).order_by("reported_on", "pk")
