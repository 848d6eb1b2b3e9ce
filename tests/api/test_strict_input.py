"""Contract v2's strict input: unknown body fields and query parameters are a 400, choices are listed,
countries are found by name."""

import json

import pytest
from django.core.exceptions import ValidationError as ModelValidationError
from django.urls import resolve
from rest_framework.test import APIClient

from events.api.parameters import accepted_parameters
from events.models import Event, Participant
from events.rules.values import ONLY_WHITE_SPACE
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------------------
# Unknown body fields
# ------------------------------------------------------------------------------
def article_body(**changes):
    return {
        "title": "Afghanistan will not attend",
        "publisher": "TOLOnews",
        "published_on": "2018-08-22",
        "body": "Kabul will not attend the Moscow talks.",
        **changes,
    }


def test_unknown_field_in_a_post_is_a_400_naming_it_and_listing_the_writable_fields(token_client):
    """An article posted with ``text`` instead of ``body`` is refused, naming ``text``."""
    body = article_body()
    body["text"] = body.pop("body")

    response = token_client.post("/api/articles/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["text"]
    (message,) = response.json()["text"]
    assert message == (
        "This article has no such field. Writable fields: url, title, publisher, published_on, language, body."
    )


def test_known_fields_in_a_post_are_written(token_client):
    """The miss: the same article with ``body`` is created."""
    assert token_client.post("/api/articles/", article_body(), format="json").status_code == 201


def test_role_on_a_report_is_a_400(token_client):
    """``role`` belongs to an attendance, not to a report."""
    report = ReportFactory()

    response = token_client.patch(f"/api/reports/{report.pk}/", {"role": "host"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["role"]
    assert "Writable fields: attendance, event, participant, status, review," in response.json()["role"][0]


@pytest.mark.parametrize(
    ("url", "factory"),
    [
        ("/api/events/{slug}/", EventFactory),
        ("/api/participants/{slug}/", ParticipantFactory),
        ("/api/attendances/{pk}/", AttendanceFactory),
        ("/api/reports/{pk}/", ReportFactory),
        ("/api/articles/{pk}/", ArticleFactory),
    ],
)
def test_a_detail_read_can_be_put_back(token_client, url, factory):
    """Every read-only field of a detail (id, timestamps, version, uid, reviewed_by, what it nests) is ignored."""
    record = factory()
    if factory is EventFactory:
        ReportFactory(attendance=AttendanceFactory(event=record))
    url = url.format(slug=getattr(record, "slug", None), pk=record.pk)
    read = token_client.get(url).json()
    if factory is ReportFactory:
        read.pop("attendance")  # it would have to match event and participant: give those instead

    response = token_client.put(url, read, format="json")

    assert response.status_code == 200, response.json()
    # Put back as read, it changes nothing, so nothing is written (tests/api/test_versions.py).
    assert response.json()["version"] == read["version"]


# ------------------------------------------------------------------------------
# Unknown query parameters
# ------------------------------------------------------------------------------
def test_unknown_query_parameter_is_a_400_listing_the_valid_ones(api_client):
    """``?year=2017`` on the events is refused, naming ``year`` and listing what the list takes."""
    response = api_client.get("/api/events/", {"year": "2017"})

    assert response.status_code == 400
    assert list(response.json()) == ["year"]
    message = response.json()["year"][0]
    assert message.startswith(
        "Unknown query parameter. Valid parameters here: article, cameo_code, city, country, cursor,"
    )
    assert "expand" in message and "page_size" in message


def test_documented_query_parameters_are_taken(api_client):
    """The miss: the list's own filters and pages are accepted."""
    response = api_client.get("/api/events/", {"kind": "summit", "page": 1, "page_size": 5, "format": "json"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url, query",
    [
        ("/api/events/", "page=1&page=2"),
        ("/api/events/", "ordering=title&ordering=-title"),
        ("/api/events/", "country=ru&country=af"),
        ("/api/attendances/", "participant=a&participant=b"),
        ("/api/participants/", "search=a&search=b"),
        ("/api/events/", "format=json&format=csv"),
    ],
)
def test_a_single_valued_parameter_given_twice_is_a_400_naming_it(api_client, url, query):
    """Which value would win is the framework's guess (the last): the request is refused instead."""
    name = query.partition("=")[0]

    response = api_client.get(f"{url}?{query}")

    assert response.status_code == 400
    assert response.json() == {name: ["Given more than once: give one value."]}


def test_a_choice_and_the_fields_may_be_given_twice(api_client):
    """Several values of a choice filter mean either; ``fields`` twice is the two lists together."""
    EventFactory(kind="summit", slug="a-summit", title="A summit")
    EventFactory(kind="meeting", slug="a-meeting", title="A meeting")
    EventFactory(kind="talks", slug="some-talks")

    response = api_client.get("/api/events/?kind=summit&kind=meeting&fields=slug&fields=kind&ordering=title")

    assert response.status_code == 200
    assert response.json()["results"] == [
        {"slug": "a-meeting", "kind": "meeting"},
        {"slug": "a-summit", "kind": "summit"},
    ]


def schema_operations():
    client = APIClient()
    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            names = {parameter["name"] for parameter in operation.get("parameters", []) if parameter["in"] == "query"}
            yield path, method.upper(), names


def view_of(path, method, keys):
    """The view that answers ``method`` on the schema's ``path``, routed as for a request."""
    url = path.format(**keys)
    match = resolve(url)
    callback = match.func
    initkwargs = getattr(callback, "initkwargs", {})
    view = callback.cls(**initkwargs)
    actions = getattr(callback, "actions", None)
    if actions:
        view.action = actions[method.lower()]
    view.kwargs = match.kwargs
    return view


def test_every_operation_takes_exactly_the_parameters_its_schema_documents():
    """The accepted set is derived from the declarations the schema reads: they are equal everywhere."""
    keys = {"slug": "x", "id": "1"}
    compared = 0
    for path, method, documented in schema_operations():
        if not path.startswith("/api/") or path == "/api/schema/":
            continue
        view = view_of(path, method, keys)
        assert accepted_parameters(view) == documented, (method, path)
        compared += 1
    assert compared > 30


@pytest.mark.parametrize(
    "url",
    [
        "/api/events/",
        "/api/participants/",
        "/api/attendances/",
        "/api/reports/",
        "/api/articles/",
        "/api/events/export/",
        "/api/events/moscow/timeline/",
        "/api/events/moscow/",
    ],
)
def test_every_read_refuses_an_unknown_parameter(api_client, url):
    """Lists, exports, the timeline and details all refuse a parameter they do not document."""
    EventFactory(slug="moscow")
    export = {"format": "csv"} if url.endswith("/export/") else {}
    response = api_client.get(url, {**export, "yaer": "2017"})

    assert response.status_code == 400
    assert list(response.json()) == ["yaer"]


def test_export_takes_no_page(api_client):
    """An export has no pages: ``page_size`` there is a 400 too."""
    response = api_client.get("/api/events/export/", {"format": "csv", "page_size": "10"})

    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


# ------------------------------------------------------------------------------
# Choices
# ------------------------------------------------------------------------------
def test_a_bad_choice_filter_lists_the_valid_choices(api_client):
    response = api_client.get("/api/events/", {"status": "talks"})

    assert response.status_code == 400
    assert response.json() == {
        "status": ["“talks” is not a valid choice. Valid choices: proposed, scheduled, postponed, held, cancelled."]
    }


def test_a_good_choice_filter_filters(api_client):
    held = EventFactory(status="held")
    EventFactory(status="proposed")

    response = api_client.get("/api/events/", {"status": "held"})

    assert [row["slug"] for row in response.json()["results"]] == [held.slug]


def test_a_bad_choice_in_a_write_lists_the_valid_choices(token_client):
    event = EventFactory()

    response = token_client.patch(f"/api/events/{event.slug}/", {"kind": "talks"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "kind": [
            "“talks” is not a valid choice. Valid choices: "
            "peace_talks, conference, summit, meeting, negotiation, ceasefire, other."
        ]
    }


def test_a_good_choice_in_a_write_is_written(token_client):
    event = EventFactory()

    response = token_client.patch(f"/api/events/{event.slug}/", {"kind": "summit"}, format="json")

    assert response.status_code == 200
    assert response.json()["kind"] == "summit"


# ------------------------------------------------------------------------------
# Countries by code or name
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("given", ["KZ", "kz", "KAZ", "Kazakhstan", "kazakhstan"])
@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/events/", lambda country: EventFactory(country=country).slug),
        ("/api/participants/", lambda country: ParticipantFactory(country=country).slug),
        ("/api/attendances/", lambda country: AttendanceFactory(event=EventFactory(country=country)).pk),
    ],
)
def test_country_filter_takes_a_code_in_any_case_or_the_english_name(api_client, url, make, given):
    """Astana's talks are found by ``KZ``, ``kz``, ``KAZ`` or ``Kazakhstan``; Moscow's are not."""
    hit = make("KZ")
    make("RU")

    response = api_client.get(url, {"country": given})

    assert response.status_code == 200
    keys = [row.get("slug", row["id"]) for row in response.json()["results"]]
    assert keys == [hit]


def test_an_unknown_country_name_is_a_400_naming_the_filter(api_client):
    response = api_client.get("/api/attendances/", {"country": "Atlantis"})

    assert response.status_code == 400
    assert list(response.json()) == ["country"]
    assert "Atlantis" in response.json()["country"][0]


# ------------------------------------------------------------------------------
# Numbers and dates: ASCII digits only
# ------------------------------------------------------------------------------
FULL_WIDTH_2, ARABIC_INDIC_2 = "\uff12", "\u0662"


@pytest.mark.parametrize(
    "query",
    [
        {"page": FULL_WIDTH_2},
        {"page": ARABIC_INDIC_2},
        {"page_size": "\uff15"},
        {"page": "1_0"},
        # A sign or whitespace, which int() reads (tester 32, H12).
        {"page_size": "+5"},
        {"page_size": " 5"},
        {"page_size": "5\n"},
        {"page": "\t1"},
        {"date_after": "\uff12\uff10\uff11\uff19-01-01"},
        {"updated_since": "\uff12\uff10\uff11\uff19-01-01T00:00:00Z"},
    ],
)
def test_a_query_number_or_date_in_other_digits_is_a_400_naming_it(api_client, query):
    EventFactory.create_batch(3)
    response = api_client.get("/api/events/", query)
    assert response.status_code == 400, response.content
    assert list(response.json()) == list(query)


# Other spellings of an id: full-width and Arabic-Indic digits, "_", spaces, a decimal point, a sign.
OTHER_SPELLINGS = {
    "full-width": lambda key: key.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
    "arabic-indic": lambda key: key.translate({ord(d): 0x0660 + int(d) for d in "0123456789"}),
    "underscore": lambda key: f"0_{key}",
    "spaces": lambda key: f"  {key}",
    "decimal": lambda key: f"{key}.0",
    "sign": lambda key: f"+{key}",
}


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS)
@pytest.mark.parametrize(
    ("url", "query"), [("/api/events/", {}), ("/api/reports/", {}), ("/api/reports/export/", {"format": "csv"})]
)
def test_a_record_id_in_other_digits_is_no_id(api_client, url, query, spelling):
    """The tester's case (31, G5): ``?article=１`` read as article 1. Only ``1`` is article 1's id."""
    key = str(ReportFactory().article.pk)
    response = api_client.get(url, {**query, "article": OTHER_SPELLINGS[spelling](key)})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["article"]
    assert api_client.get(url, {**query, "article": key}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"start_date": "\uff12\uff10\uff12\uff10-01-01"},
        {"start_date": "2020-01-0\u0661"},
        {"latitude": "1_0", "longitude": "1_0"},
        {"latitude": "\uff11\uff10", "longitude": "10"},
    ],
)
def test_a_written_number_or_date_in_other_digits_is_a_400_naming_it(token_client, body):
    event = EventFactory()
    response = token_client.patch(f"/api/events/{event.slug}/", body, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()) <= set(body) and response.json()
    assert (
        token_client.patch(f"/api/events/{event.slug}/", {"latitude": "10.5", "longitude": 20}, format="json").json()[
            "latitude"
        ]
        == 10.5
    )


