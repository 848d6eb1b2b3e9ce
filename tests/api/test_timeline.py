"""/api/events/{slug}/timeline/: every report of every attendance of one event, oldest first."""

import csv
import datetime
import io

import pytest

from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def timeline(event_or_slug):
    slug = getattr(event_or_slug, "slug", event_or_slug)
    return f"/api/events/{slug}/timeline/"


def august(day):
    return datetime.date(2018, 8, day)


@pytest.fixture
def moscow_talks():
    """The Moscow talks with three attendances and their reports, entered out of date order, and another event."""
    event = EventFactory(slug="moscow-talks-2018")
    kabul = AttendanceFactory(event=event, participant=ParticipantFactory(slug="afghanistan"))
    taliban = AttendanceFactory(event=event, participant=ParticipantFactory(slug="taliban"))
    washington = AttendanceFactory(event=event, participant=ParticipantFactory(slug="united-states"))
    reports = {
        "kabul_declined": ReportFactory(attendance=kabul, status="declined", reported_on=august(22)),
        "taliban_confirmed": ReportFactory(
            attendance=taliban, status="confirmed", reported_on=august(22), quote="The Taliban will attend the talks."
        ),
        "kabul_invited": ReportFactory(attendance=kabul, status="invited", reported_on=august(10)),
        "washington_rejected": ReportFactory(
            attendance=washington, status="attended", review="rejected", reported_on=august(15)
        ),
        "washington_declined": ReportFactory(attendance=washington, status="declined", reported_on=august(23)),
    }
    other = AttendanceFactory(event=EventFactory(slug="geneva"), participant=kabul.participant)
    ReportFactory(attendance=other, reported_on=august(1))
    ReportFactory(attendance=other, reported_on=august(30))
    return event, reports


def test_timeline_payload(token_client, payloads, moscow_talks):
    """Every report of the event, rejected ones too for a curator, oldest first; same-day reports in entry order."""
    event, reports = moscow_talks

    response = token_client.get(timeline(event))

    assert response.status_code == 200
    order = ["kabul_invited", "washington_rejected", "kabul_declined", "taliban_confirmed", "washington_declined"]
    assert response.json() == {
        "count": 5,
        "next": None,
        "previous": None,
        "results": [payloads.report(reports[name]) for name in order],
    }
    assert {row["event"] for row in response.json()["results"]} == {"moscow-talks-2018"}


def test_event_without_reports_has_an_empty_timeline(api_client):
    """An event with attendances but no reports has an empty timeline."""
    event = AttendanceFactory().event

    response = api_client.get(timeline(event))

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_unknown_event_is_404(api_client):
    """The timeline of an unknown event is a JSON 404."""
    response = api_client.get(timeline("no-such-event"))

    assert response.status_code == 404
    assert "detail" in response.json()


def test_timeline_is_paginated(token_client, moscow_talks):
    """The timeline pages with ``page`` and ``page_size``, keeping the order across pages."""
    event, reports = moscow_talks

    first = token_client.get(timeline(event), {"page_size": 2}).json()
    last = token_client.get(timeline(event), {"page_size": 2, "page": 3}).json()

    assert first["count"] == last["count"] == 5
    assert [row["id"] for row in first["results"]] == [reports["kabul_invited"].pk, reports["washington_rejected"].pk]
    assert first["previous"] is None
    assert first["next"] == f"http://testserver{timeline(event)}?page=2&page_size=2"
    assert [row["id"] for row in last["results"]] == [reports["washington_declined"].pk]
    assert last["next"] is None


