"""The /api/attendances/ endpoints: payloads, the status rule over HTTP, writes, errors and query budgets."""

import datetime

import pytest

from events.models import Attendance, Change, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

LIST = "/api/attendances/"


def detail(attendance):
    return f"/api/attendances/{attendance.pk}/"


def report_on(attendance, day, status="declined", **fields):
    """A report of ``attendance`` stated on August ``day``, 2018."""
    return ReportFactory(attendance=attendance, status=status, reported_on=datetime.date(2018, 8, day), **fields)


# ------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------
def test_list_payload(api_client, payloads):
    """The list answers every attendance, whole: latest event first, then by participant name."""
    moscow = EventFactory(start_date=datetime.date(2018, 9, 4))
    geneva = EventFactory(start_date=datetime.date(2018, 11, 27))
    taliban = ParticipantFactory(name="Taliban")
    afghanistan = ParticipantFactory(name="Afghanistan")
    at_moscow = AttendanceFactory(event=moscow, participant=taliban, notes="Sent a delegation.")
    afghanistan_at_moscow = AttendanceFactory(event=moscow, participant=afghanistan, role="observer")
    at_geneva = AttendanceFactory(event=geneva, participant=taliban, status="considering")
    report_on(at_moscow, 22, status="confirmed", quote="The Taliban will attend the talks.")

    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [
            payloads.attendance(at_geneva),
            payloads.attendance(afghanistan_at_moscow),
            payloads.attendance(at_moscow),
        ],
    }


def test_detail_payload_nests_reports_newest_first(api_client, payloads):
    """The detail nests the reports, newest first; of two on the same day, the one entered last first."""
    attendance = AttendanceFactory()
    speaker = ParticipantFactory(slug="zamir-kabulov")
    oldest = report_on(attendance, 20, status="invited", speaker=speaker, via="TASS")
    newest_entered_first = report_on(attendance, 22, status="considering")
    newest_entered_last = report_on(attendance, 22, status="declined")
    report_on(AttendanceFactory(), 23)  # another attendance's

    response = api_client.get(detail(attendance))

    assert response.status_code == 200
    body = response.json()
    assert body == payloads.attendance_detail(attendance)
    assert [r["id"] for r in body["reports"]] == [newest_entered_last.pk, newest_entered_first.pk, oldest.pk]
    assert body["reports"][2]["speaker"] == "zamir-kabulov"
    assert (body["status"], body["status_date"]) == ("declined", "2018-08-22")


@pytest.mark.parametrize("events", [1, 8])
def test_list_query_count(api_client, django_assert_num_queries, populate, events):
    """The list costs the same number of queries for few and many attendances, events and participants included."""
    populate(events, attendances=4, reports=1)

    # The change log's state (the ETag), then the page, which, not being full, tells the count too
    # (events.api.pagination).
    with django_assert_num_queries(2):
        response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == events * 4


@pytest.mark.parametrize("reports", [1, 10])
def test_detail_query_count(api_client, django_assert_num_queries, populate, reports):
    """The detail costs the same number of queries whatever the number of reports and speakers."""
    (event,) = populate(1, attendances=2, reports=reports)
    attendance = event.attendances.first()

    # 3: with the change log's state, for the ETag.
    with django_assert_num_queries(3):
        response = api_client.get(detail(attendance))

    assert response.status_code == 200
    assert len(response.json()["reports"]) == reports
    assert all(r["speaker"] for r in response.json()["reports"])


