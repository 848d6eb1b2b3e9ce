"""The admin tells a clash of a unique set of fields under the field to change, as the API does."""

import pytest

from events.models import Attendance
from tests.admin.conftest import admin_url
from tests.factories import AttendanceFactory

pytestmark = pytest.mark.django_db


def test_adding_a_second_attendance_is_refused_on_participant(admin_client):
    attendance = AttendanceFactory()
    data = {
        "event": attendance.event.pk,
        "participant": attendance.participant.pk,
        "role": "participant",
        "status": "invited",
        "status_date": "",
        "notes": "",
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }

    response = admin_client.post(admin_url(Attendance, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "participant": ["This participant already has an attendance at this event."]
    }
    assert Attendance.objects.count() == 1
