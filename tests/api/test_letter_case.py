"""Any case matches outside ASCII too, on every database: ``ZÜRICH`` finds "Zürich" (events.models.casefold)."""

import pytest
from django.db import connection

from events.models import Event, Participant
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    etat = ParticipantFactory(slug="etat", name="État du Québec", kind="government", aliases=["Gouvernement ÉTAT"])
    ParticipantFactory(slug="swiss", name="Swiss Federal Council", kind="government", aliases=["Bundesrat"])
    ParticipantFactory(slug="forum-g", name="Großstadt Forum", kind="organisation")
    EventFactory(slug="zurich", title="Gespräche in Zürich", city="Zürich", country="CH", host=etat)
    EventFactory(slug="geneva", title="Talks in Geneva", city="Geneva", country="CH")
    ArticleFactory(title="Über die Gespräche", publisher="Süddeutsche Zeitung", body="Die Gespräche beginnen.")
    ArticleFactory(title="Talks begin", publisher="Reuters")


def slugs(response):
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"city": "ZÜRICH"}, {"zurich"}),
        ({"city": "zürich"}, {"zurich"}),
        ({"city": "Zurich"}, set()),  # an accent is a letter, not a case
        ({"search": "GESPRÄCHE"}, {"zurich"}),  # the title
        ({"search": "ÜRI"}, {"zurich"}),  # the city
        ({"search": "talks"}, {"geneva"}),  # ASCII as before
    ],
)
def test_events_match_any_case(api_client, records, query, expected):
    assert slugs(api_client.get("/api/events/", query)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("état du québec", {"etat"}),  # the name
        ("gouvernement état", {"etat"}),  # an alias
        ("BUNDESRAT", {"swiss"}),
        ("ÉTAT", {"etat"}),
        ("GROß", {"forum-g"}),
        ("GROSS", set()),  # "ß" has no one-letter upper case: it matches itself, as PostgreSQL's upper() keeps it
    ],
)
def test_participants_match_any_case(api_client, records, text, expected):
    assert slugs(api_client.get("/api/participants/", {"search": text})) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"publisher": "SÜDDEUTSCHE ZEITUNG"}, {"Über die Gespräche"}),
        ({"search": "über"}, {"Über die Gespräche"}),
        ({"publisher": "reuters"}, {"Talks begin"}),
    ],
)
def test_articles_match_any_case(api_client, records, query, expected):
    response = api_client.get("/api/articles/", query)
    assert response.status_code == 200, response.content
    assert {row["title"] for row in response.json()["results"]} == expected


def test_the_queryset_lookups_fold_every_alphabet(records):
    """The ORM's own case-insensitive lookups, as the admin's search uses them."""
    assert set(Event.objects.filter(city__iexact="ZÜRICH").values_list("slug", flat=True)) == {"zurich"}
    assert set(Event.objects.filter(title__istartswith="GESPRÄ").values_list("slug", flat=True)) == {"zurich"}
    assert set(Event.objects.filter(city__iendswith="ÜRICH").values_list("slug", flat=True)) == {"zurich"}
    assert set(Participant.objects.filter(name__icontains="QUÉBEC").values_list("slug", flat=True)) == {"etat"}
    assert set(Participant.objects.filter(name__icontains="GROß").values_list("slug", flat=True)) == {"forum-g"}


def test_the_admin_search_matches_any_case(admin_client, records):
    response = admin_client.get("/admin/events/event/", {"q": "ZÜRICH"})
    assert response.status_code == 200
    assert "Gespräche in Zürich" in response.text
    assert "Talks in Geneva" not in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KIRIKKALE", {"in-kirikkale"}),  # the city, compared in capitals; not the description (api.md)
        ("kırıkkale", {"in-kirikkale", "about-kirikkale"}),  # written as the text is: both
        ("ÉLYSÉE", {"about-kirikkale"}),  # a capital with one lower case: the description too
    ],
)
def test_a_description_is_searched_in_lower_case_on_postgresql(api_client, text, expected):
    """api.md's second exception (tester 46, D5): full text puts each word in lower case, where "I" is "i", not "ı"."""
    EventFactory(slug="in-kirikkale", title="Talks", city="Kırıkkale", country="TR")
    EventFactory(slug="about-kirikkale", title="Talks", city="Ankara", description="Talks in Kırıkkale and Élysée")
    assert slugs(api_client.get("/api/events/", {"search": text})) == expected
