"""The landing page, /: what this is and the ways in; the admin's "View site" leads there."""

import pytest

from tests.factories import EventFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_landing_page_says_what_this_is_and_links_the_ways_in(client):
    """It links the events index, the API, its docs and the admin."""
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "diplomatic events" in html
    for link in ('href="/events/"', 'href="/api/"', 'href="/api/docs/"', 'href="/admin/"'):
        assert link in html


def test_landing_page_counts_verified_reports_and_lists_the_latest_events(client):
    """Drafts are not counted for the public; the newest events link to their pages."""
    ReportFactory(review="verified", attendance__event__title="Doha talks")
    ReportFactory(review="draft")
    EventFactory(title="Geneva conference")

    response = client.get("/")

    assert response.context["reports"] == 1
    assert "and 1 verified report." in response.content.decode()
    html = response.content.decode()
    assert {event.title for event in response.context["latest"]} >= {"Doha talks", "Geneva conference"}
    assert f'href="/events/{response.context["latest"][0].slug}/"' in html


def test_admin_view_site_leads_to_the_landing_page(admin_client):
    """The admin's "View site" link is /."""
    html = admin_client.get("/admin/").content.decode()

    assert '<a href="/">View site</a>' in html
