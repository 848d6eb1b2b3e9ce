"""Every answer under /api/ varies with the reader: ``Vary`` names ``Authorization`` and ``Cookie``.

Curators read drafts, usernames and histories that the public does not (events.api.audience), so a shared
cache must key every answer by the credentials too: a 200, a 304, an error, an export, the data package.
"""

import pytest
from django.test import override_settings
from django.utils.cache import cc_delim_re

from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def varies_with(response):
    return {name.strip().lower() for name in cc_delim_re.split(response.get("Vary", "")) if name.strip()}


def assert_varies_with_the_reader(response):
    assert {"authorization", "cookie"} <= varies_with(response), (response.status_code, response.get("Vary"))


@pytest.mark.parametrize(
    "url",
    [
        "/api/",
        "/api/reports/",
        "/api/reports/?format=csv",
        "/api/reports/export/?format=csv",
        "/api/reports/export/?format=ndjson",
        "/api/events/?fields=slug",
        "/api/changes/",
        "/api/changes/?format=csv",
        "/api/datapackage/",
        "/api/schema/",
        "/api/reports/?status=talks",  # a 400
        "/api/reports/999999/",  # a 404
        "/api/nope/",  # an address no route knows
        "/api/events/export/?format=csv&kind=summit&nope=1",  # a 400 of an export
    ],
)
def test_every_answer_varies_with_the_reader(token_client, api_client, url):
    ReportFactory()
    for client in (token_client, api_client):
        response = client.get(url)
        assert_varies_with_the_reader(response)


def test_a_curators_history_varies_with_the_reader(token_client):
    report = ReportFactory()
    response = token_client.get(f"/api/reports/{report.pk}/history/")

    assert response.status_code == 200
    assert_varies_with_the_reader(response)


def test_a_304_and_a_kept_answer_vary_with_the_reader(token_client):
    report = ReportFactory()
    for url in ("/api/reports/", f"/api/reports/{report.pk}/", "/api/reports/?format=csv"):
        first = token_client.get(url)
        kept = token_client.get(url)  # answered from what was kept
        not_modified = token_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

        assert (first.status_code, kept.status_code, not_modified.status_code) == (200, 200, 304)
        for response in (first, kept, not_modified):
            assert_varies_with_the_reader(response)
        assert "accept" in varies_with(first) and "accept" in varies_with(not_modified)


def test_a_write_and_its_errors_vary_with_the_reader(token_client, api_client):
    report = ReportFactory()
    assert_varies_with_the_reader(api_client.patch(f"/api/reports/{report.pk}/", {}, format="json"))  # 401
    assert_varies_with_the_reader(token_client.patch(f"/api/reports/{report.pk}/", {}, format="json"))


@override_settings(MAX_URL_LENGTH=100)
def test_an_answer_of_the_middlewares_varies_with_the_reader(api_client):
    response = api_client.get("/api/events/?search=" + "x" * 200)

    assert response.status_code == 414
    assert_varies_with_the_reader(response)
