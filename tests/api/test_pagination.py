"""Keyset pages (``?cursor=``), the capped count and deep numbered pages."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.api import pagination
from events.models import Event
from tests.factories import RESOURCES, EventFactory, ParticipantFactory, ReportFactory


@pytest.fixture
def events(db):
    """Twelve events, several on the same day, so that order ties fall to the primary key."""
    host = ParticipantFactory()
    return [
        EventFactory(
            host=host,
            title=f"Talks {n % 5}",
            start_date=datetime.date(2018, 1, 1) + datetime.timedelta(days=n // 3),
            end_date=None if n % 2 else datetime.date(2019, 1, 1),
        )
        for n in range(12)
    ]


def walk(api_client, url, link="next"):
    """Every page from ``url`` on, following ``link``: the ids of each."""
    pages = []
    while url:
        response = api_client.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        assert set(body) == {"next", "previous", "results"}
        pages.append([row["id"] for row in body["results"]])
        url = body[link]
    return pages


def numbered(api_client, params):
    return [row["id"] for row in api_client.get("/api/events/", {**params, "page_size": 500}).json()["results"]]


@pytest.mark.parametrize("ordering", [None, "title", "-title", "start_date", "-updated_at,title"])
@pytest.mark.parametrize("fmt", ["json", "api"])
def test_cursor_pages_walk_the_same_rows_as_numbered_pages(api_client, events, ordering, fmt):
    """Following ``next`` from ``cursor=`` visits every row once, in the order of the numbered pages."""
    params = {"ordering": ordering} if ordering else {}
    expected = numbered(api_client, params)
    query = "&".join(f"{key}={value}" for key, value in params.items())

    pages = walk(api_client, f"/api/events/?cursor=&page_size=5&{query}")

    assert [len(page) for page in pages] == [5, 5, 2]
    assert [row for page in pages for row in page] == expected


def test_previous_walks_back_over_the_same_pages(api_client, events):
    forward = walk(api_client, "/api/events/?cursor=&page_size=5")
    last = api_client.get("/api/events/?cursor=&page_size=5").json()["next"]
    last = api_client.get(last).json()["next"]

    backward = walk(api_client, last, link="previous")

    assert backward == forward[::-1]


def test_first_cursor_page_has_no_previous(api_client, events):
    body = api_client.get("/api/events/", {"cursor": "", "page_size": 50}).json()

    assert (body["previous"], body["next"]) == (None, None)
    assert len(body["results"]) == 12


def test_cursor_pages_keep_filters(api_client, events):
    pages = walk(api_client, "/api/events/?cursor=&page_size=2&date_before=2018-01-02")

    expected = Event.objects.filter(start_date__lte="2018-01-02").values_list("pk", flat=True)
    assert [row for page in pages for row in page] == list(expected)
    assert len(pages) == 3


def test_cursor_on_a_list_served_by_the_serializer(api_client, events):
    """Participants and articles take cursors too (their rows are model instances)."""
    ParticipantFactory.create_batch(4)

    pages = walk(api_client, "/api/participants/?cursor=&page_size=2")

    expected = [row["id"] for row in api_client.get("/api/participants/").json()["results"]]
    assert [row for page in pages for row in page] == expected


# The events' default order, -start_date then -pk, as its cursors name it.
EVENTS_ORDER = pagination.order_tag(Event, [("start_date", True), ("pk", True)])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"cursor": "not-a-cursor"}, "This cursor is not valid."),
        ({"cursor": pagination.cursor_token(["x"], "n", EVENTS_ORDER)}, "This cursor is not valid for this order."),
        ({"cursor": pagination.cursor_token(["x", 1], "n", EVENTS_ORDER)}, "This cursor is not valid."),  # no date
        ({"cursor": "eyJkIjoibiIsImsiOlsieCIsMV19"}, "This cursor is not valid."),  # no list and order named
        ({"cursor": "", "page": "2"}, "Give a cursor or a page, not both."),
        ({"cursor": "", "ordering": "end_date"}, "Pages by cursor cannot be ordered by end_date"),
    ],
)
def test_bad_cursor_is_a_400_naming_it(api_client, events, params, message):
    response = api_client.get("/api/events/", params)

    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]
    assert response.json()["cursor"][0].startswith(message)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/participants/", {}),
        ("/api/events/", {"ordering": "title"}),
        ("/api/events/", {"ordering": "start_date"}),
    ],
    ids=["another-list", "another-order", "the-order-reversed"],
)
def test_a_cursor_pages_only_the_list_and_order_it_came_from(api_client, events, url, params):
    """A cursor holds values of its list's order: given to another list or order, they would page at random."""
    following = api_client.get("/api/events/", {"cursor": "", "page_size": 2}).json()["next"]
    token = parse_qs(urlsplit(following).query)["cursor"][0]
    assert api_client.get("/api/events/", {"cursor": token, "page_size": 2}).status_code == 200

    response = api_client.get(url, {**params, "cursor": token, "page_size": 2})

    assert response.status_code == 400
    assert response.json() == {"cursor": ["This cursor is not valid for this list and order."]}


