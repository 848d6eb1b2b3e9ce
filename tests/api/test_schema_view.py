"""``/api/schema/`` keeps the API's rules for a query: ``format`` alone, and errors in JSON."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_the_schema_answers_in_its_formats(api_client, format):
    response = api_client.get("/api/schema/", {"format": format})

    assert response.status_code == 200
    assert response.content.lstrip().startswith(b"{" if format == "json" else b"openapi:")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("foo=1", {"foo": ["Unknown query parameter. Valid parameters here: format."]}),
        ("format=yaml&format=json", {"format": ["Given more than once: give one value."]}),
    ],
)
def test_a_bad_query_is_a_json_400_naming_the_parameter(api_client, query, expected):
    response = api_client.get(f"/api/schema/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == expected


def test_an_unknown_format_is_told_in_json(api_client):
    response = api_client.get("/api/schema/", {"format": "xml"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"format": ["No format “xml” here. Valid formats: yaml, json."]}
