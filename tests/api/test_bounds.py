"""Bounds on what a request may send: a 10,000-character slug, a NUL byte, a 9 MB body are 4xx with a message."""

from urllib.parse import quote

import pytest
from django.conf import settings

from events.models import Article
from tests.factories import MODELS, RESOURCES, ParticipantFactory, ReportFactory, one_of_each

pytestmark = pytest.mark.django_db

LONG = "a" * 10_000
# In an address: longer than any key, under the URL limit (a longer URL is a 414: test_hostile_input.py).
LONG_IN_URL = "a" * 3_000
NUL = "moscow\x00talks"
HUGE = 10**30  # an id no database integer holds


def everything_stored():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.fixture
def records():
    """One record of each resource, related as the write bodies below expect."""
    report = ReportFactory(speaker=ParticipantFactory(slug="speaker"))
    ParticipantFactory(slug="newcomer")
    return one_of_each(report)


def detail(resource, record):
    return RESOURCES[resource].detail(record)


def bodies(records):
    """A valid body for a new record of each resource."""
    attendance = records["attendances"]
    return {
        "events": {"slug": "new-event", "title": "New event", "kind": "summit", "start_date": "2018-09-04"},
        "participants": {"slug": "new-participant", "name": "New participant", "kind": "state"},
        "attendances": {"event": attendance.event.slug, "participant": "newcomer"},
        "reports": {
            "attendance": attendance.pk,
            "status": "declined",
            "reported_on": "2018-08-23",
            "article": records["articles"].pk,
            "quote": records["reports"].quote,
        },
        "articles": {"title": "New article", "publisher": "Reuters", "published_on": "2018-08-22"},
    }


def post_body(records, resource, field):
    """A valid POST body for ``resource``; a report names its attendance by slugs when ``field`` is one of them."""
    body = bodies(records)[resource]
    if resource == "reports" and field in {"event", "participant"}:
        attendance = records["attendances"]
        body = {key: value for key, value in body.items() if key != "attendance"}
        body.update(event=attendance.event.slug, participant=attendance.participant.slug)
    return body


