"""The /api/participants/ endpoints: payloads, writes, errors and query budgets."""

import datetime

import pytest

from events.models import Change, Participant
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

LIST = "/api/participants/"


def detail(participant_or_slug):
    slug = getattr(participant_or_slug, "slug", participant_or_slug)
    return f"/api/participants/{slug}/"


def new_participant(**overrides):
    return {
        "slug": "sibghat-ahmadi",
        "name": "Sibghat Ahmadi",
        "kind": "person",
        "country": "AF",
        "aliases": ["Sibghatullah Ahmadi"],
        "affiliation": None,
        "description": "Spokesman of the Afghan foreign ministry.",
        "wikidata_id": "",
        **overrides,
    }


# ------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------
def test_list_payload(api_client, payloads):
    """The list answers every participant, whole, by name."""
    ministry = ParticipantFactory(slug="afghan-mfa", name="Afghan Ministry of Foreign Affairs", kind="government")
    spokesman = ParticipantFactory(
        slug="sibghat-ahmadi",
        name="Sibghat Ahmadi",
        kind="person",
        country="AF",
        aliases=["Sibghatullah Ahmadi"],
        affiliation=ministry,
        wikidata_id="Q123",
    )
    russia = ParticipantFactory(slug="russia", name="Russia", country="RU")

    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [payloads.participant(ministry), payloads.participant(russia), payloads.participant(spokesman)],
    }


def test_detail_payload(api_client, payloads):
    """The detail lists the participant's attendances, latest event first."""
    taliban = ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group", aliases=["Islamic Emirate"])
    moscow = EventFactory(slug="moscow", title="Moscow talks", start_date=datetime.date(2018, 9, 4))
    doha = EventFactory(slug="doha", title="Doha talks", start_date=datetime.date(2019, 2, 25))
    AttendanceFactory(event=moscow, participant=taliban)
    AttendanceFactory(event=doha, participant=taliban, role="observer", status="considering")
    ReportFactory(
        attendance=taliban.attendances.get(event=moscow),
        status="confirmed",
        reported_on=datetime.date(2018, 8, 22),
        quote="The Taliban will attend the talks.",
    )
    AttendanceFactory(event=moscow)  # someone else's

    response = api_client.get(detail(taliban))

    assert response.status_code == 200
    body = response.json()
    assert body == payloads.participant_detail(taliban)
    assert [(a["event"], a["role"], a["status"], a["status_date"]) for a in body["attendances"]] == [
        ("doha", "observer", "considering", None),
        ("moscow", "participant", "confirmed", "2018-08-22"),
    ]


@pytest.mark.parametrize("events", [1, 6])
def test_list_query_count(api_client, django_assert_num_queries, populate, events):
    """The list costs the same number of queries for few and many participants, affiliations included."""
    populate(events, attendances=3, reports=0)

    # The change log's state (the ETag), then the page, which, not being full, tells the count too
    # (events.api.pagination).
    with django_assert_num_queries(2):
        response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == events * 8


@pytest.mark.parametrize("events", [1, 10])
def test_detail_query_count(api_client, django_assert_num_queries, events):
    """The detail costs the same number of queries whatever the number of attendances."""
    taliban = ParticipantFactory(affiliation=ParticipantFactory())
    for _ in range(events):
        AttendanceFactory(participant=taliban)

    # 3: with the change log's state, for the ETag.
    with django_assert_num_queries(3):
        response = api_client.get(detail(taliban))

    assert response.status_code == 200
    assert len(response.json()["attendances"]) == events


# ------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------
def test_create(token_client, payloads):
    """A curator creates a participant with aliases and an affiliation."""
    ministry = ParticipantFactory(slug="afghan-mfa")

    response = token_client.post(LIST, new_participant(affiliation="afghan-mfa", wikidata_id="Q42"))

    assert response.status_code == 201
    participant = Participant.objects.get(slug="sibghat-ahmadi")
    assert response.json() == payloads.participant_detail(participant)
    assert participant.affiliation == ministry
    assert participant.aliases == ["Sibghatullah Ahmadi"]


def test_create_with_only_required_fields(token_client):
    """Country, aliases, affiliation and description have defaults."""
    response = token_client.post(LIST, {"slug": "russia", "name": "Russia", "kind": "state"})

    assert response.status_code == 201
    assert (response.json()["country"], response.json()["aliases"], response.json()["affiliation"]) == ("", [], None)


def test_aliases_are_trimmed_and_deduplicated(token_client):
    """Aliases are stored trimmed and once each, in the curator's order."""
    response = token_client.post(LIST, new_participant(aliases=[" Sibghatullah Ahmadi ", "S. Ahmadi", "S. Ahmadi"]))

    assert response.status_code == 201
    assert Participant.objects.get().aliases == ["Sibghatullah Ahmadi", "S. Ahmadi"]


def test_put(token_client, payloads):
    """PUT replaces every writable field."""
    participant = ParticipantFactory(slug="ahmadi", name="Ahmadi")
    ParticipantFactory(slug="afghan-mfa")

    response = token_client.put(detail(participant), new_participant(affiliation="afghan-mfa", country="af"))

    assert response.status_code == 200
    participant.refresh_from_db()
    assert response.json() == payloads.participant_detail(participant)
    assert (participant.slug, participant.country.code, participant.affiliation.slug) == (
        "sibghat-ahmadi",
        "AF",
        "afghan-mfa",
    )


