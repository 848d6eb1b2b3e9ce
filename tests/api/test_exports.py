"""``/api/<resource>/export/``: the whole filtered list as CSV or NDJSON, streamed, with no pages."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.db.models import FloatField, Value
from django.test.utils import CaptureQueriesContext

from events.api import exports
from events.models import Article, Attendance, Event, Participant, Report
from tests.factories import RESOURCES, ParticipantFactory

pytestmark = pytest.mark.django_db


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
    """One JSON object a line: the rows of the list, in its order, and all of them (more than a page)."""
    expected = whole_list(api_client, resource)
    assert len(expected) > 10

    response = api_client.get(f"/api/{resource}/export/", {"format": "ndjson"})

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
        (
            {"format": "xml"},
            "format",
            "Give format=csv or format=ndjson (or Accept: text/csv or application/x-ndjson), not “xml”.",
        ),
        ({}, "format", "Give format=csv or format=ndjson (or Accept: text/csv or application/x-ndjson)."),
        # empty, as any empty parameter: none given (it was CSV, the first format)
        ({"format": ""}, "format", "Give format=csv or format=ndjson (or Accept: text/csv or application/x-ndjson)."),
        (
            {"format": "json"},
            "format",
            "Give format=csv or format=ndjson (or Accept: text/csv or application/x-ndjson), not “json”.",
        ),
        ({"format": "csv", "kind": "empire"}, "kind", "“empire” is not a valid choice. Valid choices: peace_talks,"),
        ({"format": "ndjson", "date_after": "04/09/2018"}, "date_after", "Enter a valid date."),
        ({"format": "csv", "host": "nobody"}, "host", "No participant has the slug “nobody”."),
        ({"format": "csv", "ordering": "colour"}, "ordering", "“colour” is not a valid choice. Valid choices: "),
        # The list's nested attendances: the export's columns are fixed, so it is refused, not ignored.
        ({"format": "csv", "expand": "attendances"}, "expand", "The export's columns are the list's, with nothing"),
        ({"format": "ndjson", "expand": "attendances"}, "expand", "The export's columns are the list's, with nothing"),
        # no parameter of the export, so even empty (tester 47, 4), as any parameter an address does not take
        ({"format": "csv", "expand": ""}, "expand", "The export's columns are the list's, with nothing"),
        ({"format": "csv", "yaer": ""}, "yaer", "Unknown query parameter."),
    ],
)
def test_a_bad_format_or_filter_is_a_400_naming_it(api_client, dataset, query, field, message):
    response = api_client.get("/api/events/export/", query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [field]
    assert response.json()[field][0].startswith(message)


@pytest.mark.parametrize(
    ("accept", "kind"), [("text/csv", "text/csv"), ("application/x-ndjson", "application/x-ndjson")]
)
def test_the_accept_header_chooses_the_format(api_client, dataset, accept, kind):
    """Tester 35, L6: the export answered a JSON 400 labelled with the format asked for, not that format."""
    response = api_client.get("/api/events/export/", HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(kind)
    assert (
        response.getvalue()
        == api_client.get("/api/events/export/", {"format": kind.split("/")[-1].removeprefix("x-")}).getvalue()
    )


@pytest.mark.parametrize(
    "accept", ["text/csv", "application/x-ndjson", "text/calendar", "text/html", "application/xml"]
)
def test_an_export_error_is_json_whatever_the_accept_header(api_client, dataset, accept):
    for query in [{"format": "xml"}, {"format": "csv", "kind": "empire"}]:
        response = api_client.get("/api/events/export/", query, HTTP_ACCEPT=accept)
        assert (response.status_code, response["Content-Type"]) == (400, "application/json")
        assert list(response.json()) == [next(name for name in query if name != "format" or len(query) == 1)]


def test_one_query_whatever_the_rows(api_client, populate):
    """The rows come from one query (read a chunk at a time), not one query a row or a relation; one more reads
    the change log's state, for the ETag."""
    populate(1, attendances=2, reports=1)
    counts = []
    for more in (0, 4):
        populate(more, attendances=3, reports=2)
        with CaptureQueriesContext(connection) as queries:
            body(api_client.get("/api/reports/export/", {"format": "csv"}))
        counts.append(len(queries))
    assert counts == [2, 2]


def test_the_export_is_in_the_schema(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/events/export/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"format", "kind", "participant_status", "date_after"} <= parameters
    assert set(operation["responses"]["200"]["content"]) == {"text/csv", "application/x-ndjson"}


