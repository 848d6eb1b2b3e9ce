"""``/api/<resource>/export/``: the whole filtered list as CSV or NDJSON, streamed, with no pages."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

RESOURCES = ["events", "participants", "attendances", "reports", "articles"]


@pytest.fixture
def dataset(populate):
    """Eleven events, each with an attendance and its report, and participants with aliases."""
    events = populate(11, attendances=1, reports=1)
    ParticipantFactory(slug="sibghat-ahmadi", aliases=["Sibghatullah Ahmadi", "S. Ahmadi"], country="AF")
    return events


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def ndjson_rows(response):
    return [json.loads(line) for line in body(response).splitlines()]


def whole_list(api_client, resource, query=None):
    """Every row of the JSON list, through its pages."""
    page = api_client.get(f"/api/{resource}/", {**(query or {}), "page_size": 500}).json()
    assert page["next"] is None
    return page["results"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_ndjson_has_every_row_of_the_json_list(api_client, dataset, resource):
    """One JSON object a line: the rows of the list, in its order, and all of them (more than a page of 10)."""
    expected = whole_list(api_client, resource)
    assert len(expected) > 10

    response = api_client.get(f"/api/{resource}/export/", {"format": "ndjson", "page_size": 10})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{resource}.ndjson"'
    assert ndjson_rows(response) == expected


@pytest.mark.parametrize("resource", RESOURCES)
def test_csv_is_the_list_csv_without_pages(api_client, dataset, resource):
    """The same header and cells as the list's ``?format=csv``, for every row."""
    page = api_client.get(f"/api/{resource}/", {"format": "csv", "page_size": 500})

    response = api_client.get(f"/api/{resource}/export/", {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{resource}.csv"'
    exported = body(response)
    assert exported == page.content.decode("utf-8")
    assert len(list(csv.reader(io.StringIO(exported)))) == len(whole_list(api_client, resource)) + 1


FILTERS = [
    ("events", {"participant_status": "declined", "ordering": "title"}),
    ("events", {"kind": "summit"}),
    ("participants", {"search": "Ahmadi"}),
    ("participants", {"kind": "organization"}),
    ("attendances", {"status": "declined", "ordering": "-created_at"}),
    ("attendances", {"status": "withdrawn"}),
    ("reports", {"reported_after": "2018-08-01", "ordering": "-created_at"}),
    ("reports", {"reported_after": "2019-01-01"}),
    ("articles", {"published_before": "2018-08-22", "ordering": "title"}),
    ("articles", {"published_before": "2017-01-01"}),
]


@pytest.mark.parametrize(("resource", "query"), FILTERS)
def test_the_filters_of_the_list(api_client, dataset, resource, query):
    """The list's filters and ordering, with a hit and a miss each."""
    expected = whole_list(api_client, resource, query)

    response = api_client.get(f"/api/{resource}/export/", {**query, "format": "ndjson"})

    assert ndjson_rows(response) == expected


def test_a_filter_on_one_event(api_client, dataset):
    event = dataset[1]
    rows = ndjson_rows(api_client.get("/api/reports/export/", {"format": "ndjson", "event": event.slug}))
    assert len(rows) == 1
    assert {row["event"] for row in rows} == {event.slug}


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"format": "xml"}, "format", "Give format=csv or format=ndjson, not “xml”."),
        ({}, "format", "Give format=csv or format=ndjson."),
        ({"format": "json"}, "format", "Give format=csv or format=ndjson, not “json”."),
        ({"format": "csv", "kind": "empire"}, "kind", "Select a valid choice. empire is not one of the available"),
        ({"format": "ndjson", "date_after": "04/09/2018"}, "date_after", "Enter a valid date."),
        ({"format": "csv", "host": "nobody"}, "host", "No participant has the slug “nobody”."),
        ({"format": "csv", "ordering": "colour"}, "ordering", "Select a valid choice. colour is not one"),
    ],
)
def test_a_bad_format_or_filter_is_a_400_naming_it(api_client, dataset, query, field, message):
    response = api_client.get("/api/events/export/", query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [field]
    assert response.json()[field][0].startswith(message)


def test_one_query_whatever_the_rows(api_client, populate):
    """The rows come from one query (read a chunk at a time), not one query a row or a relation."""
    populate(1, attendances=2, reports=1)
    counts = []
    for more in (0, 4):
        populate(more, attendances=3, reports=2)
        with CaptureQueriesContext(connection) as queries:
            body(api_client.get("/api/reports/export/", {"format": "csv"}))
        counts.append(len(queries))
    assert counts == [1, 1]


def test_the_export_is_in_the_schema(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/events/export/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"format", "kind", "participant_status", "date_after"} <= parameters
    assert set(operation["responses"]["200"]["content"]) == {"text/csv", "application/x-ndjson"}
