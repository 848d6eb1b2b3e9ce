"""The public index of events, /events/: search, filters, order, pages, and bad input as a message."""

import datetime
import unicodedata
from urllib.parse import quote

import django.forms
import pytest

from events.web import pages
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def listed(client, query=""):
    """The slugs the index lists for ``query``, in page order."""
    response = client.get(f"/events/?{query}")
    assert response.status_code == 200, response.content.decode()
    return [event.slug for event in response.context["page"]]


@pytest.fixture
def moscow():
    return EventFactory(
        slug="moscow-talks", title="Moscow talks", city="Moscow", country="RU", start_date=datetime.date(2018, 9, 4)
    )


@pytest.fixture
def astana():
    return EventFactory(
        slug="astana-talks",
        title="Astana talks",
        city="Astana",
        country="KZ",
        start_date=datetime.date(2017, 1, 23),
        end_date=datetime.date(2017, 1, 24),
    )


def test_index_lists_events_newest_first_with_links(client, moscow, astana):
    """Newest start date first; each row links to the event's page."""
    response = client.get("/events/")

    assert [event.slug for event in response.context["page"]] == ["moscow-talks", "astana-talks"]
    assert 'href="/events/moscow-talks/"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=astana", ["astana-talks"]),  # title and city
        ("search=Moscow", ["moscow-talks"]),
        ("search=Islamic+Emirate", ["moscow-talks"]),  # an alias of a participant
        ("search=taliban", ["moscow-talks"]),  # a participant's name
        ("search=nobody", []),
        ("country=ru", ["moscow-talks"]),
        ("country=Kazakhstan", ["astana-talks"]),
        ("country=CH", []),
        ("date_after=2017-01-24&date_before=2017-01-24", ["astana-talks"]),  # the last of its two days
        ("date_after=2018-09-04", ["moscow-talks"]),  # no end date: one day
        ("date_after=2018-09-05", []),
        ("date_before=2017-01-22", []),
        ("participant=taliban", ["moscow-talks"]),
        ("participant=taliban&participant_status=confirmed", ["moscow-talks"]),
        ("participant=taliban&participant_status=declined", []),  # another participant declined: no match
        ("participant_status=declined", ["moscow-talks"]),
        ("participant_status=attended", []),
    ],
)
def test_index_filters(client, moscow, astana, query, expected):
    """Each filter keeps the event that matches and drops the one that does not."""
    taliban = ParticipantFactory(slug="taliban", name="Taliban", aliases=["Islamic Emirate"])
    AttendanceFactory(event=moscow, participant=taliban, status="confirmed")
    AttendanceFactory(event=moscow, participant=ParticipantFactory(slug="afghanistan"), status="declined")
    AttendanceFactory(event=astana, participant=ParticipantFactory(slug="russia"), status="invited")

    assert listed(client, query) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("participant=nobody", "Participant: No participant has the slug “nobody”."),
        ("participant=no+such", "Participant: No participant has the slug “no such”."),
        # the API's words, which list the valid choices (tester 45, D4)
        ("participant_status=maybe", "Status: “maybe” is not a valid choice. Valid choices: invited, not_invited,"),
        ("country=Atlantis", "Country: “Atlantis” is no country"),
        ("date_after=04/09/2018", "From: Enter a valid date."),
        # Other spellings of a day that the API refuses (tester 32, H15).
        ("date_after=2030-1-1", "From: Enter a valid date."),
        ("date_after=%EF%BC%92%EF%BC%90%EF%BC%93%EF%BC%90-01-01", "From: Enter a valid date."),
        ("date_after=2018-09-05&date_before=2018-09-04", "From: From (2018-09-05) is later than To (2018-09-04)."),
    ],
)
def test_bad_input_is_a_message_not_an_error(client, moscow, query, message):
    """A bad value is a 400 page naming the field and the problem, with the form kept to fix it."""
    response = client.get(f"/events/?{query}")

    assert response.status_code == 400
    html = response.content.decode()
    assert message in response.context["problems"][0]
    assert 'role="alert"' in html
    assert response.context["page"] is None


