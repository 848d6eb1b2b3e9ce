"""A writer who may not see drafts or records awaiting review learns of none by a refusal.

A writer who holds add permissions but not ``change_report`` is no curator (``events.api.audience``): a new
attendance that would clash with one awaiting review takes it over, one moved onto its event and participant
takes its place (as a move to a pair with no attendance is taken), and a report that repeats a draft is
refused without naming it. A curator is told which record, as before.
"""

import pytest
from django.contrib.auth.models import Permission
from django.db.models import F

from events import services
from events.models import Attendance, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

QUOTE = "Norway declined."


@pytest.fixture
def writer(api_client, django_user_model):
    """A client of a user who may add attendances and reports, but not change reports (no curator)."""
    user = django_user_model.objects.create_user("desk")
    for codename in ("add_report", "add_attendance"):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    api_client.force_authenticate(user)
    return api_client


@pytest.fixture
def mover(api_client, django_user_model):
    """A client of a user who may add and change attendances, but not change reports (no curator)."""
    user = django_user_model.objects.create_user("desk")
    for codename in ("add_attendance", "change_attendance"):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    api_client.force_authenticate(user)
    return api_client


@pytest.fixture
def proposal():
    """An attendance awaiting review (as the extraction assistant makes one) with a draft report."""
    attendance = AttendanceFactory(
        event=EventFactory(slug="talks"), participant=ParticipantFactory(slug="norway"), awaiting_review=True
    )
    draft = ReportFactory(
        attendance=attendance, status="declined", review="draft", article=ArticleFactory(body=QUOTE), quote=QUOTE
    )
    return attendance, draft


def test_a_writers_attendance_takes_over_the_one_awaiting_review(writer, proposal):
    answer = writer.post(
        "/api/attendances/",
        {"event": "talks", "participant": "norway", "role": "observer", "notes": "Sends an observer."},
        format="json",
    )

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["role"], body["status"], body["notes"], body["version"]) == (
        "observer",
        "invited",
        "Sends an observer.",
        1,
    )
    assert body["awaiting_review"] is False
    stored = Attendance.objects.get()
    assert not stored.awaiting_review and not stored.event.awaiting_review
    assert Report.objects.get().review == "draft"  # still for a curator to review
    assert Report.objects.get().attendance == stored


def test_the_attendance_taking_over_shows_nothing_of_the_hidden_one(writer, proposal):
    """Tester 33, J7: the answer was the hidden attendance's row (its id, version 2, its date of creation), and
    its history the hidden one's. A new record answers as one made on a pair with no attendance."""
    hidden, _draft = proposal

    answer = writer.post("/api/attendances/", {"event": "talks", "participant": "norway"}, format="json")

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["id"] > hidden.pk and body["version"] == 1 and body["created_at"] > hidden.created_at.isoformat()
    assert list(Attendance.history.filter(id=body["id"]).values_list("history_type", flat=True)) == ["+"]
    assert Attendance.history.filter(id=hidden.pk).latest().history_type == "-"  # a curator sees it went
    assert writer.get(f"/api/attendances/{hidden.pk}/").status_code == 404


def test_a_writers_attendance_that_repeats_one_on_the_record_is_refused(writer):
    AttendanceFactory(event=EventFactory(slug="talks"), participant=ParticipantFactory(slug="norway"))

    answer = writer.post("/api/attendances/", {"event": "talks", "participant": "norway"}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"participant": ["This participant already has an attendance at this event."]}


def test_a_curator_is_told_of_the_attendance_awaiting_review(token_client, proposal):
    answer = token_client.post("/api/attendances/", {"event": "talks", "participant": "norway"}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"participant": ["This participant already has an attendance at this event."]}
    assert Attendance.objects.get().awaiting_review


def moved(client, attendance, **fields):
    return client.patch(f"/api/attendances/{attendance.pk}/", fields, format="json")


@pytest.mark.parametrize("hidden", [True, False], ids=["awaiting-review", "no-attendance"])
def test_a_writer_moving_an_attendance_gets_one_answer_whether_the_place_holds_a_hidden_one(mover, proposal, hidden):
    """The tester's case: the move was refused ("already has an attendance"), telling the hidden one exists."""
    attendance, draft = proposal
    if not hidden:
        attendance.delete()
    mine = AttendanceFactory(event=EventFactory(slug="other"), participant=ParticipantFactory(slug="norway"))
    # The writer's own draft: an attendance whose status a curator gave is no writer's to move (J9).
    article = ArticleFactory(body="Norway confirmed.")
    ReportFactory(attendance=mine, status="confirmed", review="draft", article=article)
    mine.refresh_from_db()

    answer = moved(mover, mine, event="talks", notes="Moved.")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    del body["created_at"], body["updated_at"]
    assert body == {
        "id": mine.pk,
        "event": "talks",
        "participant": "norway",
        "role": "participant",
        "status": "invited",
        "status_date": None,
        "notes": "Moved.",
        "awaiting_review": False,
        "version": mine.version + 1,
        "reports": [],  # a draft is no writer's to see, their own or the one that moved here
    }
    assert list(Attendance.objects.values_list("pk", flat=True)) == [mine.pk]
    if hidden:  # the draft awaits a curator, on the attendance that took its own's place
        draft.refresh_from_db()
        assert (draft.attendance_id, draft.review) == (mine.pk, "draft")


