"""A delete that would take other records with it needs the permission to delete those too, as in the admin
(tester 31, G15: a writer without delete_report deleted verified reports by deleting their attendance)."""

import pytest
from django.contrib.auth.models import Permission

from events.models import Attendance, Event, Report
from tests.factories import AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

REFUSED = "Deleting this record would delete its reports too, which you may not delete."


def client_of(api_client, django_user_model, *codenames):
    user = django_user_model.objects.create_user("desk")
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    api_client.force_authenticate(user)
    return api_client


def test_deleting_an_attendance_with_reports_needs_delete_report(api_client, django_user_model):
    report = ReportFactory()
    client = client_of(api_client, django_user_model, "delete_attendance")

    answer = client.delete(f"/api/attendances/{report.attendance_id}/")

    assert (answer.status_code, answer.json()) == (403, {"detail": REFUSED})
    assert Report.objects.filter(pk=report.pk).exists() and Attendance.objects.exists()


def test_deleting_an_event_names_every_kind_it_would_take(api_client, django_user_model):
    report = ReportFactory()
    client = client_of(api_client, django_user_model, "delete_event")

    answer = client.delete(f"/api/events/{report.attendance.event.slug}/")

    assert answer.status_code == 403
    assert answer.json() == {
        "detail": "Deleting this record would delete its attendances and reports too, which you may not delete."
    }
    assert Event.objects.exists()


def test_with_every_permission_the_delete_is_done(api_client, django_user_model):
    report = ReportFactory()
    client = client_of(api_client, django_user_model, "delete_attendance", "delete_report")

    assert client.delete(f"/api/attendances/{report.attendance_id}/").status_code == 204
    assert not Report.objects.exists()


def test_a_delete_that_takes_nothing_else_needs_only_its_own_permission(api_client, django_user_model):
    attendance = AttendanceFactory()
    client = client_of(api_client, django_user_model, "delete_attendance")

    assert client.delete(f"/api/attendances/{attendance.pk}/").status_code == 204


def test_a_curator_deletes_as_before(token_client):
    report = ReportFactory()
    assert token_client.delete(f"/api/events/{report.attendance.event.slug}/").status_code == 204
    assert not Report.objects.exists()


def test_a_refusal_names_no_kind_the_writer_cannot_see(api_client, django_user_model):
    """Tester 32, H9: an attendance whose only reports are drafts was refused as "would delete its reports"."""
    draft = ReportFactory(review="draft")
    client = client_of(api_client, django_user_model, "delete_attendance")

    answer = client.delete(f"/api/attendances/{draft.attendance_id}/")

    assert (answer.status_code, answer.json()) == (
        403,
        {"detail": "Deleting this record would delete records you do not see too, which you may not delete."},
    )
    assert Report.objects.filter(pk=draft.pk).exists()


def test_a_kind_is_named_when_one_of_its_records_is_seen(api_client, django_user_model):
    verified = ReportFactory()
    ReportFactory(attendance=verified.attendance, review="draft", article=verified.article)
    client = client_of(api_client, django_user_model, "delete_attendance")

    answer = client.delete(f"/api/attendances/{verified.attendance_id}/")

    assert (answer.status_code, answer.json()) == (403, {"detail": REFUSED})


def test_a_curator_is_told_of_drafts(api_client, django_user_model):
    draft = ReportFactory(review="draft")
    client = client_of(api_client, django_user_model, "delete_attendance", "change_report")

    answer = client.delete(f"/api/attendances/{draft.attendance_id}/")

    assert (answer.status_code, answer.json()) == (403, {"detail": REFUSED})
