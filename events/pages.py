"""Public, read-only HTML pages."""

from django.shortcuts import get_object_or_404, render

from events.models import Event


def event_page(request, slug):
    """One event: its participants, their current status, and every report over time."""
    event = get_object_or_404(Event.objects.for_page(), slug=slug)
    return render(request, "events/event_page.html", {"event": event})
