"""Public, read-only HTML pages."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from events.models import Attendance, Event, Report


def event_page(request, slug):
    """One event: its participants, their current status, and every report over time."""
    reports = Report.objects.select_related("article", "speaker").order_by("reported_on", "pk")
    attendances = Attendance.objects.select_related("participant").prefetch_related(
        Prefetch("reports", queryset=reports)
    )
    event = get_object_or_404(
        Event.objects.select_related("host").prefetch_related(
            Prefetch("attendances", queryset=attendances.order_by("participant__name", "pk"))
        ),
        slug=slug,
    )
    return render(request, "events/event_page.html", {"event": event})
