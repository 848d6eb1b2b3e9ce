"""Curation in the Django admin: every page answers, the rules hold, the lists keep their query budget."""

import datetime
import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from events.models import Article, Attendance, Event, Participant, Report
from tests.admin.conftest import admin_url
from tests.factories import MODELS, ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

ARTICLE_NUMBERS = itertools.count()
DECLINE_QUOTE = "We will not participate in the Moscow talks."
CONFIRM_QUOTE = "The Taliban will attend the talks."


def build_records(events):
    """``events`` events, each hosted, with two attendances of two reports; every relation its own row."""
    for number in range(events):
        event = EventFactory(
            host=ParticipantFactory(affiliation=ParticipantFactory()),
            start_date=datetime.date(2018, 1, 1) + datetime.timedelta(days=40 * number),
        )
        for _ in range(2):
            attendance = AttendanceFactory(
                event=event, participant=ParticipantFactory(affiliation=ParticipantFactory(), aliases=["Alias"])
            )
            for day in range(2):
                ReportFactory(
                    attendance=attendance,
                    reported_on=event.start_date - datetime.timedelta(days=day),
                    speaker=ParticipantFactory(),
                    article=ArticleFactory(
                        url=f"https://example.org/{next(ARTICLE_NUMBERS)}",
                        published_on=event.start_date - datetime.timedelta(days=day),
                    ),
                )


@pytest.fixture
def records():
    """A few records of every model."""
    build_records(3)


