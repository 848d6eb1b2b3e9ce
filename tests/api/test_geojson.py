"""``/api/events/?format=geojson``: an RFC 7946 FeatureCollection, checked with the geojson package's validator."""

import datetime

import geojson
import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def collection(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    document = geojson.loads(response.content.decode())
    assert isinstance(document, geojson.FeatureCollection)
    assert document.is_valid, document.errors()
    return document


def test_events_with_coordinates_are_points_in_longitude_latitude_order(api_client):
    EventFactory(slug="moscow", title="Moscow talks", city="Moscow", country="RU", kind="peace_talks")
    EventFactory(slug="nowhere", city="", country="")  # no coordinates: no feature

    document = collection(api_client.get("/api/events/?format=geojson"))

    (feature,) = document["features"]
    assert feature["id"] == "moscow"
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.61781, 55.75204]}
    properties = feature["properties"]
    assert {key: properties[key] for key in ("slug", "title", "city", "country", "cameo_code", "plover_type")} == {
        "slug": "moscow",
        "title": "Moscow talks",
        "city": "Moscow",
        "country": "RU",
        "cameo_code": "046",
        "plover_type": "CONSULT",
    }
    assert properties["page_url"] == "http://testserver/events/moscow/"
    assert "latitude" not in properties and "crs" not in document


def test_the_filters_apply_with_no_pages_and_in_the_list_order(api_client):
    for day in (1, 2, 3):
        EventFactory(slug=f"kabul-{day}", city="Kabul", country="AF", start_date=datetime.date(2018, 8, day))
    EventFactory(slug="moscow", city="Moscow", country="RU")

    document = collection(api_client.get("/api/events/?format=geojson&country=Afghanistan"))

    assert [feature["id"] for feature in document["features"]] == ["kabul-3", "kabul-2", "kabul-1"]


def test_no_match_is_an_empty_collection(api_client):
    EventFactory()
    assert collection(api_client.get("/api/events/?format=geojson&kind=summit"))["features"] == []


def test_a_bad_filter_is_a_json_400_and_a_detail_has_no_geojson(api_client):
    EventFactory(slug="moscow")
    response = api_client.get("/api/events/?format=geojson&date_after=yesterday")
    assert (response.status_code, list(response.json())) == (400, ["date_after"])
    detail = api_client.get("/api/events/moscow/?format=geojson")
    assert (detail.status_code, list(detail.json())) == (400, ["format"])  # a format of the list only


def test_geojson_reads_in_one_query(api_client, django_assert_num_queries):
    for _ in range(5):
        EventFactory()
    with django_assert_num_queries(2):  # and one of the change log's state, for the list's ETag
        assert len(collection(api_client.get("/api/events/?format=geojson"))["features"]) == 5