@pytest.mark.parametrize(
    ("page", "told"),
    [
        ("x", "That page number is not an integer"),
        ("0", "That page number is less than 1"),
        ("99", "That page contains no results"),
    ],
)
def test_a_page_out_of_range_shows_the_first_with_a_message(client, moscow, page, told):
    """A page number that is not one is said so, in sentences (tester 38, P7: "… not an integer Showing …"), and the
    first page is shown."""
    response = client.get(f"/events/?page={page}")

    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert response.context["problems"] == [f"Page: {told}. Showing the first page."]


def test_pages_keep_the_filters(client, monkeypatch):
    """The index is cut into pages; the link to the next page carries the filters."""
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    for day in range(1, 6):
        EventFactory(country="RU", start_date=datetime.date(2020, 1, day))
    EventFactory(country="KZ")

    response = client.get("/events/?country=RU&page=2")

    assert [event.start_date.day for event in response.context["page"]] == [3, 2]
    html = response.content.decode()
    assert 'href="?country=RU&amp;page=3" rel="next"' in html
    assert 'href="/api/events/?country=RU"' in html


def test_index_reads_a_page_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    """The count and the page with its hosts, whatever the page's size."""
    for _ in range(10):
        EventFactory(host=ParticipantFactory())

    with django_assert_num_queries(2):
        assert client.get("/events/").status_code == 200


def test_the_map_data_are_the_page_events_that_have_a_place(client, moscow, astana):
    """The index embeds its page's events as GeoJSON for the map (events/event_map.js), in no script of its own."""
    EventFactory(slug="nowhere", title="Nowhere", city="", country="")

    response = client.get("/events/?country=RU")
    html = response.content.decode()

    assert response.context["map"]["type"] == "FeatureCollection"
    (feature,) = response.context["map"]["features"]
    assert feature["geometry"]["coordinates"] == [moscow.longitude, moscow.latitude]
    assert (feature["properties"]["url"], feature["properties"]["place"]) == (
        "/events/moscow-talks/",
        "Moscow, Russia",
    )
    assert '<script id="event-map-data" type="application/json">' in html
    assert '<script src="/static/events/event_map.js"></script>' in html
    assert 'href="/api/events/?country=RU&amp;format=geojson"' in html
    assert len(client.get("/events/").context["map"]["features"]) == 2


def api_slugs(client, query):
    answer = client.get(f"/api/events/?{query}")
    assert answer.status_code == 200, answer.content.decode()
    return sorted(row["slug"] for row in answer.json()["results"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("participant=taliban&participant_status=declined&participant_status=confirmed", ["astana", "moscow"]),
        ("participant=taliban&participant_status=declined&participant_status=attended", ["astana"]),
        ("participant_status=confirmed&participant_status=invited", ["astana", "moscow"]),
        ("participant_status=&participant=taliban", ["astana", "moscow"]),  # the form's "any status"
    ],
)
def test_a_repeated_status_is_any_of_them_as_in_the_api(client, moscow, astana, query, expected):
    """Tester 44, D8: the index read the last status only (no event), where the API reads any of them."""
    taliban = ParticipantFactory(slug="taliban")
    AttendanceFactory(event=moscow, participant=taliban, status="confirmed")
    AttendanceFactory(event=astana, participant=taliban, status="declined")
    AttendanceFactory(event=astana, participant=ParticipantFactory(slug="russia"), status="invited")

    assert sorted(listed(client, query)) == api_slugs(client, query) == [f"{slug}-talks" for slug in expected]


def test_the_data_link_keeps_each_status(client, moscow):
    response = client.get("/events/?participant_status=declined&participant_status=attended")

    assert response.context["query"] == "participant_status=declined&participant_status=attended"
    assert (
        'href="/api/events/?participant_status=declined&amp;participant_status=attended"' in response.content.decode()
    )


