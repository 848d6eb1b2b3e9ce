"""Conditional GET: an ETag on every list and detail; If-None-Match with it gets a 304, cheaply."""

import re

import pytest
from django.utils import timezone

from events.api.conditional import MALFORMED_IF_NONE_MATCH
from events.models import Event
from tests.factories import RESOURCES, EventFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=RESOURCES)
def test_every_list_and_detail_answers_304_to_its_own_etag(api_client, resource):
    record = ReportFactory()
    record = resource.of_report(record)
    for url in (resource.path, resource.detail(record), f"{resource.path}?format=csv"):
        first = api_client.get(url)
        assert first.status_code == 200
        tag = first["ETag"]

        again = api_client.get(url, HTTP_IF_NONE_MATCH=tag)

        assert again.status_code == 304, url
        assert again["ETag"] == tag
        assert again.content == b""
        assert api_client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=RESOURCES)
def test_a_change_of_the_resource_changes_the_tags(token_client, resource):
    record = resource.of_report(ReportFactory())
    list_tag = token_client.get(resource.path)["ETag"]
    detail_tag = token_client.get(resource.detail(record))["ETag"]

    assert token_client.patch(resource.detail(record), resource.change, format="json").status_code == 200

    assert token_client.get(resource.path, HTTP_IF_NONE_MATCH=list_tag).status_code == 200
    assert token_client.get(resource.detail(record), HTTP_IF_NONE_MATCH=detail_tag).status_code == 200


