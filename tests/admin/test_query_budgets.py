"""Every admin page costs the same number of queries however many records there are.

Each page is measured on a small database and again after it has grown fourfold, with every
relation its own row, so a query per row or per related record would show as a difference.
"""

import datetime
import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Article, Attendance, DraftReport, Event, Participant, Report
from tests.admin.conftest import admin_url
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

NUMBERS = itertools.count()


def grow(events):
    """Add ``events`` events, each hosted, with three attendances of two reports, all on one article per event."""
    for _ in range(events):
        number = next(NUMBERS)
        event = EventFactory(
            host=ParticipantFactory(affiliation=ParticipantFactory()),
            start_date=datetime.date(2018, 1, 1) + datetime.timedelta(days=number),
        )
        article = ArticleFactory(url=f"https://example.org/{number}")
        AttendanceFactory(event=event, participant=event.host, role="host")
        for _ in range(2):
            attendance = AttendanceFactory(
                event=event, participant=ParticipantFactory(affiliation=ParticipantFactory(), aliases=["Alias"])
            )
            for day, review in enumerate(["draft", "verified"]):
                ReportFactory(
                    attendance=attendance,
                    article=article,
                    review=review,
                    reported_on=event.start_date - datetime.timedelta(days=day),
                    speaker=ParticipantFactory(),
                )


def latest(model):
    return model.objects.order_by("pk").last()


def autocomplete(model_name, field_name, term):
    query = f"app_label=events&model_name={model_name}&field_name={field_name}&term={term}"
    return f"{reverse('admin:autocomplete')}?{query}"


# Each page: its URL on the current records, and the queries it costs. Session and user are two of them.
PAGES = {
    # The changelists: the count of the rows shown and the page (no second count of the whole table),
    # two more for a date hierarchy (its bounds and its years), one per distinct-values filter, and for
    # attendances one that counts the reports of the rows shown.
    "participants": (lambda: admin_url(Participant, "changelist"), 4),
    "participants by alias": (lambda: admin_url(Participant, "changelist") + "?q=Alias&kind__exact=state", 4),
    "events": (lambda: admin_url(Event, "changelist"), 6),
    "events searched": (lambda: admin_url(Event, "changelist") + "?q=Talks", 6),
    "attendances": (lambda: admin_url(Attendance, "changelist"), 5),
    "attendances filtered": (lambda: admin_url(Attendance, "changelist") + "?status__exact=invited", 5),
    "reports": (lambda: admin_url(Report, "changelist"), 4),
    "reports to review": (lambda: admin_url(Report, "changelist") + "?review__exact=draft", 4),
    "drafts to review": (lambda: admin_url(DraftReport, "changelist"), 4),
    "articles": (lambda: admin_url(Article, "changelist"), 8),
    # The change and add pages: the record with what it shows, its inline rows, content types; for an
    # attendance, whether a report counts (then its status is read-only).
    "participant page": (lambda: admin_url(Participant, "change", latest(Attendance).participant_id), 4),
    # The event page: 5, and 2 for its status board (attendances, reports with articles and speakers).
    "event page": (lambda: admin_url(Event, "change", latest(Event).pk), 7),
    "attendance page": (lambda: admin_url(Attendance, "change", latest(Attendance).pk), 6),
    "report page": (lambda: admin_url(Report, "change", latest(Report).pk), 4),
    # The article page: 5, and 1 for the parties the extraction assistant proposed from it.
    "article page": (lambda: admin_url(Article, "change", latest(Article).pk), 6),
    "report add page": (lambda: admin_url(Report, "add"), 3),
    "article add page": (lambda: admin_url(Article, "add"), 3),
    # The autocompletes: a count and a page of 20.
    "event autocomplete": (lambda: autocomplete("attendance", "event", "Talks"), 4),
    "participant autocomplete": (lambda: autocomplete("attendance", "participant", "Alias"), 4),
    "attendance autocomplete": (lambda: autocomplete("report", "attendance", "Participant"), 4),
    "article autocomplete": (lambda: autocomplete("report", "article", "Article"), 4),
}


def queries_of(client, url):
    ContentType.objects.clear_cache()  # looked up once per process: count it every time
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_page_costs_the_same_queries_at_two_sizes(admin_client, page):
    """Each admin page makes its budget of queries with 3 events and again with 12."""
    url_of, budget = PAGES[page]
    grow(3)
    small = queries_of(admin_client, url_of())
    grow(9)
    assert Report.objects.count() == 12 * 4
    assert (small, queries_of(admin_client, url_of())) == (budget, budget)


def test_autocomplete_answers_from_the_admin_search(admin_client):
    """The participant autocomplete of the article page finds a participant by alias."""
    spokesman = ParticipantFactory(name="Afghan foreign ministry spokesman", aliases=["Sibghatullah Ahmadi"])
    ParticipantFactory(name="Taliban")
    response = admin_client.get(autocomplete("attendance", "participant", "Sibghatullah"))
    assert [result["id"] for result in response.json()["results"]] == [str(spokesman.pk)]


def test_attendance_list_counts_each_rows_reports(admin_client):
    """The report counts, taken for the page's rows once it is cut, belong to their rows."""
    busy, quiet, idle = AttendanceFactory(), AttendanceFactory(), AttendanceFactory()
    for day in range(3):
        ReportFactory(attendance=busy, reported_on=datetime.date(2018, 8, 1 + day))
    ReportFactory(attendance=quiet, review="rejected")
    response = admin_client.get(admin_url(Attendance, "changelist"))
    counts = {row.pk: row.report_count for row in response.context["cl"].result_list}
    assert counts == {busy.pk: 3, quiet.pk: 1, idle.pk: 0}