# ------------------------------------------------------------------------------
# The status follows the reports
# ------------------------------------------------------------------------------
def post_report(client, attendance, day, status, review="verified"):
    """Posts a report of ``attendance`` stated on August ``day``, 2018 (in an article of that day), and answers its
    JSON."""
    article = ArticleFactory(published_on=datetime.date(2018, 8, day))
    response = client.post(
        "/api/reports/",
        {
            "attendance": attendance.pk,
            "status": status,
            "review": review,
            "reported_on": f"2018-08-{day:02d}",
            "article": article.pk,
            "quote": "We will not participate in the Moscow talks.",
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()


def current_status(client, attendance):
    """The attendance's status and status date as the API reads them."""
    body = client.get(detail(attendance)).json()
    return body["status"], body["status_date"]


def test_status_follows_reports_written_through_the_api(token_client):
    """Posting, rejecting and deleting reports over HTTP moves the attendance's status as the rule says."""
    attendance = AttendanceFactory(status="invited")

    post_report(token_client, attendance, 20, "considering")
    assert current_status(token_client, attendance) == ("considering", "2018-08-20")

    latest = post_report(token_client, attendance, 22, "declined")
    assert current_status(token_client, attendance) == ("declined", "2018-08-22")

    post_report(token_client, attendance, 21, "confirmed")  # older: does not count
    assert current_status(token_client, attendance) == ("declined", "2018-08-22")

    post_report(token_client, attendance, 23, "attended", review="rejected")  # rejected: does not count
    assert current_status(token_client, attendance) == ("declined", "2018-08-22")

    token_client.patch(f"/api/reports/{latest['id']}/", {"review": "rejected"})
    assert current_status(token_client, attendance) == ("confirmed", "2018-08-21")

    for report in Report.objects.exclude(review="rejected"):
        assert token_client.delete(f"/api/reports/{report.pk}/").status_code == 204
    assert current_status(token_client, attendance) == ("invited", None)


def test_status_ties_go_to_the_report_entered_last(token_client):
    """Of two reports of the same day, the status follows the one entered last."""
    attendance = AttendanceFactory()

    post_report(token_client, attendance, 22, "confirmed")
    post_report(token_client, attendance, 22, "declined")

    assert current_status(token_client, attendance) == ("declined", "2018-08-22")


def test_curated_status_comes_back_after_the_last_report_goes(token_client):
    """What the curator set before any report is the status again when no report counts."""
    attendance = AttendanceFactory()
    token_client.patch(detail(attendance), {"status": "considering", "status_date": "2018-08-01"})
    report = post_report(token_client, attendance, 22, "declined")

    token_client.delete(f"/api/reports/{report['id']}/")

    assert current_status(token_client, attendance) == ("considering", "2018-08-01")


# ------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------
def test_create(token_client, payloads):
    """A curator creates an attendance from event and participant slugs."""
    event = EventFactory(slug="moscow")
    participant = ParticipantFactory(slug="taliban")

    response = token_client.post(
        LIST,
        {
            "event": "moscow",
            "participant": "taliban",
            "role": "observer",
            "status": "confirmed",
            "status_date": "2018-08-22",
            "notes": "Confirmed by its spokesman.",
        },
    )

    assert response.status_code == 201
    attendance = Attendance.objects.get(event=event, participant=participant)
    assert response.json() == payloads.attendance_detail(attendance)
    assert (attendance.role, attendance.status, attendance.status_date) == (
        "observer",
        "confirmed",
        datetime.date(2018, 8, 22),
    )


def test_create_with_defaults(token_client):
    """Role and status default to ``participant`` and ``invited``, with no status date."""
    EventFactory(slug="moscow")
    ParticipantFactory(slug="taliban")

    response = token_client.post(LIST, {"event": "moscow", "participant": "taliban"})

    assert response.status_code == 201
    assert (response.json()["role"], response.json()["status"], response.json()["status_date"]) == (
        "participant",
        "invited",
        None,
    )


def test_put(token_client, payloads):
    """PUT replaces every writable field of an attendance without reports."""
    attendance = AttendanceFactory()

    response = token_client.put(
        detail(attendance),
        {
            "event": attendance.event.slug,
            "participant": attendance.participant.slug,
            "role": "mediator",
            "status": "attended",
            "status_date": "2018-09-04",
            "notes": "Mediated.",
        },
    )

    assert response.status_code == 200
    attendance.refresh_from_db()
    assert response.json() == payloads.attendance_detail(attendance)
    assert (attendance.role, attendance.status) == ("mediator", "attended")


def test_patch_role_and_notes_with_reports(token_client, payloads):
    """Fields other than the status can change while reports decide the status."""
    attendance = AttendanceFactory()
    report_on(attendance, 22)

    response = token_client.patch(detail(attendance), {"role": "host", "notes": "Hosts too."})

    assert response.status_code == 200
    attendance.refresh_from_db()
    assert response.json() == payloads.attendance_detail(attendance)
    assert (attendance.role, attendance.notes, attendance.status) == ("host", "Hosts too.", "declined")


@pytest.mark.parametrize(
    ("change", "field"),
    [({"status": "confirmed"}, "status"), ({"status_date": "2018-08-30"}, "status_date")],
)
def test_patch_status_with_reports_is_400(token_client, change, field):
    """While an attendance has reports, its status and status date are theirs: a 400 on the field."""
    attendance = AttendanceFactory()
    report_on(attendance, 22)

    response = token_client.patch(detail(attendance), change)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("declined", datetime.date(2018, 8, 22))


def test_patch_status_without_reports(token_client):
    """Without reports a curator sets the status."""
    attendance = AttendanceFactory()

    response = token_client.patch(detail(attendance), {"status": "withdrawn", "status_date": "2018-09-01"})

    assert response.status_code == 200
    assert current_status(token_client, attendance) == ("withdrawn", "2018-09-01")


@pytest.mark.parametrize("reports", [2, 10])
def test_patch_answer_query_count(token_client, django_assert_num_queries, populate, reports):
    """The answer to a PATCH nests the reports and their speakers for the same number of queries, few or many."""
    (event,) = populate(1, attendances=2, reports=reports)
    attendance = event.attendances.first()

    # 18: the write, its reads and checks, one historical row and its line in the change log (with what the
    # log last said of the attendance: whether readers saw it).
    with django_assert_num_queries(18):
        response = token_client.patch(detail(attendance), {"notes": "x"})

    assert response.status_code == 200
    assert len(response.json()["reports"]) == reports
    assert all(r["speaker"] for r in response.json()["reports"])


def test_delete_removes_reports(token_client):
    """DELETE removes the attendance and its reports, and nothing else."""
    attendance = AttendanceFactory()
    report_on(attendance, 22)
    other = report_on(AttendanceFactory(), 22)

    response = token_client.delete(detail(attendance))

    assert response.status_code == 204
    assert list(Attendance.objects.all()) == [other.attendance]
    assert list(Report.objects.all()) == [other]


# ------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"event": "no-such-event"}, "event"),
        ({"participant": "no-such-participant"}, "participant"),
        ({"role": "spectator"}, "role"),
        ({"status": "maybe"}, "status"),
        ({"status_date": "2018-08-32"}, "status_date"),
        ({"status_date": "22/08/2018"}, "status_date"),
    ],
)
def test_create_with_bad_field_is_400(token_client, overrides, field):
    """A bad value is a 400 naming its field, and nothing is written."""
    EventFactory(slug="moscow")
    ParticipantFactory(slug="taliban")

    response = token_client.post(LIST, {"event": "moscow", "participant": "taliban", **overrides})

    assert response.status_code == 400
    assert field in response.json()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("role", ["participant", "observer", "mediator"])
