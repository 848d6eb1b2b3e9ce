"""What every endpoint shares: the API root, pagination, CSV, errors, countries, the OpenAPI schema and the docs."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from events.models import AttendanceStatus, Participant
from tests.factories import (
    MODELS,
    RESOURCES,
    ArticleFactory,
    AttendanceFactory,
    EventFactory,
    ParticipantFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

LISTS = [resource.path for resource in RESOURCES.values()]


def detail_url(record):
    return RESOURCES[f"{record._meta.model_name}s"].detail(record)


def test_root_lists_the_resources(api_client):
    """``/api/`` links the five resources."""
    response = api_client.get("/api/")

    assert response.status_code == 200
    assert response.json() == {name: f"http://testserver/api/{name}/" for name in RESOURCES}


# ------------------------------------------------------------------------------
# Pagination
# ------------------------------------------------------------------------------
def make_participants(count):
    """``count`` participants, cheaply, named so that their order is known."""
    Participant.objects.bulk_create(
        Participant(slug=f"participant-{n:04d}", name=f"Participant {n:04d}", kind="state") for n in range(count)
    )


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_default_page_size_is_50(api_client):
    """Without ``page_size`` a page holds 50 rows, and the next page the rest."""
    make_participants(55)

    first = api_client.get("/api/participants/")
    second = api_client.get(first.json()["next"])

    assert set(first.json()) == {"count", "next", "previous", "results"}
    assert first.json()["count"] == 55
    assert first.json()["previous"] is None
    assert first.json()["next"] == "http://testserver/api/participants/?page=2"
    assert slugs(first) == [f"participant-{n:04d}" for n in range(50)]
    assert second.json()["count"] == 55
    assert second.json()["next"] is None
    assert second.json()["previous"] == "http://testserver/api/participants/"
    assert slugs(second) == [f"participant-{n:04d}" for n in range(50, 55)]


def test_page_and_page_size(api_client):
    """``page`` and ``page_size`` choose the rows; the links keep ``page_size``."""
    make_participants(12)

    response = api_client.get("/api/participants/", {"page_size": 5, "page": 2})

    assert response.status_code == 200
    assert response.json()["count"] == 12
    assert slugs(response) == [f"participant-{n:04d}" for n in range(5, 10)]
    assert response.json()["next"] == "http://testserver/api/participants/?page=3&page_size=5"
    assert response.json()["previous"] == "http://testserver/api/participants/?page_size=5"


def test_pages_keep_filters(api_client):
    """The links to other pages keep the filters."""
    make_participants(3)
    ParticipantFactory(slug="person-1", kind="person")
    ParticipantFactory(slug="person-2", kind="person")

    response = api_client.get("/api/participants/", {"kind": "person", "page_size": 1})

    assert response.json()["count"] == 2
    assert response.json()["next"] == "http://testserver/api/participants/?kind=person&page=2&page_size=1"


def test_page_size_is_capped_at_500(api_client):
    """A page size above 500 answers 500 rows."""
    make_participants(501)

    response = api_client.get("/api/participants/", {"page_size": 1000})

    assert response.status_code == 200
    assert response.json()["count"] == 501
    assert len(response.json()["results"]) == 500
    assert response.json()["next"] == "http://testserver/api/participants/?page=2&page_size=1000"
    assert len(api_client.get(response.json()["next"]).json()["results"]) == 1


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"page_size": 0}, "page_size"),
        ({"page_size": -1}, "page_size"),
        ({"page_size": "abc"}, "page_size"),
        ({"page_size": "2.5"}, "page_size"),
        ({"page": "abc"}, "page"),
        ({"page": 0}, "page"),
        ({"page": -3}, "page"),
    ],
)
@pytest.mark.parametrize("url", [*LISTS, "/api/events/moscow/timeline/"])
def test_bad_page_parameters_are_400(api_client, url, query, parameter):
    """A zero, negative or non-integer page or page size is a 400 naming it, on every list."""
    ParticipantFactory()
    EventFactory(slug="moscow")

    response = api_client.get(url, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize("url", [*LISTS, "/api/events/moscow/timeline/"])
def test_page_past_the_last_is_404_naming_it(api_client, url):
    """``page=999`` on a short list is a JSON 404 saying there is no such page."""
    ParticipantFactory()
    ReportFactory(attendance__event=EventFactory(slug="moscow"))

    response = api_client.get(url, {"page": 999})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["detail"]
    assert response.json()["detail"].startswith("page: there is no page 999 (")


# ------------------------------------------------------------------------------
# CSV
# ------------------------------------------------------------------------------
@pytest.fixture
def dataset(populate):
    """Three events with attendances and reports, and participants with aliases."""
    events = populate(3, attendances=2, reports=2)
    ParticipantFactory(slug="sibghat-ahmadi", aliases=["Sibghatullah Ahmadi", "S. Ahmadi"], country="AF")
    return events


def cell(value):
    """A JSON value as its CSV cell: nothing empty, lists joined with ``|``."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(cell(item) for item in value)
    return str(value)


