"""A list's action acts on the rows as the list showed them: a row changed since by someone else stops it."""

import re

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages

from events.models import DraftReport, Report
from tests.admin.conftest import admin_url
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

MODELS = pytest.mark.parametrize("model", [Report, DraftReport], ids=lambda model: model.__name__)


def listed_versions(client, model):
    """The ``_listed_version`` values the list's rows carry, as a browser posts them back with an action."""
    page = client.get(admin_url(model, "changelist")).content.decode()
    return re.findall(r'<input type="hidden" name="_listed_version" value="([0-9]+:[0-9]+)">', page)


def act(client, model, action, selected, listed, **extra):
    data = {"action": action, "index": "0", helpers.ACTION_CHECKBOX_NAME: selected, "_listed_version": listed}
    response = client.post(admin_url(model, "changelist"), {**data, **extra})
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


@MODELS
def test_each_row_carries_the_version_the_list_shows(admin_client, model):
    report = ReportFactory(review="draft")
    assert listed_versions(admin_client, model) == [f"{report.pk}:{report.version}"]


@MODELS
def test_an_action_on_rows_as_listed_acts(admin_client, model):
    report = ReportFactory(review="draft")
    listed = listed_versions(admin_client, model)

    assert act(admin_client, model, "verify_reports", [report.pk], listed) == ["1 report marked verified."]
    report.refresh_from_db()
    assert report.review == "verified"


@MODELS
@pytest.mark.parametrize("across", [False, True], ids=["selected", "select across"])
def test_a_row_changed_since_the_list_was_read_stops_the_action(admin_client, model, across):
    """Tester 38, P2: a report changed in the API from "attended" to "declined" after the curator's list showed it
    was verified from that list: "declined", which no curator saw, went on the public record."""
    report, other = ReportFactory(review="draft", status="attended"), ReportFactory(review="draft")
    listed = listed_versions(admin_client, model)
    report.status = "declined"  # another user's write, after the list was read
    report.save()

    extra = {"select_across": "1"} if across else {}
    told = act(admin_client, model, "verify_reports", [report.pk, other.pk], listed, **extra)

    assert told == [
        f"Nothing was done: This {model._meta.verbose_name} was changed or deleted by someone else since version "
        f"{report.version - 1} was read: nothing was written. Read it again and redo your change on the current "
        "version."
    ]
    assert set(Report.objects.values_list("review", flat=True)) == {"draft"}


def test_an_action_posted_without_listed_versions_acts_as_before(admin_client):
    """A client that sends no versions (a script posting the action) is not refused: only what was shown is checked."""
    report = ReportFactory(review="draft")
    assert act(admin_client, Report, "reject_reports", [report.pk], []) == ["1 report marked rejected."]
