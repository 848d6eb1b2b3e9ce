"""A method an address does not answer is a 405 with ``Allow``, checked before its query parameters, format and
credentials: not a 400 about a parameter of a request that could never be answered."""

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("post", "/api/events/export/?format=csv&kind=summit", {"GET", "HEAD", "OPTIONS"}),
        ("post", "/api/events/export/?format=xml&nope=1", {"GET", "HEAD", "OPTIONS"}),
        ("delete", "/api/events/export/?format=csv", {"GET", "HEAD", "OPTIONS"}),
        ("put", "/api/events/?kind=summit&year=2017", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("delete", "/api/reports/?format=xml", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("post", "/api/events/moscow/?fields=nope", {"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"}),
        ("post", "/api/events/moscow/timeline/?nope=1", {"GET", "HEAD", "OPTIONS"}),
        ("post", "/api/changes/?since=x", {"GET", "HEAD", "OPTIONS"}),
        ("delete", "/api/datapackage/?nope=1", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_a_method_not_answered_is_a_405_before_the_parameters(api_client, token_client, method, url, allowed):
    EventFactory(slug="moscow")
    for client in (token_client, api_client):
        response = getattr(client, method)(url, {}, format="json")

        assert response.status_code == 405, (url, response.content)
        assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}
        assert {name.strip() for name in response["Allow"].split(",")} == allowed