def test_patch(token_client, payloads):
    """PATCH changes the fields given and keeps the others."""
    participant = ParticipantFactory(name="Taliban", kind="armed_group")

    response = token_client.patch(detail(participant), {"aliases": ["Islamic Emirate of Afghanistan"]})

    assert response.status_code == 200
    participant.refresh_from_db()
    assert response.json() == payloads.participant_detail(participant)
    assert (participant.name, participant.aliases) == ("Taliban", ["Islamic Emirate of Afghanistan"])


@pytest.mark.parametrize("events", [2, 10])
def test_patch_answer_query_count(token_client, django_assert_num_queries, events):
    """The answer to a PATCH lists the attendances and their events for the same number of queries, few or many."""
    taliban = ParticipantFactory(affiliation=ParticipantFactory())
    for _ in range(events):
        AttendanceFactory(participant=taliban)

    # 18: the write, its reads and checks, one historical row and its line in the change log.
    with django_assert_num_queries(18):
        response = token_client.patch(detail(taliban), {"description": "x"})

    assert response.status_code == 200
    assert len(response.json()["attendances"]) == events


def test_delete(token_client):
    """DELETE removes a participant no attendance refers to; its affiliates lose the affiliation."""
    ministry = ParticipantFactory()
    spokesman = ParticipantFactory(affiliation=ministry)

    since = Change.objects.count()

    response = token_client.delete(detail(ministry))

    assert response.status_code == 204
    assert not Participant.objects.filter(pk=ministry.pk).exists()
    spokesman.refresh_from_db()
    assert spokesman.affiliation is None
    # As a write of the spokesman's: a new version, a historical row saying why, a change in the feed (tester 43, M1)
    assert spokesman.version == 2
    assert spokesman.history.first().history_change_reason == f"Its body “{ministry.name}” was deleted."
    changed = Change.objects.order_by("id")[since:]
    assert [(c.resource, c.record_id, c.action) for c in changed if c.record_id == spokesman.pk] == [
        ("participant", spokesman.pk, "updated")
    ]


# ------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"affiliation": "no-such-ministry"}, "affiliation"),
        ({"kind": "alien"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"country": "ZZZ"}, "country"),
        ({"aliases": "Sibghatullah Ahmadi"}, "aliases"),
        ({"aliases": [""]}, "aliases"),
        ({"wikidata_id": "42"}, "wikidata_id"),
        ({"slug": "not a slug"}, "slug"),
        ({"name": ""}, "name"),
    ],
)
def test_create_with_bad_field_is_400(token_client, overrides, field):
    """A bad value is a 400 naming its field, and nothing is written."""
    response = token_client.post(LIST, new_participant(**overrides))

    assert response.status_code == 400
    assert field in response.json()
    assert not Participant.objects.exists()


def test_duplicate_slug_is_400(token_client):
    """A slug already taken is a 400 on ``slug``."""
    ParticipantFactory(slug="sibghat-ahmadi")

    response = token_client.post(LIST, new_participant())

    assert response.status_code == 400
    assert list(response.json()) == ["slug"]


def test_duplicate_wikidata_id_is_400(token_client):
    """Two participants cannot share a Wikidata ID."""
    ParticipantFactory(wikidata_id="Q42")

    response = token_client.post(LIST, new_participant(wikidata_id="Q42"))

    assert response.status_code == 400
    assert "wikidata_id" in str(response.json())


def test_affiliation_with_itself_is_400(token_client):
    """A participant cannot be its own affiliation."""
    participant = ParticipantFactory(slug="russia")

    response = token_client.patch(detail(participant), {"affiliation": "russia"})

    assert response.status_code == 400
    assert list(response.json()) == ["affiliation"]


def test_empty_body_is_400(token_client):
    """An empty body is a 400 naming every required field."""
    response = token_client.post(LIST, {})

    assert response.status_code == 400
    assert set(response.json()) == {"slug", "name", "kind"}


# ------------------------------------------------------------------------------
# Aliases: each at most 200 characters, the model's rule (events.models.participant.validate_alias)
# ------------------------------------------------------------------------------
def test_an_alias_too_long_is_400_on_its_item(token_client):
    """The API names the item, as for any item of a list; nothing is written."""
    response = token_client.post(LIST, new_participant(aliases=["S. Ahmadi", "a" * 201]))

    assert response.status_code == 400
    assert response.json() == {"aliases": {"1": ["Ensure this value has at most 200 characters (it has 201)."]}}
    assert not Participant.objects.exists()


def test_an_alias_of_200_characters_once_trimmed_is_taken(token_client):
    response = token_client.post(LIST, new_participant(aliases=[f"  {'a' * 200}  "]))

    assert response.status_code == 201
    assert Participant.objects.get().aliases == ["a" * 200]


def test_the_schema_gives_the_aliases_limit(client):
    schema = client.get("/api/schema/?format=json").json()
    aliases = schema["components"]["schemas"]["Participant"]["properties"]["aliases"]
    assert aliases["items"]["maxLength"] == 200
