"""The admin keeps no lost update either, and shows and reverts every record's history."""

import datetime

import pytest
from django.urls import reverse

from events.models import Article, Attendance, Event, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ReportFactory

pytestmark = pytest.mark.django_db

DECLINE_QUOTE = "We will not participate in the Moscow talks."


def admin_url(record, action="change", *args):
    return reverse(f"admin:events_{record._meta.model_name}_{action}", args=[record.pk, *args])


def form_data(response, **changes):
    """The POST of the change form the page shows, as a browser would send it untouched, with ``changes``."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):  # the revert page has none
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else value
    return {**data, "_save": "Save", **changes}


def change_elsewhere(record, **changes):
    """Another curator saves ``record`` meanwhile."""
    other = type(record).objects.get(pk=record.pk)
    for name, value in changes.items():
        setattr(other, name, value)
    other.save()


# ------------------------------------------------------------------------------
# The version on the change form
# ------------------------------------------------------------------------------
def test_change_form_carries_the_version_it_was_opened_at(admin_client):
    """The change page holds the record's version in a hidden input."""
    event = EventFactory()
    change_elsewhere(event, city="Kabul")

    response = admin_client.get(admin_url(event))

    assert response.context["adminform"].form["opened_version"].value() == 2
    assert '<input type="hidden" name="opened_version" value="2"' in response.content.decode()


def test_save_on_the_current_version_saves(admin_client):
    """Nobody else saved: the change is written and the version raised."""
    event = EventFactory()
    page = admin_client.get(admin_url(event))

    response = admin_client.post(admin_url(event), form_data(page, city="Kabul"))

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.city, event.version) == ("Kabul", 2)


