"""Public, read-only HTML pages: the landing page, the index of events and each event's page.

They show what is on the public record: verified reports, and no event or attendance awaiting review
(``events.models.review``), whoever reads them.
"""

import functools

from django.core.paginator import InvalidPage, Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve
from django.utils.formats import date_format
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from events.extraction import without_note
from events.models import Event, Participant, Report, ReviewState
from events.rules.values import GIVEN_TWICE
from events.transfer.geojson import feature_collection
from events.web.board import status_board
from events.web.forms import EventSearchForm
from events.web.throttling import throttled

PAGE_SIZE = 25
NEWEST_FIRST = ("-start_date", "-pk")


def read_only(view):
    """A page answers GET and HEAD; any other method is a 405 naming them in ``Allow``, before the CSRF check that
    would refuse it as a write (the page writes nothing). A client past its rate is a 429, as in the API. A query
    it cannot read is a message on the page (``keeps_query_problem``)."""

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        return throttled(request) or view(request, *args, **kwargs)

    answer = csrf_exempt(require_safe(page))
    answer.shows_query_problems = True
    return answer


def keeps_query_problem(request, message):
    """Whether ``request`` is for a public page, which shows ``message`` (a query it cannot read: a NUL, bytes that
    are not UTF-8, told by ``events.api.middleware``) as it shows a bad value, below its form in a 400 page; if
    so, the message is kept on the request for the page. Any other address answers it in JSON or plain text."""
    if not is_public_page(request):
        return False
    request.query_problems = [*query_problems(request), message]
    return True


def is_public_page(request):
    """Whether ``request`` is for a public page (which answers GET and HEAD only: any body is a 405's, unread)."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "shows_query_problems", False)


def query_problems(request):
    """What ``keeps_query_problem`` kept: the page reads none of its query and says why."""
    return getattr(request, "query_problems", [])


def shown(request, template, context, status=200):
    """``template`` with ``context``, and with the query's problems (a 400) if it has any."""
    problems = query_problems(request)
    context = {"problems": problems, **context} if problems else context
    return render(request, template, context, status=400 if problems else status)


@read_only
def landing(request):
    """What this is, what it holds, and the ways in: the events, the API and its docs, the admin."""
    context = {
        "events": Event.objects.on_record().count(),
        "participants": Participant.objects.count(),
        "reports": Report.objects.filter(review=ReviewState.VERIFIED).count(),
        "latest": Event.objects.on_record().for_listing().order_by(*NEWEST_FIRST)[:5],
    }
    return shown(request, "events/landing.html", context)


@read_only
def event_index(request):
    """Every event, newest first, a page at a time, narrowed by the search form; bad input is a message."""
    problems, page = list(query_problems(request)), None
    form = EventSearchForm(None if problems else request.GET or None)  # a query not read is not kept either
    if form.is_bound and not form.is_valid():
        problems = [f"{form.fields[name].label}: {error}" for name, errors in form.errors.items() for error in errors]
    elif not problems:
        events = Event.objects.on_record().for_listing().order_by(*NEWEST_FIRST)
        if form.is_bound:
            events = form.filter(events)
        paginator = Paginator(events, PAGE_SIZE)
        try:
            if len(request.GET.getlist("page")) > 1:
                raise InvalidPage(GIVEN_TWICE)  # as the API refuses it, not the last one read without a word
            page = paginator.page(request.GET.get("page", 1))
        except InvalidPage as error:
            problems.append(f"Page: {str(error).rstrip('.')}. Showing the first page.")  # Django's have no stop
            page = paginator.page(1)
    context = {"form": form, "problems": problems, "page": page, "query": form.query(), "map": page_map(page)}
    context["data_link"] = page is not None  # a search with a problem: the API refuses it too, so no link to its 400
    return shown(request, "events/event_index.html", context, status=400 if form.errors else 200)


def page_map(page):
    """The events of the page that have coordinates, as the GeoJSON the index's map draws (events/event_map.js)."""
    rows = [
        {
            "slug": event.slug,
            "title": event.title,
            "url": event.get_absolute_url(),
            "dates": " – ".join(
                date_format(day, "j M Y") for day in dict.fromkeys([event.start_date, event.end_date]) if day
            ),
            "place": ", ".join(part for part in (event.city, event.country.name if event.country else "") if part),
            "latitude": event.latitude,
            "longitude": event.longitude,
        }
        for event in (page or ())
    ]
    return feature_collection(rows)


@read_only
def event_page(request, slug):
    """One event: its status board, then every participant's reports over time (verified reports only)."""
    event = get_object_or_404(Event.objects.on_record().for_listing(), slug=slug)
    board = status_board(event, verified_only=True)
    context = {"event": event, "board": board, "description": without_note(event.description)}
    return shown(request, "events/event_page.html", context)
