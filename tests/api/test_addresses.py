"""The API's addresses: with or without their trailing slash, for every method."""

import pytest

from events.models import Event
from tests.factories import EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

NEW_EVENT = {
    "slug": "geneva-talks",
    "title": "Geneva talks",
    "kind": "peace_talks",
    "status": "scheduled",
    "start_date": "2018-09-04",
    "city": "Geneva",
    "country": "CH",
}


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    """Both ways: with DEBUG on, Django's APPEND_SLASH raises on a write to an address with no slash."""
    settings.DEBUG = request.param


def test_a_write_without_the_trailing_slash_is_the_write_with_it(token_client, debug):
    """``POST /api/events``, ``PATCH``, ``PUT`` and ``DELETE /api/events/<slug>`` answer as with the slash."""
    created = token_client.post("/api/events", NEW_EVENT, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["slug"] == "geneva-talks"

    patched = token_client.patch("/api/events/geneva-talks", {"title": "Geneva talks, again"}, format="json")
    assert patched.status_code == 200, patched.content
    assert Event.objects.get(slug="geneva-talks").title == "Geneva talks, again"

    put = token_client.put("/api/events/geneva-talks", {**NEW_EVENT, "city": "Lausanne"}, format="json")
    assert put.status_code == 200, put.content
    assert Event.objects.get(slug="geneva-talks").city == "Lausanne"

    deleted = token_client.delete("/api/events/geneva-talks")
    assert deleted.status_code == 204
    assert not Event.objects.filter(slug="geneva-talks").exists()


@pytest.mark.parametrize(
    "address",
    [
        "/api",
        "/api/events",
        "/api/events/moscow",
        "/api/events/moscow/timeline",
        "/api/events/moscow/history",
        "/api/participants",
        "/api/attendances",
        "/api/reports/{report}",
        "/api/articles",
        "/api/changes",
    ],
)
def test_a_read_without_the_trailing_slash_is_the_read_with_it(token_client, debug, address):
    """A ``GET`` without the slash answers what the address with it answers, with no redirect."""
    report = ReportFactory(attendance__event=EventFactory(slug="moscow"))
    address = address.format(report=report.pk)

    without, with_slash = token_client.get(address), token_client.get(f"{address}/")

    assert with_slash.status_code == 200
    assert without.status_code == 200
    assert without.content == with_slash.content


def test_links_name_the_address_with_the_slash(api_client):
    """A list read without the slash links its pages as the schema names them: with it."""
    host = ParticipantFactory()
    EventFactory.create_batch(3, host=host)

    response = api_client.get("/api/events", {"page_size": 1})

    assert response.json()["next"] == "http://testserver/api/events/?page=2&page_size=1"


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize(
    "address",
    [
        "/api/nope/",
        "/api/nope",
        "/api/attendances/abc/",
        "/api/attendances/-1/",
        "/api/events/moscow/nope/",
        "/api/events/moscow/timeline/nope/",
        # No format suffixes: a format is ?format= (a suffix took precedence over it).
        "/api/events.csv",
        "/api/events/moscow.json",
        "/api/reports/1.5/",
    ],
)
def test_an_unknown_address_under_the_api_is_a_json_404(token_client, debug, method, address):
    """An address no route knows is the API's JSON 404 naming it, DEBUG on or off, whatever the method."""
    EventFactory(slug="moscow")

    response = getattr(token_client, method)(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f"No address of the API is “{address}”: /api/ lists the resources."}


def test_the_unknown_address_route_is_not_in_the_schema(api_client):
    """The JSON 404 of unknown addresses is no endpoint of the schema."""
    paths = api_client.get("/api/schema/", {"format": "json"}).json()["paths"]

    assert all(path.startswith("/api/") and path != "/api/" for path in paths)
    assert len(paths) == len(set(paths))
    assert "/api/events/{slug}/" in paths