@pytest.mark.parametrize(
    "body",
    [
        {"latitude": True, "longitude": False},
        {"latitude": 10, "longitude": True},
        {"start_date": True},
    ],
)
def test_a_boolean_for_a_number_or_a_date_is_a_400_naming_it(token_client, body):
    """The tester's case (31, G2): ``true`` and ``false`` were taken as the coordinates 1.0 and 0.0."""
    event = EventFactory()
    response = token_client.patch(f"/api/events/{event.slug}/", body, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()) == {name for name, value in body.items() if isinstance(value, bool)}


@pytest.mark.parametrize("format", ["ics", "geojson"])
@pytest.mark.parametrize(
    "name, value",
    [("page", "2"), ("page_size", "5"), ("cursor", ""), ("fields", "slug"), ("expand", "attendances")],
)
def test_a_whole_list_format_takes_no_page_and_no_fields(api_client, format, name, value):
    """iCalendar and GeoJSON answer every event the filters match, whole: a page, some fields or nested rows asked
    of them were ignored, so they are a 400 naming the parameter (the filters still apply). ``expand`` with
    ``ics`` was a 500 (tester 35, L1)."""
    AttendanceFactory(event=EventFactory())

    response = api_client.get("/api/events/", {"format": format, name: value})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    message = f"The {format} format answers every record the filters match, whole: no {name}."
    assert response.json() == {name: [message]}
    assert api_client.get("/api/events/", {"format": format, "kind": "summit"}).status_code == 200