# ------------------------------------------------------------------------------
# Every page answers
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_lists_every_record(admin_client, records, model):
    """Each changelist answers 200 and counts all the records of its model."""
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_add_page(admin_client, records, model):
    """Each add page answers 200 with an empty form."""
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert response.context["adminform"].form.instance.pk is None


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_change_page(admin_client, records, model):
    """Each change page answers 200 with its record."""
    record = model.objects.order_by("pk").last()
    response = admin_client.get(admin_url(model, "change", record.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.instance == record


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_search_answers(admin_client, records, model):
    """Each changelist answers a search without error."""
    response = admin_client.get(admin_url(model, "changelist"), {"q": "talks"})
    assert response.status_code == 200


@pytest.mark.parametrize("text", ["Sibghatullah", "Sibghat", "Ahmadi", "sibghatullah ahmadi"])
def test_participant_search_finds_by_alias(admin_client, text):
    """The participant changelist search finds a participant by one of its aliases."""
    spokesman = ParticipantFactory(
        slug="spokesman", name="Foreign ministry spokesman", aliases=["Sibghatullah Ahmadi"]
    )
    ParticipantFactory(slug="taliban", name="Taliban", aliases=["Islamic Emirate"])
    response = admin_client.get(admin_url(Participant, "changelist"), {"q": text})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [spokesman]


def test_participant_search_finds_non_ascii_alias(admin_client):
    """An alias with letters outside ASCII is found as typed."""
    spokesman = ParticipantFactory(slug="mujahid", name="Taliban spokesman", aliases=["Zabīhullāh Mujāhid"])
    ParticipantFactory(slug="taliban", name="Taliban", aliases=[])
    response = admin_client.get(admin_url(Participant, "changelist"), {"q": "Mujāhid"})
    assert list(response.context["cl"].result_list) == [spokesman]


def test_participant_search_keeps_list_filters(admin_client):
    """Searching by alias still respects the filters chosen in the sidebar."""
    person = ParticipantFactory(slug="ahmadi", name="Ahmadi", kind="person", aliases=["Sibghatullah Ahmadi"])
    ParticipantFactory(slug="ahmadi-state", name="Other", kind="state", aliases=["Sibghatullah Ahmadi"])
    response = admin_client.get(admin_url(Participant, "changelist"), {"q": "Sibghatullah", "kind": "person"})
    assert list(response.context["cl"].result_list) == [person]


def test_event_change_page_shows_attendance_inline(admin_client):
    """The event page lists its attendances inline, with their status read-only."""
    event = EventFactory()
    attendances = {AttendanceFactory(event=event), AttendanceFactory(event=event)}
    AttendanceFactory()
    response = admin_client.get(admin_url(Event, "change", event.pk))
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert inline.formset.prefix == "attendances"
    assert {form.instance for form in inline.formset.initial_forms} == attendances
    assert "status" not in inline.formset.forms[0].fields
    for attendance in attendances:
        assert attendance.participant.name in response.content.decode()


# ------------------------------------------------------------------------------
# The status rule through the Attendance form
# ------------------------------------------------------------------------------
def attendance_form_data(attendance, *, reports=(), **changes):
    """The POST of the attendance change form, with ``reports`` added in its report inline."""
    data = {
        "event": attendance.event.pk,
        "participant": attendance.participant.pk,
        "role": attendance.role,
        "status": attendance.status,
        "status_date": attendance.status_date.isoformat() if attendance.status_date else "",
        "notes": attendance.notes,
        "reports-TOTAL_FORMS": str(len(reports)),
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
        **changes,
    }
    for index, report in enumerate(reports):
        fields = {"id": "", "attendance": attendance.pk, "review": "verified", "speaker": "", "via": "", **report}
        data.update({f"reports-{index}-{name}": value for name, value in fields.items()})
    return data


def test_adding_a_report_inline_updates_the_attendance_status(admin_client):
    """A report added in the attendance form sets the attendance's status and date."""
    attendance = AttendanceFactory()
    article = ArticleFactory()
    data = attendance_form_data(
        attendance,
        reports=[
            {"status": "declined", "reported_on": "2018-08-22", "article": article.pk, "quote": DECLINE_QUOTE},
        ],
    )
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("declined", datetime.date(2018, 8, 22))
    (report,) = attendance.reports.all()
    assert (report.status, report.article, report.quote) == ("declined", article, DECLINE_QUOTE)


def test_adding_two_reports_inline_follows_the_latest(admin_client):
    """Of two reports added at once, the later reported_on sets the status."""
    attendance = AttendanceFactory()
    article = ArticleFactory(published_on=datetime.date(2018, 8, 25))
    data = attendance_form_data(
        attendance,
        reports=[
            {"status": "confirmed", "reported_on": "2018-08-25", "article": article.pk, "quote": CONFIRM_QUOTE},
            {"status": "declined", "reported_on": "2018-08-22", "article": article.pk, "quote": DECLINE_QUOTE},
        ],
    )
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("confirmed", datetime.date(2018, 8, 25))


def test_report_inline_with_quote_not_in_article_saves_nothing(admin_client):
    """A bad quote in the inline shows the error and changes neither the attendance nor its reports."""
    attendance = AttendanceFactory()
    data = attendance_form_data(
        attendance,
        notes="changed",
        reports=[
            {"status": "confirmed", "reported_on": "2018-08-22", "article": ArticleFactory().pk, "quote": "Yes."},
        ],
    )
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert list(inline.formset.errors[0]) == ["quote"]
    attendance.refresh_from_db()
    assert (attendance.notes, attendance.status) == ("", "invited")
    assert not Report.objects.exists()


def test_curator_sets_status_while_attendance_has_no_report(admin_client):
    """Without reports the status is the curator's to set in the form."""
    attendance = AttendanceFactory()
    response = admin_client.get(admin_url(Attendance, "change", attendance.pk))
    assert "status" in response.context["adminform"].form.fields
    data = attendance_form_data(attendance, status="confirmed", status_date="2018-08-20")
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("confirmed", datetime.date(2018, 8, 20))


def test_attendance_status_is_read_only_once_it_has_reports(admin_client):
    """With reports, the form has no status or status_date input; the page shows the status read-only."""
    report = ReportFactory(status="declined")
    response = admin_client.get(admin_url(Attendance, "change", report.attendance.pk))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "status" not in form.fields
    assert "status_date" not in form.fields
    content = response.content.decode()
    assert 'name="status"' not in content
    assert 'name="status_date"' not in content
    assert "Declined" in content


@pytest.mark.parametrize(
    ("reviews", "editable"),
    [
        (["rejected"], True),
        (["rejected", "rejected"], True),
        (["rejected", "draft"], True),
        (["rejected", "verified"], False),
    ],
)
def test_attendance_status_is_editable_while_no_report_is_verified(admin_client, reviews, editable):
    """Rejected and draft reports do not count: the status is the curator's until a verified report exists."""
    attendance = AttendanceFactory()
    for day, review in enumerate(reviews, start=20):
        ReportFactory(attendance=attendance, review=review, reported_on=datetime.date(2018, 8, day))
    response = admin_client.get(admin_url(Attendance, "change", attendance.pk))
    assert response.status_code == 200
    form = response.context["adminform"].form
    content = response.content.decode()
    assert ("status" in form.fields, "status_date" in form.fields) == (editable, editable)
    assert ('name="status"' in content, 'name="status_date"' in content) == (editable, editable)


def test_posting_a_status_with_reports_does_not_change_it(admin_client):
    """A status posted for an attendance with reports is ignored: the reports decide."""
    report = ReportFactory(status="declined", reported_on=datetime.date(2018, 8, 22))
    attendance = report.attendance
    data = attendance_form_data(attendance, status="confirmed", status_date="2018-09-01", notes="checked")
    data["reports-INITIAL_FORMS"] = data["reports-TOTAL_FORMS"] = "1"
    data.update(
        {
            "reports-0-id": report.pk,
            "reports-0-attendance": attendance.pk,
            "reports-0-status": report.status,
            "reports-0-review": report.review,
            "reports-0-reported_on": report.reported_on.isoformat(),
            "reports-0-article": report.article.pk,
            "reports-0-quote": report.quote,
            "reports-0-speaker": "",
            "reports-0-via": "",
        }
    )
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.notes, attendance.status, attendance.status_date) == (
        "checked",
        "declined",
        datetime.date(2018, 8, 22),
    )


# ------------------------------------------------------------------------------
# Reports added on their own
# ------------------------------------------------------------------------------
def report_form_data(attendance, article, quote):
    return {
        "attendance": attendance.pk,
        "status": "confirmed",
        "review": "verified",
        "reported_on": article.published_on.isoformat(),
        "article": article.pk,
        "quote": quote,
        "speaker": "",
        "via": "Reuters",
        "_save": "Save",
    }


def test_report_add_with_quote_not_in_article_shows_error_and_creates_nothing(admin_client):
    """The quote rule holds in the report form: the error is shown on quote and no row is written."""
    attendance = AttendanceFactory()
    data = report_form_data(attendance, ArticleFactory(), "The Taliban will never attend.")
    response = admin_client.post(admin_url(Report, "add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["quote"]
    assert errors["quote"][0].startswith("The quote does not occur in the article's text")
    assert "The quote does not occur in the article" in response.content.decode()
    assert not Report.objects.exists()
    attendance.refresh_from_db()
    assert attendance.status == "invited"


def test_report_add_with_quote_in_article_updates_status(admin_client):
    """A valid report added on its own sets its attendance's status."""
    attendance = AttendanceFactory()
    data = report_form_data(attendance, ArticleFactory(published_on=datetime.date(2018, 8, 25)), f" {CONFIRM_QUOTE}\n")
    response = admin_client.post(admin_url(Report, "add"), data)
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.attendance, report.via) == (attendance, "Reuters")
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("confirmed", datetime.date(2018, 8, 25))


def test_article_body_edit_dropping_a_quote_is_refused(admin_client):
    """The article form refuses a new text that no longer holds a report's quote."""
    article = ReportFactory().article
    original = article.body
    data = {
        "url": article.url,
        "title": article.title,
        "publisher": article.publisher,
        "published_on": article.published_on.isoformat(),
        "language": article.language,
        "body": "An unrelated text.",
        "_save": "Save",
    }
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["body"]
    article.refresh_from_db()
    assert article.body == original


def test_event_with_end_before_start_is_refused(admin_client):
    """The event form reports the date order on end_date."""
    data = {
        "slug": "talks",
        "title": "Talks",
        "kind": "peace_talks",
        "status": "scheduled",
        "start_date": "2018-09-04",
        "end_date": "2018-09-01",
        "city": "",
        "country": "",
        "host": "",
        "description": "",
        "attendances-TOTAL_FORMS": "0",
        "attendances-INITIAL_FORMS": "0",
        "attendances-MIN_NUM_FORMS": "0",
        "attendances-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    response = admin_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "end_date": ["The end date (2018-09-01) must not be before the start date (2018-09-04)."]
    }
    assert not Event.objects.exists()


# ------------------------------------------------------------------------------
# Query budgets
# ------------------------------------------------------------------------------
# Measured: session, user, count, filtered count and the page, plus two for a
# date_hierarchy and one per list_filter that reads distinct values.
CHANGELIST_QUERIES = {Participant: 5, Event: 7, Attendance: 5, Report: 7, Article: 9}


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as context:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_query_budget(admin_client, django_assert_max_num_queries, model):
    """A changelist of 10+ rows, each with several relations, stays within its budget."""
    build_records(10)
    assert model.objects.count() >= 10
    with django_assert_max_num_queries(CHANGELIST_QUERIES[model]):
        response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    """The changelist makes as many queries for 20 rows as for 5."""
    build_records(5)
    assert model.objects.count() >= 5
    small = changelist_queries(admin_client, model)
    build_records(15)
    assert model.objects.count() >= 20
    assert changelist_queries(admin_client, model) == small


def selected_option(record):
    """The autocomplete's option for ``record``, chosen."""
    return f'<option value="{record.pk}" selected>{escape(str(record))}</option>'


def attendance_with_reports(count):
    """An attendance with ``count`` reports, each with its own article and speaker."""
    attendance = AttendanceFactory(participant=ParticipantFactory(affiliation=ParticipantFactory()))
    for day in range(count):
        ReportFactory(
            attendance=attendance,
            reported_on=datetime.date(2018, 8, 1) + datetime.timedelta(days=day),
            speaker=ParticipantFactory(),
            article=ArticleFactory(url=f"https://example.org/{next(ARTICLE_NUMBERS)}"),
        )
    return attendance


@pytest.mark.parametrize("reports", [2, 8])
def test_attendance_change_page_queries_do_not_grow_with_reports(admin_client, django_assert_num_queries, reports):
    """The attendance page with its report inline costs as many queries for 8 reports as for 2."""
    attendance = attendance_with_reports(reports)
    ContentType.objects.clear_cache()  # the page looks its content type up once per process
    with django_assert_num_queries(6):
        response = admin_client.get(admin_url(Attendance, "change", attendance.pk))
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert len(inline.formset.initial_forms) == reports
    content = response.content.decode()
    for report in attendance.reports.select_related("article", "speaker"):
        assert selected_option(report.article) in content
        assert selected_option(report.speaker) in content


@pytest.mark.parametrize("attendances", [2, 8])
def test_event_change_page_queries_do_not_grow_with_attendances(admin_client, django_assert_num_queries, attendances):
    """The event page with its attendance inline and status board costs as many queries for 8 attendances as for 2."""
    event = EventFactory(host=ParticipantFactory())
    for _ in range(attendances):
        attendance = AttendanceFactory(event=event, participant=ParticipantFactory(affiliation=ParticipantFactory()))
        ReportFactory.create_batch(2, attendance=attendance, speaker=ParticipantFactory())
    ContentType.objects.clear_cache()  # the page looks its content type up once per process
    # 5 for the page and its inline, 2 for the status board (attendances, reports with articles and speakers).
    with django_assert_num_queries(7):
        response = admin_client.get(admin_url(Event, "change", event.pk))
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert len(inline.formset.initial_forms) == attendances
    content = response.content.decode()
    for attendance in event.attendances.select_related("participant"):
        assert selected_option(attendance.participant) in content
