"""Calendars (iCalendar, RFC 5545): ``/api/events/?format=ics`` and ``/api/participants/{slug}/calendar.ics``.

One VEVENT per event, all day (``DTEND`` is the day after the last day), with its participants as
ATTENDEEs whose PARTSTAT maps their current status; a participant that was not invited is no
attendee. Built with the icalendar library; a calendar client can subscribe to either address.
"""

import datetime
import re

import icalendar
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response

from events.api.audience import sees_drafts
from events.api.conditional import ConditionalReadsMixin
from events.api.formats import WholeListRenderer
from events.api.mixins import JSONErrorsMixin
from events.api.parameters import QueryParametersMixin
from events.api.renderers import JSONRenderer
from events.extraction import without_note
from events.models import Attendance, AttendanceRole, AttendanceStatus, Event, EventStatus, Participant

PRODID = "-//eventsapi//Diplomatic events//EN"
# Where a calendar client should look again (RFC 7986, and the older name most clients read).
REFRESH = datetime.timedelta(hours=1)
# What RFC 5545 allows in no value (its CONTROL, and the C1 controls), which a stored title, description or name
# may hold (a bell, an escape, a form feed): left out, or a reader drops the line (tester 35, L3). Line breaks
# are written as "\n" (escaped) and the folding's own CRLF and space stay.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# An attendance's status as the attendee's participation status (RFC 5545, 3.2.12); not_invited is no attendee.
PARTSTAT = {
    AttendanceStatus.INVITED: "NEEDS-ACTION",
    AttendanceStatus.CONSIDERING: "TENTATIVE",
    AttendanceStatus.CONFIRMED: "ACCEPTED",
    AttendanceStatus.ATTENDED: "ACCEPTED",
    AttendanceStatus.DECLINED: "DECLINED",
    AttendanceStatus.ABSENT: "DECLINED",
    AttendanceStatus.WITHDRAWN: "DECLINED",
}
# An attendance's role as the attendee's role (3.2.16).
ROLE = {
    AttendanceRole.HOST: "CHAIR",
    AttendanceRole.MEDIATOR: "CHAIR",
    AttendanceRole.PARTICIPANT: "REQ-PARTICIPANT",
    AttendanceRole.OBSERVER: "NON-PARTICIPANT",
}
# An event's status as the VEVENT's (3.8.1.11).
EVENT_STATUS = {
    EventStatus.PROPOSED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.HELD: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
}


def with_attendees(events, *, everything=False):
    """``events`` with their attendees (every attendance but not_invited, on the public record unless
    ``everything``: ``events.api.audience``), each with its participant."""
    attendees = (
        Attendance.objects.visible(everything).as_listed_by_event().exclude(status=AttendanceStatus.NOT_INVITED)
    )
    return events.select_related("host").prefetch_related(Prefetch("attendances", queryset=attendees))


def uid(event):
    """Stable for as long as the event exists: its id, not its slug, which a curator may change."""
    return f"event-{event.pk}@eventsapi"


def address(addresses, participant):
    """A participant as a calendar user: its API address (``addresses`` is that of the participant list)."""
    return f"{addresses}{participant.slug}/"


def attendee(attendance, addresses):
    participant = attendance.participant
    params = {
        "CN": participant.name,
        "PARTSTAT": PARTSTAT[attendance.status],
        "ROLE": ROLE.get(attendance.role, "REQ-PARTICIPANT"),
        "CUTYPE": "INDIVIDUAL" if participant.kind == "person" else "GROUP",
    }
    return icalendar.vCalAddress(address(addresses, participant), params=params)


