"""The /api/reports/ endpoints: payloads, writing by attendance or by slugs, the quote rule, errors and budgets."""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.models import Article, Attendance, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

LIST = "/api/reports/"
BODY = "Kabul will not participate in the Moscow talks, Sibghat Ahmadi said. “We won’t go,” he added."


def detail(report):
    return f"/api/reports/{report.pk}/"


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def new_report(article, **overrides):
    return {
        "status": "declined",
        "review": "verified",
        "reported_on": "2018-08-22",
        "article": article.pk,
        "quote": "Kabul will not participate in the Moscow talks",
        "speaker": None,
        "via": "Reuters",
        **overrides,
    }


# ------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------
def test_list_payload(api_client, payloads):
    """The list answers every report, whole, newest first, with attendance id and event and participant slugs."""
    older = ReportFactory(reported_on=datetime.date(2018, 8, 21), speaker=ParticipantFactory(), via="TASS")
    newer = ReportFactory(reported_on=datetime.date(2018, 8, 22), review="verified")
    same_day_entered_last = ReportFactory(reported_on=datetime.date(2018, 8, 22), attendance=newer.attendance)

    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [payloads.report(same_day_entered_last), payloads.report(newer), payloads.report(older)],
    }


def test_detail_payload(api_client, payloads):
    """The detail reads with the attendance id and the event and participant slugs."""
    attendance = AttendanceFactory(event=EventFactory(slug="moscow"), participant=ParticipantFactory(slug="kabul"))
    report = ReportFactory(attendance=attendance, speaker=ParticipantFactory(slug="sibghat-ahmadi"), via="Reuters")

    response = api_client.get(detail(report))

    assert response.status_code == 200
    assert response.json() == payloads.report(report)
    assert (
        response.json()["attendance"],
        response.json()["event"],
        response.json()["participant"],
        response.json()["speaker"],
    ) == (attendance.pk, "moscow", "kabul", "sibghat-ahmadi")


@pytest.mark.parametrize("events", [1, 6])
def test_list_query_count(api_client, django_assert_num_queries, populate, events):
    """The list costs the same number of queries for few and many reports, with their slugs."""
    populate(events, attendances=3, reports=2)

    # The change log's state (the ETag), then the page, which, not being full, tells the count too
    # (events.api.pagination).
    with django_assert_num_queries(2):
        response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == events * 6


@pytest.mark.parametrize("events", [1, 6])
def test_detail_query_count(api_client, django_assert_num_queries, populate, events):
    """The detail costs the same number of queries whatever else is stored."""
    populate(events, attendances=3, reports=2)
    report = Report.objects.first()

    # The change log's state (the ETag), the report.
    with django_assert_num_queries(2):
        response = api_client.get(detail(report))

    assert response.status_code == 200


# ------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------
def test_create_with_attendance_id(token_client, payloads, article):
    """A report posted with an attendance id belongs to it and sets its status."""
    attendance = AttendanceFactory()
    ParticipantFactory(slug="sibghat-ahmadi")

    response = token_client.post(LIST, new_report(article, attendance=attendance.pk, speaker="sibghat-ahmadi"))

    assert response.status_code == 201
    report = Report.objects.get()
    assert response.json() == payloads.report(report)
    assert report.attendance == attendance
    assert report.speaker.slug == "sibghat-ahmadi"
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("declined", datetime.date(2018, 8, 22))


def test_create_with_slugs_creates_the_attendance(token_client, payloads, article):
    """With event and participant slugs and no attendance yet, the attendance is created."""
    event = EventFactory(slug="moscow")
    participant = ParticipantFactory(slug="kabul")

    response = token_client.post(LIST, new_report(article, event="moscow", participant="kabul"))

    assert response.status_code == 201
    attendance = Attendance.objects.get()
    assert (attendance.event, attendance.participant, attendance.role) == (event, participant, "participant")
    assert (attendance.status, attendance.status_date) == ("declined", datetime.date(2018, 8, 22))
    report = Report.objects.get()
    assert report.attendance == attendance
    assert response.json() == payloads.report(report)