@pytest.mark.parametrize(
    ("resource", "name"),
    [
        ("events", "country"),
        ("events", "search"),
        ("events", "city"),
        ("events", "kind"),
        ("events", "participant"),
        ("participants", "search"),
        ("articles", "publisher"),
        ("attendances", "status"),
        ("reports", "reported_after"),
        ("events", "date_after"),
        ("events", "updated_since"),
    ],
)
@pytest.mark.parametrize("value", [" ", "\u2028", "\t "], ids=["space", "line-separator", "tab"])
def test_a_filter_of_white_space_only_is_a_400_naming_it(api_client, resource, name, value):
    """Tester 35, L10: ``?country=%20`` and ``?search=%E2%80%A8`` were no filter (every record), ``?kind=`` of the
    same a 400: one rule, a 400 naming the filter; the empty value is still no filter."""
    EventFactory()

    answer = api_client.get(f"/api/{resource}/", {name: value})

    assert (answer.status_code, list(answer.json())) == (400, [name])
    assert api_client.get(f"/api/{resource}/", {name: ""}).status_code == 200


@pytest.mark.parametrize("resource", ["events", "participants", "attendances", "reports", "articles"])
@pytest.mark.parametrize("value", [" ", "\u2028", "\u3000"])
def test_fields_of_white_space_only_is_a_400_naming_it(api_client, resource, value):
    """Tester 36, M5: ``?fields=%20`` answered every field, where a filter of white space only is a 400."""
    answer = api_client.get(f"/api/{resource}/", {"fields": value})

    assert (answer.status_code, answer.json()) == (400, {"fields": [ONLY_WHITE_SPACE]})
    assert api_client.get(f"/api/{resource}/", {"fields": ""}).status_code == 200


