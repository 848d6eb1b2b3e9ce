"""The public index's map (/events/): the page's events as markers over country outlines, drawn in Chromium from
files the site serves itself, with no tile server, no other host and no Content-Security-Policy violation."""

import datetime
from urllib.parse import urlsplit

import pytest

from tests.factories import EventFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browsing(page, live_server):
    """The page, with every CSP violation and every request to another host it makes."""
    seen = {"violations": [], "elsewhere": []}
    page.on(
        "console",
        lambda message: seen["violations"].append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    here = urlsplit(live_server.url).netloc
    page.on(
        "request",
        lambda request: (
            seen["elsewhere"].append(request.url)
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != here
            else None
        ),
    )
    return seen


def test_the_index_maps_its_events_with_no_tile_server_and_no_violation(page, browsing, screenshots):
    EventFactory(title="Moscow talks", city="Moscow", country="RU", start_date=datetime.date(2018, 9, 4))
    EventFactory(title="Kabul meeting", city="Kabul", country="AF", start_date=datetime.date(2018, 8, 20))
    EventFactory(title="Geneva talks", city="", country="", latitude=46.2, longitude=6.15)
    EventFactory(title="Somewhere", city="", country="", start_date=datetime.date(2018, 7, 1))  # no place: no marker

    response = page.goto("/events/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("#event-map[data-ready=true]")

    assert page.locator("#event-map path.event-marker").count() == 3
    assert page.locator("#event-map path.country").count() > 150  # Natural Earth's countries at 1:110m
    assert page.locator("#event-map .leaflet-tile").count() == 0
    page.locator("#event-map path.event-marker").first.click(force=True)
    assert page.locator(".leaflet-popup-content a").inner_text() in {"Moscow talks", "Kabul meeting", "Geneva talks"}
    page.screenshot(path=str(screenshots / "event-map.png"))
    assert browsing["violations"] == []
    assert browsing["elsewhere"] == []


def test_a_search_maps_only_its_matches(page, browsing):
    EventFactory(title="Moscow talks", city="Moscow", country="RU")
    EventFactory(title="Kabul meeting", city="Kabul", country="AF")

    page.goto("/events/?country=AF")
    page.wait_for_selector("#event-map[data-ready=true]")

    assert page.locator("#event-map path.event-marker").count() == 1
    assert browsing["violations"] == []