def test_create_with_slugs_reuses_the_attendance(token_client, article):
    """With event and participant slugs of an existing attendance, the report joins it."""
    attendance = AttendanceFactory(role="host")

    response = token_client.post(
        LIST, new_report(article, event=attendance.event.slug, participant=attendance.participant.slug)
    )

    assert response.status_code == 201
    assert response.json()["attendance"] == attendance.pk
    assert list(Attendance.objects.all()) == [attendance]
    assert Attendance.objects.get().role == "host"


def test_a_null_attendance_beside_slugs_is_none_given(token_client, article):
    """Tester 41, F7: a generated client sends an optional relation it leaves out as null: a 400 before."""
    attendance = AttendanceFactory()
    body = new_report(article, event=attendance.event.slug, participant=attendance.participant.slug)

    response = token_client.post(LIST, {**body, "attendance": None}, format="json")
    alone = token_client.post(LIST, {**new_report(article), "attendance": None}, format="json")

    assert (response.status_code, response.json()["attendance"]) == (201, attendance.pk)
    assert (alone.status_code, alone.json()) == (
        400,
        {"attendance": ["Give an attendance id, or an event and a participant."]},
    )


def test_create_with_matching_attendance_and_slugs(token_client, article):
    """An attendance id with its own event and participant slugs is accepted."""
    attendance = AttendanceFactory()

    response = token_client.post(
        LIST,
        new_report(
            article, attendance=attendance.pk, event=attendance.event.slug, participant=attendance.participant.slug
        ),
    )

    assert response.status_code == 201
    assert response.json()["attendance"] == attendance.pk


def test_uid_is_read_only(token_client, article):
    """A uid in the body is ignored: the server makes one."""
    attendance = AttendanceFactory()
    uid = "00000000-0000-4000-8000-000000000000"

    response = token_client.post(LIST, new_report(article, attendance=attendance.pk, uid=uid))

    assert response.status_code == 201
    assert str(Report.objects.get().uid) != uid
    assert response.json()["uid"] == str(Report.objects.get().uid)


@pytest.mark.parametrize(
    "quote",
    [
        "We won't go,",  # straight apostrophe for the curly one
        '"We won’t go,"',  # straight double quotes for the curly ones
        "  Sibghat   Ahmadi\nsaid.  ",  # runs of whitespace and surrounding whitespace
    ],
)
def test_quote_matching_forgives_quote_marks_and_whitespace(token_client, article, quote):
    """Quote marks and whitespace may differ from the article's."""
    attendance = AttendanceFactory()

    response = token_client.post(LIST, new_report(article, attendance=attendance.pk, quote=quote))

    assert response.status_code == 201, response.json()


def test_put(token_client, payloads, article):
    """PUT replaces every writable field."""
    report = ReportFactory()

    response = token_client.put(
        detail(report), new_report(article, attendance=report.attendance_id, status="considering")
    )

    assert response.status_code == 200
    report.refresh_from_db()
    assert response.json() == payloads.report(report)
    assert (report.status, report.article, report.via) == ("considering", article, "Reuters")


def test_patch(token_client, payloads):
    """PATCH changes the fields given and keeps the others."""
    report = ReportFactory(review="draft")

    response = token_client.patch(detail(report), {"review": "verified"})

    assert response.status_code == 200
    report.refresh_from_db()
    assert response.json() == payloads.report(report)
    assert (report.review, report.status) == ("verified", "declined")


def test_patch_participant_moves_the_report(token_client):
    """Changing the participant moves the report to that participant's attendance at the same event."""
    report = ReportFactory()
    old_attendance = report.attendance
    ParticipantFactory(slug="washington")

    response = token_client.patch(detail(report), {"participant": "washington"})

    assert response.status_code == 200
    new_attendance = Attendance.objects.get(participant__slug="washington")
    assert new_attendance.event == old_attendance.event
    assert (response.json()["attendance"], response.json()["participant"]) == (new_attendance.pk, "washington")
    assert new_attendance.status == "declined"
    old_attendance.refresh_from_db()
    assert (old_attendance.status, old_attendance.status_date) == ("invited", None)


def test_delete(token_client):
    """DELETE removes the report and its attendance falls back on the curated status."""
    report = ReportFactory()

    response = token_client.delete(detail(report))

    assert response.status_code == 204
    assert not Report.objects.exists()
    assert Attendance.objects.get().status == "invited"


