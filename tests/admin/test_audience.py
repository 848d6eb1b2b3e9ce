"""Staff who may not review (no change_report) see in the admin what the API shows them: no draft or rejected
report, no event or attendance awaiting review, no history; curators see everything."""

import datetime

import pytest

from events.models import Article, Attendance, Event, Report
from tests.admin.conftest import admin_url, article_form_data
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

VIEW = ("events.view_event", "events.view_attendance", "events.view_report")


@pytest.fixture
def hidden():
    """An event and an attendance awaiting review, beside an event on the record."""
    public = EventFactory(slug="geneva-talks", title="Geneva talks")
    proposed = EventFactory(slug="geneva-summit", title="Geneva summit")
    attendance = AttendanceFactory(event=proposed)
    Event.objects.filter(pk=proposed.pk).update(awaiting_review=True)
    Attendance.objects.filter(pk=attendance.pk).update(awaiting_review=True)
    return public, proposed, attendance


def listed(client, model, **query):
    return list(client.get(admin_url(model, "changelist"), query).context["cl"].result_list)


def test_a_reader_does_not_see_records_awaiting_review(staff_client, hidden):
    public, proposed, attendance = hidden
    client = staff_client(*VIEW)
    assert listed(client, Event) == [public]
    assert listed(client, Event, q="geneva") == [public]
    assert listed(client, Attendance) == []
    assert client.get(admin_url(Event, "change", proposed.pk)).status_code == 302  # "does not exist"
    assert client.get(admin_url(Attendance, "change", attendance.pk)).status_code == 302
    assert client.get(admin_url(Event, "history", public.pk)).status_code == 403  # history: curators only
    assert client.get(admin_url(Event, "change", public.pk)).status_code == 200


def test_a_curator_sees_them_and_their_history(staff_client, hidden):
    public, proposed, attendance = hidden
    client = staff_client(curator=True)
    assert set(listed(client, Event)) == {public, proposed}
    assert listed(client, Attendance) == [attendance]
    assert client.get(admin_url(Event, "change", proposed.pk)).status_code == 200
    assert client.get(admin_url(Event, "history", proposed.pk)).status_code == 200


def test_an_event_page_lists_a_reader_only_the_attendances_on_the_record(staff_client):
    event = EventFactory()
    shown = AttendanceFactory(event=event)
    held = AttendanceFactory(event=event)
    Attendance.objects.filter(pk=held.pk).update(awaiting_review=True)
    page = staff_client(*VIEW).get(admin_url(Event, "change", event.pk))
    [inline] = [formset for formset in page.context["inline_admin_formsets"]]
    assert [form.instance for form in inline.formset.forms if form.instance.pk] == [shown]


WRITER = ("events.view_article", "events.change_article", "events.view_report", "events.add_report")


@pytest.mark.parametrize("curator", [False, True])
def test_a_writer_who_is_no_curator_adds_drafts_on_the_article_page(staff_client, curator):
    """As in the API: review is read-only to them and a report they add is a draft, its new attendance awaiting
    review; a curator's report naming verified is verified, on the record."""
    event, participant = EventFactory(slug="talks"), ParticipantFactory(slug="norway")
    article = ArticleFactory(body="Norway declined.")
    row = {"event": event.pk, "participant": participant.pk, "status": "declined", "quote": "Norway declined."}
    data = article_form_data(article, new=[{**row, "reported_on": "2018-08-22", "review": "verified"}])
    client = staff_client(curator=True) if curator else staff_client(*WRITER, "events.add_attendance")
    page = client.get(admin_url(Article, "change", article.pk))
    assert ('name="reports-0-review"' in page.content.decode()) is curator

    answer = client.post(admin_url(Article, "change", article.pk), data)

    assert answer.status_code == 302, answer.context and answer.context.get("errors")
    report = Report.objects.get()
    assert report.review == ("verified" if curator else "draft")
    assert report.attendance.awaiting_review is not curator


@pytest.mark.parametrize("curator", [False, True])
def test_a_status_by_hand_is_a_curators_on_the_attendance_page(staff_client, curator):
    """As in the API (events.models.review.status_set_by_hand): to a writer who is no curator the status and its
    date are read-only, so what they post for them is not written; a curator sets them."""
    attendance = AttendanceFactory()
    rights = ("events.view_attendance", "events.change_attendance", "events.view_event", "events.view_participant")
    client = staff_client(curator=True) if curator else staff_client(*rights)
    url = admin_url(Attendance, "change", attendance.pk)
    page = client.get(url).content.decode()
    assert ('name="status"' in page) is curator and ('name="status_date"' in page) is curator
    data = {
        "event": attendance.event.pk,
        "participant": attendance.participant.pk,
        "role": attendance.role,
        "status": "confirmed",
        "status_date": "2018-08-22",
        "notes": "Desk note.",
        "opened_version": attendance.version,
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
    }

    answer = client.post(url, data)

    assert answer.status_code == 302, answer.context and answer.context.get("errors")
    attendance.refresh_from_db()
    assert attendance.notes == "Desk note."
    assert attendance.status == ("confirmed" if curator else "invited")