def vevent(event, request, addresses):
    page = request.build_absolute_uri(event.get_absolute_url())
    component = icalendar.Event()
    component.add("uid", uid(event))
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("created", event.created_at)
    component.add("sequence", event.version - 1)
    component.add("dtstart", event.start_date)
    # All day: the end is exclusive, the day after the last day (an event with no end date lasts one day).
    component.add("dtend", (event.end_date or event.start_date) + datetime.timedelta(days=1))
    component.add("summary", event.title)
    place = ", ".join(part for part in (event.city, event.country.name if event.country else "") if part)
    if place:
        component.add("location", place)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (event.latitude, event.longitude))
    lines = [without_note(event.description), f"{event.get_kind_display()}, {event.get_status_display().lower()}."]
    if event.host is not None:
        lines.append(f"Host: {event.host.name}.")
    lines.append(f"Who was invited, who confirmed, declined or attended, and who said so: {page}")
    component.add("description", "\n\n".join(line for line in lines if line))
    component.add("url", page)
    component.add("status", EVENT_STATUS.get(event.status, "CONFIRMED"))
    component.add("categories", [event.get_kind_display()])
    if event.host is not None:
        organizer = icalendar.vCalAddress(address(addresses, event.host), params={"CN": event.host.name})
        component.add("organizer", organizer, encode=False)
    for attendance in event.attendances.all():
        component.add("attendee", attendee(attendance, addresses), encode=False)
    return component


def calendar(events, request, *, name):
    """The iCalendar document (bytes) of ``events``, a queryset shaped by ``with_attendees()``."""
    document = icalendar.Calendar()
    document.add("prodid", PRODID)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    # Text (RFC 7986), escaped as SUMMARY is: icalendar knows neither property, and would write them raw.
    document.add("name", icalendar.vText(name))
    document.add("x-wr-calname", icalendar.vText(name))
    document.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    document.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    addresses = request.build_absolute_uri(reverse("participant-list"))
    for event in events:
        document.add_component(vevent(event, request, addresses))
    return CONTROLS.sub("", document.to_ical().decode()).encode()


class ICSRenderer(WholeListRenderer):
    """``?format=ics``: the filtered list of events as one calendar."""

    media_type = "text/calendar"
    format = "ics"
    openapi_schema = {
        "type": "string",
        "description": "An iCalendar (RFC 5545) document: an all-day VEVENT for every matching event, no pages.",
    }

    def shape(self, events, request):
        return with_attendees(events, everything=sees_drafts(request))

    def document(self, events, request):
        return calendar(events, request, name="eventsapi: diplomatic events")


@extend_schema(
    summary="The participant's events as a calendar to subscribe to (iCalendar)",
    description=(
        "Every event the participant hosts or has an attendance at (not_invited excepted), newest first: "
        "one all-day VEVENT each, its participants as ATTENDEEs whose PARTSTAT maps their status."
    ),
    responses={
        (200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="An iCalendar (RFC 5545) document."),
    },
)
class ParticipantCalendarView(JSONErrorsMixin, ConditionalReadsMixin, QueryParametersMixin, generics.GenericAPIView):
    """``/api/participants/{slug}/calendar.ics``: one participant's events, for a calendar client to subscribe to.

    Its ``ETag`` is a list's (the change log's state): a client polling it gets a 304 until a record changes.
    """

    renderer_classes = [ICSRenderer]
    takes_format = True  # ``?format=ics`` (events.api.parameters)
    pagination_class = None
    filter_backends = []
    queryset = Participant.objects.all()
    lookup_field = "slug"

    def get(self, request, slug):
        participant = get_object_or_404(Participant, slug=slug)
        everything = sees_drafts(request)
        attendances = Attendance.objects.visible(everything).filter(participant=participant)
        takes_part = attendances.exclude(status=AttendanceStatus.NOT_INVITED).values("event")
        events = (
            Event.objects.visible(everything)
            .filter(Q(pk__in=takes_part) | Q(host=participant))
            .order_by("-start_date", "-pk")
        )
        document = calendar(
            with_attendees(events, everything=everything), request, name=f"eventsapi: {participant.name}"
        )
        response = Response(document)
        response["Content-Disposition"] = f'inline; filename="{participant.slug}.ics"'
        return response

    def reads_conditionally(self):
        return self.request.method in ("GET", "HEAD")

    def perform_content_negotiation(self, request, force=False):
        # A calendar whatever the client accepts (a browser asks text/html; tester 36 M2: a 406, which also hid an
        # unknown participant's 404); ``?format=`` is still checked.
        if force or request.query_params.get("format") is None:
            return ICSRenderer(), ICSRenderer.media_type
        return super().perform_content_negotiation(request, force)

    def handle_exception(self, exc):
        # An unknown participant is a JSON 404, whatever the calendar client accepts.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)