def test_a_delete_and_a_create_in_the_same_second_change_the_list_tag(api_client, token_client):
    """Same count, same newest updated_at: the change log still moves."""
    now = timezone.now()
    gone = EventFactory(updated_at=now)
    tag = api_client.get("/api/events/")["ETag"]

    assert token_client.delete(f"/api/events/{gone.slug}/").status_code == 204
    EventFactory(updated_at=now)

    assert api_client.get("/api/events/", HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_a_list_tag_differs_by_query_format_and_reader(api_client, token_client):
    ReportFactory(review="draft")
    tags = {
        api_client.get("/api/reports/")["ETag"],
        api_client.get("/api/reports/?review=draft")["ETag"],
        api_client.get("/api/reports/?format=csv")["ETag"],
        token_client.get("/api/reports/")["ETag"],
    }
    assert len(tags) == 4


def test_learning_that_nothing_changed_costs_one_query(api_client, django_assert_num_queries):
    """No count, no rows, no render: the change log's state alone."""
    event = EventFactory.create_batch(3)[0]
    for url in ("/api/events/?country=RU", f"/api/events/{event.slug}/"):
        tag = api_client.get(url)["ETag"]
        with django_assert_num_queries(1):
            assert api_client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_a_detail_tag_still_guards_writes(token_client):
    """The tag a detail answers is its record's version and digest: If-Match takes it."""
    event = EventFactory()
    tag = token_client.get(f"/api/events/{event.slug}/")["ETag"]
    changed = token_client.patch(f"/api/events/{event.slug}/", {"title": "New"}, format="json", HTTP_IF_MATCH=tag)
    assert changed.status_code == 200
    stale = token_client.patch(f"/api/events/{event.slug}/", {"title": "Old"}, format="json", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412


def test_the_schema_documents_if_none_match_and_the_304(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/events/", "/api/events/{slug}/", "/api/events/{slug}/timeline/", "/api/changes/"):
        operation = schema["paths"][path]["get"]
        assert "304" in operation["responses"], path
        assert "If-None-Match" in {parameter["name"] for parameter in operation["parameters"]}, path
        assert "ETag" in operation["responses"]["200"]["headers"], path


def test_every_read_the_schema_says_answers_304_does(token_client):
    """The schema asks each view whether it reads conditionally (the data package, exports, histories and the
    calendar among them), so what it documents is what the view does. As a curator, who may read histories."""
    report = ReportFactory()
    attendance = report.attendance
    keys = {
        "events": attendance.event.slug,
        "participants": attendance.participant.slug,
        "attendances": attendance.pk,
        "reports": report.pk,
        "articles": report.article.pk,
    }
    schema = token_client.get("/api/schema/", {"format": "json"}).json()
    documented = [
        path
        for path, operations in schema["paths"].items()
        if "If-None-Match" in {parameter["name"] for parameter in operations.get("get", {}).get("parameters", [])}
    ]
    assert "/api/datapackage/" in documented and "/api/events/export/" in documented
    for path in documented:
        key = str(keys.get(path.split("/")[2]))  # for a path with a record's key
        url = re.sub(r"\{(slug|id)\}", lambda _placeholder, key=key: key, path)
        url += "?format=csv" if path.endswith("/export/") else ""  # an export is asked for in a format
        answer = token_client.get(url)
        assert answer.status_code == 200 and answer.has_header("ETag"), url
        assert "304" in schema["paths"][path]["get"]["responses"], path
        assert token_client.get(url, HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304, url


def test_the_timeline_and_the_feed_answer_304(api_client):
    report = ReportFactory()
    for url in (f"/api/events/{report.attendance.event.slug}/timeline/", "/api/changes/"):
        tag = api_client.get(url)["ETag"]
        assert api_client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_if_none_match_any_is_a_304_only_for_an_answer_that_exists(api_client):
    event = EventFactory()
    assert api_client.get(f"/api/events/{event.slug}/", HTTP_IF_NONE_MATCH="*").status_code == 304
    assert api_client.get("/api/events/", HTTP_IF_NONE_MATCH="*").status_code == 304
    assert api_client.get("/api/events/nothing-here/", HTTP_IF_NONE_MATCH="*").status_code == 404
    assert api_client.get("/api/events/?status=talks", HTTP_IF_NONE_MATCH="*").status_code == 400


@pytest.mark.parametrize("header", ["", "   ", "1-5c3f0e9a41d2b7e8", ","])
@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_an_if_match_that_names_no_etag_is_a_400_naming_it(token_client, header, method):
    """An empty or malformed If-Match names no version: a 400 naming it, nothing written; not a 412, not absent."""
    event = EventFactory()
    body = {**token_client.get(f"/api/events/{event.slug}/").json(), "title": "New"}

    response = getattr(token_client, method)(f"/api/events/{event.slug}/", body, format="json", HTTP_IF_MATCH=header)

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["If-Match"]
    assert Event.objects.get(pk=event.pk).version == event.version


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_an_if_match_with_a_star_in_its_list_is_a_400_not_a_write_nor_a_412(token_client, method):
    """Tester 44, D6: ``*`` stands alone (RFC 9110 §13.1.1); in a list, even beside the current tag, it is bad
    syntax: the documented 400, nothing written."""
    event = EventFactory()
    read = token_client.get(f"/api/events/{event.slug}/")
    body = {**read.json(), "title": "New"}

    for header in (f"{read['ETag']}, *", '"1-5c3f0e9a41d2b7e8", *', f"*, {read['ETag']}"):
        response = getattr(token_client, method)(
            f"/api/events/{event.slug}/", body, format="json", HTTP_IF_MATCH=header
        )
        assert response.status_code == 400, (header, response.content)
        assert list(response.json()) == ["If-Match"]
    assert Event.objects.get(pk=event.pk).version == event.version


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_if_none_match_naming_the_record_refuses_a_write_with_a_412(token_client, method):
    """Tester 44, D6: RFC 9110 §13.1.2, ``If-None-Match: *`` is false for a record that exists, as is one naming
    its current ETag (weakly compared): a write is a 412 and nothing is written. Another tag lets it through."""
    event = EventFactory()
    read = token_client.get(f"/api/events/{event.slug}/")
    body = {**read.json(), "title": "New"}
    url = f"/api/events/{event.slug}/"

    for header in ("*", read["ETag"], f'"9-0000000000000000", W/{read["ETag"]}'):
        response = getattr(token_client, method)(url, body, format="json", HTTP_IF_NONE_MATCH=header)
        assert response.status_code == 412, (header, response.content)
        assert "If-None-Match" in response.json()["detail"]
    assert Event.objects.get(pk=event.pk).version == event.version

    response = getattr(token_client, method)(url, body, format="json", HTTP_IF_NONE_MATCH='"9-0000000000000000"')
    assert response.status_code in (200, 204), response.content


@pytest.mark.parametrize("header", ["", "abc", "1-5c3f0e9a41d2b7e8", '"a", garbage', '"a", *', ","])
@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_an_if_none_match_that_names_no_etag_is_a_400_naming_it_on_a_write(token_client, header, method):
    """A malformed If-None-Match on a write was read as naming nothing, and the write went through: a 400 naming it,
    as a malformed If-Match is, nothing written."""
    event = EventFactory()
    body = {**token_client.get(f"/api/events/{event.slug}/").json(), "title": "New"}
    url = f"/api/events/{event.slug}/"

    response = getattr(token_client, method)(url, body, format="json", HTTP_IF_NONE_MATCH=header)

    assert response.status_code == 400, response.content
    assert response.json() == {"If-None-Match": [MALFORMED_IF_NONE_MATCH]}
    assert Event.objects.get(pk=event.pk).version == event.version
    # Both malformed: each is named.
    response = getattr(token_client, method)(url, body, format="json", HTTP_IF_NONE_MATCH=header, HTTP_IF_MATCH="x")
    assert (response.status_code, sorted(response.json())) == (400, ["If-Match", "If-None-Match"])


def test_a_read_takes_an_if_none_match_that_names_no_etag_as_naming_none(api_client):
    """On a GET or HEAD, a malformed If-None-Match names no current tag: the full answer, not a 400 (a read's worst
    outcome is the full answer); a list's tags beside something malformed still count."""
    url = f"/api/events/{EventFactory().slug}/"
    tag = api_client.get(url)["ETag"]
    for header in ("abc", '"a", garbage'):
        assert api_client.get(url, HTTP_IF_NONE_MATCH=header).status_code == 200
        assert api_client.head(url, HTTP_IF_NONE_MATCH=header).status_code == 200
    assert api_client.get(url, HTTP_IF_NONE_MATCH=f"{tag}, garbage").status_code == 304


def test_each_format_of_a_detail_has_its_own_tag(api_client, token_client):
    """One address answers JSON, CSV or HTML by Accept: a tag of one is no 304 for another, and guards writes."""
    url = f"/api/events/{EventFactory().slug}/"
    tags = {format: api_client.get(url, {"format": format})["ETag"] for format in ("json", "csv", "api")}
    assert len(set(tags.values())) == 3
    assert api_client.get(url, HTTP_ACCEPT="text/csv", HTTP_IF_NONE_MATCH=tags["json"]).status_code == 200
    assert api_client.get(url, {"format": "csv"}, HTTP_IF_NONE_MATCH=tags["json"]).status_code == 200
    assert api_client.get(url, {"format": "csv"}, HTTP_IF_NONE_MATCH=tags["csv"]).status_code == 304

    written = token_client.patch(url, {"title": "New"}, format="json", HTTP_IF_MATCH=tags["csv"])
    assert written.status_code == 200, written.content


@pytest.mark.parametrize("fields", ["slug,title", "slug,version"])
def test_the_tag_of_a_sparse_read_in_if_match_is_a_400_saying_so_not_a_412(token_client, fields):
    """A ?fields= read shows part of the record: its tag cannot tell a write the record is unchanged."""
    event = EventFactory()
    url = f"/api/events/{event.slug}/"
    read = token_client.get(url, {"fields": fields})
    assert read["ETag"].startswith('"s-')
    assert token_client.get(url, {"fields": fields}, HTTP_IF_NONE_MATCH=read["ETag"]).status_code == 304

    response = token_client.patch(url, {"title": "New"}, format="json", HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["If-Match"]
    assert "fields" in response.json()["If-Match"][0]
    assert Event.objects.get(pk=event.pk).version == event.version