def test_the_event_pages_status_board_shows_a_reader_only_the_public_record(staff_client, admin_client):
    """Tester 32's case (H7): the admin's board on an event's page showed a writer the drafts, their quotes and the
    attendances awaiting review, which every list of the admin hides from them."""
    event = EventFactory()
    shown = AttendanceFactory(event=event, participant=ParticipantFactory(name="Norway"))
    held = AttendanceFactory(event=event, participant=ParticipantFactory(name="Turkey"))
    Attendance.objects.filter(pk=held.pk).update(awaiting_review=True)
    ReportFactory(
        attendance=shown,
        review="draft",
        quote="Norway will attend.",
        article=ArticleFactory(body="Norway will attend."),
    )

    reader = staff_client(*VIEW).get(admin_url(Event, "change", event.pk)).content.decode()
    curator = admin_client.get(admin_url(Event, "change", event.pk)).content.decode()

    assert "Norway" in reader and "Turkey" not in reader and "Norway will attend." not in reader
    assert "Turkey" in curator and "Norway will attend." in curator


REVIEWED_AT = datetime.datetime(2026, 12, 6, 19, 53, tzinfo=datetime.UTC)
ATTENDANCES = ("events.view_attendance", "events.change_attendance")


@pytest.fixture
def reviewed(django_user_model):
    """A verified report, reviewed by a curator whose username only curators may read."""
    reviewer = django_user_model.objects.create_user("cura-reviewer", is_staff=True)
    report = ReportFactory(review="verified")
    Report.objects.filter(pk=report.pk).update(reviewed_by=reviewer, reviewed_at=REVIEWED_AT)
    return report


@pytest.mark.parametrize("model", [Report, Article, Attendance])
@pytest.mark.parametrize("curator", [False, True])
def test_a_report_s_reviewer_is_named_to_curators_only(staff_client, reviewed, model, curator):
    """Tester J16: the report's page said "Reviewed by: cura" to a writer, the report rows of the article's and
    the attendance's pages "cura, 2026-12-06 19:53"; the API gives that writer ``"reviewed_by": null``. When it
    was reviewed stays, as the API's ``reviewed_at`` does."""
    record = {Report: reviewed, Article: reviewed.article, Attendance: reviewed.attendance}[model]
    client = staff_client(curator=True) if curator else staff_client(*WRITER, *ATTENDANCES)

    page = client.get(admin_url(model, "change", record.pk))

    assert page.status_code == 200
    content = page.content.decode()
    assert ("cura-reviewer" in content) is curator
    assert ("Reviewed by" in content) is (curator and model is Report)
    if model is Report:
        assert "Reviewed at" in content
    else:
        shown = "cura-reviewer, 2026-12-06 19:53" if curator else "2026-12-06 19:53"
        assert f">{shown}<" in content  # the row's whole cell


def test_a_writer_cannot_filter_reports_by_their_reviewer(staff_client, admin_client):
    """Tester 34, K3: ``?reviewed_by=<user id>`` told a writer who reviewed which report."""
    ReportFactory(review="verified")
    writer = staff_client("events.view_report", "events.add_report")

    assert writer.get("/admin/events/report/", {"reviewed_by": "1"}).status_code == 400
    assert writer.get("/admin/events/report/", {"reviewed_by__username": "cura"}).status_code == 400
    assert admin_client.get("/admin/events/report/", {"reviewed_by": "1"}).status_code == 200


@pytest.mark.parametrize("factory", [EventFactory, ParticipantFactory])
@pytest.mark.parametrize(
    "permissions, shown",
    [
        (("events.view_event", "events.view_participant"), False),
        (("events.change_event", "events.change_participant"), False),
        ((), True),
    ],
    ids=["reader", "writer", "curator"],
)
def test_a_record_s_provenance_is_shown_to_curators_only(staff_client, factory, permissions, shown):
    """Where the extraction assistant's proposal came from is for curators in the admin (docs/rules.md), as the API
    shows it to no one: a reader or a writer who is no curator sees the record's page without it."""
    note = "Proposed by the extraction assistant from “Talks in Doha”."
    record = factory(description="Its description.", provenance=note)
    client = staff_client(*permissions) if permissions else staff_client(curator=True)

    page = client.get(admin_url(type(record), "change", record.pk))

    assert page.status_code == 200
    [(_, options)] = page.context["adminform"].fieldsets
    fields = options["fields"]
    assert ("provenance" in fields) is shown
    assert (note in page.content.decode()) is shown
    assert "Its description." in page.content.decode()
