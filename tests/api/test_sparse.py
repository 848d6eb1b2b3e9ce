"""Sparse rows: ?fields= limits every row of a list, and a detail, to the fields named, in JSON and CSV."""

import csv
import io

import pytest

from tests.factories import RESOURCES, ReportFactory

pytestmark = pytest.mark.django_db


def two_fields(resource):
    return [resource.lookup if resource.lookup != "pk" else "id", "version"]


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=RESOURCES)
def test_a_list_answers_only_the_fields_named_in_json_and_csv(api_client, resource):
    record = resource.of_report(ReportFactory())
    record.refresh_from_db()  # an attendance's version rose with its report's status
    names = two_fields(resource)

    rows = api_client.get(resource.path, {"fields": ",".join(names)}).json()["results"]
    table = list(
        csv.reader(
            io.StringIO(api_client.get(resource.path, {"fields": ",".join(names), "format": "csv"}).content.decode())
        )
    )

    expected = [str(getattr(record, names[0] if names[0] != "id" else "pk")), str(record.version)]
    assert rows == [dict(zip(names, [getattr(record, "slug", record.pk), record.version], strict=True))]
    assert table == [names, expected]


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=RESOURCES)
def test_a_detail_answers_only_the_fields_named(api_client, resource):
    record = resource.of_report(ReportFactory())

    response = api_client.get(resource.detail(record), {"fields": "version,created_at"})

    assert response.status_code == 200
    assert list(response.json()) == ["created_at", "version"]
    assert response["ETag"]


def test_nested_fields_of_a_detail_can_be_named(api_client):
    report = ReportFactory()
    event = report.attendance.event

    data = api_client.get(f"/api/events/{event.slug}/", {"fields": "slug,attendances"}).json()

    assert list(data) == ["slug", "attendances"]
    assert [row["participant"] for row in data["attendances"]] == [report.attendance.participant.slug]


def test_the_lean_json_and_the_serializer_cut_alike(api_client):
    """The lean read (JSON) and the serializer (the browsable API, CSV) give the same sparse rows."""
    ReportFactory()
    lean = api_client.get("/api/reports/", {"fields": "status,reviewed_by"}).json()["results"]
    assert lean == [{"status": "declined", "reviewed_by": None}]


def test_an_unknown_field_is_a_400_naming_it_and_listing_the_valid_ones(api_client):
    ReportFactory()
    response = api_client.get("/api/events/", {"fields": "slug,titel"})

    assert response.status_code == 400
    (message,) = response.json()["fields"]
    assert "“titel”" in message
    assert "slug, title, kind" in message
    detail = api_client.get(f"/api/reports/{ReportFactory().pk}/", {"fields": "body"})
    assert detail.status_code == 400
    assert "“body”" in detail.json()["fields"][0]


def test_fields_is_documented_on_every_list_and_detail(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/events/", "/api/events/{slug}/", "/api/reports/", "/api/reports/{id}/", "/api/articles/"):
        names = {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}
        assert "fields" in names, path
    lists = ("/api/events/", "/api/participants/", "/api/attendances/", "/api/reports/", "/api/articles/")
    for path in lists:
        names = {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}
        assert "updated_since" in names, path
    assert "fields" not in {p["name"] for p in schema["paths"]["/api/events/{slug}/"]["patch"].get("parameters", [])}
