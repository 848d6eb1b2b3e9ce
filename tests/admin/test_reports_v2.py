"""Contract v2 in the admin: status_on on the report rows, verified by default, repeats refused, the body limit."""

import datetime

import pytest

from events.models import Article, Attendance, Report
from tests.admin.conftest import admin_url, article_form_data
from tests.factories import ArticleFactory, AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

BODY = "The US had invited Kabul. Kabul's delegation attended the talks."
HAD_INVITED = "The US had invited Kabul."
ATTENDED = "Kabul's delegation attended the talks."


@pytest.fixture
def article():
    return ArticleFactory(body=BODY, published_on=datetime.date(2025, 1, 25))


def row(attendance, **fields):
    return {"event": attendance.event_id, "participant": attendance.participant_id, **fields}


def test_a_new_row_starts_verified(admin_client, article):
    """The article page offers a new report as verified: the curator vouches for what they write."""
    response = admin_client.get(admin_url(Article, "change", article.pk))
    (inline,) = response.context["inline_admin_formsets"]
    assert inline.formset.empty_form["review"].value() == "verified"
    assert "status_on" in inline.formset.empty_form.fields


def test_article_page_saves_status_on_and_the_late_statement_leaves_attended(admin_client, admin_user, article):
    """A "had invited" row with status_on saves it; the attendance stays at its newer attended."""
    attendance = AttendanceFactory()
    data = article_form_data(
        article,
        new=[
            row(attendance, status="attended", reported_on="2025-01-23", quote=ATTENDED),
            row(attendance, status="invited", reported_on="2025-01-25", status_on="2025-01-10", quote=HAD_INVITED),
        ],
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Report.objects.get(status="invited").status_on == datetime.date(2025, 1, 10)
    assert set(Report.objects.values_list("review", "reviewed_by")) == {("verified", admin_user.pk)}
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("attended", datetime.date(2025, 1, 23))


def test_article_page_refuses_status_on_after_reported_on(admin_client, article):
    """The row's status_on may not be after its reported_on: an error on that field, nothing saved."""
    attendance = AttendanceFactory()
    data = article_form_data(
        article,
        new=[row(attendance, status="invited", reported_on="2025-01-09", status_on="2025-01-10", quote=HAD_INVITED)],
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert "status_on" in inline.formset.errors[0]
    assert not Report.objects.exists()


def test_article_page_refuses_a_repeat_naming_the_report(admin_client, article):
    """A new row that repeats a stored report is refused on its quote, with the stored report's uid."""
    attendance = AttendanceFactory()
    stored = ReportFactory(attendance=attendance, article=article, status="invited", quote=HAD_INVITED)
    data = article_form_data(
        article,
        reports=[(stored, {"reported_on": stored.reported_on.isoformat()})],
        new=[row(attendance, status="invited", reported_on="2025-01-25", quote="The US  had invited Kabul.")],
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert str(stored.uid) in inline.formset.errors[1]["quote"][0]
    assert Report.objects.count() == 1


def test_attendance_page_refuses_a_repeat_naming_the_report(admin_client, article):
    """The attendance page's report inline refuses a repeat too."""
    attendance = AttendanceFactory()
    stored = ReportFactory(attendance=attendance, article=article, status="invited", quote=HAD_INVITED)
    data = {
        "event": attendance.event_id,
        "participant": attendance.participant_id,
        "role": attendance.role,
        "notes": "",
        "reports-TOTAL_FORMS": "1",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    new = {
        "id": "",
        "attendance": attendance.pk,
        "status": "invited",
        "review": "verified",
        "reported_on": "2025-01-26",
        "article": article.pk,
        "quote": HAD_INVITED,
        "speaker": "",
        "via": "",
    }
    data.update({f"reports-0-{name}": value for name, value in new.items()})
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert str(stored.uid) in inline.formset.errors[0]["quote"][0]
    assert Report.objects.count() == 1


def test_article_page_refuses_a_body_over_the_limit(admin_client, article):
    """500,001 characters: an error on the body that names the limit."""
    response = admin_client.post(
        admin_url(Article, "change", article.pk), article_form_data(article, body="x" * 500_001)
    )
    assert response.status_code == 200
    assert "500,000" in response.context["adminform"].form.errors["body"][0]


def test_article_page_refuses_two_rows_that_repeat_each_other(admin_client, article):
    """Two new rows with the same attendance, status and quote: the second is refused, naming the first row."""
    attendance = AttendanceFactory()
    same = row(attendance, status="invited", reported_on="2025-01-25", quote=HAD_INVITED)
    data = article_form_data(article, new=[same, {**same, "quote": f" {HAD_INVITED}  "}])
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert "repeats the one of row 1" in inline.formset.errors[1]["quote"][0]
    assert not Report.objects.exists()


def test_attendance_page_refuses_two_rows_that_repeat_each_other(admin_client, article):
    """The attendance page's report rows may not repeat each other either."""
    attendance = AttendanceFactory()
    data = {
        "event": attendance.event_id,
        "participant": attendance.participant_id,
        "role": attendance.role,
        "notes": "",
        "reports-TOTAL_FORMS": "2",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index in range(2):
        new = {
            "id": "",
            "attendance": attendance.pk,
            "status": "invited",
            "review": "verified",
            "reported_on": f"2025-01-2{index}",
            "article": article.pk,
            "quote": HAD_INVITED,
            "speaker": "",
            "via": "",
        }
        data.update({f"reports-{index}-{name}": value for name, value in new.items()})
    response = admin_client.post(admin_url(Attendance, "change", attendance.pk), data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert "repeats the one of row 1" in inline.formset.errors[1]["quote"][0]
    assert not Report.objects.exists()
