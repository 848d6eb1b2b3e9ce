"""A format an address does not answer is a 400 naming ``format`` and listing the valid ones, as every other
bad parameter is: not DRF's bare 404."""

import pytest

from tests.factories import EventFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "given", "valid"),
    [
        ("/api/events/?format=xml", "xml", ["json", "csv", "ics", "geojson"]),
        ("/api/events/?format=CSV", "CSV", ["json", "csv"]),
        ("/api/events/?format=ndjson", "ndjson", ["json", "csv"]),
        ("/api/events/moscow/?format=geojson", "geojson", ["json", "csv"]),
        ("/api/reports/?format=ics", "ics", ["json", "csv"]),
        ("/api/changes/?format=xml", "xml", ["json"]),
    ],
)
def test_an_unknown_format_is_a_400_naming_it(api_client, url, given, valid):
    EventFactory(slug="moscow")
    ReportFactory()
    response = api_client.get(url)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["format"]
    [message] = response.json()["format"]
    assert message.startswith(f"No format “{given}” here. Valid formats: ")
    listed = message.removeprefix(f"No format “{given}” here. Valid formats: ").removesuffix(".").split(", ")
    assert set(valid) <= set(listed)
    assert given not in listed


def test_an_unknown_format_is_a_400_for_a_write_too(token_client):
    response = token_client.post("/api/participants/?format=xml", {"name": "X", "kind": "state"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["format"]
