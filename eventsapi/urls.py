from django.contrib import admin
from django.urls import include, path

from events.admin.shortcut import shortcut_view
from events.api.schema_view import DocsView, SchemaView
from events.web.pages import event_index, event_page, landing

handler400 = "events.api.exceptions.bad_request"
handler404 = "events.api.exceptions.not_found"
handler500 = "events.api.exceptions.server_error"

urlpatterns = [
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", DocsView.as_view(url_name="schema"), name="docs"),
    path("api/", include("events.api.urls")),
    path("api-auth/", include("rest_framework.urls")),
    # Before the admin's own: its "View on site" for the records the user may see (events/admin/shortcut.py).
    path("admin/r/<int:content_type_id>/<path:object_id>/", shortcut_view(), name="view-on-site"),
    path("admin/", admin.site.urls),
    path("events/", event_index, name="event-index"),
    path("events/<slug:slug>/", event_page, name="event-page"),
    path("", landing, name="landing"),
]