@pytest.fixture
def client_with_permissions(django_user_model):
    """A function making a client authenticated with a token as a user who holds just the permissions named."""

    def make(*codenames):
        user = django_user_model.objects.create_user("clerk", password="clerk-password")
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label="events", codename__in=codenames))
        assert user.user_permissions.count() == len(codenames)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        return client

    return make


def test_creating_an_attendance_through_a_report_needs_that_permission(client_with_permissions, article):
    """With add_report but not add_attendance, slugs that would create an attendance are a 403; nothing is written."""
    # A writer who is no curator writes drafts (review is a curator's word).
    client = client_with_permissions("add_report")
    EventFactory(slug="moscow")
    ParticipantFactory(slug="kabul")

    response = client.post(LIST, new_report(article, review="draft", event="moscow", participant="kabul"))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "This report would create an attendance, which you may not add: give an existing attendance."
    }
    assert not Attendance.objects.exists()
    assert not Report.objects.exists()


def test_report_on_an_existing_attendance_needs_no_attendance_permission(client_with_permissions, article):
    """With add_report only, slugs of an existing attendance or its id are a 201 on that attendance."""
    client = client_with_permissions("add_report")
    attendance = AttendanceFactory()

    by_slugs = client.post(
        LIST, new_report(article, review="draft", event=attendance.event.slug, participant=attendance.participant.slug)
    )
    # Another status: the same one would repeat the first report.
    by_id = client.post(
        LIST,
        new_report(article, review="draft", attendance=attendance.pk, status="withdrawn", reported_on="2018-08-21"),
    )

    assert (by_slugs.status_code, by_id.status_code) == (201, 201)
    assert by_slugs.json()["attendance"] == by_id.json()["attendance"] == attendance.pk
    assert list(Attendance.objects.all()) == [attendance]
    assert Report.objects.filter(attendance=attendance).count() == 2


def test_user_with_both_permissions_creates_the_attendance(client_with_permissions, article):
    """With add_report and add_attendance, slugs of no attendance create it."""
    client = client_with_permissions("add_report", "add_attendance")
    EventFactory(slug="moscow")
    ParticipantFactory(slug="kabul")

    response = client.post(LIST, new_report(article, review="draft", event="moscow", participant="kabul"))

    assert response.status_code == 201
    assert Attendance.objects.get().pk == response.json()["attendance"]


def test_moving_a_report_to_a_new_attendance_needs_that_permission(client_with_permissions):
    """With change_report but not add_attendance, a PATCH that would create an attendance is a 403."""
    client = client_with_permissions("change_report")
    report = ReportFactory()
    ParticipantFactory(slug="washington")

    response = client.patch(detail(report), {"participant": "washington"})

    assert response.status_code == 403
    assert Attendance.objects.get() == report.attendance
    assert Report.objects.get().attendance_id == report.attendance_id


# ------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------
def test_attendance_of_another_event_is_400_on_event(token_client, article):
    """An attendance id whose event is not the one given is a 400 on ``event``."""
    attendance = AttendanceFactory()
    EventFactory(slug="geneva")

    response = token_client.post(LIST, new_report(article, attendance=attendance.pk, event="geneva"))

    assert response.status_code == 400
    assert list(response.json()) == ["event"]
    assert not Report.objects.exists()


def test_attendance_of_another_participant_is_400_on_participant(token_client, article):
    """An attendance id whose participant is not the one given is a 400 on ``participant``."""
    attendance = AttendanceFactory()
    ParticipantFactory(slug="washington")

    response = token_client.post(LIST, new_report(article, attendance=attendance.pk, participant="washington"))

    assert response.status_code == 400
    assert list(response.json()) == ["participant"]