def test_the_attendance_taking_the_place_drops_a_draft_that_repeats_one_of_its_reports(mover, proposal):
    attendance, draft = proposal
    mine = AttendanceFactory(event=EventFactory(slug="other"), participant=attendance.participant)
    ReportFactory(attendance=mine, status="declined", review="draft", article=draft.article, quote=f"  {QUOTE} ")

    assert moved(mover, mine, event="talks").status_code == 200

    assert not Report.objects.filter(pk=draft.pk).exists()
    assert Report.objects.get().attendance_id == mine.pk


def test_a_writer_moving_an_attendance_onto_one_on_the_record_is_refused(mover):
    AttendanceFactory(event=EventFactory(slug="talks"), participant=ParticipantFactory(slug="norway"))
    mine = AttendanceFactory(participant=ParticipantFactory(slug="norway"))

    answer = moved(mover, mine, event="talks")

    assert answer.status_code == 400
    assert answer.json() == {"participant": ["This participant already has an attendance at this event."]}


def test_a_curator_moving_an_attendance_is_told_of_the_one_awaiting_review(token_client, proposal):
    mine = AttendanceFactory(participant=ParticipantFactory(slug="norway"))

    answer = moved(token_client, mine, event="talks")

    assert answer.status_code == 400
    assert answer.json() == {"participant": ["This participant already has an attendance at this event."]}
    assert Attendance.objects.count() == 2


def repeat(client, draft):
    fields = {"event": "talks", "participant": "norway", "status": "declined", "reported_on": "2018-08-22"}
    return client.post("/api/reports/", {**fields, "article": draft.article_id, "quote": QUOTE}, format="json")


def test_a_report_repeating_a_draft_is_refused_without_naming_it(writer, proposal):
    hidden, draft = proposal
    Attendance.objects.filter(pk=hidden.pk).update(awaiting_review=False)  # on the record: the writer sees it

    answer = repeat(writer, draft)

    assert answer.status_code == 400
    assert answer.json() == {
        "quote": ["This report repeats another report: the same status, article and quote for the same attendance."]
    }
    assert str(draft.uid) not in answer.content.decode()
    assert Report.objects.count() == 1


def test_a_report_repeating_a_verified_one_names_it_to_the_writer(writer, proposal):
    _hidden, draft = proposal
    Report.objects.filter(pk=draft.pk).update(review="verified")

    answer = repeat(writer, draft)

    assert answer.status_code == 400
    assert str(draft.uid) in answer.json()["quote"][0]


def test_a_curator_is_told_which_draft_a_report_repeats(token_client, proposal):
    _hidden, draft = proposal

    answer = repeat(token_client, draft)

    assert answer.status_code == 400
    assert answer.json() == {
        "quote": [
            f"This report repeats report {draft.uid}: the same status, article and quote for the same attendance."
        ]
    }


def test_the_writer_who_lost_a_takeover_race_is_told_the_pairs_400(writer, proposal, monkeypatch):
    """Tester 34, K11: writers racing to take over one hidden attendance; the losers got a 409 about a version they
    never read. The other writer's takeover is made here between this one's read of it and its write."""
    hidden, _draft = proposal
    take_over = services.take_over_proposal

    def taken_meanwhile(**pair):
        found = take_over(**pair)
        if found is not None:
            Attendance.objects.filter(pk=found.pk).update(awaiting_review=False, version=F("version") + 1)
        return found

    monkeypatch.setattr(services, "take_over_proposal", taken_meanwhile)
    answer = writer.post("/api/attendances/", {"event": "talks", "participant": "norway"}, format="json")

    assert (answer.status_code, answer.json()) == (
        400,
        {"participant": ["This participant already has an attendance at this event."]},
    )
    assert Attendance.objects.get().pk == hidden.pk


OTHER_QUOTE = "Norway was considering whether to attend."


def report_by_slugs(client, **fields):
    article = ArticleFactory(body=OTHER_QUOTE)
    body = {"event": "talks", "participant": "norway", "status": "considering", "reported_on": "2018-08-22"}
    return client.post("/api/reports/", {**body, "article": article.pk, "quote": OTHER_QUOTE, **fields}, format="json")


