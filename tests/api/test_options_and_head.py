"""OPTIONS and HEAD answer every address without a 5xx. OPTIONS describes the view in JSON whatever format the
address answers (tester 48, item 1: OPTIONS /api/datapackage/ was a 500, its zip renderer renders nothing; the
calendar's description was ``namedescriptionrendersparses`` as text/calendar, an export's JSON labelled text/csv).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from events.api.urls import router
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

FORMATS = ["json", "api", "csv", "ndjson", "ics", "geojson", "zip"]


def test_options_on_the_data_package_describes_it_in_json(api_client):
    for url, headers in [
        ("/api/datapackage/", {}),
        ("/api/datapackage/?format=zip", {}),
        ("/api/datapackage/", {"HTTP_ACCEPT": "application/zip"}),
    ]:
        answer = api_client.options(url, **headers)

        assert answer.status_code == 200, (url, headers, answer.content)
        assert answer["Content-Type"] == "application/json"
        assert answer.json()["renders"] == ["application/zip"]
        assert {name.strip() for name in answer["Allow"].split(",")} == {"GET", "HEAD", "OPTIONS"}
    head = api_client.head("/api/datapackage/")
    assert head.status_code == 200 and head["Content-Type"] == "application/zip"
    assert api_client.get("/api/datapackage/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/participants/{participant}/calendar.ics",
        "/api/events/export/?format=csv",
        "/api/events/export/?format=ndjson",
        "/api/reports/?format=csv",
        "/api/events/?format=ics",
        "/api/events/?format=geojson",
        "/api/schema/",
        "/api/schema/?format=yaml",
        "/api/schema/?format=json",
    ],
)
def test_options_is_json_whatever_format_the_address_answers(api_client, url):
    report = ReportFactory()
    answer = api_client.options(url.format(participant=report.attendance.participant.slug))

    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"] == "application/json"
    assert "renders" in answer.json()


def named_routes(patterns, namespace=""):
    """``(name, kwargs' names)`` of every named route under ``patterns`` (the admin's left out), its name with its
    namespace (``rest_framework:login``)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, set(pattern.pattern.regex.groupindex)


@pytest.fixture
def addresses():
    """Every address of the API's router and of the other API views and public pages, for existing records."""
    report = ReportFactory()
    attendance = report.attendance
    lookups = {
        "event": {"slug": attendance.event.slug, "pk": attendance.event.pk},
        "participant": {"slug": attendance.participant.slug, "pk": attendance.participant.pk},
        "attendance": {"pk": attendance.pk},
        "report": {"pk": report.pk},
        "article": {"pk": report.article.pk},
    }
    found = []
    for name, kwargs in named_routes(get_resolver().url_patterns):
        if name == "view-on-site":  # the admin's
            continue
        values = lookups.get(name.split("-")[0], {})
        if not kwargs <= set(values):
            pytest.fail(f"no value for the {sorted(kwargs)} of the route {name}")
        found.append(reverse(name, kwargs={key: values[key] for key in kwargs}))
    router_names = {url.name for url in router.urls}
    assert router_names <= {name for name, _kwargs in named_routes(get_resolver().url_patterns)}
    assert {"/api/datapackage/", "/", "/events/", "/api/schema/", "/api-auth/login/"} <= set(found)
    return sorted({*found, "/api/no-such-address/"})


def test_options_and_head_never_answer_a_server_error(addresses, api_client, token_client):
    api_client.raise_request_exception = token_client.raise_request_exception = False
    errors = []
    for client in (api_client, token_client):
        for address in addresses:
            for query in ["", *(f"?format={format}" for format in FORMATS)]:
                for method in ("options", "head"):
                    answer = getattr(client, method)(address + query)
                    if answer.status_code >= 500:
                        errors.append((method.upper(), address + query, answer.status_code))
    assert errors == []


def test_options_of_the_event_list_names_the_formats_its_get_answers(api_client):
    renders = api_client.options("/api/events/").json()["renders"]

    assert {"text/calendar", "application/geo+json"} <= set(renders)
    assert api_client.options("/api/events/?format=bogus").status_code == 400


def test_options_of_the_extraction_lists_no_field_for_its_post(token_client):
    """Tester 50: it listed the article's fields, which the POST refuses ("this request takes no body")."""
    article = ReportFactory().article
    description = token_client.options(f"/api/articles/{article.pk}/extract/").json()

    assert description.get("actions", {}).get("POST", {}) == {}