@pytest.mark.parametrize("query", [{"page_size": 0}, {"page": "abc"}])
def test_bad_page_is_400(api_client, moscow_talks, query):
    """A bad page or page size is a 400 naming it."""
    event, _ = moscow_talks

    response = api_client.get(timeline(event), query)

    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_timeline_as_csv(token_client, moscow_talks):
    """``?format=csv`` answers the same rows as the JSON page, under a header of its keys."""
    event, _ = moscow_talks
    page = token_client.get(timeline(event), {"page_size": 3, "page": 2}).json()["results"]

    response = token_client.get(timeline(event), {"page_size": 3, "page": 2, "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    assert header == list(page[0])
    assert rows == [["" if row[key] is None else str(row[key]) for key in header] for row in page]


@pytest.mark.parametrize("attendances", [1, 10])
def test_query_count(api_client, django_assert_num_queries, populate, attendances):
    """The timeline costs two queries (the event, the page) however many attendances and reports.

    (A page that is not full tells the count: no query counts it.)
    """
    event, _ = populate(2, attendances=attendances, reports=2)

    # The change log's state (the ETag), then the page, which, not being full, tells the count too
    # (events.api.pagination).
    with django_assert_num_queries(3):
        response = api_client.get(timeline(event))

    assert response.status_code == 200
    assert response.json()["count"] == attendances * 2


# ------------------------------------------------------------------------------
# Filters and ordering
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "declined"}, ["kabul_declined", "washington_declined"]),
        ({"status": ["invited", "confirmed"]}, ["kabul_invited", "taliban_confirmed"]),
        ({"status": "withdrawn"}, []),
        (
            {"status": ""},
            ["kabul_invited", "washington_rejected", "kabul_declined", "taliban_confirmed", "washington_declined"],
        ),
        ({"participant": "afghanistan"}, ["kabul_invited", "kabul_declined"]),  # not its Geneva reports
        ({"participant": "taliban", "status": "declined"}, []),
        ({"review": "rejected"}, ["washington_rejected"]),
        ({"review": "draft"}, []),
        ({"reported_after": "2018-08-22"}, ["kabul_declined", "taliban_confirmed", "washington_declined"]),
        ({"reported_after": "2018-08-24"}, []),
        ({"reported_before": "2018-08-15"}, ["kabul_invited", "washington_rejected"]),
        ({"reported_before": "2018-08-09"}, []),
        (
            {"event": "moscow-talks-2018"},
            ["kabul_invited", "washington_rejected", "kabul_declined", "taliban_confirmed", "washington_declined"],
        ),
        ({"event": "geneva"}, []),  # the timeline's own event still applies
    ],
)
def test_timeline_takes_the_report_filters(token_client, moscow_talks, query, expected):
    """The report filters narrow the timeline, which stays oldest first."""
    event, reports = moscow_talks

    response = token_client.get(timeline(event), query)

    assert response.status_code == 200, response.json()
    assert [row["id"] for row in response.json()["results"]] == [reports[name].pk for name in expected]
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"ordering": "bogus"}, "ordering"),
        ({"status": "rumoured"}, "status"),
        ({"participant": "atlantis"}, "participant"),
        ({"reported_after": "2018-13-01"}, "reported_after"),
    ],
)
def test_timeline_bad_parameter_is_400_naming_it(api_client, moscow_talks, query, parameter):
    """A bad filter or ordering on the timeline is a 400 naming the parameter."""
    event, _ = moscow_talks

    response = api_client.get(timeline(event), query)

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_timeline_ordering_reverses_it(token_client, moscow_talks):
    """``ordering=-reported_on`` lists the timeline newest first, same-day reports entered last first."""
    event, reports = moscow_talks

    response = token_client.get(timeline(event), {"ordering": "-reported_on"})

    assert response.status_code == 200
    order = ["washington_declined", "taliban_confirmed", "kabul_declined", "washington_rejected", "kabul_invited"]
    assert [row["id"] for row in response.json()["results"]] == [reports[name].pk for name in order]


@pytest.mark.parametrize("query", [{}, {"ordering": ""}, {"ordering": ","}])
def test_timeline_default_order_is_oldest_first(token_client, moscow_talks, query):
    """Without an ordering the timeline stays oldest first, same-day reports in entry order."""
    event, reports = moscow_talks

    response = token_client.get(timeline(event), query)

    order = ["kabul_invited", "washington_rejected", "kabul_declined", "taliban_confirmed", "washington_declined"]
    assert [row["id"] for row in response.json()["results"]] == [reports[name].pk for name in order]
