"""A form of more fields, or a query of more parameters, than a request may send is a 400 naming the limit, read from
``DATA_UPLOAD_MAX_NUMBER_FIELDS``, not the setting; a multipart body whose Content-Type names no boundary is a 400
saying so (tester, stop 41: "… exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.", "Invalid boundary in multipart:
None")."""

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def form_message(limit):
    return f"The form has more than {limit:,} fields, the most a request may send: send fewer."


def query_message(limit):
    return f"The query has more than {limit:,} parameters, the most a request may send: send fewer."


def multipart(count, boundary=b"b"):
    parts = (b'--%s\r\nContent-Disposition: form-data; name="f%d"\r\n\r\nx\r\n' % (boundary, i) for i in range(count))
    return b"".join(parts) + b"--%s--\r\n" % boundary


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"&".join(b"f%d=x" % i for i in range(1_100)), FORM),
        (multipart(1_100), "multipart/form-data; boundary=b"),
    ],
    ids=["urlencoded", "multipart"],
)
def test_a_form_of_too_many_fields_is_told_the_limit(token_client, body, content_type):
    answer = token_client.generic("POST", "/api/participants/", body, content_type)

    assert (answer.status_code, answer.json()) == (400, {"detail": form_message(1_000)})
    assert "settings" not in answer.content.decode()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"&".join(b"f%d=x" % i for i in range(1_100)), FORM),
        (multipart(1_100), "multipart/form-data; boundary=b"),
    ],
    ids=["urlencoded", "multipart"],
)
def test_an_admin_form_of_too_many_fields_is_told_the_limit_in_plain_text(client, settings, body, content_type):
    """Tester 50: the admin's sign-in answered Django's debug page (with DEBUG on), naming the setting."""
    settings.DEBUG = True

    answer = client.generic("POST", "/admin/login/", body, content_type)

    assert (answer.status_code, answer.content.decode()) == (400, form_message(1_000))


def test_the_limit_told_is_the_settings(token_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20

    answer = token_client.generic("POST", "/api/participants/", b"&".join([b"a=1"] * 21), FORM)

    assert answer.json() == {"detail": form_message(20)}


QUERY = "&".join(["a"] * 1_100)  # short enough for the URL's limit


@pytest.mark.parametrize("path", ["/api/events/", "/api/events/moscow-talks/", "/api/schema/"])
def test_a_query_of_too_many_parameters_is_told_the_limit_in_json(api_client, path):
    EventFactory(slug="moscow-talks")

    answer = api_client.get(f"{path}?{QUERY}")

    assert (answer.status_code, answer.json()) == (400, {"detail": query_message(1_000)})


@pytest.mark.parametrize("path", ["/", "/events/", "/events/moscow-talks/"])
def test_a_public_page_shows_a_query_of_too_many_parameters_as_a_message(client, path):
    EventFactory(slug="moscow-talks")

    answer = client.get(f"{path}?{QUERY}")

    assert answer.status_code == 400
    assert answer.context["problems"] == [query_message(1_000)]


def test_another_page_says_it_in_plain_text(client):
    answer = client.get(f"/admin/login/?{QUERY}")

    assert (answer.status_code, answer.content.decode()) == (400, query_message(1_000))


@pytest.mark.parametrize(
    ("content_type", "told"),
    [
        ("multipart/form-data", "names no boundary"),
        ("multipart/form-data; boundary=", "names no boundary"),
        ('multipart/form-data; boundary="a "', "“a ” is no multipart boundary"),
    ],
)
def test_a_multipart_body_with_no_boundary_is_told_so(token_client, client, content_type, told):
    body = multipart(3)

    answer = token_client.generic("POST", "/api/participants/", body, content_type)
    admin = client.generic("POST", "/admin/login/", body, content_type)

    assert answer.status_code == 400
    assert told in answer.json()["detail"] and "None" not in answer.json()["detail"]
    assert admin.status_code == 400 and told in admin.content.decode()


def test_a_form_of_too_many_files_is_told_the_limit(token_client):
    part = b'--b\r\nContent-Disposition: form-data; name="f%d"; filename="a.txt"\r\n\r\nx\r\n'
    body = b"".join(part % i for i in range(101)) + b"--b--\r\n"

    answer = token_client.generic("POST", "/api/participants/", body, "multipart/form-data; boundary=b")

    told = "The form has more than 100 files, the most a request may send."
    assert (answer.status_code, answer.json()) == (400, {"detail": told})
