"""Hostile input is a 4xx, never a 500: a NUL in a header or a cursor, a JSON body nested a thousand levels,
a form of 5,000 fields, a URL past the limit. (NUL in addresses, filters and fields: tests/api/test_bounds.py.)

Run on SQLite and on PostgreSQL (DATABASE_URL), whose text cannot hold a NUL."""

import base64
import json
import zlib

import orjson
import pytest
from django.conf import settings
from django.test import Client

from events.api.renderers import JSONRenderer
from events.models import Participant
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def assert_json_4xx(response, status, words):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert words in response.json()["detail"]


def nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "header",
    ["HTTP_AUTHORIZATION", "HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_ACCEPT_LANGUAGE", "HTTP_X_ANYTHING"],
)
@pytest.mark.parametrize("path", ["/api/events/", "/admin/login/", "/api-auth/login/"])
def test_nul_in_a_header_is_400(api_client, header, path):
    value = "Token abc\x00def" if header == "HTTP_AUTHORIZATION" else 'W/"x\x00"'
    assert_json_4xx(api_client.get(path, **{header: value}), 400, "NUL character")


def test_nul_in_a_token_used_to_write_is_400(api_client):
    response = api_client.post("/api/events/", {}, format="json", HTTP_AUTHORIZATION="Token \x00" * 2)
    assert response.status_code == 400


def test_nul_in_a_cursor_is_400_naming_it(api_client):
    """A cursor whose values hold a NUL (base64, so not seen in the URL) names the cursor."""
    EventFactory.create_batch(2)
    first = api_client.get("/api/events/", {"cursor": "", "page_size": 1}).json()
    token = first["next"].split("cursor=")[1].split("&")[0]
    data = orjson.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    data["k"][0] = "x\x00y"
    hostile = base64.urlsafe_b64encode(orjson.dumps(data)).rstrip(b"=").decode()

    response = api_client.get("/api/events/", {"cursor": hostile, "page_size": 1})

    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize("path", ["/admin/", "/admin/events/event/", "/api-auth/login/"])
def test_nul_in_the_url_of_a_page_is_400(admin_client, path):
    """The admin's search (?q=) would hand the NUL to the database."""
    assert_json_4xx(admin_client.get(path, {"q": "moscow\x00"}), 400, "NUL character")
    assert admin_client.get(path.rstrip("/") + "%00/").status_code in {400, 404}


@pytest.mark.parametrize("depth", [1_000, 101])
def test_json_nested_past_the_limit_is_400_naming_it(token_client, depth):
    response = token_client.post("/api/events/", nested(depth), content_type="application/json")
    assert_json_4xx(response, 400, f"limit of {settings.MAX_JSON_DEPTH} levels")


def test_json_nested_past_the_limit_in_an_object_is_400(token_client):
    body = json.dumps({"title": {"a": [[{"b": [[[[]]]]}]]}})
    deep = '{"title": ' + '{"a": ' * 150 + "1" + "}" * 150 + "}"
    assert token_client.post("/api/events/", body, content_type="application/json").status_code == 400
    response = token_client.post("/api/events/", deep, content_type="application/json")
    assert_json_4xx(response, 400, "nested deeper")