def test_neither_attendance_nor_slugs_is_400_on_attendance(token_client, article):
    """A report with no attendance and no event and participant is a 400 on ``attendance``."""
    response = token_client.post(LIST, new_report(article))

    assert response.status_code == 400
    assert list(response.json()) == ["attendance"]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("attendance", "Give the attendance's id (an integer), or null for none."),
        ("article", "Give the article's id (an integer)."),
        ("event", "Give the event's slug."),
        ("speaker", "Give the participant's slug, or null for none."),
    ],
)
def test_an_empty_relation_is_400_asking_for_it(token_client, article, field, message):
    """``""`` is no relation: the 400 asks for the id or the slug, it does not say the value was null."""
    ParticipantFactory(slug="kabul")
    body = {**new_report(article, attendance=AttendanceFactory().pk, participant="kabul"), field: ""}

    response = token_client.post(LIST, body, format="json")

    assert response.status_code == 400
    assert response.json() == {field: [message]}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("attendance", None),
        ("speaker", None),
        ("article", "Give the article's id (an integer)."),
        ("event", "Give both event and participant, or an attendance."),  # none, so no attendance named
    ],
)
@pytest.mark.parametrize("encoding", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_an_empty_relation_in_a_form_is_null_where_null_is_taken(token_client, article, field, message, encoding):
    """A form cannot send ``null``: its ``""`` is null for a relation that may be none (the report is written), and
    a 400 asking for the relation for one that may not (docs/api.md, Relations; tester 44). In JSON, ``""`` is a
    400 for each (``test_an_empty_relation_is_400_asking_for_it``)."""
    EventFactory(slug="moscow")
    ParticipantFactory(slug="kabul")
    body = {**new_report(article, event="moscow", participant="kabul"), field: ""}
    fields = {name: value for name, value in body.items() if value is not None}

    if encoding.startswith("multipart"):
        response = token_client.post(LIST, encode_multipart(BOUNDARY, fields), content_type=MULTIPART_CONTENT)
    else:
        response = token_client.post(LIST, urlencode(fields), content_type=encoding)

    if message is None:
        assert response.status_code == 201, response.json()
        assert response.json()[field] is not None if field == "attendance" else response.json()[field] is None
    else:
        assert (response.status_code, response.json()) == (400, {field: [message]})


@pytest.mark.parametrize(
    ("given", "missing"), [({"event": "moscow"}, "participant"), ({"participant": "kabul"}, "event")]
)
def test_only_one_slug_is_400_on_the_other(token_client, article, given, missing):
    """An event without a participant (or the reverse) is a 400 naming the missing one."""
    EventFactory(slug="moscow")
    ParticipantFactory(slug="kabul")

    response = token_client.post(LIST, new_report(article, **given))

    assert response.status_code == 400
    assert list(response.json()) == [missing]
    assert not Attendance.objects.exists()


def test_quote_not_in_article_is_400_and_creates_no_attendance(token_client, article):
    """A quote the article does not contain is a 400 on ``quote``; no attendance is left behind."""
    EventFactory(slug="moscow")
    ParticipantFactory(slug="kabul")

    response = token_client.post(
        LIST, new_report(article, event="moscow", participant="kabul", quote="Kabul will attend the Moscow talks")
    )

    assert response.status_code == 400
    assert list(response.json()) == ["quote"]
    assert not Attendance.objects.exists()
    assert not Report.objects.exists()


def test_quote_is_case_sensitive(token_client, article):
    """The quote must match the article's case."""
    attendance = AttendanceFactory()

    response = token_client.post(
        LIST, new_report(article, attendance=attendance.pk, quote="kabul will not participate")
    )

    assert response.status_code == 400
    assert list(response.json()) == ["quote"]


def test_patch_quote_not_in_article_is_400(token_client):
    """The quote rule holds on updates as well."""
    report = ReportFactory()

    response = token_client.patch(detail(report), {"quote": "Nobody said this."})

    assert response.status_code == 400
    assert list(response.json()) == ["quote"]


def test_patch_article_without_the_quote_is_400(token_client):
    """Moving a report to an article that does not contain its quote is a 400 on ``quote``."""
    report = ReportFactory()
    other = ArticleFactory(body="Something else entirely.")

    response = token_client.patch(detail(report), {"article": other.pk})

    assert response.status_code == 400
    assert list(response.json()) == ["quote"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"event": "no-such-event", "participant": "kabul"}, "event"),
        ({"event": "moscow", "participant": "no-such-participant"}, "participant"),
        ({"speaker": "no-such-speaker"}, "speaker"),
        ({"status": "rumoured"}, "status"),
        ({"review": "pending"}, "review"),
        ({"reported_on": "2018-02-30"}, "reported_on"),
        ({"reported_on": "yesterday"}, "reported_on"),
        ({"reported_on": None}, "reported_on"),
        ({"quote": ""}, "quote"),
    ],
)
def test_create_with_bad_field_is_400(token_client, article, overrides, field):
    """A bad value is a 400 naming its field, and nothing is written."""
    EventFactory(slug="moscow")
    ParticipantFactory(slug="kabul")

    response = token_client.post(LIST, new_report(article, **{"event": "moscow", "participant": "kabul", **overrides}))

    assert response.status_code == 400
    assert field in response.json()
    assert not Report.objects.exists()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("attendance", 0), ("article", 0), ("article", "abc")])