def parse(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


CSV_QUERIES = [
    ("/api/events/", {"ordering": "title", "page_size": 2, "page": 2}),
    ("/api/events/", {"kind": "peace_talks"}),
    ("/api/participants/", {"page_size": 5, "page": 2}),
    ("/api/participants/", {"search": "Ahmadi"}),
    ("/api/attendances/", {"status": "declined", "page_size": 4}),
    ("/api/reports/", {"reported_after": "2018-08-02", "page_size": 2, "page": 2}),
    ("/api/articles/", {"published_before": "2018-08-22", "page_size": 3}),
]


@pytest.mark.parametrize(("url", "query"), CSV_QUERIES)
def test_csv_has_the_rows_of_the_json_page(api_client, dataset, url, query):
    """``?format=csv`` answers the JSON page's rows, with the same filters and page, under a header of its keys."""
    page = api_client.get(url, query).json()["results"]
    assert page

    response = api_client.get(url, {**query, "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = parse(response)
    assert header == list(page[0])
    assert rows == [[cell(row[key]) for key in header] for row in page]


def test_csv_of_the_timeline(api_client, dataset):
    """The timeline answers CSV too."""
    url = f"/api/events/{dataset[0].slug}/timeline/"
    page = api_client.get(url, {"page_size": 3}).json()["results"]

    header, *rows = parse(api_client.get(url, {"page_size": 3, "format": "csv"}))

    assert header == list(page[0])
    assert rows == [[cell(row[key]) for key in header] for row in page]


@pytest.mark.parametrize("url", LISTS)
def test_csv_whatever_the_accept_header(api_client, dataset, url):
    """``?format=csv`` wins over ``Accept: application/json``."""
    response = api_client.get(url, {"format": "csv"}, HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert len(parse(response)) == api_client.get(url).json()["count"] + 1


@pytest.mark.parametrize(
    ("url", "nothing"),
    [
        ("/api/events/", {"kind": "summit"}),
        ("/api/participants/", {"kind": "organization"}),
        ("/api/attendances/", {"status": "withdrawn"}),
        ("/api/reports/", {"review": "rejected"}),
        ("/api/articles/", {"publisher": "Nobody"}),
    ],
)
def test_empty_csv_has_the_header(api_client, dataset, url, nothing):
    """A page with no rows still has the list's header row, and nothing else."""
    full = parse(api_client.get(url, {"format": "csv"}))
    assert api_client.get(url, nothing).json()["count"] == 0

    empty = parse(api_client.get(url, {**nothing, "format": "csv"}))

    assert len(full) > 1
    assert empty == [full[0]]


@pytest.mark.parametrize(
    ("url", "query", "parameter"),
    [
        ("/api/events/", {"status": "rumoured"}, "status"),
        ("/api/participants/", {"affiliation": "nobody"}, "affiliation"),
        ("/api/attendances/", {"date_after": "2018-13-01"}, "date_after"),
        ("/api/reports/", {"page": "abc"}, "page"),
        ("/api/articles/", {"page_size": 0}, "page_size"),
    ],
)
def test_csv_errors_are_json(api_client, url, query, parameter):
    """An error asked for as CSV answers JSON naming the parameter."""
    response = api_client.get(url, {**query, "format": "csv"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [parameter]


def test_csv_404_is_json(api_client):
    """A missing event's timeline asked for as CSV is a JSON 404."""
    response = api_client.get("/api/events/nowhere/timeline/", {"format": "csv"})

    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize("resource", RESOURCES)
def test_delete_asked_for_as_csv_is_204(token_client, resource):
    """A DELETE with ``?format=csv`` answers an empty 204 and deletes the record."""
    record = RESOURCES[resource].factory()

    response = token_client.delete(f"{detail_url(record)}?format=csv")

    assert response.status_code == 204
    assert response.content == b""
    assert not type(record).objects.filter(pk=record.pk).exists()


# ------------------------------------------------------------------------------
# Errors every resource answers alike
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("resource", RESOURCES)
def test_unknown_detail_is_json_404(api_client, resource):
    """The address of a record that is not stored is a JSON 404."""
    record = RESOURCES[resource].factory()
    url = detail_url(record)
    model = type(record)
    record.delete()

    response = api_client.get(url)

    assert response.status_code == 404
    assert response.json() == {"detail": f"No {model.__name__} matches the given query."}


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/api/events/", "{not json"),
        ("/api/participants/", "slug=russia"),
        ("/api/attendances/", "[1, 2"),
        ("/api/reports/", "status: declined"),
        ("/api/articles/", "<article/>"),
    ],
)
def test_body_that_is_not_json_is_400(token_client, url, text):
    """A body that is not JSON is a 400 with a JSON reason, and nothing is written."""
    response = token_client.post(url, text, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["detail"]
    assert response.json()["detail"].startswith("JSON parse error - ")
    assert not any(model.objects.exists() for model in MODELS)


def participant_attending_and_quoted():
    """A participant with two attendances, quoted in a report of each."""
    participant = ParticipantFactory()
    for _ in range(2):
        ReportFactory(attendance=AttendanceFactory(participant=participant), speaker=participant)
    return participant


def article_cited_three_times():
    article = ArticleFactory()
    ReportFactory.create_batch(3, article=article)
    return article


@pytest.mark.parametrize(
    ("in_use", "referrers"),
    [
        pytest.param(lambda: AttendanceFactory().participant, "1 attendance", id="participant-attending"),
        pytest.param(participant_attending_and_quoted, "2 attendances, 2 reports", id="participant-attending-quoted"),
        pytest.param(lambda: ReportFactory(speaker=ParticipantFactory()).speaker, "1 report", id="speaker"),
        pytest.param(lambda: EventFactory(host=ParticipantFactory()).host, "1 event", id="host"),
        pytest.param(lambda: ReportFactory().article, "1 report", id="article-cited-once"),
        pytest.param(article_cited_three_times, "3 reports", id="article-cited-three-times"),
    ],
)
def test_deleting_a_record_in_use_is_409_counting_what_refers_to_it(token_client, in_use, referrers):
    """A participant or article something refers to stays (no report loses its speaker quietly): a 409 counts them."""
    record = in_use()

    response = token_client.delete(detail_url(record))

    assert response.status_code == 409
    assert response.json() == {"detail": f"This record cannot be deleted while these refer to it: {referrers}."}
    assert type(record).objects.filter(pk=record.pk).exists()


# ------------------------------------------------------------------------------
# OpenAPI schema and docs
# ------------------------------------------------------------------------------
FILTERS = {
    "/api/events/": [
        "kind",
        "status",
        "date_after",
        "date_before",
        "country",
        "city",
        "host",
        "participant",
        "participant_status",
        "participant_role",
        "article",
        "search",
        "ordering",
    ],
    "/api/participants/": ["kind", "country", "search", "event", "affiliation"],
    "/api/attendances/": [
        "event",
        "participant",
        "status",
        "role",
        "participant_kind",
        "date_after",
        "date_before",
        "country",
    ],
    "/api/reports/": [
        "event",
        "participant",
        "status",
        "review",
        "article",
        "speaker",
        "reported_after",
        "reported_before",
    ],
    "/api/articles/": ["publisher", "published_after", "published_before", "search", "event", "participant"],
}


@pytest.fixture
def schema(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_openapi_3_with_every_path(schema):
    """The schema is an OpenAPI 3 document listing every path of the API."""
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/events/",
        "/api/events/{slug}/",
        "/api/events/export/",
        "/api/events/{slug}/timeline/",
        "/api/participants/",
        "/api/participants/{slug}/",
        "/api/participants/export/",
        "/api/attendances/",
        "/api/attendances/{id}/",
        "/api/attendances/export/",
        "/api/reports/",
        "/api/reports/{id}/",
        "/api/reports/export/",
        "/api/articles/",
        "/api/articles/{id}/",
        "/api/events/{slug}/history/",
        "/api/participants/{slug}/history/",
        "/api/participants/{slug}/calendar.ics",
        "/api/attendances/{id}/history/",
        "/api/reports/{id}/history/",
        "/api/articles/{id}/history/",
        "/api/articles/{id}/extract/",
        "/api/articles/export/",
        "/api/datapackage/",
        "/api/changes/",
    }


def test_schema_documents_reads_and_writes(schema):
    """Lists read and create; details read, replace, update and delete; the timeline reads."""
    for path in FILTERS:
        assert set(schema["paths"][path]) >= {"get", "post"}
        detail = next(
            p
            for p in schema["paths"]
            if p.startswith(path) and p != path and not p.endswith(("timeline/", "history/"))
        )
        assert set(schema["paths"][detail]) >= {"get", "put", "patch", "delete"}
    assert "get" in schema["paths"]["/api/events/{slug}/timeline/"]
    assert "post" not in schema["paths"]["/api/events/{slug}/timeline/"]


@pytest.mark.parametrize("path", FILTERS)
def test_schema_documents_filters_and_pages(schema, path):
    """Every list operation documents its filters and its page parameters."""
    names = {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}

    assert names >= {*FILTERS[path], "page", "page_size"}


def test_schema_documents_choices(schema):
    """A choice filter carries its values: ``participant_status`` on events has the eight statuses."""
    parameters = {p["name"]: p for p in schema["paths"]["/api/events/"]["get"]["parameters"]}

    participant_status = parameters["participant_status"]["schema"]

    assert participant_status["type"] == "array"
    assert sorted(participant_status["items"]["enum"]) == sorted(AttendanceStatus.values)
    assert len(AttendanceStatus.values) == 8


def test_schema_default_format(api_client):
    """Without ``format`` the schema is served as OpenAPI YAML."""
    response = api_client.get("/api/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.startswith(b"openapi: 3.")


def test_docs_use_only_local_assets(api_client):
    """The docs page loads its scripts, styles and icons from this server's static files only."""
    response = api_client.get("/api/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assets = re.findall(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"']+)["']""", html)
    assert assets, "the docs page references no asset"
    assert not [url for url in assets if re.match(r"(https?:)?//", url)]
    static_url = "/" + settings.STATIC_URL.strip("/") + "/"
    # Swagger UI's start-up script comes from the page itself (no inline script, for the CSP).
    start_up = [url for url in assets if url.startswith("/api/docs/?script")]
    assert len(start_up) == 1
    script = api_client.get(start_up[0])
    assert script["Content-Type"].startswith("application/javascript")
    assets.remove(start_up[0])
    assert all(url.startswith(static_url) for url in assets), assets
    missing = [url for url in assets if finders.find(url.removeprefix(static_url).split("?")[0]) is None]
    assert missing == []
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert '"/api/schema/"' in script.content.decode()


def test_schema_generates_without_warnings(tmp_path):
    """The schema command validates the document and fails on any warning: there is none."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    assert (tmp_path / "schema.yml").read_text(encoding="utf-8").startswith("openapi: 3.")


@pytest.mark.parametrize("format", ["xml", "json"])
def test_the_docs_page_tells_a_bad_format_in_json(api_client, format):
    """Tester 36, M4: ``/api/docs/?format=xml`` was a plain-text "400 Bad Request" naming nothing."""
    response = api_client.get("/api/docs/", {"format": format})

    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert list(response.json()) == ["format"]


@pytest.mark.parametrize(
    ("url", "accept", "answered"),
    [
        ("/api/events/", "application/json;q=0,text/csv", "text/csv"),
        ("/api/events/", "text/csv;q=0.9,application/json;q=0.5", "text/csv"),
        ("/api/events/", "*/*;q=0.1, text/csv", "text/csv"),
        ("/api/events/", "application/json;q=0.9, text/csv;q=0.5", "application/json"),
        ("/api/events/export/", "application/json;q=0.5, text/csv;q=0.4", "text/csv"),
        ("/api/events/export/", "text/csv;q=0.2, application/x-ndjson;q=0.3", "application/x-ndjson"),
    ],
)
def test_the_accept_header_s_qualities_are_followed(api_client, dataset, url, accept, answered):
    """Tester 42, F6: the qualities were ignored, so ``application/json;q=0,text/csv`` (JSON not acceptable) was
    answered in JSON."""
    response = api_client.get(url, HTTP_ACCEPT=accept)

    assert (response.status_code, response["Content-Type"].partition(";")[0]) == (200, answered)


@pytest.mark.parametrize("accept", ["text/csv;q=0", "application/json;q=0, text/csv;q=0"])
def test_an_accept_of_quality_zero_alone_is_a_json_406(api_client, dataset, accept):
    response = api_client.get("/api/events/", HTTP_ACCEPT=accept)

    assert (response.status_code, response["Content-Type"]) == (406, "application/json")