def test_json_at_the_limit_is_read(token_client):
    """Nesting up to the limit is parsed: the answer is about the fields, not the depth."""
    body = '{"aliases": ' + nested(settings.MAX_JSON_DEPTH - 1) + "}"
    response = token_client.post("/api/participants/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested deeper" not in response.content.decode()


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_form_of_5000_fields_is_a_json_400(token_client, content_type):
    fields = {f"field{number}": "x" for number in range(5_000)}
    if content_type == "multipart/form-data":
        response = token_client.post("/api/events/", fields, format="multipart")
    else:
        body = "&".join(f"{key}={value}" for key, value in fields.items())
        response = token_client.post("/api/events/", body, content_type=content_type)
    assert_json_4xx(response, 400, "The form has more than 1,000 fields, the most a request may send")


def test_a_form_of_5000_fields_from_a_signed_in_browser_is_a_json_400(curator):
    """Session-authenticated writes run the CSRF check, which reads the form itself."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    body = "&".join(f"field{number}=x" for number in range(5_000))
    response = client.post("/api/events/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in {400, 403}
    assert response["Content-Type"] == "application/json"
    client.cookies["csrftoken"] = "a" * 32  # the check then reads the form's csrfmiddlewaretoken
    response = client.post("/api/events/", body, content_type="application/x-www-form-urlencoded")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "The form has more than 1,000 fields, the most a request may send: send fewer."},
    )  # the limit, not the setting's name (tester, stop 41)


@pytest.mark.parametrize("path", ["/api/events/", "/admin/", "/events/x/"])
def test_a_url_past_the_limit_is_a_json_414(api_client, path):
    response = api_client.get(path, {"search": "a" * settings.MAX_URL_LENGTH})
    assert_json_4xx(response, 414, f"limit of {settings.MAX_URL_LENGTH} characters")


def test_a_url_within_the_limit_is_answered(api_client):
    assert api_client.get("/api/events/", {"search": "a" * 2_000}).status_code == 200


def test_every_operation_documents_the_414_of_a_url_past_the_limit(api_client):
    paths = api_client.get("/api/schema/?format=json").json()["paths"]
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        for method, operation in operations.items()
        if method in ("get", "post", "put", "patch", "delete") and "414" not in operation["responses"]
    ]
    assert paths and undocumented == []


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json; charset=bogus",
        "application/x-www-form-urlencoded; charset=bogus",
        "multipart/form-data; boundary=b; charset=bogus",
        # codecs of bytes, not of text: zlib "decoded" a body a thousandfold past the size limit, rot13 was a 500
        "application/json; charset=zlib",
        "application/json; charset=rot13",
        "application/json; charset=base64",
    ],
)
def test_a_charset_no_codec_reads_is_a_415_naming_content_type(token_client, content_type):
    """Django read the body as UTF-8 as if no charset were named: a mistake in the header passed unseen."""
    body = b'{"slug": "norway", "name": "Norway", "kind": "state"}'
    if content_type.endswith("zlib"):
        body = zlib.compress(body)
    charset = content_type.rpartition("charset=")[2]

    response = token_client.generic("POST", "/api/participants/", body, content_type=content_type)

    assert_json_4xx(response, 415, f"Content-Type: “{charset}” is no character set")


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"'])
def test_a_charset_that_names_utf8_is_read(token_client, charset):
    body = b'{"slug": "norway", "name": "Norway", "kind": "state"}'

    response = token_client.generic(
        "POST", "/api/participants/", body, content_type=f"application/json; charset={charset}"
    )

    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded; charset=utf-16", b"slug=utf&name=U&kind=state"),
        ("application/x-www-form-urlencoded; charset=latin-1", b"slug=lat&name=Caf%E9&kind=state"),
        ("multipart/form-data; boundary=b; charset=utf-16", None),
    ],
)
def test_a_form_in_another_charset_than_utf8_is_a_415(token_client, admin_client, content_type, body):
    """Tester 41, F8: a form declared in UTF-16 was read with garbled field names (a 400 naming "\u6c73\u6f6c"),
    one in Latin-1 was read by the API and refused by the admin with Django's bare 400 page."""
    body = body or FIELDS + b"--b--\r\n"
    said = "Content-Type: a form is read in UTF-8, not “{}”; send it in UTF-8 (charset=utf-8) or name none."
    said = said.format(content_type.rpartition("charset=")[2])

    answer = token_client.generic("POST", "/api/participants/", body, content_type=content_type)
    page = admin_client.generic("POST", "/admin/events/participant/add/", body, content_type=content_type)

    assert (answer.status_code, answer.json()) == (415, {"detail": said})
    assert (page.status_code, page.content.decode()) == (415, said)
    assert page["Content-Type"] == "text/plain; charset=utf-8"  # its curly quotes are UTF-8 (tester 47, 3)
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "content_type",
    ["application/json; charset=latin-1; charset=utf-8", "application/x-www-form-urlencoded; charset=utf-8;charset=x"],
)
def test_a_charset_named_twice_is_a_415(token_client, content_type):
    """Tester 41, F8: the last of two charsets was read, without a word."""
    answer = token_client.generic("POST", "/api/participants/", b"{}", content_type=content_type)

    assert_json_4xx(answer, 415, "Content-Type names a charset more than once")


SURROGATE = "Surrogate characters are not allowed: U+D800."