@pytest.mark.parametrize(
    "value",
    # Tester 44, D1: a soft hyphen, a Hangul filler, the braille blank, an invisible operator, a tag character.
    ["\u200b \u200b", "\u00ad", "\u3164", "\u2800", "\u2062", "\U000e0041", "\u200d"],
    ids=["zero-width-space", "soft-hyphen", "hangul-filler", "braille-blank", "invisible-times", "tag", "joiner"],
)
@pytest.mark.parametrize(
    ("resource", "field"), [("events", "title"), ("articles", "title"), ("articles", "publisher")]
)
def test_a_required_text_that_shows_nothing_is_blank(token_client, resource, field, value):
    """Tester 36, M7: a title or publisher of a zero-width space alone was taken (names refuse the character)."""
    body = {
        "events": {"slug": "t", "title": "T", "kind": "meeting", "start_date": "2020-01-01"},
        "articles": {"title": "T", "publisher": "P", "published_on": "2020-01-01", "body": ""},
    }[resource]

    answer = token_client.post(f"/api/{resource}/", {**body, field: value}, format="json")

    assert (answer.status_code, answer.json()) == (400, {field: ["This field cannot be blank."]})


@pytest.mark.parametrize(
    ("resource", "fields", "name"),
    [
        ("participants", {"slug": "a", "kind": "state"}, "name"),
        ("events", {"slug": "a", "kind": "meeting", "start_date": "2018-09-04"}, "title"),
        ("events", {"slug": "a", "title": "Talks", "kind": "meeting", "start_date": "2018-09-04"}, "description"),
    ],
)
def test_a_text_too_long_is_told_in_the_words_of_the_admin_and_the_import(token_client, resource, fields, name):
    """Tester 35, L11: the API said "Ensure this field has no more than 200 characters.", the admin and the import
    (the model's rule) "Ensure this value has at most 200 characters (it has 5000).": one wording, for a name or title
    (a CharField's max_length) and a free text (a validator) alike."""
    model = {"participants": Participant, "events": Event}[resource]
    text = "n" * 50_000
    answer = token_client.post(f"/api/{resource}/", {**fields, name: text}, format="json")

    with pytest.raises(ModelValidationError) as refused:
        model(**{**fields, name: text}).full_clean()
    limit = model._meta.get_field(name).max_length or 10_000
    assert answer.json() == {name: [f"Ensure this value has at most {limit} characters (it has 50000)."]}
    assert refused.value.message_dict[name] == answer.json()[name]
