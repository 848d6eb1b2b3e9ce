"""Writers who may not review (add permissions, no change_report): they propose, curators vouch.

What awaits review is no record to them, in writes as in reads: naming it is the 400 of an unknown key, so a
writer cannot put it on the public record. Their reports are drafts; verified or rejected is a curator's word.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission

from events.api.audience import NOT_A_REVIEWER
from events.models import Attendance, Event, Report
from events.models.review import NOT_A_CURATORS_STATUS
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

BODY = "Norway declined to send a delegation. Turkey confirmed it will attend."


@pytest.fixture
def writer(api_client, django_user_model):
    user = django_user_model.objects.create_user("desk")
    for codename in ("add_event", "add_attendance", "add_report"):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    api_client.force_authenticate(user)
    return api_client


@pytest.fixture
def world():
    """An event on the record, one awaiting review with an attendance awaiting review, and an article."""
    EventFactory(slug="talks", start_date=datetime.date(2018, 9, 4))
    held = EventFactory(slug="proposed-talks", start_date=datetime.date(2018, 9, 4))
    attendance = AttendanceFactory(event=held, participant=ParticipantFactory(slug="turkey"))
    Event.objects.filter(pk=held.pk).update(awaiting_review=True)
    Attendance.objects.filter(pk=attendance.pk).update(awaiting_review=True)
    ParticipantFactory(slug="norway")
    return held, attendance, ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22))


def report(article, **fields):
    return {
        "status": "declined",
        "reported_on": "2018-08-22",
        "article": article.pk,
        "quote": "Norway declined",
        **fields,
    }


def test_an_event_awaiting_review_is_no_event_to_a_writer(writer, token_client, world):
    held, attendance, article = world
    answers = [
        writer.post("/api/attendances/", {"event": held.slug, "participant": "norway"}, format="json"),
        writer.post("/api/reports/", report(article, event=held.slug, participant="norway"), format="json"),
        writer.post("/api/reports/", report(article, attendance=attendance.pk), format="json"),
    ]
    assert [answer.status_code for answer in answers] == [400, 400, 400]
    assert answers[0].json() == answers[1].json() == {"event": [f"No event has the slug “{held.slug}”."]}
    assert answers[2].json() == {"attendance": [f"No attendance has the id “{attendance.pk}”."]}
    assert Event.objects.get(pk=held.pk).awaiting_review  # still off the public record
    assert Attendance.objects.count() == 1 and not Report.objects.exists()
    # A curator names it: their attendance puts the event on the record, as documented.
    answer = token_client.post("/api/attendances/", {"event": held.slug, "participant": "norway"}, format="json")
    assert answer.status_code == 201, answer.content
    assert not Event.objects.get(pk=held.pk).awaiting_review


def test_a_writers_report_is_a_draft_and_its_new_attendance_awaits_review(writer, api_client, world):
    _held, _attendance, article = world
    answer = writer.post("/api/reports/", report(article, event="talks", participant="norway"), format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["review"] == "draft"
    stored = Report.objects.get()
    assert (stored.review, stored.reviewed_by) == ("draft", None)
    assert stored.attendance.awaiting_review
    api_client.force_authenticate(None)
    assert api_client.get("/api/attendances/", {"event": "talks"}).json()["count"] == 0


@pytest.mark.parametrize("review", ["verified", "rejected"])
def test_a_writer_may_not_verify_or_reject(writer, world, review):
    _held, _attendance, article = world
    answer = writer.post(
        "/api/reports/", report(article, event="talks", participant="norway", review=review), format="json"
    )
    assert answer.status_code == 400
    assert answer.json() == {"review": [NOT_A_REVIEWER]}
    assert not Report.objects.exists() and not Attendance.objects.filter(participant__slug="norway").exists()


def test_a_curators_report_naming_no_review_is_verified(token_client, world):
    _held, _attendance, article = world
    answer = token_client.post("/api/reports/", report(article, event="talks", participant="norway"), format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["review"] == "verified"
    assert not Report.objects.get().attendance.awaiting_review


@pytest.fixture
def editor(writer, django_user_model):
    """The writer, who may also change attendances: still no curator."""
    user = django_user_model.objects.get(username="desk")
    user.user_permissions.add(Permission.objects.get(codename="change_attendance", content_type__app_label="events"))
    writer.force_authenticate(django_user_model.objects.get(pk=user.pk))  # the permissions read afresh
    return writer


@pytest.mark.parametrize("fields", [{"status": "confirmed"}, {"status_date": "2018-08-22"}])
def test_a_writer_sets_no_status_by_hand(editor, api_client, world, fields):
    """A status with no verified report behind it is what a curator set: a writer's would reach the public
    record unvouched. Posting one, or changing one, is a 400 naming the field; nothing is written."""
    created = editor.post("/api/attendances/", {"event": "talks", "participant": "norway", **fields}, format="json")
    assert created.status_code == 400
    assert created.json() == {key: [NOT_A_CURATORS_STATUS] for key in fields}
    assert not Attendance.objects.filter(participant__slug="norway").exists()

    attendance = AttendanceFactory(event=Event.objects.get(slug="talks"), participant=ParticipantFactory(slug="chad"))
    changed = editor.patch(f"/api/attendances/{attendance.pk}/", fields, format="json")
    assert changed.status_code == 400
    assert changed.json() == {key: [NOT_A_CURATORS_STATUS] for key in fields}
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("invited", None)
    api_client.force_authenticate(None)
    assert api_client.get(f"/api/attendances/{attendance.pk}/").json()["status"] == "invited"


def test_a_writer_writes_the_rest_and_may_put_a_status_back_as_read(editor, world):
    created = editor.post(
        "/api/attendances/", {"event": "talks", "participant": "norway", "status": "invited"}, format="json"
    )
    assert created.status_code == 201, created.content
    read = editor.get(f"/api/attendances/{created.json()['id']}/").json()
    put = editor.put(f"/api/attendances/{read['id']}/", {**read, "notes": "Desk note."}, format="json")
    assert put.status_code == 200, put.content
    assert put.json()["notes"] == "Desk note." and put.json()["status"] == "invited"


def test_a_curator_sets_a_status_by_hand(token_client, world):
    answer = token_client.post(
        "/api/attendances/", {"event": "talks", "participant": "norway", "status": "confirmed"}, format="json"
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "confirmed"
