"""Staff who may not review are told of no attendance awaiting review by a clash, as in the API
(tests/api/test_hidden_conflicts.py): a new attendance at its event and participant takes it over, one moved
there takes its place. A curator is told of the clash, as before."""

import pytest

from events.models import Article, Attendance, Event, Report
from tests.admin.conftest import admin_url, article_form_data
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

QUOTE = "Norway declined."
DESK = ("events.view_attendance", "events.add_attendance", "events.change_attendance", "events.view_report")


@pytest.fixture
def proposal():
    """An attendance awaiting review (as the extraction assistant makes one) with a draft report."""
    attendance = AttendanceFactory(
        event=EventFactory(slug="talks"), participant=ParticipantFactory(slug="norway"), awaiting_review=True
    )
    ReportFactory(
        attendance=attendance, status="declined", review="draft", article=ArticleFactory(body=QUOTE), quote=QUOTE
    )
    return attendance


def attendance_form(attendance=None, **fields):
    """The POST of an attendance's page: a curator's form has its status too."""
    data = {
        "role": "observer",
        "status": "invited",
        "notes": "Sends an observer.",
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    if attendance is not None:
        data.update(
            event=attendance.event_id, participant=attendance.participant_id, opened_version=attendance.version
        )
    return {**data, **fields}


def errors(answer):
    return answer.context and [str(error) for error in answer.context["errors"]]


def test_a_new_attendance_takes_over_the_one_awaiting_review(staff_client, proposal):
    client = staff_client(*DESK)

    answer = client.post(
        admin_url(Attendance, "add"), attendance_form(event=proposal.event_id, participant=proposal.participant_id)
    )

    assert answer.status_code == 302, errors(answer)
    stored = Attendance.objects.get()
    assert (stored.role, stored.notes, stored.awaiting_review, stored.version) == (
        "observer",
        "Sends an observer.",
        False,
        1,
    )
    assert stored.pk != proposal.pk  # a new record: nothing of the hidden one shows (tester 33, J7)
    assert (Report.objects.get().review, Report.objects.get().attendance) == ("draft", stored)  # for a curator


def test_an_attendance_moved_there_takes_its_place(staff_client, proposal):
    mine = AttendanceFactory(event=proposal.event, participant=ParticipantFactory(slug="sweden"))
    client = staff_client(*DESK)

    answer = client.post(
        admin_url(Attendance, "change", mine.pk), attendance_form(mine, participant=proposal.participant_id)
    )

    assert answer.status_code == 302, errors(answer)
    [stored] = Attendance.objects.all()
    assert (stored.pk, stored.participant.slug) == (mine.pk, "norway")
    assert Report.objects.get().attendance == stored  # the draft moved with it, still a draft
    assert Report.objects.get().review == "draft"


@pytest.mark.parametrize("moved", [False, True])
def test_a_curator_is_told_of_the_clash(staff_client, proposal, moved):
    client = staff_client(curator=True)
    if moved:
        mine = AttendanceFactory(event=proposal.event, participant=ParticipantFactory(slug="sweden"))
        url, data = (
            admin_url(Attendance, "change", mine.pk),
            attendance_form(mine, participant=proposal.participant_id),
        )
    else:
        data = attendance_form(event=proposal.event_id, participant=proposal.participant_id)
        url = admin_url(Attendance, "add")

    answer = client.post(url, data)

    assert answer.status_code == 200
    assert any("already" in error for error in errors(answer)), errors(answer)
    assert Attendance.objects.filter(awaiting_review=True).get() == proposal


@pytest.fixture
def hidden_event():
    """An event awaiting review, as the extraction assistant makes one, with an attendance awaiting review."""
    attendance = AttendanceFactory(event=EventFactory(slug="doha", awaiting_review=True), awaiting_review=True)
    return attendance.event, attendance


NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def test_a_writer_cannot_add_an_attendance_to_an_event_awaiting_review(staff_client, hidden_event):
    """The tester's case (31, G10): the form took the hidden event's id, and the event went public."""
    event, _attendance = hidden_event
    client = staff_client(*DESK)

    answer = client.post(
        admin_url(Attendance, "add"), attendance_form(event=event.pk, participant=ParticipantFactory().pk)
    )

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors == {"event": [NOT_A_CHOICE]}
    event.refresh_from_db()
    assert event.awaiting_review


def test_a_writer_cannot_move_an_attendance_to_an_event_awaiting_review(staff_client, hidden_event):
    event, _attendance = hidden_event
    mine = AttendanceFactory()
    client = staff_client(*DESK)

    answer = client.post(admin_url(Attendance, "change", mine.pk), attendance_form(mine, event=event.pk))

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors == {"event": [NOT_A_CHOICE]}
    event.refresh_from_db()
    assert event.awaiting_review


def test_a_writer_cannot_report_on_an_attendance_awaiting_review(staff_client, hidden_event):
    _event, attendance = hidden_event
    article = ArticleFactory(body=QUOTE)
    client = staff_client("events.view_report", "events.add_report")
    data = {"attendance": attendance.pk, "status": "declined", "reported_on": article.published_on.isoformat()}
    data |= {"article": article.pk, "quote": QUOTE, "speaker": "", "via": "", "_save": "Save"}

    answer = client.post(admin_url(Report, "add"), data)

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors == {"attendance": [NOT_A_CHOICE]}
    assert not Report.objects.exists()


def test_a_curator_may_choose_them(staff_client, hidden_event):
    event, _attendance = hidden_event
    client = staff_client(curator=True)

    answer = client.post(
        admin_url(Attendance, "add"), attendance_form(event=event.pk, participant=ParticipantFactory().pk)
    )

    assert answer.status_code == 302


def test_a_writer_cannot_report_on_an_event_awaiting_review_from_the_article_page(staff_client, hidden_event):
    event, attendance = hidden_event
    article = ArticleFactory(body=QUOTE)
    client = staff_client("events.view_article", "events.change_article", "events.add_report", "events.add_attendance")
    row = {"event": event.pk, "participant": attendance.participant_id, "status": "declined", "quote": QUOTE}
    data = article_form_data(article, new=[{**row, "reported_on": article.published_on.isoformat()}])

    answer = client.post(admin_url(Article, "change", article.pk), data)

    assert answer.status_code == 200
    [inline] = answer.context["inline_admin_formsets"]
    assert inline.formset.errors[0]["event"] == [NOT_A_CHOICE]
    assert not Report.objects.exists()


def event_page_data(event, rows, initial=0):
    """The POST of an event's page with its attendance rows (``initial`` of them stored ones)."""
    data = {
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "start_date": event.start_date.isoformat(),
        "city": event.city,
        "country": "",
        "host": "",
        "description": "",
        "opened_version": event.version,
        "attendances-TOTAL_FORMS": str(len(rows)),
        "attendances-INITIAL_FORMS": str(initial),
        "attendances-MIN_NUM_FORMS": "0",
        "attendances-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, row in enumerate(rows):
        data.update({f"attendances-{index}-{name}": value for name, value in row.items()})
    return data


@pytest.mark.parametrize("moved", [False, True])
def test_an_event_pages_row_onto_an_attendance_awaiting_review_takes_it_over(staff_client, proposal, moved):
    """Tester 32's case (H16): such a row on an event's page was a 500 (the pair's unique constraint)."""
    event = proposal.event
    perms = ("events.view_event", "events.change_event", "events.view_attendance", "events.add_attendance")
    client = staff_client(*perms, "events.change_attendance")
    row = {"participant": proposal.participant_id, "role": "observer", "notes": "", "event": event.pk}
    if moved:
        mine = AttendanceFactory(event=event, participant=ParticipantFactory(slug="sweden"))
        rows = [{**row, "id": mine.pk, "opened_version": mine.version}]
    else:
        rows = [{**row, "id": "", "opened_version": ""}]

    answer = client.post(admin_url(Event, "change", event.pk), event_page_data(event, rows, initial=int(moved)))

    assert answer.status_code == 302, errors(answer)
    [stored] = Attendance.objects.all()
    assert (stored.participant.slug, stored.role, stored.awaiting_review) == ("norway", "observer", False)
    assert Report.objects.get().attendance == stored and Report.objects.get().review == "draft"
