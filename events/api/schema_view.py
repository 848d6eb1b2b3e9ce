"""``/api/schema/``: the OpenAPI schema, in YAML (the default) or JSON, held to the API's rules for a query.

A query parameter other than ``format`` is a 400 naming it, and every error is JSON, as on every other
address under ``/api/`` (drf-spectacular's own view took any parameter and wrote its errors in YAML).
"""

from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from events.api.parameters import QueryParametersMixin
from events.api.renderers import JSONRenderer
from events.api.schema_yaml import PortableYamlRenderer, PortableYamlRenderer2

# The YAML quotes what a YAML 1.2 reader would take for a number (events/api/schema_yaml.py).
SCHEMA_RENDERERS = [PortableYamlRenderer, PortableYamlRenderer2, OpenApiJsonRenderer, OpenApiJsonRenderer2]


class SchemaView(QueryParametersMixin, SpectacularAPIView):
    renderer_classes = SCHEMA_RENDERERS

    def options(self, request, *args, **kwargs):
        # Described in JSON, as every address of the API is, whatever the schema's format (tester 50: it was YAML)
        response = super().options(request, *args, **kwargs)
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
        return response

    def handle_exception(self, exc):
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)


class DocsView(SpectacularSwaggerSplitView):
    """``/api/docs/``: the interactive docs page, a page read with GET or HEAD. Another method, OPTIONS too, is a
    405 with ``Allow`` (DRF's OPTIONS answer has no template for this page's HTML: it was a 500)."""

    http_method_names = ["get", "head"]

    def handle_exception(self, exc):
        # An error is JSON, as everywhere under /api/ (tester 36, M4: ``?format=xml`` was a plain-text 400).
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