def test_schema_documents_the_cursor(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    names = {parameter["name"] for parameter in schema["paths"]["/api/reports/"]["get"]["parameters"]}

    assert "cursor" in names


# ------------------------------------------------------------------------------
# The count stops at EXACT_COUNT_UP_TO rows; deep pages select keys first
# ------------------------------------------------------------------------------
def test_count_is_exact_up_to_the_cap(api_client, events, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 12)

    response = api_client.get("/api/events/")

    assert response.json()["count"] == 12
    assert "X-Count-Estimated" not in response


def test_count_above_the_cap_is_an_estimate_and_says_so(api_client, events, monkeypatch):
    """Above the cap the count is the planner's estimate on PostgreSQL (exact on SQLite), never below the cap."""
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 5)

    response = api_client.get("/api/events/", {"page_size": 2, "page": 3})

    assert response.status_code == 200
    assert response.json()["count"] >= 6
    assert response["X-Count-Estimated"] == "true"
    assert [row["id"] for row in response.json()["results"]] == numbered(api_client, {})[4:6]


@pytest.mark.parametrize("page", [1, 2, 3, 4])
def test_deep_numbered_pages_hold_the_same_rows(api_client, events, monkeypatch, page):
    """Past DEEP_OFFSET a page reads its keys first: the rows are those of plain slicing."""
    expected = numbered(api_client, {"ordering": "title"})[(page - 1) * 3 : page * 3]
    monkeypatch.setattr(pagination, "DEEP_OFFSET", 3)

    response = api_client.get("/api/events/", {"ordering": "title", "page_size": 3, "page": page})

    assert [row["id"] for row in response.json()["results"]] == expected


def test_count_above_the_cap_is_kept_rather_than_counted_again(api_client, events, monkeypatch):
    """Paging through a long list counts it once: the next pages read the kept count with no query."""
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 5)
    first = api_client.get("/api/events/", {"page_size": 2})

    with CaptureQueriesContext(connection) as later:
        second = api_client.get("/api/events/", {"page_size": 2, "page": 2})

    assert second.json()["count"] == first.json()["count"] >= 6
    assert not [query for query in later.captured_queries if "COUNT(" in query["sql"].upper()]


def test_a_kept_count_is_one_of_its_filters(api_client, events, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 5)
    everything = api_client.get("/api/events/").json()["count"]

    filtered = api_client.get("/api/events/", {"date_before": "1900-01-01"}).json()["count"]

    assert everything >= 6
    assert filtered == 0


# ------------------------------------------------------------------------------
# A page that is not full tells the count: no query counts the list
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "count", "counted"),
    [
        ({"page_size": 5}, 12, True),  # a full page: the rest is counted
        ({"page_size": 4, "page": 3}, 12, True),  # a full last page too
        ({"page_size": 5, "page": 3}, 12, False),  # 10 rows before it, 2 on it
        ({"page_size": 20}, 12, False),
        ({"date_before": "1900-01-01"}, 0, False),  # an empty first page: none
    ],
)
def test_a_page_that_is_not_full_tells_the_count(api_client, events, params, count, counted):
    with CaptureQueriesContext(connection) as captured:
        response = api_client.get("/api/events/", params)

    was_counted = any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)
    body = response.json()
    size, page = params.get("page_size", 50), params.get("page", 1)
    every = numbered(api_client, {key: value for key, value in params.items() if key not in ("page", "page_size")})
    assert response.status_code == 200
    assert body["count"] == count
    assert [row["id"] for row in body["results"]] == every[(page - 1) * size : page * size]
    assert was_counted == counted
    assert (body["next"] is None) == (page * size >= count)
    assert (body["previous"] is None) == (page == 1)


def test_a_page_past_the_last_is_a_404_counted_as_before(api_client, events):
    response = api_client.get("/api/events/", {"page_size": 5, "page": 4})

    assert response.status_code == 404
    assert response.json() == {"detail": "page: there is no page 4 (That page contains no results)."}


HUGE_PAGES = [
    ({"page": "99999999999999999999999999"}, "99999999999999999999999999"),
    ({"page_size": 1, "page": "99999999999999999999"}, "99999999999999999999"),
    ({"page": str(2**63 - 1)}, str(2**63 - 1)),
    ({"page_size": 500, "page": str(2**63 // 500 + 1)}, str(2**63 // 500 + 1)),  # ends past 2**63 - 1
]


@pytest.mark.parametrize(("params", "number"), HUGE_PAGES)
@pytest.mark.parametrize(
    "url",
    [
        *(resource.path for resource in RESOURCES.values()),
        "/api/events/moscow/timeline/",
        "/api/events/moscow/history/",
        "/api/reports/{report}/history/",
    ],
)
def test_a_page_past_any_offset_a_database_takes_is_the_same_404(token_client, url, params, number):
    """A page whose rows would start past a 64-bit OFFSET is the 404 of a page past the last, read with no offset."""
    report = ReportFactory(attendance__event=EventFactory(slug="moscow"))

    with CaptureQueriesContext(connection) as captured:
        response = token_client.get(url.format(report=report.pk), params)

    assert response.status_code == 404, response.content
    assert response.json() == {"detail": f"page: there is no page {number} (That page contains no results)."}
    assert not any("OFFSET" in query["sql"].upper() for query in captured.captured_queries)