def test_patch_role_of_the_hosts_attendance_is_400(token_client, role):
    """The event's host attends with role host: another role is a 400 on ``role``, and the role stays."""
    russia = ParticipantFactory(name="Russia")
    attendance = AttendanceFactory(event=EventFactory(host=russia), participant=russia, role="host")

    response = token_client.patch(detail(attendance), {"role": role})

    assert response.status_code == 400
    assert response.json() == {"role": ["Russia hosts this event, so its role here is host."]}
    attendance.refresh_from_db()
    assert attendance.role == "host"


def test_create_hosts_attendance_with_another_role_is_400(token_client):
    """A new attendance of the event's host with a role other than host is a 400 on ``role``."""
    russia = ParticipantFactory(slug="russia")
    EventFactory(slug="moscow", host=russia)

    response = token_client.post(LIST, {"event": "moscow", "participant": "russia", "role": "observer"})

    assert response.status_code == 400
    assert list(response.json()) == ["role"]
    assert not Attendance.objects.exists()


def test_second_attendance_of_a_participant_is_400(token_client):
    """A participant is at most once in an event."""
    attendance = AttendanceFactory()

    response = token_client.post(LIST, {"event": attendance.event.slug, "participant": attendance.participant.slug})

    assert response.status_code == 400
    assert response.json() == {"participant": ["This participant already has an attendance at this event."]}
    assert Attendance.objects.count() == 1


def test_moving_an_attendance_onto_another_is_400_on_participant(token_client):
    """A PATCH that makes an attendance another's twin names ``participant`` too."""
    attendance = AttendanceFactory()
    other = AttendanceFactory(event=attendance.event)

    response = token_client.patch(f"{LIST}{other.pk}/", {"participant": attendance.participant.slug})

    assert response.status_code == 400
    assert response.json() == {"participant": ["This participant already has an attendance at this event."]}


def test_empty_body_is_400(token_client):
    """An empty body is a 400 naming the required event and participant."""
    response = token_client.post(LIST, {})

    assert response.status_code == 400
    assert set(response.json()) == {"event", "participant"}


def test_moving_an_attendance_is_a_write_of_each_of_its_reports(token_client, api_client):
    """A report reads with its attendance's event and participant slugs: moving the attendance changed each report's
    answer with no new version, ``updated_at`` or change in the feed (tester 43, M2)."""
    report = ReportFactory(review="verified")
    other = ParticipantFactory()
    before = {"version": report.version, "updated_at": report.updated_at, "changes": Change.objects.count()}

    answer = token_client.patch(f"/api/attendances/{report.attendance_id}/", {"participant": other.slug})

    assert answer.status_code == 200, answer.json()
    report.refresh_from_db()
    assert (report.version, report.updated_at > before["updated_at"]) == (before["version"] + 1, True)
    assert report.history.first().history_change_reason == "Its attendance moved to another event or participant."
    changed = [(c.resource, c.record_id) for c in Change.objects.order_by("id")[before["changes"] :]]
    assert ("report", report.pk) in changed
    assert api_client.get(f"/api/reports/{report.pk}/").json()["participant"] == other.slug
    # An edit that moves nothing writes no report
    token_client.patch(f"/api/attendances/{report.attendance_id}/", {"notes": "Seen."})
    report.refresh_from_db()
    assert report.version == before["version"] + 1
