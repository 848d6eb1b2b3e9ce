from django.contrib import admin
from django.urls import include, path
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from events.api.schema_yaml import PortableYamlRenderer, PortableYamlRenderer2
from events.web.pages import event_index, event_page, landing

# The YAML quotes what a YAML 1.2 reader would take for a number (events/api/schema_yaml.py).
SCHEMA_RENDERERS = [PortableYamlRenderer, PortableYamlRenderer2, OpenApiJsonRenderer, OpenApiJsonRenderer2]

handler400 = "events.api.exceptions.bad_request"
handler404 = "events.api.exceptions.not_found"

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(renderer_classes=SCHEMA_RENDERERS), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("api/", include("events.api.urls")),
    path("api-auth/", include("rest_framework.urls")),
    path("admin/", admin.site.urls),
    path("events/", event_index, name="event-index"),
    path("events/<slug:slug>/", event_page, name="event-page"),
    path("", landing, name="landing"),
]
