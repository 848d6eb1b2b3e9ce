"""Reviewing drafts: the list of drafts, the verify and reject actions, and who reviewed when on every path."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages
from django.db import OperationalError
from django.utils.html import escape

from events import services
from events.models import Attendance, DraftReport, RecordChanged, Report
from tests.admin.conftest import admin_url, article_form_data
from tests.factories import ArticleFactory, AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

BODY = "Kabul said on Wednesday: “We will not participate in the Moscow talks.” The Taliban will attend the talks."


@pytest.fixture
def attendance():
    """An attendance with a verified invitation (1 August) and a draft refusal (22 August)."""
    attendance = AttendanceFactory()
    article = ArticleFactory(body=BODY, title="Afghanistan will not attend")
    ReportFactory(
        attendance=attendance,
        status="invited",
        review="verified",
        reported_on=datetime.date(2018, 8, 1),
        article=article,
        quote="The Taliban will attend the talks.",
    )
    ReportFactory(
        attendance=attendance,
        status="declined",
        review="draft",
        reported_on=datetime.date(2018, 8, 22),
        article=article,
        quote="We will not participate in the Moscow talks.",
    )
    attendance.refresh_from_db()
    assert attendance.status == "invited"  # the draft does not count until it is verified
    return attendance


def action_post(action, reports):
    return {"action": action, helpers.ACTION_CHECKBOX_NAME: [report.pk for report in reports]}


def test_drafts_list_shows_only_drafts_with_their_quote_in_context(admin_client, attendance):
    """The drafts list holds the drafts only, each quote marked in the article's words, the article linked."""
    draft = attendance.reports.get(review="draft")
    response = admin_client.get(admin_url(DraftReport, "changelist"))
    assert response.status_code == 200
    assert [report.pk for report in response.context["cl"].result_list] == [draft.pk]
    content = response.content.decode()
    # The body's own words and quote marks around the quote.
    assert (
        "Kabul said on Wednesday: “<mark>We will not participate in the Moscow talks.</mark>” "
        "The Taliban will attend the talks." in content
    )
    assert admin_url(Report, "change", draft.pk) in content
    assert f'<a href="{admin_url(ArticleFactory._meta.model, "change", draft.article_id)}">' in content
    assert escape("Afghanistan will not attend") in content


def test_verify_action_notes_who_and_when_and_leaves_the_drafts(admin_client, admin_user, attendance):
    """Verified drafts record the reviewer and time, leave the drafts list, and the status keeps them counting."""
    draft = attendance.reports.get(review="draft")
    before = datetime.datetime.now(datetime.UTC)
    response = admin_client.post(admin_url(DraftReport, "changelist"), action_post("verify_reports", [draft]))
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == "1 report marked verified."
    draft.refresh_from_db()
    assert (draft.review, draft.reviewed_by) == ("verified", admin_user)
    assert draft.reviewed_at >= before
    assert not DraftReport.objects.filter(review="draft").exists()
    attendance.refresh_from_db()
    assert attendance.status == "declined"


def test_reject_action_stops_the_report_counting_at_once(admin_client, admin_user, attendance):
    """A rejected draft no longer sets the status: the verified invitation does again."""
    draft = attendance.reports.get(review="draft")
    admin_client.post(admin_url(DraftReport, "changelist"), action_post("reject_reports", [draft]))
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("invited", datetime.date(2018, 8, 1))
    draft.refresh_from_db()
    assert (draft.review, draft.reviewed_by) == ("rejected", admin_user)


def test_reject_and_redraft_from_the_report_list(admin_client, attendance):
    """The report list has the actions too; a report sent back to draft counts again and has no reviewer."""
    latest = attendance.reports.get(review="draft")
    admin_client.post(admin_url(Report, "changelist"), action_post("reject_reports", [latest]))
    attendance.refresh_from_db()
    assert attendance.status == "invited"
    admin_client.post(admin_url(Report, "changelist"), action_post("redraft_reports", [latest]))
    latest.refresh_from_db()
    attendance.refresh_from_db()
    assert (latest.review, latest.reviewed_by, latest.reviewed_at, attendance.status) == (
        "draft",
        None,
        None,
        "invited",
    )


def test_rejecting_every_report_brings_back_the_curated_status(admin_client):
    """With every report rejected in one action, each attendance is back to what its curator set."""
    attendances = [AttendanceFactory(status="considering"), AttendanceFactory(status="confirmed")]
    reports = [ReportFactory(attendance=a, status="declined") for a in attendances]
    admin_client.post(admin_url(Report, "changelist"), action_post("reject_reports", reports))
    assert sorted(Attendance.objects.values_list("status", flat=True)) == ["confirmed", "considering"]


def test_review_changed_in_the_report_form_notes_the_reviewer(admin_client, admin_user, attendance):
    """Changing review on a report's own page records who and when; the page shows them read-only."""
    draft = attendance.reports.get(review="draft")
    data = {
        "attendance": attendance.pk,
        "status": draft.status,
        "review": "rejected",
        "reported_on": draft.reported_on.isoformat(),
        "article": draft.article_id,
        "quote": draft.quote,
        "speaker": "",
        "via": "",
        "_continue": "Save",
    }
    response = admin_client.post(admin_url(Report, "change", draft.pk), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.review, draft.reviewed_by) == ("rejected", admin_user)
    attendance.refresh_from_db()
    assert attendance.status == "invited"
    page = admin_client.get(admin_url(Report, "change", draft.pk)).content.decode()
    assert f"{admin_user.username}" in page
    assert 'name="reviewed_by"' not in page