# ------------------------------------------------------------------------------
# The fast paths (SQLite, PostgreSQL) write the bytes of the generic values_list() one
# ------------------------------------------------------------------------------
TRICKY = [
    "",
    'He said "no", then left',
    "line one\nline two",
    "carriage\r\nreturn, and a lone\rone",
    "Sîbghatullah «Ahmadi» — 塔利班 👍",
    " spaces around ",
    "back\\slash | pipe; tab\tthere",
    '"',
    "\\.",
    "50% \x01 control",
]
TIMESTAMPS = [
    datetime.datetime(2018, 8, 21, 10, 0, tzinfo=datetime.UTC),
    datetime.datetime(2018, 8, 21, 10, 0, 0, 500, tzinfo=datetime.UTC),
    datetime.datetime(999, 1, 2, 3, 4, 5, 123456, tzinfo=datetime.UTC),
]
ALIASES = [[], ["Sibghatullah Ahmadi", 'S. "the" Ahmadi', "a|b, c\nd", "«Ахмади»"], [1, None, ["x", 2.5], {"k": True}]]


@pytest.fixture
def tricky(populate, django_user_model):
    """Records whose texts, lists, empties, nulls, dates and timestamps are hard to write as CSV or JSON."""
    populate(len(TRICKY), attendances=1, reports=1)
    reviewer = django_user_model.objects.create_user('rëviewer, "quoted"')
    for model, update in [
        (
            Event,
            lambda i, text: {
                "title": text,
                "city": text,
                "description": text,
                "end_date": [None, datetime.date(2018, 9, 5)][i % 2],
            },
        ),
        (
            Participant,
            lambda i, text: {
                "name": text,
                "description": text,
                "aliases": ALIASES[i % 3],
                "country": ["", "AF"][i % 2],
            },
        ),
        (Attendance, lambda i, text: {"notes": text, "status_date": [None, datetime.date(2018, 8, 1)][i % 2]}),
        (
            Report,
            lambda i, text: {
                "quote": text,
                "via": text,
                "reviewed_by": [None, reviewer][i % 2],
                "reviewed_at": [None, *TIMESTAMPS][i % 4],
            },
        ),
        (
            Article,
            lambda i, text: {
                "title": text,
                "publisher": text,
                "body": text,
                "url": ["", f"https://example.org/?a={i},b"][i % 2],
            },
        ),
    ]:
        for i, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True)):
            stamps = {"created_at": TIMESTAMPS[i % 3], "updated_at": TIMESTAMPS[(i + 1) % 3]}
            model.objects.filter(pk=pk).update(**update(i, TRICKY[i % len(TRICKY)]), **stamps)
    Event.objects.filter(pk__in=Event.objects.order_by("pk").values("pk")[:3]).update(host=None)
    Report.objects.filter(pk__in=Report.objects.order_by("pk").values("pk")[:3]).update(speaker=None)


COMPARED = (
    [(resource, {}) for resource in RESOURCES]
    + FILTERS
    + [
        ("events", {"search": "50%"}),
        ("events", {"ordering": "-end_date"}),
        ("participants", {"search": "«"}),
        ("reports", {"ordering": "-created_at", "review": "draft"}),
    ]
)


@pytest.fixture
def fast_paths(monkeypatch):
    """Whether each export took a fast path, in order."""
    taken = []
    fast_blocks = exports.fast_blocks

    def spied(*args):
        content = fast_blocks(*args)
        taken.append(content is not None)
        return content

    monkeypatch.setattr(exports, "fast_blocks", spied)
    return taken


def exported(api_client, resource, query):
    response = api_client.get(f"/api/{resource}/export/", query)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("format", ["csv", "ndjson"])
@pytest.mark.parametrize(("resource", "query"), COMPARED)
def test_the_fast_path_writes_the_bytes_of_the_generic_one(
    api_client, tricky, fast_paths, monkeypatch, resource, query, format
):
    fast = exported(api_client, resource, {**query, "format": format})
    monkeypatch.setattr(exports, "fast_blocks", lambda *args: None)

    assert exported(api_client, resource, {**query, "format": format}) == fast
    assert fast_paths == [connection.vendor in ("sqlite", "postgresql")]