def test_unknown_id_is_400(token_client, article, field, value):
    """An unknown attendance or article id is a 400 naming the field."""
    attendance = AttendanceFactory()
    body = new_report(article, attendance=attendance.pk)
    body[field] = value

    response = token_client.post(LIST, body)

    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize("field", ["attendance", "article"])
@pytest.mark.parametrize(
    "raw",
    ["{pk}.5", '"x"', "true", "1e400", "[{pk}]", '{{"id": {pk}}}'],
    ids=["decimal", "word", "boolean", "overflow", "list", "object"],
)
def test_id_that_is_not_an_integer_is_400(token_client, article, field, raw):
    """An id written as a decimal, a word, a boolean, an overflowing number or a container is a 400 on its field."""
    attendance = AttendanceFactory()
    target = {"attendance": attendance, "article": article}[field]
    body = new_report(article, attendance=attendance.pk)
    body[field] = "<id>"
    text = json.dumps(body).replace('"<id>"', raw.format(pk=target.pk))

    response = token_client.post(LIST, text, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Report.objects.exists()


@pytest.mark.parametrize("field", ["attendance", "article"])
@pytest.mark.parametrize(
    "raw",
    ['"+{pk}"', '" {pk}"', '"{pk}.0"', "{pk}.0", "{pk}e0", '"{pk}"', '"{wide}"', "{pk}.5", '"{pk}e0"'],
    ids=["sign", "space", "decimal text", "decimal", "exponent", "digits", "wide digits", "fraction", "exponent text"],
)
def test_an_id_is_an_integer_or_its_ascii_digits_as_in_the_filters(token_client, article, field, raw):
    """Tester 38, P1: "+2", " 2", "2.0", 2.0 and 2e0 were read as the id 2 (DRF's integer field), which the filters
    and the admin answer as no record's id: one value, one meaning at every entry point."""
    attendance = AttendanceFactory()
    target = {"attendance": attendance, "article": article}[field]
    body = new_report(article, attendance=attendance.pk)
    body[field] = "<id>"
    wide = str(target.pk).translate(str.maketrans("0123456789", "０１２３４５６７８９"))  # full-width digits
    written = raw.format(pk=target.pk, wide=wide)
    text = json.dumps(body).replace('"<id>"', written)

    response = token_client.post(LIST, text, content_type="application/json")

    if raw == '"{pk}"':
        assert response.status_code == 201, response.json()
        return
    name = target._meta.verbose_name
    assert response.json() == {field: [f"No {name} has the id “{json.loads(written)}”."]}
    assert not Report.objects.exists()


def test_empty_body_is_400(token_client):
    """An empty body is a 400 naming the required fields."""
    response = token_client.post(LIST, {})

    assert response.status_code == 400
    assert set(response.json()) == {"status", "reported_on", "article", "quote"}


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"event": "nope", "participant": "kabul"}, {"event": ["No event has the slug “nope”."]}),
        ({"event": "moscow", "participant": "nope"}, {"participant": ["No participant has the slug “nope”."]}),
        (
            {"event": "moscow", "participant": "kabul", "speaker": "nope"},
            {"speaker": ["No participant has the slug “nope”."]},
        ),
    ],
)
def test_unknown_slug_error_names_the_slug(token_client, article, overrides, error):
    """An unknown slug in a write is a 400 on its field that repeats the slug."""
    EventFactory(slug="moscow")
    ParticipantFactory(slug="kabul")

    response = token_client.post(LIST, new_report(article, **overrides))

    assert response.status_code == 400
    assert response.json() == error
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(("field", "model"), [("article", Article), ("attendance", Attendance)])
def test_unknown_id_error_names_the_id(token_client, article, field, model):
    """An unknown article or attendance id in a write is a 400 on its field that repeats the id."""
    attendance = AttendanceFactory()
    missing = model.objects.order_by("-pk").first().pk + 1000
    body = new_report(article, attendance=attendance.pk)
    body[field] = missing

    response = token_client.post(LIST, body)

    assert response.status_code == 400
    assert response.json() == {field: [f"No {model._meta.verbose_name} has the id “{missing}”."]}


