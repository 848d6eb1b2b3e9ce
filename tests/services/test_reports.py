"""services.create_report and review_reports: writes that span records keep the rules of every entry point."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from events.models import Attendance, Report
from events.services import create_report, review_reports
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_a_report_on_the_host_creates_an_attendance_with_role_host():
    """The event's host, reported on before it has an attendance, gets one with role host."""
    host = ParticipantFactory()
    event = EventFactory(host=host)
    article = ArticleFactory(body="Russia will host the talks.")

    report = create_report(
        event=event,
        participant=host,
        status="confirmed",
        reported_on=datetime.date(2018, 8, 22),
        article=article,
        quote="Russia will host the talks.",
    )

    assert (report.attendance.participant, report.attendance.role) == (host, "host")


def test_a_report_on_another_participant_creates_an_attendance_with_role_participant():
    """Anyone but the host gets role participant."""
    event = EventFactory(host=ParticipantFactory())
    guest = ParticipantFactory()
    article = ArticleFactory(body="The Taliban will attend.")

    report = create_report(
        event=event,
        participant=guest,
        status="confirmed",
        reported_on=datetime.date(2018, 8, 22),
        article=article,
        quote="The Taliban will attend.",
    )

    assert report.attendance.role == "participant"


def test_a_fixture_giving_the_host_another_role_is_refused(tmp_path):
    """loaddata checks the host rule too, and writes nothing of the fixture."""
    host = ParticipantFactory(slug="russia")
    EventFactory(slug="moscow-talks", host=host)
    fixture = tmp_path / "bad_host.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "events.attendance",
                    "fields": {"event": ["moscow-talks"], "participant": ["russia"], "role": "participant"},
                }
            ]
        )
    )

    with pytest.raises(CommandError, match="role: "):
        call_command("loaddata", str(fixture), verbosity=0)

    assert not Attendance.objects.exists()


# ------------------------------------------------------------------------------
# Reviewing reports in bulk
# ------------------------------------------------------------------------------
def test_review_reports_changes_only_those_that_differ(django_user_model):
    """Reports already in the state keep their reviewer; the others get the new one; statuses follow."""
    earlier, later = ReportFactory(), ReportFactory()
    other = django_user_model.objects.create_user("other")
    Report.objects.filter(pk=earlier.pk).update(review="rejected", reviewed_by=other)
    reviewer = django_user_model.objects.create_user("reviewer")

    count = review_reports(reports=Report.objects.all(), review="rejected", by=reviewer)

    assert count == 1
    assert dict(Report.objects.values_list("pk", "reviewed_by__username")) == {
        earlier.pk: "other",
        later.pk: "reviewer",
    }
    later.attendance.refresh_from_db()
    assert later.attendance.status == "invited"


def test_review_reports_refuses_an_unknown_state(django_user_model):
    report = ReportFactory(review="draft")
    with pytest.raises(ValidationError, match="not a review state"):
        review_reports(reports=Report.objects.all(), review="pending", by=None)
    report.refresh_from_db()
    assert report.review == "draft"


def test_review_reports_keeps_each_review_in_the_reports_history(django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer")
    report = ReportFactory(review="draft")
    version = report.version

    review_reports(reports=Report.objects.filter(pk=report.pk), review="verified", by=reviewer)

    report.refresh_from_db()
    assert (report.review, report.reviewed_by, report.version) == ("verified", reviewer, version + 1)
    latest = report.history.first()
    assert (latest.review, latest.history_change_reason) == ("verified", "Reviewed: verified.")
