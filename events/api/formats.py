"""Formats that answer a whole filtered list of events in one document, with no pages: ICS and GeoJSON.

Each is a renderer (``events.api.calendars``, ``events.api.geo``) that also says how it reads the
events; ``WholeListFormatsMixin`` offers them on a list, alongside JSON and CSV.
"""

from rest_framework import renderers
from rest_framework.response import Response

from events.api.renderers import JSONRenderer


class WholeListRenderer(renderers.BaseRenderer):
    """A format whose document holds every event of the filtered list (``document()`` builds it as bytes)."""

    charset = "utf-8"

    def shape(self, events):
        """The events queryset as this format reads it (its prefetches)."""
        return events

    def document(self, events, request):
        raise NotImplementedError

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class WholeListFormatsMixin:
    """A list that also answers ``?format=`` one of ``whole_list_renderers``: every matching record, no pages.

    The list's filters and ``ordering`` apply; errors stay JSON.
    """

    whole_list_renderers = ()

    def get_renderers(self):
        renderers_ = super().get_renderers()
        if getattr(self, "action", None) == "list":
            renderers_ += [renderer() for renderer in self.whole_list_renderers]
        return renderers_

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        if not isinstance(renderer, WholeListRenderer):
            return super().list(request, *args, **kwargs)
        events = renderer.shape(self.filter_queryset(self.get_queryset()))
        return Response(renderer.document(events, request))

    def handle_exception(self, exc):
        if isinstance(getattr(self.request, "accepted_renderer", None), WholeListRenderer):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