def test_save_after_someone_else_saved_shows_an_error_and_keeps_their_change(admin_client):
    """A form opened before another curator's save is not saved over it: the page says why, nothing is written."""
    event = EventFactory(title="Moscow talks")
    page = admin_client.get(admin_url(event))
    change_elsewhere(event, title="Moscow talks on Afghanistan")

    response = admin_client.post(admin_url(event), form_data(page, city="Kabul"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == [
        "This event was changed or deleted by someone else since version 1 was read: nothing was written. "
        "Read it again and redo your change on the current version."
    ]
    assert "was changed or deleted by someone else" in response.content.decode()
    event.refresh_from_db()
    assert (event.title, event.city, event.version) == ("Moscow talks on Afghanistan", "Moscow", 2)
    assert event.history.count() == 2


def test_inline_row_changed_elsewhere_shows_the_error_on_that_row(admin_client):
    """A report changed by someone else since the attendance page was opened is not saved over, nor is the rest."""
    report = ReportFactory(via="")
    attendance = report.attendance
    page = admin_client.get(admin_url(attendance))
    change_elsewhere(report, via="Reuters")

    response = admin_client.post(admin_url(attendance), form_data(page, notes="Checked.", **{"reports-0-via": "AFP"}))

    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert inline.formset.forms[0].non_field_errors()[0].startswith("This report was changed or deleted")
    report.refresh_from_db()
    attendance.refresh_from_db()
    assert (report.via, attendance.notes) == ("Reuters", "")


def test_a_row_left_alone_whose_record_moved_on_is_no_conflict(admin_client):
    """Tester 33, J13: a report verified elsewhere moved an attendance's status (a new version) while its event's
    page was open; saving the event's own change was refused for that row, though the row posted no change."""
    attendance = AttendanceFactory()
    event = attendance.event
    page = admin_client.get(admin_url(event))
    ReportFactory(attendance=attendance, status="attended", review="verified")  # the status rule writes the row
    assert Attendance.objects.get(pk=attendance.pk).version > attendance.version

    response = admin_client.post(admin_url(event), form_data(page, description="Edited."))

    assert response.status_code == 302, response.context and response.context["errors"]
    event.refresh_from_db()
    assert event.description == "Edited."
    assert Attendance.objects.get(pk=attendance.pk).status == "attended"


def test_a_row_changed_on_a_record_that_moved_on_is_still_refused(admin_client):
    attendance = AttendanceFactory()
    event = attendance.event
    page = admin_client.get(admin_url(event))
    ReportFactory(attendance=attendance, status="attended", review="verified")

    response = admin_client.post(admin_url(event), form_data(page, **{"attendances-0-notes": "Mine."}))

    assert response.status_code == 200
    assert Attendance.objects.get(pk=attendance.pk).notes == ""


def test_record_deleted_meanwhile(admin_client):
    """A record deleted since its page was opened is not written back: a 404-like message, not a 500."""
    event = EventFactory()
    page = admin_client.get(admin_url(event))
    Event.objects.filter(pk=event.pk).delete()

    response = admin_client.post(admin_url(event), form_data(page, city="Kabul"))

    assert response.status_code == 302  # Django's own answer: to the list, saying it does not exist
    assert not Event.objects.exists()


# ------------------------------------------------------------------------------
# History and revert
# ------------------------------------------------------------------------------
def test_history_page_lists_every_change_and_who_made_it(admin_client, admin_user):
    """Each record's history page lists its changes with their users."""
    event = EventFactory()
    page = admin_client.get(admin_url(event))
    admin_client.post(admin_url(event), form_data(page, city="Kabul"))

    response = admin_client.get(admin_url(event, "history"))

    assert response.status_code == 200
    records = list(response.context["page_obj"].object_list)
    assert [(r.history_type, r.history_user) for r in records] == [("~", admin_user), ("+", None)]
    assert admin_user.username in response.content.decode()


def test_a_change_with_no_reason_shows_none_on_the_history_page(admin_client):
    """Tester (stop 41): the "Change reason" column read "None" for each change that gave none."""
    event, said = EventFactory(), EventFactory(slug="said")
    said.history.update(history_change_reason="merged from Kabul talks")

    def cells(record):  # the history's one row: object, date, comment, changed by, change reason, changes
        page = admin_client.get(admin_url(record, "history")).content.decode()
        row = page.split("<tbody>")[1].split("</tr>")[0]
        return [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]

    assert event.history.get().history_change_reason is None
    assert cells(event)[4] == ""
    assert cells(said)[4] == "merged from Kabul talks"


@pytest.mark.parametrize("model", [Event, Article, Attendance, Report], ids=lambda model: model.__name__)
def test_history_and_revert_pages_answer(admin_client, model):
    """The history page and the page of a past version answer for every record."""
    record = {Event: EventFactory, Article: ArticleFactory, Attendance: AttendanceFactory, Report: ReportFactory}[
        model
    ]()
    entry = record.history.get()

    assert admin_client.get(admin_url(record, "history")).status_code == 200
    response = admin_client.get(admin_url(record, "simple_history", entry.history_id))
    assert response.status_code == 200
    assert response.context["adminform"].form["opened_version"].value() == record.version


def test_revert_restores_a_past_version_as_a_new_change(admin_client, admin_user):
    """Reverting writes the past values back as a new version, by the curator who reverted."""
    event = EventFactory(city="Moscow")
    first = event.history.get()
    change_elsewhere(event, city="Kabul")
    page = admin_client.get(admin_url(event, "simple_history", first.history_id))

    response = admin_client.post(admin_url(event, "simple_history", first.history_id), form_data(page))

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.city, event.version) == ("Moscow", 3)
    latest = event.history.latest("history_date")
    assert (latest.history_type, latest.history_user, latest.city) == ("~", admin_user, "Moscow")


def test_revert_that_breaks_a_rule_is_refused(admin_client):
    """An article's past text without a quote that a report now takes from it cannot come back."""
    article = ArticleFactory(body="An early text.")
    first = article.history.get()
    change_elsewhere(article, body=f"A later text. {DECLINE_QUOTE}")
    ReportFactory(article=article, quote=DECLINE_QUOTE)
    page = admin_client.get(admin_url(article, "simple_history", first.history_id))

    response = admin_client.post(admin_url(article, "simple_history", first.history_id), form_data(page))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["body"]
    article.refresh_from_db()
    assert (article.body, article.version) == (f"A later text. {DECLINE_QUOTE}", 2)


def test_revert_of_an_attendance_keeps_the_status_its_reports_set(admin_client):
    """Reverting an attendance restores what a curator set (notes, role); its status still follows the reports."""
    attendance = AttendanceFactory(notes="First notes.")
    first = attendance.history.get()
    change_elsewhere(attendance, notes="Second notes.")
    ReportFactory(attendance=attendance, status="declined", reported_on=datetime.date(2018, 8, 22))
    page = admin_client.get(admin_url(attendance, "simple_history", first.history_id))

    response = admin_client.post(admin_url(attendance, "simple_history", first.history_id), form_data(page))

    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.notes, attendance.status, attendance.status_date) == (
        "First notes.",
        "declined",
        datetime.date(2018, 8, 22),
    )


def test_revert_page_opened_before_another_save_is_refused(admin_client):
    """The revert page carries the version it was opened at, like the change page."""
    event = EventFactory(city="Moscow")
    first = event.history.get()
    change_elsewhere(event, city="Kabul")
    page = admin_client.get(admin_url(event, "simple_history", first.history_id))
    change_elsewhere(event, city="Doha")

    response = admin_client.post(admin_url(event, "simple_history", first.history_id), form_data(page))

    assert response.status_code == 200
    assert "was changed or deleted by someone else" in response.content.decode()
    event.refresh_from_db()
    assert (event.city, event.version) == ("Doha", 3)


def test_a_row_deleted_meanwhile_is_told_on_its_row(admin_client):
    """Tester 34, K17: the page came back with "Please correct the error below." and no error anywhere."""
    attendance = AttendanceFactory()
    event = attendance.event
    page = admin_client.get(admin_url(event))
    Attendance.objects.filter(pk=attendance.pk).delete()

    response = admin_client.post(admin_url(event), form_data(page, description="Edited."))

    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert inline.formset.forms[0].non_field_errors() == [
        "This attendance was deleted by someone else since the page was opened: reload the page."
    ]
