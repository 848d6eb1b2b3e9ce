"""An Authorization header of a scheme the API does not take (``Bearer``, ``Basic``) is a 401 naming the one it
takes, ``Token``, with ``WWW-Authenticate: Token``: it was read as anonymous without a word, a 200, where a wrong
token was a 401 (tester, stop 41). The admin, its sign-in and the public pages do not read it."""

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

TOLD = "Authorization: the API takes “Token <key>” (or the session of a sign-in), not the scheme “{}”."


@pytest.mark.parametrize("header", ["Bearer nonsense", "Basic YWxpY2U6c2VjcmV0", "bearer", "Digest a=b"])
@pytest.mark.parametrize("path", ["/api/events/", "/api/events/moscow-talks/", "/api/", "/api/schema/"])
def test_another_scheme_is_a_401_naming_token(client, path, header):
    EventFactory(slug="moscow-talks")

    response = client.get(path, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": TOLD.format(header.split()[0])}


def test_a_write_with_another_scheme_is_the_same_401(client, curator):
    key = Token.objects.create(user=curator).key

    response = client.post("/api/events/", {}, HTTP_AUTHORIZATION=f"Bearer {key}", content_type="application/json")

    assert (response.status_code, response.json()) == (401, {"detail": TOLD.format("Bearer")})


@pytest.mark.parametrize("header", ["Token nonsense", "token nonsense"])
def test_a_wrong_token_is_a_401_as_before(client, header):
    response = client.get("/api/events/", HTTP_AUTHORIZATION=header)

    assert (response.status_code, response["WWW-Authenticate"]) == (401, "Token")
    assert response.json() == {"detail": "Invalid token."}


def test_a_token_and_no_header_are_read_as_before(client, curator):
    key = Token.objects.create(user=curator).key

    assert client.get("/api/events/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert client.get("/api/events/").status_code == 200
    assert client.get("/api/events/", HTTP_AUTHORIZATION="").status_code == 200


@pytest.mark.parametrize("path", ["/", "/events/", "/events/moscow-talks/", "/admin/login/", "/api-auth/login/"])
def test_the_pages_and_the_sign_in_do_not_read_it(client, path):
    EventFactory(slug="moscow-talks")

    assert client.get(path, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 200


def test_the_admin_signed_in_by_session_does_not_read_it(admin_client):
    assert admin_client.get("/admin/events/event/", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 200
