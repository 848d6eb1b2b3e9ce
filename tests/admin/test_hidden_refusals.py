"""A refusal names no report hidden from its writer, in the admin as in the API (tests/api/test_hidden_refusals.py).

A report that repeats a draft or rejected report is refused on every admin form, but a writer who may not see
drafts (no curator) is told of a repeat without its uid; so is an article's text that drops a draft's quote. A
verified report is named to everyone, and to a curator any."""

import datetime

import pytest

from events.models import Article, Attendance, Report
from tests.admin.conftest import admin_url, article_form_data
from tests.factories import ArticleFactory, AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

QUOTE = "Norway declined the invitation."
HIDDEN = "This report repeats another report: the same status, article and quote for the same attendance."
WRITER = (
    "events.view_article",
    "events.change_article",
    "events.view_attendance",
    "events.change_attendance",
    "events.view_report",
    "events.add_report",
)


@pytest.fixture
def attendance():
    return AttendanceFactory()


@pytest.fixture
def article():
    return ArticleFactory(body=QUOTE, published_on=datetime.date(2025, 1, 25))


def named(report):
    return f"This report repeats report {report.uid}: the same status, article and quote for the same attendance."


def on_the_report_page(client, attendance, article):
    data = {"attendance": attendance.pk, "status": "declined", "reported_on": "2025-01-25", "article": article.pk}
    answer = client.post(admin_url(Report, "add"), {**data, "quote": QUOTE, "speaker": "", "via": "", "_save": "Save"})
    assert answer.status_code == 200
    return answer.context["adminform"].form.errors["quote"]


def on_the_article_page(client, attendance, article):
    row = {"event": attendance.event_id, "participant": attendance.participant_id, "status": "declined"}
    data = article_form_data(article, new=[{**row, "reported_on": "2025-01-25", "quote": QUOTE}])
    answer = client.post(admin_url(Article, "change", article.pk), data)
    assert answer.status_code == 200
    (inline,) = answer.context["inline_admin_formsets"]
    return inline.formset.errors[0]["quote"]


def on_the_attendance_page(client, attendance, article):
    data = {
        "event": attendance.event_id,
        "participant": attendance.participant_id,
        "role": attendance.role,
        "notes": "",
        "opened_version": attendance.version,
        "reports-TOTAL_FORMS": "1",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    row = {"id": "", "attendance": attendance.pk, "status": "declined", "reported_on": "2025-01-25"}
    row |= {"article": article.pk, "quote": QUOTE, "speaker": "", "via": ""}
    data.update({f"reports-0-{name}": value for name, value in row.items()})
    answer = client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert answer.status_code == 200
    (inline,) = answer.context["inline_admin_formsets"]
    return inline.formset.errors[0]["quote"]


PAGES = [on_the_report_page, on_the_article_page, on_the_attendance_page]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("review", ["draft", "rejected"])
def test_a_writer_is_told_of_a_repeat_of_a_hidden_report_unnamed(staff_client, attendance, article, page, review):
    """Tester J3: a second writer's report, the same as a first writer's draft, was refused naming the draft."""
    ReportFactory(attendance=attendance, article=article, status="declined", quote=QUOTE, review=review)

    assert page(staff_client(*WRITER), attendance, article) == [HIDDEN]
    assert Report.objects.count() == 1


@pytest.mark.parametrize("page", PAGES)
def test_a_writer_is_told_which_verified_report_is_repeated(staff_client, attendance, article, page):
    stored = ReportFactory(attendance=attendance, article=article, status="declined", quote=QUOTE, review="verified")

    assert page(staff_client(*WRITER), attendance, article) == [named(stored)]


@pytest.mark.parametrize("page", PAGES)
def test_a_curator_is_told_which_draft_is_repeated(staff_client, attendance, article, page):
    stored = ReportFactory(attendance=attendance, article=article, status="declined", quote=QUOTE, review="draft")

    assert page(staff_client(curator=True), attendance, article) == [named(stored)]


@pytest.mark.parametrize("curator", [False, True])
def test_an_article_text_that_drops_a_drafts_quote_names_it_to_a_curator_only(staff_client, article, curator):
    stored = ReportFactory(article=article, status="declined", quote=QUOTE, review="draft")
    client = staff_client(curator=True) if curator else staff_client(*WRITER)

    answer = client.post(admin_url(Article, "change", article.pk), article_form_data(article, body="Nothing."))

    assert answer.status_code == 200
    shown = f"report {stored.uid}: “{QUOTE}”" if curator else "a report of this article"
    assert answer.context["adminform"].form.errors["body"] == [f"The text no longer contains the quote of {shown}."]
