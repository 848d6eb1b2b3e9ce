"""The behaviours that the viewsets are assembled from: JSON errors, detail serializers, export, lean reads."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from events.api import exports
from events.api.audience import audience, sees_drafts
from events.api.columns import columns_of
from events.api.prepared import PREPARED_LISTS
from events.api.renderers import CSVRenderer, JSONRenderer


class JSONErrorsMixin:
    """Errors are JSON, also when a list was asked for as CSV; so is what OPTIONS answers, the view's description,
    whatever format the address gives (a zip, a calendar, CSV: none of them is a description's format)."""

    def options(self, request, *args, **kwargs):
        response = super().options(request, *args, **kwargs)
        if isinstance(response.data, dict) and "renders" in response.data:  # what GET here answers, list formats too
            response.data["renders"] = [renderer.media_type for renderer in self.get_renderers()]
        if not isinstance(request.accepted_renderer, JSONRenderer | BrowsableAPIRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return response

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

    @extend_schema(
        summary="The whole filtered list as CSV or NDJSON, streamed, with no pages",
        description="The list's columns, with nothing nested: `expand` (events) is refused with a 400.",
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
        # A parameter of the list that shapes its rows (``expand``) is none of the export's, whose columns are fixed:
        # refused with the others it does not take (events.api.parameters.not_taken_here).
        queryset, columns = self.export_table(self.filter_queryset(self.get_queryset()))
        name = self.queryset.model._meta.verbose_name_plural.replace(" ", "-")
        return exports.streaming_response(queryset, columns, format=request.accepted_renderer.format, filename=name)

    def export_table(self, queryset):
        """``queryset`` and the export's columns ``(name, lookup)`` as the reader of this request may see them."""
        columns = columns_of(self.serializer_class)
        hidden = getattr(self.serializer_class.Meta, "curators_only", ())
        if hidden and not sees_drafts(self.request):  # usernames: an empty column for the other readers
            queryset = queryset.annotate(hidden_from_reader=exports.Blank())
            columns = [(name, "hidden_from_reader" if name in hidden else lookup) for name, lookup in columns]
        return queryset, columns

    def perform_content_negotiation(self, request, force=False):
        """The export's format is ``?format=``, else the ``Accept`` header's (``text/csv``); neither is a 400
        naming ``format``. An error is JSON whatever the header asks (tester 35, L6: it was labelled CSV)."""
        if self.action != "export":
            return super().perform_content_negotiation(request, force)
        if force:
            return JSONRenderer(), JSONRenderer.media_type
        format = request.query_params.get("format") or None  # "?format=" gives none, as any empty parameter
        accept = request.META.get("HTTP_ACCEPT", "*/*").strip()
        if format is not None or accept not in ("", "*/*"):
            # Among the export's formats only: "Accept: application/json;q=0.5, text/csv;q=0.4" is CSV (tester 42, F6)
            renderers = [renderer for renderer in self.get_renderers() if renderer.format in exports.EXPORT_RENDERERS]
            try:
                return self.get_content_negotiator().select_renderer(request, renderers, self.format_kwarg)
            except (NotAcceptable, ValidationError):  # an Accept or a format of no format of the export's: the 400
                pass
        choices = " or ".join(f"format={name}" for name in exports.EXPORT_RENDERERS)
        given = "" if format is None else f", not “{format}”"
        raise ValidationError({"format": [f"Give {choices} (or Accept: {self.export_types()}){given}."]})

    @staticmethod
    def export_types():
        return " or ".join(renderer.media_type for renderer in exports.EXPORT_RENDERERS.values())


class LeanReadMixin:
    """JSON reads answered by ``lean`` (events/api/reads.py) instead of the serializer: the same document, faster.

    Other formats (CSV, the browsable API) and every write keep the serializers.
    """

    lean = None
    # By view class and reader's audience: the queryset a lean detail starts from, never evaluated here.
    lean_bases = {}

    def lean_base(self):
        """``get_queryset()`` of a detail, built once per view class and audience, as the read ``record_by_key``
        compiles from it is: a copy of it each time (building its filters was a tenth of a fresh detail's CPU)."""
        kept_as = (type(self), audience(self.request))
        base = LeanReadMixin.lean_bases.get(kept_as)
        if base is None:
            base = LeanReadMixin.lean_bases[kept_as] = self.get_queryset()
        return base.all()

    def answers_lean(self):
        renderer = getattr(self.request, "accepted_renderer", None)  # none yet: before content negotiation
        return self.lean is not None and isinstance(renderer, JSONRenderer)

    def list(self, request, *args, **kwargs):
        if not self.answers_lean():
            return super().list(request, *args, **kwargs)
        # A list filtered by values alone: its SQL compiled for its shape, run with them (events.api.prepared).
        prepared = PREPARED_LISTS.rows(self, request)
        if prepared is not None:
            rows = self.paginator.paginate_queryset(prepared, request, self)
            return self.get_paginated_response(self.lean.page(rows, request))
        queryset = self.filter_queryset(self.get_queryset())
        # The records are counted, not their rows: the same count, without the joins of the rows' columns.
        rows = self.paginator.paginate_queryset(self.lean.rows(queryset, request), request, self, counted=queryset)
        return self.get_paginated_response(self.lean.page(rows, request))

    def retrieve(self, request, *args, **kwargs):
        if not self.answers_lean():
            return super().retrieve(request, *args, **kwargs)
        base = self.lean_base()
        queryset = self.filter_queryset(base)
        key = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        if queryset is base:  # no filter asked (most reads): a read compiled once will do
            record = self.lean.record_by_key(self, base, self.lookup_field, key)
        else:
            record = self.lean.record(queryset.filter(**{self.lookup_field: key}))
        if record is None:
            raise Http404(f"No {queryset.model._meta.object_name} matches the given query.")
        return Response(self.lean.detail(record, request))
