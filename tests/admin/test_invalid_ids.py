"""A relation posted as something that is not a record's id: the form comes back with the field's error, not a 500."""

import datetime

import pytest

from events.models import Article, Attendance, Event, Participant, Report
from tests.admin.conftest import admin_url, article_form_data
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def management_form(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def event_data(**changes):
    return {
        "slug": "talks",
        "title": "Talks",
        "kind": "peace_talks",
        "status": "scheduled",
        "start_date": "2018-09-04",
        "city": "Moscow",
        "country": "RU",
        "host": "",
        "description": "",
        **management_form("attendances"),
        "_save": "Save",
        **changes,
    }


def participant_data(**changes):
    return {
        "slug": "taliban",
        "name": "Taliban",
        "kind": "armed_group",
        "country": "",
        "aliases": "[]",
        "affiliation": "",
        "wikidata_id": "",
        "description": "",
        "_save": "Save",
        **changes,
    }


def attendance_data(**changes):
    return {
        "event": EventFactory().pk,
        "participant": ParticipantFactory().pk,
        "role": "participant",
        "status": "invited",
        "status_date": "",
        "notes": "",
        **management_form("reports"),
        "_save": "Save",
        **changes,
    }


def report_data(**changes):
    return {
        "attendance": AttendanceFactory().pk,
        "status": "declined",
        "review": "verified",
        "reported_on": "2018-08-22",
        "article": ArticleFactory().pk,
        "quote": "We will not participate in the Moscow talks.",
        "speaker": "",
        "via": "",
        "_save": "Save",
        **changes,
    }


def assert_refused(response, form, field):
    assert response.status_code == 200
    assert form.errors[field] == [NOT_A_CHOICE]
    assert NOT_A_CHOICE in response.content.decode()


@pytest.mark.parametrize(
    "model, data, field, value",
    [
        (Event, event_data, "host", "russia"),
        (Participant, participant_data, "affiliation", "abc"),
        (Attendance, attendance_data, "event", "x1"),
        (Attendance, attendance_data, "participant", "1.5"),
        (Report, report_data, "attendance", "abc"),
        (Report, report_data, "article", "zz"),
        (Report, report_data, "attendance", "99999999999999999999"),
        (Report, report_data, "speaker", "-99999999999999999999"),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_a_relation_that_is_no_id_is_the_fields_error(admin_client, model, data, field, value):
    """The page is shown again with "Select a valid choice" on the field; nothing is written."""
    posted = data(**{field: value})
    before = model.objects.count()
    response = admin_client.post(admin_url(model, "add"), posted)
    assert_refused(response, response.context["adminform"].form, field)
    assert model.objects.count() == before


def test_an_event_added_with_a_slug_for_host_is_not_written(admin_client):
    ParticipantFactory(slug="russia")
    response = admin_client.post(admin_url(Event, "add"), event_data(host="russia"))
    assert_refused(response, response.context["adminform"].form, "host")
    assert not Event.objects.exists()


def test_an_attendance_with_no_event_id_is_not_written(admin_client):
    response = admin_client.post(admin_url(Attendance, "add"), attendance_data(event="x1"))
    assert_refused(response, response.context["adminform"].form, "event")
    assert not Attendance.objects.exists()


def test_the_event_inline_row_with_no_participant_id_is_the_rows_error(admin_client):
    event = EventFactory()
    data = event_data(
        slug=event.slug,
        title=event.title,
        **management_form("attendances", total=1),
        **{"attendances-0-participant": "abc", "attendances-0-role": "participant", "attendances-0-notes": ""},
    )
    response = admin_client.post(admin_url(Event, "change", event.pk), data)
    (formset,) = [f.formset for f in response.context["inline_admin_formsets"]]
    assert_refused(response, formset.forms[0], "participant")
    assert not Attendance.objects.exists()


def test_the_article_inline_row_with_no_event_id_is_the_rows_error(admin_client):
    """The article page's report rows choose an event and a participant; a bad event is its row's error."""
    article = ArticleFactory()
    participant, event = ParticipantFactory(), EventFactory()
    row = {"status": "declined", "reported_on": "2018-08-22", "quote": "We will not participate in the Moscow talks."}
    data = article_form_data(
        article,
        new=[
            {**row, "event": event.pk, "participant": participant.pk},
            {**row, "event": "abc", "participant": participant.pk},
        ],
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    (formset,) = [f.formset for f in response.context["inline_admin_formsets"]]
    assert_refused(response, formset.forms[1], "event")
    assert not Report.objects.exists()


def test_an_attendance_with_no_participant_at_an_event_with_no_host_is_the_fields_error(admin_client):
    """The host rule reads the participant only when there is one (it was a 500 when neither was given)."""
    response = admin_client.post(admin_url(Attendance, "add"), attendance_data(participant=""))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"participant": ["This field is required."]}


@pytest.mark.parametrize("model", [Event, Participant, Attendance, Article, Report])
@pytest.mark.parametrize("object_id", ["abc", "1.5", "99999999999999999999999"])
def test_a_history_address_with_no_records_id_is_a_404(admin_client, model, object_id):
    """The tester's case: /admin/events/event/abc/history/ was a 500 (the history query failed on "abc")."""
    assert admin_client.get(admin_url(model, "history", object_id)).status_code == 404
    assert admin_client.get(admin_url(model, "simple_history", object_id, "1")).status_code == 404


@pytest.mark.parametrize("version_id", ["abc", "1.5", "99999999999999999999999"])
def test_a_past_version_address_with_no_versions_id_is_a_404(admin_client, version_id):
    event = EventFactory()
    assert admin_client.get(admin_url(Event, "history", event.pk)).status_code == 200
    assert admin_client.get(admin_url(Event, "simple_history", event.pk, version_id)).status_code == 404


@pytest.mark.parametrize("model", [Attendance, Report])
def test_the_history_of_a_record_deleted_with_its_event_answers(admin_client, model):
    """The tester's case (31, G14): a report or attendance deleted with its event had a history page that was a
    500 (its label read the deleted attendance); it lists its changes as any deleted record's does."""
    report = ReportFactory()
    record = report if model is Report else report.attendance
    report.attendance.event.delete()

    answer = admin_client.get(admin_url(model, "history", record.pk))

    assert answer.status_code == 200


def test_reverting_an_attendance_whose_event_was_deleted_is_refused_on_the_event(admin_client):
    """Tester 32's case (H1): saving a past version of an attendance deleted with its event was a 500 (its rules
    read the deleted event); the form refuses the event, as it refuses any id no record has."""
    attendance = ReportFactory().attendance
    event_id, participant_id = attendance.event_id, attendance.participant_id
    attendance.event.delete()
    version = Attendance.history.filter(id=attendance.pk).earliest("history_date")
    data = {
        "event": event_id,
        "participant": participant_id,
        "role": "participant",
        "status": "invited",
        "notes": "",
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }

    answer = admin_client.post(admin_url(Attendance, "simple_history", attendance.pk, version.history_id), data)

    assert answer.status_code == 200
    assert list(answer.context["adminform"].form.errors) == ["event"]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", "05/01/2026"),  # month first: read as 1 May by Django's formats
        ("start_date", "2026-5-1"),
        ("start_date", "\uff12\uff10\uff12\uff16-05-01"),
        ("start_date", "May 1, 2026"),
        ("latitude", "1_0"),
        ("latitude", "\uff11"),
    ],
)
def test_the_admin_takes_a_day_and_a_number_as_the_api_does(admin_client, field, value):
    """Tester 32's cases (H13, H14): the admin stored 05/01/2026 as 1 May and a latitude of 1_0 as 10.0."""
    data = event_data(**{field: value}, **({"longitude": "2"} if field == "latitude" else {}))

    answer = admin_client.post(admin_url(Event, "add"), data)

    assert answer.status_code == 200
    assert list(answer.context["adminform"].form.errors) == [field]
    assert not Event.objects.exists()
    assert admin_client.post(admin_url(Event, "add"), event_data(start_date=" 2026-05-01 ")).status_code == 302


FULL_WIDTH = str.maketrans("0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")
ARABIC_INDIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
# An id written other ways that Python reads as the same number: none is a record's id in the admin.
OTHER_SPELLINGS = pytest.mark.parametrize(
    "spell",
    [
        lambda key: key.translate(FULL_WIDTH),
        lambda key: key.translate(ARABIC_INDIC),
        lambda key: f"0_{key}",
        lambda key: f"+{key}",
    ],
    ids=["full-width", "arabic-indic", "underscore", "sign"],
)


@OTHER_SPELLINGS
def test_a_relation_chosen_by_an_id_in_other_digits_is_the_fields_error(admin_client, spell):
    """Tester 32: ``article=３`` was article 3 (Django's ModelChoiceField reads it so); the API refuses it."""
    article = ArticleFactory()
    data = report_data(article=spell(str(article.pk)))
    before = Report.objects.count()

    response = admin_client.post(admin_url(Report, "add"), data)

    assert_refused(response, response.context["adminform"].form, "article")
    assert Report.objects.count() == before
    assert admin_client.post(admin_url(Report, "add"), report_data(article=f" {article.pk} ")).status_code == 302


@pytest.mark.parametrize("value", ["05/01/2026", "2026-5-1"])
def test_an_articles_day_is_taken_as_the_api_takes_it(admin_client, value):
    """The article's page had its own field overrides, and so Django's many spellings of a day."""
    article = ArticleFactory(published_on=datetime.date(2026, 6, 1))
    data = article_form_data(article, published_on=value)

    answer = admin_client.post(admin_url(Article, "change", article.pk), data)

    assert answer.status_code == 200
    assert list(answer.context["adminform"].form.errors) == ["published_on"]
    article.refresh_from_db()
    assert article.published_on.isoformat() == "2026-06-01"


@OTHER_SPELLINGS
def test_a_change_page_or_an_action_by_an_id_in_other_digits_finds_no_record(admin_client, spell):
    """Tester 34, K12: ``/admin/events/article/٣/change/`` opened article 3, and an action's ``٣`` selected it."""
    article = ArticleFactory()
    other = spell(str(article.pk))

    page = admin_client.get(admin_url(Article, "change", other))

    assert page.status_code == 302  # Django's "doesn't exist. Perhaps it was deleted?", back to the list
    data = {"action": "delete_selected", "_selected_action": [other], "post": "yes"}
    admin_client.post(admin_url(Article, "changelist"), data)
    assert Article.objects.filter(pk=article.pk).exists()


@OTHER_SPELLINGS
def test_the_article_rows_choose_an_event_and_a_participant_by_ids_in_ascii_digits_only(admin_client, spell):
    """Tester 37, N2: the article page's report rows read "３" as the id 3, as its party merge did."""
    article = ArticleFactory()
    participant, event = ParticipantFactory(), EventFactory()
    row = {"status": "declined", "reported_on": "2018-08-22", "quote": "We will not participate in the Moscow talks."}
    for field in ("event", "participant"):
        chosen = {"event": event.pk, "participant": participant.pk}
        chosen[field] = spell(str(chosen[field]))
        data = article_form_data(article, new=[{**row, **chosen}])

        response = admin_client.post(admin_url(Article, "change", article.pk), data)

        (formset,) = [f.formset for f in response.context["inline_admin_formsets"]]
        assert_refused(response, formset.forms[0], field)
        assert not Report.objects.exists()