@pytest.mark.parametrize("hidden", [True, False], ids=["awaiting-review", "no-attendance"])
def test_a_writers_report_by_slugs_answers_alike_whether_the_pair_holds_a_hidden_attendance(writer, proposal, hidden):
    """Tester 47, 2: the answer gave the hidden attendance's id, which the writer could neither read (a 404) nor
    name (a 400, "No attendance has the id"). The report's new attendance takes its place, as a writer's new
    attendance does (services.create_report): a new id, the hidden one's role and draft reports, still unseen."""
    attendance, draft = proposal
    hidden_id = attendance.pk
    Attendance.objects.filter(pk=hidden_id).update(role="mediator")
    if not hidden:
        draft.delete()
        attendance.delete()

    answer = report_by_slugs(writer)

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["review"], body["version"]) == ("draft", 1)
    assert body["attendance"] > hidden_id  # made here, as on a pair with none
    assert f'"attendance":{hidden_id},' not in answer.content.decode().replace(" ", "")
    stored = Attendance.objects.get()
    assert (stored.pk, stored.awaiting_review) == (body["attendance"], True)
    assert writer.get(f"/api/attendances/{stored.pk}/").status_code == 404  # the writer's own proposal, unseen
    assert list(Attendance.history.filter(id=stored.pk).values_list("history_type", flat=True)) == ["+"]
    if hidden:
        assert stored.role == "mediator"  # what the assistant read, for the curator who reviews it
        draft.refresh_from_db()
        assert (draft.attendance_id, draft.review) == (stored.pk, "draft")
        assert Attendance.history.filter(id=hidden_id).latest().history_type == "-"


@pytest.mark.parametrize("hidden", [True, False], ids=["awaiting-review", "no-attendance"])
def test_a_writer_who_may_not_add_attendances_is_refused_alike(api_client, django_user_model, proposal, hidden):
    """A report that would make an attendance is a 403 for a writer without add_attendance: the hidden one is no
    attendance to them, so it is that 403 too, not a report on a record they may not know of."""
    attendance, draft = proposal
    if not hidden:
        draft.delete()
        attendance.delete()
    user = django_user_model.objects.create_user("reporter")
    user.user_permissions.add(Permission.objects.get(codename="add_report", content_type__app_label="events"))
    api_client.force_authenticate(user)

    answer = report_by_slugs(api_client)

    assert answer.status_code == 403
    assert "may not add" in answer.json()["detail"]
    assert Report.objects.count() == (1 if hidden else 0)


def test_a_curators_report_by_slugs_joins_the_attendance_awaiting_review(token_client, proposal):
    attendance, _draft = proposal

    answer = report_by_slugs(token_client, review="draft")

    assert (answer.status_code, answer.json()["attendance"]) == (201, attendance.pk)
    assert Attendance.objects.get().pk == attendance.pk


def test_a_writers_report_repeating_a_hidden_draft_is_answered_as_on_a_pair_with_none(writer, proposal):
    """Review of stop 40: the hidden attendance's draft was handed over before the report's rules ran, so the
    writer's report that repeated it was refused ("repeats another report"), where on a pair with none it is a
    201: the refusal told the writer of the hidden draft. The draft it repeats says nothing more: it goes, as a
    moved attendance's repeats go (take_place_of_proposal); the hidden attendance's notes stay, for the curator."""
    attendance, draft = proposal
    Attendance.objects.filter(pk=attendance.pk).update(notes="A curator's note.")

    answer = repeat(writer, draft)

    assert answer.status_code == 201, answer.content
    stored = Attendance.objects.get()
    assert (stored.pk, stored.notes) == (answer.json()["attendance"], "A curator's note.")
    assert list(Report.objects.values_list("pk", "review")) == [(answer.json()["id"], "draft")]


def test_a_hidden_attendance_changed_meanwhile_is_read_again_not_told_by_a_409(writer, proposal, monkeypatch):
    """A curator's change between the writer's validation and the write must not make the writer's report a 409
    ("changed by someone else") about a record the writer may not know of: the API's create tries once more
    (events.api.views), and services.reports.made_way reads the hidden one again for every entry point."""
    from events.services import reports

    attendance, _draft = proposal
    original, calls = reports.make_way, []

    def changed_first(proposal):
        calls.append(proposal.pk)
        if len(calls) == 1:
            Attendance.objects.filter(pk=proposal.pk).update(version=proposal.version + 5)
        return original(proposal)

    monkeypatch.setattr(reports, "make_way", changed_first)
    answer = report_by_slugs(writer)

    assert answer.status_code == 201, answer.content
    assert calls == [attendance.pk, attendance.pk]
    assert Attendance.objects.get().pk == answer.json()["attendance"] != attendance.pk
