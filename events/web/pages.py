"""Public, read-only HTML pages."""

from django.shortcuts import get_object_or_404, render

from events.models import Event
from events.web.board import status_board


def event_page(request, slug):
    """One event: its status board, then every participant's reports over time."""
    event = get_object_or_404(Event.objects.for_listing(), slug=slug)
    return render(request, "events/event_page.html", {"event": event, "board": status_board(event)})
