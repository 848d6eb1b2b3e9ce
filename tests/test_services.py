"""Writes that span records keep the same rules as every other entry point."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from events.models import Attendance
from events.services import create_report
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

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

    with pytest.raises(ValidationError, match="role"):
        call_command("loaddata", str(fixture), verbosity=0)

    assert not Attendance.objects.exists()
