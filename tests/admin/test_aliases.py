"""A participant's aliases in the admin: what the API refuses, the admin refuses, in the same words."""

import json
from urllib.parse import urlencode

import pytest
from django.utils.html import escape

from events.models import Participant
from events.rules.values import GIVEN_TWICE, NO_NUL
from tests.admin.conftest import admin_url
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def participant_data(aliases, **changes):
    return {
        "slug": "sibghat-ahmadi",
        "name": "Sibghat Ahmadi",
        "kind": "person",
        "country": "",
        "aliases": json.dumps(aliases),
        "affiliation": "",
        "wikidata_id": "",
        "description": "",
        "_save": "Save",
        **changes,
    }


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        (["a" * 300], "Ensure this value has at most 200 characters (it has 300)."),
        (["S. Ahmadi", "a" * 201], "Ensure this value has at most 200 characters (it has 201)."),
        (["Sibghat\x00ullah"], NO_NUL.message),
    ],
    ids=["300 characters", "201 characters", "NUL"],
)
def test_an_alias_the_api_refuses_is_refused_on_aliases(admin_client, aliases, message):
    response = admin_client.post(admin_url(Participant, "add"), participant_data(aliases))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"aliases": [message]}
    assert not Participant.objects.exists()


def test_a_change_adding_a_long_alias_is_refused(admin_client):
    participant = ParticipantFactory(slug="sibghat-ahmadi", name="Sibghat Ahmadi", kind="person")
    data = participant_data(["a" * 201], opened_version=participant.version)
    response = admin_client.post(admin_url(Participant, "change", participant.pk), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "aliases": ["Ensure this value has at most 200 characters (it has 201)."]
    }
    participant.refresh_from_db()
    assert participant.aliases == []


def test_an_alias_of_200_characters_is_saved_and_the_api_takes_it_back(admin_client, token_client):
    response = admin_client.post(admin_url(Participant, "add"), participant_data(["a" * 200]))
    assert response.status_code == 302
    read = token_client.get("/api/participants/sibghat-ahmadi/")
    record = read.json()
    assert record["aliases"] == ["a" * 200]
    writable = {name: record[name] for name in ["slug", "name", "kind", "country", "aliases", "description"]}
    answer = token_client.put("/api/participants/sibghat-ahmadi/", writable, HTTP_IF_MATCH=read["ETag"])
    assert answer.status_code == 200, answer.json()


def test_a_field_given_twice_is_refused_naming_it(admin_client):
    """Tester 41, F3: the admin took the last of ``name=X&name=Y`` without a word, where the API refuses it."""
    participant = ParticipantFactory(slug="sibghat-ahmadi", name="Sibghat Ahmadi", kind="person")
    data = participant_data([], opened_version=participant.version)
    body = urlencode({**data, "name": ["Sibghat Ahmadi", "Someone Else"]}, doseq=True)

    response = admin_client.generic(
        "POST", admin_url(Participant, "change", participant.pk), body, "application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"name": [GIVEN_TWICE]}
    participant.refresh_from_db()
    assert participant.name == "Sibghat Ahmadi"


@pytest.mark.parametrize(
    ("aliases", "code_point"),
    [('["\\ud800"]', "D800"), ('["Ahmadi", "S\\udfffA"]', "DFFF"), ('[{"\\ud83d": 1}]', "D83D")],
    ids=["alone", "inside a name", "a key"],
)
@pytest.mark.parametrize("change", [False, True], ids=["add", "change"])
def test_a_lone_surrogate_is_refused_on_aliases_and_the_page_shows_it(
    admin_client, token_client, aliases, code_point, change
):
    """Tester 46, D1: ``"\\ud800"`` (a JSON escape, the one way a lone surrogate reaches a UTF-8 form) was decoded,
    and the page that showed it again could not be encoded: a 500, with no word on the field."""
    participant = ParticipantFactory(slug="sibghat-ahmadi", name="Sibghat Ahmadi", kind="person") if change else None
    url = admin_url(Participant, "change", participant.pk) if change else admin_url(Participant, "add")
    data = participant_data([], opened_version=participant.version) if change else participant_data([])
    message = f"Surrogate characters are not allowed: U+{code_point}."

    response = admin_client.post(url, {**data, "aliases": aliases})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"aliases": [message]}
    page = response.content.decode()  # encoded: the value is shown again as typed, with its escape
    assert message in page
    assert escape(aliases) in page
    assert not Participant.objects.exclude(aliases=[]).exists()
    body = json.dumps({**data, "aliases": json.loads(aliases)})  # as JSON escapes it
    answer = token_client.post("/api/participants/", body, content_type="application/json")
    assert answer.status_code == 400  # the API refuses it as before, in the same words
    assert message in json.dumps(answer.json())


def test_a_participant_added_with_aliases_and_an_affiliation_is_written_once(admin_client):
    """Tester (stop 41): added in the admin, it was at version 1 with an ``updated_at`` 28 ms after its
    ``created_at``, as if saved twice. It is written once (one "+" historical row): ``created_at`` is when the form
    built the record, before its checks, ``updated_at`` when the record was written (docs/rules.md)."""
    taliban = ParticipantFactory(slug="taliban", name="Taliban")
    data = participant_data(["S. Ahmadi", "Sibghatullah"], affiliation=str(taliban.pk), country="AF")

    assert admin_client.post(admin_url(Participant, "add"), data).status_code == 302

    added = Participant.objects.get(slug="sibghat-ahmadi")
    assert (added.version, added.aliases, added.affiliation) == (1, ["S. Ahmadi", "Sibghatullah"], taliban)
    assert list(added.history.values_list("history_type", "version", "updated_at")) == [("+", 1, added.updated_at)]
    assert added.created_at <= added.updated_at
