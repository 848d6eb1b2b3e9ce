"""The /api/events/ endpoints: payloads, writes, errors and query budgets."""

import datetime

import pytest

from events.models import Attendance, Event, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

LIST = "/api/events/"


def detail(event_or_slug):
    slug = getattr(event_or_slug, "slug", event_or_slug)
    return f"/api/events/{slug}/"


def new_event(**overrides):
    return {
        "slug": "moscow-talks-2018",
        "title": "Moscow talks on Afghanistan",
        "kind": "peace_talks",
        "status": "scheduled",
        "start_date": "2018-09-04",
        "end_date": None,
        "city": "Moscow",
        "country": "RU",
        "host": None,
        "description": "Talks hosted by Russia.",
        **overrides,
    }


# ------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------
def test_list_payload(api_client, payloads):
    """The list answers every event, whole, latest start first, in a page."""
    russia = ParticipantFactory(slug="russia", name="Russia")
    moscow = EventFactory(host=russia, start_date=datetime.date(2018, 9, 4), description="In Moscow.")
    geneva = EventFactory(
        kind="conference",
        status="held",
        start_date=datetime.date(2018, 11, 27),
        end_date=datetime.date(2018, 11, 28),
        city="Geneva",
        country="CH",
    )

    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [payloads.event(geneva), payloads.event(moscow)],
    }


def test_detail_payload(api_client, payloads):
    """The detail nests the attendances, the articles of the event's reports and the public page's URL."""
    russia = ParticipantFactory(slug="russia", name="Russia", kind="state")
    taliban = ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group")
    afghanistan = ParticipantFactory(slug="afghanistan", name="Afghanistan", kind="government")
    event = EventFactory(slug="moscow-talks-2018", host=russia, end_date=datetime.date(2018, 9, 5))
    AttendanceFactory(event=event, participant=russia, role="host", status="confirmed")
    declined = AttendanceFactory(event=event, participant=afghanistan)
    confirmed = AttendanceFactory(event=event, participant=taliban)
    older = ArticleFactory(published_on=datetime.date(2018, 8, 21), url="https://example.org/older")
    newer = ArticleFactory(published_on=datetime.date(2018, 8, 22))
    ReportFactory(attendance=declined, article=newer, status="declined", reported_on=datetime.date(2018, 8, 22))
    ReportFactory(attendance=declined, article=older, status="considering", reported_on=datetime.date(2018, 8, 21))
    ReportFactory(
        attendance=confirmed,
        article=newer,
        status="confirmed",
        reported_on=datetime.date(2018, 8, 22),
        quote="The Taliban will attend the talks.",
    )
    ReportFactory(article=ArticleFactory())  # another event's evidence

    response = api_client.get(detail(event))

    assert response.status_code == 200
    body = response.json()
    assert body == payloads.event_detail(event)
    assert [a["participant"] for a in body["attendances"]] == ["afghanistan", "russia", "taliban"]
    assert [(a["status"], a["status_date"]) for a in body["attendances"]] == [
        ("declined", "2018-08-22"),
        ("confirmed", None),
        ("confirmed", "2018-08-22"),
    ]
    assert [a["id"] for a in body["articles"]] == [newer.pk, older.pk]
    assert body["page_url"] == "http://testserver/events/moscow-talks-2018/"


def test_detail_without_attendances(api_client, payloads):
    """An event with no attendance has empty nested lists."""
    event = EventFactory()

    body = api_client.get(detail(event)).json()

    assert body == payloads.event_detail(event)
    assert body["attendances"] == []
    assert body["articles"] == []


def test_detail_is_looked_up_by_slug_not_id(api_client):
    """The id of an event is not its address."""
    event = EventFactory()

    assert api_client.get(f"/api/events/{event.pk}/").status_code == 404


@pytest.mark.parametrize("events", [1, 10])
def test_list_query_count(api_client, django_assert_num_queries, populate, events):
    """The list costs the same number of queries for one event as for ten, hosts included."""
    populate(events)

    # The change log's state (the ETag), then the page, which, not being full, tells the count too
    # (events.api.pagination).
    with django_assert_num_queries(2):
        response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == events
    assert all(row["host"] for row in response.json()["results"])


@pytest.mark.parametrize("attendances", [1, 10])
def test_detail_query_count(api_client, django_assert_num_queries, populate, attendances):
    """The detail costs the same number of queries whatever its attendances and articles."""
    event, _ = populate(2, attendances=attendances, reports=2)

    # The change log's state (the ETag), the event, its attendances, its articles.
    with django_assert_num_queries(4):
        response = api_client.get(detail(event))

    assert response.status_code == 200
    assert len(response.json()["attendances"]) == attendances
    assert len(response.json()["articles"]) == attendances * 2


# ------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------
def test_create(token_client, payloads):
    """A curator creates an event; the answer is the stored event, as its detail."""
    russia = ParticipantFactory(slug="russia")

    response = token_client.post(LIST, new_event(host="russia", end_date="2018-09-05"))

    assert response.status_code == 201
    event = Event.objects.get(slug="moscow-talks-2018")
    assert response.json() == payloads.event_detail(event)
    assert event.host == russia
    assert event.end_date == datetime.date(2018, 9, 5)