def test_the_tricky_values_are_there(api_client, token_client, tricky):
    """What the comparison above compares: quoted newlines, doubled quotes, joined aliases, timestamps."""
    events = exported(api_client, "events", {"format": "csv"}).decode()
    participants = exported(api_client, "participants", {"format": "csv"}).decode()
    reports = exported(token_client, "reports", {"format": "ndjson"}).decode()  # usernames: for curators

    assert '"line one\nline two"' in events and '"He said ""no"", then left"' in events
    assert "2018-08-21T10:00:00.000500Z,0999-01-02T03:04:05.123456Z" in events
    assert '"Sibghatullah Ahmadi|S. ""the"" Ahmadi|a|b, c\nd|«Ахмади»"' in participants
    assert ',"[1,null,[""x"",2.5],{""k"":true}]",' in participants  # nested values: their JSON (tester 35, L8)
    assert '"reviewed_by": "rëviewer, \\"quoted\\"", "reviewed_at": "2018-08-21T10:00:00Z"' in reports


@pytest.mark.parametrize("format", ["csv", "ndjson"])
def test_booleans_and_null_timestamps(django_user_model, fast_paths, format):
    """No list has a boolean column yet: users have, and a last login that may be null."""
    django_user_model.objects.create_user("a", is_staff=True, last_login=TIMESTAMPS[1])
    django_user_model.objects.create_user('b, "c"', is_active=False)
    queryset = django_user_model.objects.order_by("pk")
    columns = [(name, name) for name in ["id", "username", "is_staff", "is_active", "last_login", "date_joined"]]

    fast = b"".join(exports.streaming_response(queryset, columns, format=format, filename="users").streaming_content)
    generic = exports.csv_lines(queryset, columns) if format == "csv" else exports.ndjson_lines(queryset, columns)

    assert fast == b"".join(exports.blocks(generic))
    assert fast_paths == [connection.vendor in ("sqlite", "postgresql")]


def test_a_column_of_an_unknown_kind_takes_the_generic_path(django_user_model, fast_paths):
    django_user_model.objects.create_user("a")
    queryset = django_user_model.objects.annotate(share=Value(0.1, output_field=FloatField()))

    response = exports.streaming_response(queryset, [("id", "id"), ("share", "share")], format="csv", filename="x")

    assert b"".join(response.streaming_content).endswith(b",0.1\r\n")
    assert fast_paths == [False]


def test_the_schema_says_the_export_refuses_expand(api_client):
    export = api_client.get("/api/schema/?format=json").json()["paths"]["/api/events/export/"]["get"]

    assert "`expand` (events) is refused with a 400" in export["description"]
    assert "expand" not in {parameter["name"] for parameter in export["parameters"]}


def test_the_exports_400_lists_only_the_parameters_it_takes(api_client):
    """Tester 47, 4: "Valid parameters here: …, expand, …", which the export refuses."""
    response = api_client.get("/api/events/export/", {"format": "ndjson", "fields": "slug"})

    assert response.status_code == 400
    (message,) = response.json()["fields"]
    valid = message.removeprefix("Unknown query parameter. Valid parameters here: ").rstrip(".").split(", ")
    assert "expand" not in valid
    assert {"format", "kind", "ordering", "participant"} <= set(valid)
    assert "expand" in api_client.get("/api/events/", {"fields": "x", "yaer": "1"}).json()["yaer"][0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("format", ["csv", "ndjson"])
def test_the_export_answers_304_until_a_record_changes(api_client, format):
    """As every list: an ETag (one per format), a 304 with no row read to If-None-Match, a new tag after a write."""
    ParticipantFactory(slug="norway")
    url = f"/api/participants/export/?format={format}"
    first = api_client.get(url)
    tag = first["ETag"]
    body(first)

    again = api_client.get(url, HTTP_IF_NONE_MATCH=tag)
    any_tag = api_client.get(url, HTTP_IF_NONE_MATCH="*")
    ParticipantFactory(slug="qatar")
    changed = api_client.get(url, HTTP_IF_NONE_MATCH=tag)

    assert first.status_code == 200 and tag.startswith('"l-')
    assert again.status_code == 304 and again["ETag"] == tag and not again.content
    assert any_tag.status_code == 304 and not any_tag.streaming
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert "qatar" in body(changed)
    assert api_client.get(url.replace(format, {"csv": "ndjson", "ndjson": "csv"}[format]))["ETag"] != tag


@pytest.mark.parametrize("accept", ["text/html", "application/xml"])
def test_an_accept_of_no_export_format_is_the_400_naming_format(api_client, dataset, accept):
    """Tester 36, M2: a 406, which also hid a filter's own 400."""
    response = api_client.get("/api/events/export/", HTTP_ACCEPT=accept)
    assert (response.status_code, list(response.json())) == (400, ["format"])
    assert api_client.get("/api/events/export/", {"format": "csv"}, HTTP_ACCEPT=accept).status_code == 200
