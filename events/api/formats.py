"""Formats that answer a whole filtered list of events in one document, with no pages: ICS and GeoJSON.

Each is a renderer (``events.api.calendars``, ``events.api.geo``) that also says how it reads the
events; ``WholeListFormatsMixin`` offers them on a list, alongside JSON and CSV.
"""

from rest_framework import renderers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from events.api.renderers import JSONRenderer
from events.api.schema import RecordSchema
from events.api.sparse import FIELDS


class WholeListRenderer(renderers.BaseRenderer):
    """A format whose document holds every event of the filtered list (``document()`` builds it as bytes)."""

    charset = "utf-8"
    # The OpenAPI schema of the document, for the list's 200 answer in this media type.
    openapi_schema = {"type": "string"}

    def shape(self, events, request):
        """The events queryset as this format reads it (its prefetches) for the reader of ``request``."""
        return events

    def document(self, events, request):
        raise NotImplementedError

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class WholeListSchema(RecordSchema):
    """The list's 200 answer documents each whole-list format by its own schema, not the JSON page's."""

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        if getattr(self.view, "action", None) == "list" and str(status_code).startswith("2"):
            content = response.get("content", {})
            for renderer in self.view.whole_list_renderers:
                if renderer.media_type in content:
                    content[renderer.media_type] = {"schema": renderer.openapi_schema}
        return response


class WholeListFormatsMixin:
    """A list that also answers ``?format=`` one of ``whole_list_renderers``: every matching record, no pages.

    The list's filters and ``ordering`` apply; errors stay JSON.
    """

    whole_list_renderers = ()
    schema = WholeListSchema()

    def get_renderers(self):
        available = super().get_renderers()
        # OPTIONS of the list (``metadata``) takes the formats its GET takes: ``?format=ics`` is no 400 there.
        action = getattr(self, "action", None)
        if action == "list" or (action == "metadata" and not getattr(self, "detail", True)):
            available += [renderer() for renderer in self.whole_list_renderers]
        return available

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        if not isinstance(renderer, WholeListRenderer):
            return super().list(request, *args, **kwargs)
        self.refuse_parts(request, renderer)
        events = renderer.shape(self.filter_queryset(self.get_queryset()), request)
        return Response(renderer.document(events, request))

    def refuse_parts(self, request, renderer):
        """A page (``page``, ``page_size``, ``cursor``), some fields (``fields``) or nested rows (``expand``) of a
        document that holds every record whole, in its own shape, is a 400 naming the parameter: it was ignored,
        the whole list answered (``expand`` was a 500 with ``ics``: tester 35, L1)."""
        paginator = self.paginator
        names = [paginator.page_query_param, paginator.page_size_query_param, paginator.cursor_query_param, FIELDS]
        names += sorted(getattr(self.filterset_class, "not_exported", ()))  # the rows' shape, as for the export
        given = [name for name in names if name in request.query_params]
        if given:
            message = f"The {renderer.format} format answers every record the filters match, whole: no {{name}}."
            raise ValidationError({name: [message.format(name=name)] for name in given})

    def handle_exception(self, exc):
        if isinstance(getattr(self.request, "accepted_renderer", None), WholeListRenderer):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