def test_review_changed_on_the_article_page_notes_the_reviewer(admin_client, admin_user, attendance):
    """Verifying a report in the article page's inline records who and when; unchanged rows keep theirs."""
    draft, verified = attendance.reports.get(review="draft"), attendance.reports.get(review="verified")
    article = draft.article
    data = article_form_data(article, reports=[(draft, {"review": "verified"}), (verified, {})])
    response = admin_client.post(admin_url(ArticleFactory._meta.model, "change", article.pk), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    verified.refresh_from_db()
    assert (draft.reviewed_by, draft.reviewed_at is not None) == (admin_user, True)
    assert (verified.reviewed_by, verified.reviewed_at) == (None, None)


def test_review_changed_on_the_attendance_page_notes_the_reviewer(admin_client, admin_user, attendance):
    """Rejecting a report in the attendance page's inline records who and when, and the status follows."""
    draft = attendance.reports.get(review="draft")
    rows = [
        {
            "id": report.pk,
            "attendance": attendance.pk,
            "status": report.status,
            "review": "rejected" if report == draft else report.review,
            "reported_on": report.reported_on.isoformat(),
            "article": report.article_id,
            "quote": report.quote,
            "speaker": "",
            "via": "",
        }
        for report in attendance.reports.order_by("-reported_on", "-pk")
    ]
    data = {
        "event": attendance.event_id,
        "participant": attendance.participant_id,
        "role": attendance.role,
        "notes": "",
        "reports-TOTAL_FORMS": "2",
        "reports-INITIAL_FORMS": "2",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, row in enumerate(rows):
        data.update({f"reports-{index}-{name}": value for name, value in row.items()})
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.review, draft.reviewed_by) == ("rejected", admin_user)
    attendance.refresh_from_db()
    assert attendance.status == "invited"


def test_a_reader_sees_no_draft_and_cannot_review_one(staff_client, attendance):
    """With view permission only, as in the API: no drafts list, no draft in the report list or at its address,
    and a forged review action fails."""
    client = staff_client("events.view_report")
    draft = attendance.reports.get(review="draft")
    verified = attendance.reports.get(review="verified")
    assert client.get(admin_url(DraftReport, "changelist")).status_code == 403
    listed = client.get(admin_url(Report, "changelist"))
    assert list(listed.context["cl"].result_list) == [verified]
    assert client.get(admin_url(Report, "change", draft.pk)).status_code == 302  # "does not exist", as a 404
    assert client.get(admin_url(Report, "change", verified.pk)).status_code == 200
    client.post(admin_url(Report, "changelist"), action_post("verify_reports", [draft]))
    draft.refresh_from_db()
    assert draft.review == "draft"


def test_drafts_cannot_be_edited_or_deleted_through_the_drafts_list(admin_client, attendance):
    """The drafts list is read-only: reports are edited on their own page, where the signals keep the rules."""
    draft = attendance.reports.get(review="draft")
    assert admin_client.get(admin_url(DraftReport, "add")).status_code == 403
    assert admin_client.post(admin_url(DraftReport, "delete", draft.pk), {"post": "yes"}).status_code == 403
    assert Report.objects.filter(pk=draft.pk).exists()


def test_deleting_reports_from_the_report_list_refreshes_the_status(admin_client, attendance):
    """The report list's bulk delete brings the status back to the report that remains."""
    draft = attendance.reports.get(review="draft")
    response = admin_client.post(
        admin_url(Report, "changelist"), {**action_post("delete_selected", [draft]), "post": "yes"}
    )
    assert response.status_code == 302
    assert not Report.objects.filter(pk=draft.pk).exists()
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("invited", datetime.date(2018, 8, 1))


def test_an_action_that_lost_a_race_says_nothing_was_done(admin_client, attendance, monkeypatch):
    """Tester 33, J11: two curators verifying the same drafts at once on PostgreSQL; the later one's action met
    a report the other had changed since it was read (``RecordChanged``), and was a 500."""
    draft = attendance.reports.get(review="draft")

    def changed_meanwhile(*, reports, review, by):
        raise RecordChanged(draft, draft.version)

    monkeypatch.setattr(services, "review_reports", changed_meanwhile)
    response = admin_client.post(admin_url(DraftReport, "changelist"), action_post("verify_reports", [draft]))

    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert str(message).startswith("Nothing was done: This report was changed or deleted by someone else")
    draft.refresh_from_db()
    assert draft.review == "draft"


def test_an_action_that_lost_a_race_to_a_deadlock_says_nothing_was_done(admin_client, attendance, monkeypatch):
    """Tester 34, K6: PostgreSQL may end two curators' race as a deadlock (40P01), which was a 500."""
    draft = attendance.reports.get(review="draft")

    class Deadlock(Exception):
        sqlstate = "40P01"

    def deadlocked(*, reports, review, by):
        raise OperationalError("deadlock detected") from Deadlock()

    monkeypatch.setattr(services, "review_reports", deadlocked)
    response = admin_client.post(admin_url(DraftReport, "changelist"), action_post("verify_reports", [draft]))

    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == "Nothing was done: another user changed these records at the same time."