@pytest.mark.parametrize(
    ("method", "resource", "fields", "named"),
    [
        ("post", "participants", {"slug": "s", "name": "a", "kind": "state", "country": "\ud800"}, "country"),
        ("post", "participants", {"slug": "s", "name": "a", "kind": "\ud800"}, "kind"),
        ("post", "participants", {"slug": "s", "name": "a", "kind": "state", "affiliation": "\ud800"}, "affiliation"),
        ("post", "participants", {"slug": "s", "name": "a", "kind": "state", "\ud800": 1}, "\\ud800"),
        ("post", "participants", {"slug": "s", "name": "a", "kind": "state", "aliases": ["b", "\ud800"]}, "aliases"),
        ("post", "articles", {"title": "T", "publisher": "P", "url": "http://a/\ud800"}, "url"),
        ("patch", "events", {"host": "\ud800"}, "host"),
        ("patch", "events", {"status": "\ud800"}, "status"),
    ],
)
def test_a_lone_surrogate_anywhere_in_a_body_is_a_400_naming_its_field(token_client, method, resource, fields, named):
    """Tester 38, P3: a bad choice, relation, country or field name holding JSON's "\\ud800" escape was a 500: the
    400 that quoted it back could not be written (orjson), and PostgreSQL's driver could not look it up."""
    address = f"/api/{resource}/"
    if method == "patch":
        event = EventFactory()
        address += f"{event.slug}/"
    body = json.dumps(fields)  # ASCII: the escape, as a client sends it
    answer = getattr(token_client, method)(address, body, content_type="application/json")

    assert (answer.status_code, answer.json()) == (400, {named: [SURROGATE]})


def test_an_answer_quoting_a_lone_surrogate_is_written_with_jsons_escape():
    written = JSONRenderer().render({"kind": ["“\ud800” is not a valid choice."]})

    assert json.loads(written) == {"kind": ["“\ud800” is not a valid choice."]}
    assert written.isascii()


@pytest.mark.parametrize(
    ("body", "named", "byte"),
    [
        (b"slug=s&kind=state&name=caf%E9", "name", "e9"),
        (b"slug=s&kind=state&name=caf\xe9", "name", "e9"),
        (b"slug=s&kind=state&name=a&no%FFte=x", "no\\xffte", "ff"),
    ],
)
def test_a_form_field_that_is_not_utf8_is_a_400_naming_it(token_client, body, named, byte):
    """Tester 39, Q4: Django read the bytes it could not decode as U+FFFD and the participant was stored so."""
    answer = token_client.generic("POST", "/api/participants/", body, "application/x-www-form-urlencoded")

    assert answer.status_code == 400, answer.content
    assert answer.json() == {named: [f"Not text in UTF-8: byte 0x{byte} cannot be read. Send the text in UTF-8."]}


def multipart(value):
    parts = [(b"slug", b"s"), (b"kind", b"state"), (b"name", value)]
    fields = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="' + name + b'"\r\n\r\n' + text + b"\r\n" for name, text in parts
    )
    return fields + b"--b--\r\n"


def test_a_multipart_field_that_is_not_utf8_is_a_400_naming_it(token_client):
    answer = token_client.generic(
        "POST", "/api/participants/", multipart(b"caf\xe9"), "multipart/form-data; boundary=b"
    )

    assert (answer.status_code, list(answer.json())) == (400, ["name"])
    assert answer.json()["name"] == ["Not text in UTF-8: byte 0xe9 cannot be read. Send the text in UTF-8."]


FIELDS = b"".join(
    b'--b\r\nContent-Disposition: form-data; name="' + name + b'"\r\n\r\n' + value + b"\r\n"
    for name, value in [(b"slug", b"m"), (b"kind", b"state"), (b"name", b"N")]
)


@pytest.mark.parametrize(
    ("part", "end", "answer"),
    [
        (
            b'Content-Disposition: form-data; name="na\xe9me"',
            b"--b--\r\n",
            {"na\\xe9me": ["Not text in UTF-8: byte 0xe9 cannot be read. Send the text in UTF-8."]},
        ),
        (
            b"Content-Disposition: form-data",
            b"--b--\r\n",
            {"detail": "Part 4 of the multipart body has no name: give each part one name."},
        ),
        (
            b'Content-Disposition: form-data; name="slug"; name="name"',
            b"--b--\r\n",
            {"detail": "Part 4 of the multipart body has two names: give each part one name."},
        ),
        (
            b'Content-Disposition: form-data; name="description"',
            b"",
            {"detail": "The multipart body ends before its closing boundary: it was cut off, and is not read."},
        ),
    ],
)
def test_a_multipart_part_django_would_drop_is_a_400(token_client, part, end, answer):
    """Tester 41, F1: a part named in bytes that are not UTF-8, or named not at all, was dropped and the participant
    written (201); so was a body cut off before its closing boundary read."""
    body = FIELDS + b"--b\r\n" + part + b"\r\n\r\nX\r\n" + end

    response = token_client.generic("POST", "/api/participants/", body, "multipart/form-data; boundary=b")

    assert (response.status_code, response.json()) == (400, answer)