def test_create_with_host_adds_no_attendance(token_client):
    """Setting the host creates no attendance."""
    ParticipantFactory(slug="russia")

    token_client.post(LIST, new_event(host="russia"))

    assert not Attendance.objects.exists()


def test_create_with_only_required_fields(token_client):
    """Status, dates, place and host have defaults."""
    response = token_client.post(
        LIST, {"slug": "talks", "title": "Talks", "kind": "meeting", "start_date": "2019-01-01"}
    )

    assert response.status_code == 201
    assert response.json()["status"] == "proposed"
    assert response.json()["end_date"] is None
    assert response.json()["host"] is None
    assert response.json()["country"] == ""


def test_put(token_client, payloads):
    """PUT replaces every writable field."""
    event = EventFactory(slug="talks")
    ParticipantFactory(slug="qatar")

    response = token_client.put(
        detail(event),
        new_event(slug="doha-talks", title="Doha talks", city="Doha", country="QA", host="qatar", status="held"),
    )

    assert response.status_code == 200
    event.refresh_from_db()
    assert response.json() == payloads.event_detail(event)
    assert (event.slug, event.city, event.country.code, event.host.slug) == ("doha-talks", "Doha", "QA", "qatar")


def test_patch(token_client, payloads):
    """PATCH changes the fields given and keeps the others."""
    event = EventFactory(status="scheduled", city="Moscow")

    response = token_client.patch(detail(event), {"status": "postponed"})

    assert response.status_code == 200
    event.refresh_from_db()
    assert response.json() == payloads.event_detail(event)
    assert (event.status, event.city) == ("postponed", "Moscow")


@pytest.mark.parametrize("attendances", [2, 10])
def test_patch_answer_query_count(token_client, django_assert_num_queries, populate, attendances):
    """The answer to a PATCH nests attendances and articles for the same number of queries, few or many."""
    event, _ = populate(2, attendances=attendances, reports=2)

    # 18: the write, its reads and checks, one historical row and its line in the change log (with what the
    # log last said of the event: whether readers saw it), and the host's attendance awaiting review, if any,
    # given role host (Event.save).
    with django_assert_num_queries(18):
        response = token_client.patch(detail(event), {"description": "x"})

    assert response.status_code == 200
    assert len(response.json()["attendances"]) == attendances
    assert len(response.json()["articles"]) == attendances * 2


def test_delete_removes_attendances_and_reports(token_client):
    """DELETE removes the event with its attendances and their reports."""
    report = ReportFactory()
    event = report.attendance.event

    response = token_client.delete(detail(event))

    assert response.status_code == 204
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not Attendance.objects.exists()
    assert not Report.objects.exists()


# ------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2018-09-03"}, "end_date"),
        ({"host": "no-such-participant"}, "host"),
        ({"kind": "picnic"}, "kind"),
        ({"status": "rumoured"}, "status"),
        ({"start_date": "2018-02-30"}, "start_date"),
        ({"start_date": "4 September 2018"}, "start_date"),
        ({"end_date": "tomorrow"}, "end_date"),
        ({"country": "XX"}, "country"),
        ({"slug": "not a slug"}, "slug"),
        ({"title": ""}, "title"),
    ],
)
def test_create_with_bad_field_is_400(token_client, overrides, field):
    """A bad value is a 400 naming its field, and nothing is written."""
    response = token_client.post(LIST, new_event(**overrides))

    assert response.status_code == 400
    assert field in response.json()
    assert not Event.objects.exists()


def test_duplicate_slug_is_400(token_client):
    """A slug already taken is a 400 on ``slug``."""
    EventFactory(slug="moscow-talks-2018")

    response = token_client.post(LIST, new_event())

    assert response.status_code == 400
    assert list(response.json()) == ["slug"]
    assert Event.objects.count() == 1


def test_patch_end_date_before_stored_start_date_is_400(token_client):
    """The date rule is checked against the stored start date too."""
    event = EventFactory(start_date=datetime.date(2018, 9, 4))

    response = token_client.patch(detail(event), {"end_date": "2018-09-01"})

    assert response.status_code == 400
    assert list(response.json()) == ["end_date"]
    event.refresh_from_db()
    assert event.end_date is None


def test_patch_host_attending_with_another_role_is_400(token_client):
    """A participant that attends with role participant cannot become the host: a 400 on ``host``."""
    event = EventFactory(host=None)
    taliban = ParticipantFactory(slug="taliban", name="Taliban")
    AttendanceFactory(event=event, participant=taliban, role="participant")

    response = token_client.patch(detail(event), {"host": "taliban"})

    assert response.status_code == 400
    assert response.json() == {"host": ["Taliban takes part with role participant: make that role host first."]}
    event.refresh_from_db()
    assert event.host is None


def test_patch_host_attending_as_host(token_client):
    """A participant that attends with role host becomes the host; no attendance is added."""
    event = EventFactory(host=None)
    russia = ParticipantFactory(slug="russia")
    AttendanceFactory(event=event, participant=russia, role="host")

    response = token_client.patch(detail(event), {"host": "russia"})

    assert response.status_code == 200
    assert response.json()["host"] == "russia"
    assert Attendance.objects.count() == 1


def test_empty_body_is_400(token_client):
    """An empty body is a 400 naming every required field."""
    response = token_client.post(LIST, {})

    assert response.status_code == 400
    assert set(response.json()) == {"slug", "title", "kind", "start_date"}