@pytest.mark.parametrize(
    "query",
    ["participant=taliban&participant=russia", "participant=taliban&participant=nobody", "country=RU&country=KZ"],
)
def test_a_parameter_of_one_value_given_twice_is_a_message_as_in_the_api(client, moscow, query):
    """Tester 44, D8: the index read the last participant without a word, where the API refuses it."""
    ParticipantFactory(slug="taliban")
    ParticipantFactory(slug="russia")
    name = query.partition("=")[0]

    response = client.get(f"/events/?{query}")

    assert response.status_code == 400
    label = response.context["form"].fields[name].label
    assert response.context["problems"] == [f"{label}: Given more than once: give one value."]
    assert client.get(f"/api/events/?{query}").json() == {name: ["Given more than once: give one value."]}


def test_a_page_given_twice_shows_the_first_with_a_message(client, moscow):
    response = client.get("/events/?page=1&page=2")

    assert response.context["page"].number == 1
    assert response.context["problems"] == ["Page: Given more than once: give one value. Showing the first page."]


def test_the_index_takes_the_apis_parameters_as_the_api_does():
    """The index's form and the API's FilterSet cannot drift: the same names, each of one value or of several alike
    (a repeated choice is any of them; any other parameter given twice is refused)."""
    import django_filters

    from events.api.filters import EventFilter
    from events.web.forms import EventSearchForm

    form = EventSearchForm()
    api = EventFilter.base_filters

    assert set(form.fields) <= set(api)
    several = {name for name, field in form.fields.items() if isinstance(field, django.forms.MultipleChoiceField)}
    assert several == {name for name in form.fields if isinstance(api[name], django_filters.MultipleChoiceFilter)}


def test_the_search_reads_a_letter_however_its_accent_was_typed(client, moscow):
    """Review 37: the API's search composed its text (NFC), the index's did not."""
    EventFactory(slug="bogota-talks", title="Bogotá talks", city="Bogotá", country="CO")
    decomposed = unicodedata.normalize("NFD", "Bogotá")
    assert decomposed != "Bogotá"
    assert listed(client, f"search={quote(decomposed)}") == ["bogota-talks"]


INDEX_PARAMETERS = ["search", "participant", "participant_status", "country", "date_after", "date_before"]


@pytest.mark.parametrize("value", ["%20", "%E2%80%A8", "%09%20"], ids=["space", "line-separator", "tab"])
@pytest.mark.parametrize("name", INDEX_PARAMETERS)
def test_a_parameter_of_white_space_only_is_a_message_as_in_the_api_and_no_data_link(client, moscow, name, value):
    """Tester 45, D4: ``country=%20`` listed every event without a word, and linked to data (the JSON list, the
    GeoJSON and the calendar) that answer a 400; ``search=%20`` too. Every parameter is refused as the API refuses
    it, with the message above the form."""
    response = client.get(f"/events/?{name}={value}")
    api = client.get(f"/api/events/?{name}={value}")

    label = response.context["form"].fields[name].label
    assert (response.status_code, api.status_code, list(api.json())) == (400, 400, [name])
    assert response.context["problems"] == [f"{label}: {api.json()[name][0]}"]
    assert response.context["page"] is None
    assert "/api/events/" not in response.content.decode()


def test_the_index_s_parameters_are_those_checked_for_white_space():
    from events.web.forms import EventSearchForm

    assert list(EventSearchForm().fields) == INDEX_PARAMETERS


def test_a_page_of_white_space_only_shows_the_first_with_a_message_and_a_data_link_that_answers(client, moscow):
    response = client.get("/events/?country=ru&page=%20")

    assert response.status_code == 200
    assert response.context["problems"] == ["Page: That page number is not an integer. Showing the first page."]
    assert 'href="/api/events/?country=ru"' in response.content.decode()
    assert client.get("/api/events/?country=ru").status_code == 200