@pytest.mark.parametrize(
    ("body", "content_type", "said"),
    [
        (
            b"slug=adm&kind=state&name=Caf%E9",
            "application/x-www-form-urlencoded",
            "Field “name”: Not text in UTF-8: byte 0xe9",
        ),
        (
            FIELDS.replace(b"\r\nN\r\n", b"\r\nCaf\xe9\r\n") + b"--b--\r\n",
            "multipart/form-data; boundary=b",
            "Field “name”: Not text in UTF-8: byte 0xe9",
        ),
    ],
)
def test_an_admin_form_that_is_not_utf8_is_a_400_naming_the_field(admin_client, body, content_type, said):
    """Tester 41, F5: the admin stored "Caf\ufffd" where the API refused the same bytes."""
    response = admin_client.generic("POST", "/admin/events/participant/add/", body, content_type)

    assert (response.status_code, response["Content-Type"]) == (400, "text/plain; charset=utf-8")
    assert response.content.decode().startswith(said)
    assert not Participant.objects.filter(slug__in=["adm", "m"]).exists()


@pytest.mark.parametrize("name", ["café", "a \ufffd written out"])
def test_form_fields_in_utf8_are_read(token_client, name):
    form = token_client.generic(
        "POST", "/api/participants/", f"slug=f&kind=state&name={name}".encode(), "application/x-www-form-urlencoded"
    )
    parts = token_client.generic(
        "POST",
        "/api/participants/",
        multipart(name.encode()).replace(b'name="slug"\r\n\r\ns', b'name="slug"\r\n\r\nm'),
        "multipart/form-data; boundary=b",
    )

    assert (form.status_code, form.json()["name"]) == (201, name)
    assert (parts.status_code, parts.json()["name"]) == (201, name)


@pytest.mark.parametrize("day", ["2021-02-29", "2020-02-30", "2024-13-01", "2024-04-31"])
def test_a_day_the_calendar_has_not_is_answered_as_the_admin_answers_it(token_client, day):
    """Tester 41, F4: "2021-02-29" was "Date has wrong format", though it is written YYYY-MM-DD."""
    event = EventFactory()

    answer = token_client.patch(f"/api/events/{event.slug}/", {"start_date": day}, format="json")

    assert (answer.status_code, answer.json()) == (
        400,
        {"start_date": [f"“{day}” value has the correct format (YYYY-MM-DD) but it is an invalid date."]},
    )


@pytest.mark.parametrize("query", ["search=%E9", "city=caf%FF", "%E9=1"])
def test_a_query_parameter_that_is_not_utf8_is_a_400_naming_it(api_client, query):
    """Tester 41, F11: "?search=%E9" searched for U+FFFD, where a body's same bytes were a 400."""
    name = query.partition("=")[0].replace("%E9", "\\xe9")
    byte = "e9" if "E9" in query else "ff"

    answer = api_client.get(f"/api/events/?{query}")
    page = api_client.get(f"/admin/login/?{query}")

    assert (answer.status_code, answer.json()) == (
        400,
        {name: [f"Not text in UTF-8: byte 0x{byte} cannot be read. Send the text in UTF-8."]},
    )
    assert page.status_code == 400 and f"Parameter “{name}”" in page.content.decode()
    assert page["Content-Type"] == "text/plain; charset=utf-8"  # tester 47, 3: no charset, read as Latin-1
    # The public pages show it on their HTML page: tests/web/test_query_problems.py


def test_a_query_in_utf8_is_read(api_client):
    assert api_client.get("/api/events/?search=caf%C3%A9").status_code == 200


@pytest.mark.parametrize("body", [b"slug=r&kind=state&name=X&name=Y", b"slug=r&slug=r2&kind=state&name=X"])
def test_a_form_field_given_twice_is_a_400_naming_it(token_client, body):
    """Tester 41, F3: the last value silently won, where a query parameter given twice is refused."""
    named = "name" if b"name=Y" in body else "slug"

    answer = token_client.generic("POST", "/api/participants/", body, "application/x-www-form-urlencoded")

    assert (answer.status_code, answer.json()) == (400, {named: ["Given more than once: give one value."]})


def test_a_list_field_takes_a_form_field_given_twice(token_client):
    body = b"slug=r&kind=state&name=X&aliases=A&aliases=B"

    answer = token_client.generic("POST", "/api/participants/", body, "application/x-www-form-urlencoded")

    assert (answer.status_code, answer.json()["aliases"]) == (201, ["A", "B"])


