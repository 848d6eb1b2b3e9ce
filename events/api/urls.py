from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from events.api import calendars, views
from events.api.changes import ChangesView
from events.api.datapackage import DataPackageView
from events.api.exceptions import UNKNOWN_ADDRESS, unknown_address

router = DefaultRouter()
# No format suffixes (``/api/events.csv``, ``/api/reports/1.json``): the addresses are those the schema lists, and
# a format is ``?format=`` (a suffix took precedence over it, and ``/api/reports/1.5/`` was a 400 on format).
router.include_format_suffixes = False
router.register("events", views.EventViewSet, basename="event")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("attendances", views.AttendanceViewSet, basename="attendance")
router.register("reports", views.ReportViewSet, basename="report")
router.register("articles", views.ArticleViewSet, basename="article")

urlpatterns = [
    path("changes/", ChangesView.as_view(), name="changes"),
    path("events/<slug:slug>/timeline/", views.EventTimelineView.as_view(), name="event-timeline"),
    path(
        "participants/<slug:slug>/calendar.ics",
        calendars.ParticipantCalendarView.as_view(),
        name="participant-calendar",
    ),
    path("datapackage/", DataPackageView.as_view(), name="datapackage"),
    path("", include(router.urls)),
    # Last: any other address under /api/ is a JSON 404 (with DEBUG on too, where handler404 is not used).
    re_path(r"", unknown_address, name=UNKNOWN_ADDRESS),
]
