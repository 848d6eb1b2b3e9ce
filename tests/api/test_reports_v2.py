"""Contract v2 through the API: status_on, verified by default, not_invited, repeats refused, the body limit."""

import datetime
import json

import pytest

from events.models import Article, Attendance, Report
from tests.factories import ArticleFactory, AttendanceFactory

pytestmark = pytest.mark.django_db

LIST = "/api/reports/"
BODY = "The US had invited Kabul to the talks. Kabul's delegation attended the talks. Kabul was not invited."


@pytest.fixture
def article():
    return ArticleFactory(body=BODY, published_on=datetime.date(2025, 1, 25))


def new_report(article, attendance, **overrides):
    body = {
        "attendance": attendance.pk,
        "status": "invited",
        "reported_on": "2025-01-25",
        "article": article.pk,
        "quote": "The US had invited Kabul to the talks.",
        **overrides,
    }
    return {name: value for name, value in body.items() if value is not None}


def test_status_on_is_written_read_and_sets_the_status_date(token_client, article):
    """A report "had invited" with status_on reads back with it; the attendance's status date is that day."""
    attendance = AttendanceFactory()
    response = token_client.post(LIST, new_report(article, attendance, status_on="2025-01-10"), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status_on"] == "2025-01-10"
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("invited", datetime.date(2025, 1, 10))
    nested = token_client.get(f"/api/attendances/{attendance.pk}/").json()["reports"]
    assert [report["status_on"] for report in nested] == ["2025-01-10"]


def test_status_on_after_reported_on_is_400_on_status_on(token_client, article):
    """The day a status held cannot be after the day it was stated."""
    attendance = AttendanceFactory()
    response = token_client.post(LIST, new_report(article, attendance, status_on="2025-01-26"), format="json")
    assert response.status_code == 400
    assert "status_on" in response.json()
    assert not Report.objects.exists()


def test_a_late_had_invited_does_not_undo_attended(token_client, article):
    """Attended on 23 Jan, then on 25 Jan "had invited" on 10 Jan: the attendance stays attended."""
    attendance = AttendanceFactory()
    attended = new_report(
        article,
        attendance,
        status="attended",
        reported_on="2025-01-23",
        quote="Kabul's delegation attended the talks.",
    )
    assert token_client.post(LIST, attended, format="json").status_code == 201
    late = new_report(article, attendance, status_on="2025-01-10")
    assert token_client.post(LIST, late, format="json").status_code == 201
    detail = token_client.get(f"/api/attendances/{attendance.pk}/").json()
    assert (detail["status"], detail["status_date"]) == ("attended", "2025-01-23")


def test_a_report_naming_no_review_is_verified_and_reviewed_by_its_writer(token_client, curator, article):
    """A curator's own write vouches for the report: verified, the writer as reviewer, the status set."""
    attendance = AttendanceFactory()
    response = token_client.post(
        LIST, new_report(article, attendance, status="not_invited", quote="Kabul was not invited."), format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["review"], response.json()["reviewed_by"]) == ("verified", curator.username)
    attendance.refresh_from_db()
    assert attendance.status == "not_invited"


def test_a_draft_written_through_the_api_does_not_set_the_status(token_client, article):
    """A report written as a draft waits for review: the curated status holds."""
    attendance = AttendanceFactory(status="considering")
    response = token_client.post(LIST, new_report(article, attendance, review="draft"), format="json")
    assert response.status_code == 201
    attendance.refresh_from_db()
    assert attendance.status == "considering"


def test_a_repeated_report_is_400_naming_the_report_it_repeats(token_client, article):
    """Same attendance, status, article and quote (other whitespace and quote marks): refused, naming its uid."""
    attendance = AttendanceFactory()
    first = token_client.post(LIST, new_report(article, attendance), format="json").json()
    again = new_report(article, attendance, quote="  The US  had invited Kabul to the talks. ")
    response = token_client.post(LIST, again, format="json")
    assert response.status_code == 400
    assert first["uid"] in json.dumps(response.json()["quote"])
    assert Report.objects.count() == 1


def test_another_status_or_quote_is_no_repeat(token_client, article):
    """A report that differs in status is no repeat."""
    attendance = AttendanceFactory()
    assert token_client.post(LIST, new_report(article, attendance), format="json").status_code == 201
    other = new_report(article, attendance, status="confirmed")
    assert token_client.post(LIST, other, format="json").status_code == 201


def test_a_patch_that_makes_a_report_repeat_another_is_400(token_client, article):
    """Changing a report into a copy of another is refused too."""
    attendance = AttendanceFactory()
    first = token_client.post(LIST, new_report(article, attendance), format="json").json()
    second = token_client.post(LIST, new_report(article, attendance, status="confirmed"), format="json").json()
    response = token_client.patch(f"{LIST}{second['id']}/", {"status": "invited"}, format="json")
    assert response.status_code == 400
    assert first["uid"] in json.dumps(response.json())


def article_body(body):
    return {"title": "A long text", "publisher": "Xinhua", "published_on": "2025-01-25", "body": body}


def test_a_body_of_500000_characters_outside_the_bmp_goes_through_json_escaped(token_client):
    """The worst case for the request size: every character escaped as a surrogate pair (12 bytes)."""
    body = "\U0001f600" * 500_000
    payload = json.dumps(article_body(body), ensure_ascii=True)
    assert len(payload.encode()) > 6_000_000
    response = token_client.generic("POST", "/api/articles/", payload, content_type="application/json")
    assert response.status_code == 201, response.content[:300]
    assert Article.objects.get().body == body


def test_a_body_of_500000_cjk_characters_goes_through(token_client):
    """Characters of the Basic Multilingual Plane escaped as \\uXXXX, six bytes each."""
    payload = json.dumps(article_body("和" * 500_000), ensure_ascii=True)
    response = token_client.generic("POST", "/api/articles/", payload, content_type="application/json")
    assert response.status_code == 201


def test_a_body_longer_than_500000_characters_is_400_naming_the_limit(token_client):
    """One character more is refused, on the body, with the limit in the message."""
    response = token_client.post("/api/articles/", article_body("x" * 500_001), format="json")
    assert response.status_code == 400
    assert "500,000" in " ".join(response.json()["body"])
    assert not Article.objects.exists()


def test_not_invited_is_a_status_of_attendances_too(token_client):
    """The new status is a choice of an attendance's curated status."""
    attendance = AttendanceFactory()
    response = token_client.patch(f"/api/attendances/{attendance.pk}/", {"status": "not_invited"}, format="json")
    assert response.status_code == 200
    assert Attendance.objects.get().status == "not_invited"