def test_a_multipart_part_named_without_quotes_is_read(token_client):
    """The name may be a bare token (``name=slug``), as Django reads it: not "no name"."""
    body = FIELDS.replace(b'name="slug"', b"name=slug") + b"--b--\r\n"

    answer = token_client.generic("POST", "/api/participants/", body, "multipart/form-data; boundary=b")

    assert (answer.status_code, answer.json()["slug"]) == (201, "m")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('{"slug": "ff", "name": "F", "name": "G", "kind": "state"}', "name"),
        ('{"slug": "ff", "name": "F", "kind": "state", "aliases": ["A"], "aliases": []}', "aliases"),
    ],
)
def test_a_json_name_given_twice_is_a_400_naming_it(token_client, text, named):
    """Tester 42, F3: the last of two values of one name was written, where a form given it twice is a 400."""
    answer = token_client.generic("POST", "/api/participants/", text.encode(), content_type="application/json")

    assert (answer.status_code, answer.json()) == (400, {named: ["Given more than once: give one value."]})
    assert not Participant.objects.exists()


@pytest.mark.parametrize(("address", "name"), [("/api/events/", "date_after"), ("/api/articles/", "published_after")])
def test_a_day_the_calendar_has_not_is_answered_in_a_filter_as_in_a_body(api_client, address, name):
    """Tester 42, F4: "2021-02-29" was "Enter a valid date." in a filter, the words of a malformed one."""
    answer = api_client.get(address, {name: "2021-02-29"})

    assert (answer.status_code, answer.json()) == (
        400,
        {name: ["“2021-02-29” value has the correct format (YYYY-MM-DD) but it is an invalid date."]},
    )
    assert api_client.get(address, {name: "2021-2-28"}).json() == {name: ["Enter a valid date."]}


def test_an_unknown_ordering_is_told_with_the_valid_ones(api_client):
    """Tester 42, F5: it said Django's "Select a valid choice. ;drop is not one of the available choices."."""
    answer = api_client.get("/api/articles/", {"ordering": "title,;drop"})

    valid = "published_on, -published_on, title, -title, publisher, -publisher, created_at, -created_at, updated_at"
    assert (answer.status_code, answer.json()) == (
        400,
        {"ordering": [f"“;drop” is not a valid choice. Valid choices: {valid}, -updated_at."]},
    )


def test_a_json_body_with_a_byte_order_mark_is_read(token_client):
    """Tester (stop 41): "JSON parse error - Unexpected UTF-8 BOM (decode using utf-8-sig)", where import_records,
    the fixtures and ingest_article drop it from a file."""
    body = json.dumps({"slug": "bom", "name": "Café", "kind": "state"}).encode()

    answer = token_client.generic("POST", "/api/participants/", b"\xef\xbb\xbf" + body, "application/json")

    assert answer.status_code == 201, answer.content
    assert answer.json()["name"] == "Café"


def test_a_json_body_that_is_not_utf8_is_told_as_a_form_field_is(token_client):
    """Tester (stop 41): Python's words, "JSON parse error - 'utf-8' codec can't decode byte 0xe9 in position 9…",
    where the same bytes in a form were "Not text in UTF-8: byte 0xe9 cannot be read."."""
    told = "Not text in UTF-8: byte 0xe9 cannot be read. Send the text in UTF-8."
    body = '{"slug": "s", "kind": "state", "name": "Café"}'.encode("latin-1")

    answer = token_client.generic("POST", "/api/participants/", body, "application/json")
    form = token_client.generic(
        "POST", "/api/participants/", b"slug=s&kind=state&name=Caf\xe9", "application/x-www-form-urlencoded"
    )

    assert (answer.status_code, answer.json()) == (400, {"detail": f"JSON body: {told}"})
    assert form.json() == {"name": [told]}


@pytest.mark.parametrize("charset", ["punycode", "idna"])
def test_a_json_body_a_codec_refuses_without_naming_a_byte_is_a_400(token_client, charset):
    """The review of stop 41: punycode and idna refuse with a bare UnicodeError (no byte named), which was a 500."""
    body = b'{"title": "x.y", "label": "xn--zz-\xff"}' if charset == "idna" else b'{"title": "x.y"}'

    answer = token_client.generic("POST", "/api/events/", body, f"application/json; charset={charset}")

    assert answer.status_code in (400, 415), answer.content
    assert "detail" in answer.json()
