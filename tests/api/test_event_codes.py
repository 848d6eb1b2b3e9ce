"""CAMEO and PLOVER codes on event and report rows: in JSON, CSV, the streamed exports and export_records, and as
filters documented in the schema (each tried with a hit and a miss)."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from tests.factories import EventFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded():
    """A negotiation (046, CONSULT), a ceasefire (0871, RETREAT) and an event of kind other (no code)."""
    talks = EventFactory(slug="talks", kind="negotiation")
    EventFactory(slug="truce", kind="ceasefire")
    EventFactory(slug="other", kind="other")
    ReportFactory(attendance__event=talks, status="declined")
    ReportFactory(attendance__event=talks, status="absent")
    return talks


def slugs(response):
    assert response.status_code == 200, response.json()
    return sorted(row["slug"] for row in response.json()["results"])


def test_event_filters_by_cameo_code_and_plover_type(api_client, coded):
    assert slugs(api_client.get("/api/events/?cameo_code=046")) == ["talks"]
    assert slugs(api_client.get("/api/events/?cameo_code=046&cameo_code=0871")) == ["talks", "truce"]
    assert slugs(api_client.get("/api/events/?plover_type=RETREAT")) == ["truce"]
    assert slugs(api_client.get("/api/events/?plover_type=RETREAT&cameo_code=046")) == []


def test_report_filter_by_cameo_code(api_client, coded):
    response = api_client.get("/api/reports/?cameo_code=125")
    assert [row["status"] for row in response.json()["results"]] == ["declined"]
    assert api_client.get("/api/reports/?cameo_code=036").json()["count"] == 0


@pytest.mark.parametrize(("path", "query"), [("events", "cameo_code=999"), ("events", "plover_type=consult")])
def test_a_code_that_no_kind_has_is_a_400_listing_the_codes(api_client, path, query):
    response = api_client.get(f"/api/{path}/?{query}")
    assert response.status_code == 400
    (name,) = response.json()
    assert "Valid choices: " in response.json()[name][0]
    assert ("046" if name == "cameo_code" else "CONSULT") in response.json()[name][0]


def test_the_schema_documents_the_filters(api_client):
    schema = api_client.get("/api/schema/?format=json").json()
    names = {
        path: {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}
        for path in ("/api/events/", "/api/reports/", "/api/events/export/")
    }
    assert {"cameo_code", "plover_type"} <= names["/api/events/"] & names["/api/events/export/"]
    assert "cameo_code" in names["/api/reports/"]


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_csv_and_exports_carry_the_codes_and_an_uncoded_row_is_empty(api_client, coded):
    events = {row["slug"]: row for row in csv_rows(api_client.get("/api/events/?format=csv").content)}
    assert (events["truce"]["cameo_code"], events["truce"]["plover_type"], events["truce"]["plover_mode"]) == (
        "0871",
        "RETREAT",
        "ceasefire",
    )
    assert (events["other"]["cameo_code"], events["other"]["plover_type"]) == ("", "")

    exported = api_client.get("/api/events/export/?format=ndjson&cameo_code=046")
    (line,) = b"".join(exported.streaming_content).decode().splitlines()
    assert {key: json.loads(line)[key] for key in ("slug", "cameo_code", "plover_type")} == {
        "slug": "talks",
        "cameo_code": "046",
        "plover_type": "CONSULT",
    }
    reports = csv_rows(b"".join(api_client.get("/api/reports/export/?format=csv").streaming_content))
    assert sorted((row["status"], row["cameo_code"]) for row in reports) == [("absent", ""), ("declined", "125")]


def test_export_records_carries_the_codes(coded, tmp_path):
    path = tmp_path / "records.ndjson"
    call_command("export_records", output=str(path))
    records = [json.loads(line) for line in path.read_text().splitlines()]
    events = {r["fields"]["slug"]: r["fields"] for r in records if r["model"] == "events.event"}
    reports = [r["fields"] for r in records if r["model"] == "events.report"]
    assert (events["truce"]["cameo_code"], events["truce"]["plover_type"]) == ("0871", "RETREAT")
    assert sorted((report["status"], report["cameo_code"]) for report in reports) == [
        ("absent", ""),
        ("declined", "125"),
    ]