@pytest.mark.parametrize("field", ["event", "participant", "speaker"])
@pytest.mark.parametrize(
    "value", [["moscow"], 5, True, {"slug": "moscow"}], ids=["list", "number", "boolean", "object"]
)
def test_slug_that_is_not_a_string_is_400(token_client, article, field, value):
    """A slug given as a list, a number, a boolean or an object is a 400 on its field, even when its text is a slug."""
    EventFactory(slug="moscow")
    EventFactory(slug="5")
    ParticipantFactory(slug="kabul")
    ParticipantFactory(slug="5")
    body = new_report(article, event="moscow", participant="kabul")
    body[field] = value

    response = token_client.post(LIST, body)

    assert response.status_code == 400
    name = "event" if field == "event" else "participant"
    assert response.json() == {field: [f"Give the {name}'s slug as a string."]}
    assert not Report.objects.exists()
    assert not Attendance.objects.exists()


# ------------------------------------------------------------------------------
# Review: who reviewed and when
# ------------------------------------------------------------------------------
def test_patching_the_review_notes_who_and_when(token_client, curator):
    """Verifying a draft over the API records the curator and the time; they read back read-only."""
    report = ReportFactory(review="draft")

    response = token_client.patch(detail(report), {"review": "verified"})

    report.refresh_from_db()
    assert (report.reviewed_by, report.reviewed_at is not None) == (curator, True)
    assert (response.json()["reviewed_by"], response.json()["reviewed_at"]) == (
        "curator",
        report.reviewed_at.isoformat().replace("+00:00", "Z"),
    )


def test_rejecting_over_the_api_stops_the_report_counting(token_client):
    """A report rejected over the API no longer sets its attendance's status."""
    earlier = ReportFactory(status="invited", reported_on=datetime.date(2018, 8, 1))
    later = ReportFactory(attendance=earlier.attendance, status="declined", reported_on=datetime.date(2018, 8, 22))

    token_client.patch(detail(later), {"review": "rejected"})

    earlier.attendance.refresh_from_db()
    assert (earlier.attendance.status, earlier.attendance.status_date) == ("invited", datetime.date(2018, 8, 1))


def test_a_write_that_keeps_the_review_keeps_the_reviewer(token_client, curator, django_user_model):
    """Changing another field leaves who reviewed and when as they were."""
    reviewer = django_user_model.objects.create_user("reviewer")
    reviewed_at = datetime.datetime(2018, 8, 23, 9, 30, tzinfo=datetime.UTC)
    report = ReportFactory(review="verified", reviewed_by=reviewer, reviewed_at=reviewed_at)

    token_client.patch(detail(report), {"via": "TOLOnews", "review": "verified"})

    report.refresh_from_db()
    assert (report.via, report.reviewed_by, report.reviewed_at) == ("TOLOnews", reviewer, reviewed_at)


def test_back_to_draft_clears_the_reviewer(token_client, django_user_model):
    """A report sent back to draft has no reviewer."""
    report = ReportFactory(review="rejected", reviewed_by=django_user_model.objects.create_user("reviewer"))

    token_client.patch(detail(report), {"review": "draft"})

    report.refresh_from_db()
    assert (report.reviewed_by, report.reviewed_at) == (None, None)


@pytest.mark.parametrize(("review", "reviewed"), [("verified", True), ("rejected", True), ("draft", False)])
def test_a_report_created_reviewed_notes_its_writer(token_client, curator, article, review, reviewed):
    """A report posted verified or rejected is reviewed by its writer; a draft by no one."""
    response = token_client.post(LIST, new_report(article, review=review, attendance=AttendanceFactory().pk))

    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.reviewed_by == curator, report.reviewed_at is not None) == (reviewed, reviewed)
    assert response.json()["reviewed_by"] == ("curator" if reviewed else None)


def test_reviewer_fields_are_read_only(token_client, django_user_model):
    """reviewed_by and reviewed_at cannot be written."""
    report = ReportFactory(review="draft")
    django_user_model.objects.create_user("someone")

    response = token_client.patch(detail(report), {"reviewed_by": "someone", "reviewed_at": "2018-01-01T00:00:00Z"})

    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.reviewed_by, report.reviewed_at) == (None, None)
