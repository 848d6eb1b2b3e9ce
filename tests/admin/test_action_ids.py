"""A bulk action posted with a selected id that is no record's key: a message, not a 500."""

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages

from events.models import Attendance, DraftReport, Event, Participant, Report
from tests.admin.conftest import admin_url
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

NOTHING_SELECTED = "Items must be selected in order to perform actions on them. No items have been changed."


def action_post(action, selected):
    return {"action": action, "index": "0", helpers.ACTION_CHECKBOX_NAME: selected}


@pytest.mark.parametrize(
    "selected",
    [["abc"], ["1.5"], ["99999999999999999999"], ["abc", "-99999999999999999999"], ["0"], ["-1"], ["987654"]],
)
@pytest.mark.parametrize("model", [Report, DraftReport], ids=lambda model: model.__name__)
def test_an_action_on_no_valid_id_says_items_must_be_selected(admin_client, model, selected):
    report = ReportFactory(review="draft")
    response = admin_client.post(admin_url(model, "changelist"), action_post("verify_reports", selected))
    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [NOTHING_SELECTED]
    report.refresh_from_db()
    assert report.review == "draft"


def test_an_action_acts_on_the_valid_ids_among_others(admin_client):
    """An id that is no key selects nothing, as the id of a record deleted since: the others are acted on."""
    report = ReportFactory(review="draft")
    response = admin_client.post(admin_url(Report, "changelist"), action_post("verify_reports", ["abc", report.pk]))
    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["1 report marked verified."]
    report.refresh_from_db()
    assert report.review == "verified"


def test_the_merge_action_on_no_valid_id_says_items_must_be_selected(admin_client):
    """The merge asks for confirmation (its POST has no index): the same."""
    first = ParticipantFactory()
    data = {"action": "merge_participants", helpers.ACTION_CHECKBOX_NAME: ["abc", "x1"]}
    response = admin_client.post(admin_url(Participant, "changelist"), data)
    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [NOTHING_SELECTED]
    assert Participant.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize(
    ("model", "action"), [(Event, "put_on_record"), (Event, "delete_selected"), (Attendance, "delete_selected")]
)
def test_a_hidden_records_id_answers_a_writer_as_an_unknown_id(staff_client, model, action):
    """Tester 32's case (H11): a writer told an event awaiting review from an unknown id by what an action said."""
    attendance = AttendanceFactory(event=EventFactory(awaiting_review=True), awaiting_review=True)
    hidden = attendance.event if model is Event else attendance
    name = model._meta.model_name
    client = staff_client(*(f"events.{verb}_{name}" for verb in ("view", "change", "delete")))

    def said(key):
        answer = client.post(admin_url(model, "changelist"), action_post(action, [key]))
        client.get(admin_url(model, "changelist"))  # shows, and so spends, the message
        return answer.status_code, [str(message) for message in get_messages(answer.wsgi_request)]

    assert said(str(hidden.pk)) == said("987654") == (302, [NOTHING_SELECTED])
    assert model.objects.filter(pk=hidden.pk, awaiting_review=True).exists()