def assert_refused(response, status, field=None):
    """A JSON 4xx whose body names ``field`` (or says why in ``detail``)."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert field in body if field else body["detail"]


# ------------------------------------------------------------------------------
# A 10,000-character slug
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("resource", RESOURCES)
def test_long_key_in_the_address_is_404(api_client, records, resource):
    """A 3,000-character key in a detail address is a JSON 404."""
    assert_refused(api_client.get(f"/api/{resource}/{LONG_IN_URL}/"), 404)


def test_long_slug_in_the_timeline_address_is_404(api_client, records):
    assert_refused(api_client.get(f"/api/events/{LONG_IN_URL}/timeline/"), 404)


@pytest.mark.parametrize("resource", [name for name, resource in RESOURCES.items() if resource.lookup == "pk"])
def test_huge_id_in_the_address_is_404(api_client, records, resource):
    """An id too large for any database integer is a 404, not an overflow."""
    assert_refused(api_client.get(f"/api/{resource}/{HUGE}/"), 404)


SLUG_FILTERS = [
    ("/api/events/", "host"),
    ("/api/events/", "participant"),
    ("/api/participants/", "event"),
    ("/api/participants/", "affiliation"),
    ("/api/attendances/", "event"),
    ("/api/attendances/", "participant"),
    ("/api/reports/", "event"),
    ("/api/reports/", "participant"),
    ("/api/reports/", "speaker"),
    ("/api/articles/", "event"),
    ("/api/articles/", "participant"),
    ("/api/events/{event}/timeline/", "participant"),
]
ID_FILTERS = [("/api/events/", "article"), ("/api/reports/", "article"), ("/api/events/{event}/timeline/", "article")]


@pytest.mark.parametrize(("url", "parameter"), SLUG_FILTERS)
def test_long_slug_in_a_filter_is_400_naming_it(api_client, records, url, parameter):
    response = api_client.get(url.format(event=records["events"].slug), {parameter: LONG_IN_URL})
    assert_refused(response, 400, parameter)


@pytest.mark.parametrize(("url", "parameter"), ID_FILTERS)
@pytest.mark.parametrize("value", [LONG_IN_URL, str(HUGE), "9" * 3_000], ids=["letters", "huge", "3000-digits"])
def test_long_or_huge_id_in_a_filter_is_400_naming_it(api_client, records, url, parameter, value):
    response = api_client.get(url.format(event=records["events"].slug), {parameter: value})
    assert_refused(response, 400, parameter)


# resource: the fields of its body that take a slug
SLUG_FIELDS = {
    "events": ["slug", "host"],
    "participants": ["slug", "affiliation"],
    "attendances": ["event", "participant"],
    "reports": ["event", "participant", "speaker"],
}


@pytest.mark.parametrize(
    ("resource", "field"), [(resource, field) for resource, fields in SLUG_FIELDS.items() for field in fields]
)
@pytest.mark.parametrize("method", ["post", "patch"])
def test_long_slug_in_a_body_is_400_naming_it(token_client, records, resource, field, method):
    before = everything_stored()
    if method == "post":
        response = token_client.post(f"/api/{resource}/", {**post_body(records, resource, field), field: LONG})
    else:
        response = token_client.patch(detail(resource, records[resource]), {field: LONG})

    assert_refused(response, 400, field)
    assert everything_stored() == before


@pytest.mark.parametrize(("resource", "field"), [("reports", "attendance"), ("reports", "article")])
@pytest.mark.parametrize("value", [LONG, HUGE, "9" * 10_000], ids=["letters", "huge", "10000-digits"])
def test_long_or_huge_id_in_a_body_is_400_naming_it(token_client, records, resource, field, value):
    before = everything_stored()
    response = token_client.patch(detail(resource, records[resource]), {field: value})
    assert_refused(response, 400, field)
    assert everything_stored() == before


# ------------------------------------------------------------------------------
# A NUL byte
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("resource", RESOURCES)
def test_nul_in_the_address_is_404(api_client, records, resource):
    assert_refused(api_client.get(f"/api/{resource}/{quote(NUL)}/"), 404)


def test_nul_in_the_timeline_address_is_404(api_client, records):
    assert_refused(api_client.get(f"/api/events/{quote(NUL)}/timeline/"), 404)


NUL_FILTERS = [
    *SLUG_FILTERS,
    *ID_FILTERS,
    ("/api/events/", "search"),
    ("/api/events/", "city"),
    ("/api/events/", "country"),
    ("/api/events/", "kind"),
    ("/api/events/", "date_after"),
    ("/api/events/", "ordering"),
    ("/api/participants/", "search"),
    ("/api/participants/", "country"),
    ("/api/attendances/", "status"),
    ("/api/attendances/", "country"),
    ("/api/reports/", "reported_after"),
    ("/api/articles/", "search"),
    ("/api/articles/", "publisher"),
]


@pytest.mark.parametrize(("url", "parameter"), NUL_FILTERS)
def test_nul_in_a_filter_is_400_naming_it(api_client, records, url, parameter):
    response = api_client.get(url.format(event=records["events"].slug), {parameter: NUL})
    assert_refused(response, 400, parameter)


@pytest.mark.parametrize("parameter", ["page", "page_size"])
def test_nul_in_a_page_parameter_is_400_naming_it(api_client, parameter):
    assert_refused(api_client.get("/api/events/", {parameter: "1\x00"}), 400, parameter)


# resource: its fields that take text
TEXT_FIELDS = {
    "events": ["slug", "title", "city", "country", "description", "host"],
    "participants": ["slug", "name", "country", "description", "wikidata_id", "affiliation"],
    "attendances": ["notes", "event", "participant"],
    "reports": ["quote", "via", "speaker", "event", "participant"],
    "articles": ["url", "title", "publisher", "language", "body"],
}


@pytest.mark.parametrize(
    ("resource", "field"), [(resource, field) for resource, fields in TEXT_FIELDS.items() for field in fields]
)
@pytest.mark.parametrize("method", ["post", "patch"])
def test_nul_in_a_body_is_400_naming_it(token_client, records, resource, field, method):
    before = everything_stored()
    if method == "post":
        response = token_client.post(f"/api/{resource}/", {**post_body(records, resource, field), field: NUL})
    else:
        response = token_client.patch(detail(resource, records[resource]), {field: NUL})

    assert_refused(response, 400, field)
    assert everything_stored() == before


def test_nul_in_an_alias_is_400_naming_aliases(token_client, records):
    response = token_client.patch(detail("participants", records["participants"]), {"aliases": ["ok", NUL]})
    assert_refused(response, 400, "aliases")


# ------------------------------------------------------------------------------
# A 9 MB body: above the limit, which lets the longest article text through in any script
# ------------------------------------------------------------------------------
NINE_MB = 9 * 1024 * 1024


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_9_mb_body_is_413_and_writes_nothing(token_client, records, resource, method):
    """A JSON body of 9 MB (a long text field) is refused before it is read: a 413 saying the limit."""
    before = everything_stored()
    field = {"events": "description", "participants": "description", "attendances": "notes"}.get(resource, "body")
    field = "quote" if resource == "reports" else field
    body = {**bodies(records)[resource], field: "x" * NINE_MB}
    url = f"/api/{resource}/" if method == "post" else detail(resource, records[resource])

    response = getattr(token_client, method)(url, body)

    assert_refused(response, 413)
    assert f"larger than the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes" in response.json()["detail"]
    assert everything_stored() == before


def test_9_mb_body_is_413_for_anonymous_clients_too(api_client):
    """The limit holds before authentication: nobody makes the server read 9 MB."""
    response = api_client.post("/api/events/", "x" * NINE_MB, content_type="application/json")
    assert_refused(response, 413)


def test_body_under_the_limit_is_read(token_client, records):
    """A large body under the limit is an ordinary write."""
    body = {**bodies(records)["articles"], "body": "x" * 500_000}

    response = token_client.post("/api/articles/", body)

    assert response.status_code == 201
    assert len(Article.objects.get(pk=response.json()["id"]).body) == 500_000


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_a_chunked_body_with_no_length_is_411_and_writes_nothing(token_client, records, method):
    """Django reads as much body as Content-Length says: a chunked body, which has none, was read as empty and
    the write told that every field was missing. It is refused, saying what to send."""
    before = everything_stored()
    url = "/api/events/" if method == "post" else detail("events", records["events"])
    body = '{"title": "Talks sent in chunks"}'

    response = getattr(token_client, method)(
        url, body, content_type="application/json", CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked"
    )

    assert_refused(response, 411)
    assert response.json() == {"detail": "Send the request body with a Content-Length: a chunked body is not read."}
    assert everything_stored() == before
