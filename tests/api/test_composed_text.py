"""Every text is stored, and every filter's text read, in Unicode's composed form (NFC), so that a name typed with
"é" as one character and the same name pasted with "e" and a combining accent are one (tester 43, L8)."""

import datetime
import json
import unicodedata

import pytest
from django.core.management import call_command

from events.models import Article, Event, NameChange, Participant
from tests.api.test_letter_case import slugs
from tests.factories import EventFactory, ParticipantFactory
from tests.migrations import models_at

pytestmark = pytest.mark.django_db

COMPOSED = "Kırıkkale Côte Bogotá"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_the_two_forms_differ():
    assert DECOMPOSED != COMPOSED and len(DECOMPOSED) > len(COMPOSED)


def test_the_api_stores_a_decomposed_text_composed(token_client):
    response = token_client.post(
        "/api/participants/",
        {"slug": "bogota-council", "name": DECOMPOSED, "kind": "organization", "aliases": [DECOMPOSED, COMPOSED]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["name"], response.json()["aliases"]) == (COMPOSED, [COMPOSED])  # one alias: they are one
    stored = Participant.objects.get()
    assert (stored.name, stored.aliases) == (COMPOSED, [COMPOSED])


def test_the_admin_stores_a_decomposed_text_composed(admin_client):
    data = {"slug": "bogota", "name": DECOMPOSED, "kind": "state", "aliases": "[]", "_save": "Save"}
    response = admin_client.post("/admin/events/participant/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Participant.objects.get().name == COMPOSED


def test_a_fixture_and_an_import_store_it_composed(tmp_path):
    record = {"model": "events.participant", "fields": {"slug": "a", "name": DECOMPOSED, "kind": "state"}}
    (tmp_path / "a.json").write_text(json.dumps([record]), encoding="utf-8")
    call_command("loaddata", str(tmp_path / "a.json"), verbosity=0)
    record["fields"].update(slug="b", aliases=[DECOMPOSED])
    (tmp_path / "b.ndjson").write_text(json.dumps(record) + "\n", encoding="utf-8")
    call_command("import_records", str(tmp_path / "b.ndjson"), no_progress=True)
    stored = dict(Participant.objects.values_list("slug", "name"))
    assert stored == {"a": COMPOSED, "b": COMPOSED}
    assert Participant.objects.get(slug="b").aliases == [COMPOSED]


@pytest.mark.parametrize("form", [COMPOSED, DECOMPOSED])
def test_a_filter_finds_either_form(api_client, form):
    EventFactory(slug="talks", title=f"Talks in {COMPOSED}", city="Bogotá", country="CO")
    ParticipantFactory(slug="council", name=f"{COMPOSED} council", aliases=[])
    word = unicodedata.normalize("NFC" if form is COMPOSED else "NFD", "Bogotá")
    assert (word == "Bogotá") is (form is COMPOSED)
    assert slugs(api_client.get("/api/events/", {"city": word})) == {"talks"}
    assert slugs(api_client.get("/api/events/", {"search": form})) == {"talks"}
    assert slugs(api_client.get("/api/participants/", {"search": form})) == {"council"}
    assert Event.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_composes_the_texts_stored_before():
    with models_at("0025_no_point_with_one_coordinate") as old:
        participants = old.get_model("events", "Participant")
        participants.objects.create(slug="nfd", name=DECOMPOSED, kind="state", aliases=[DECOMPOSED, "plain"])
        participants.objects.create(slug="nfc", name=COMPOSED, kind="state", aliases=[])
    stored = {p.slug: (p.name, p.aliases, p.version) for p in Participant.objects.all()}
    assert stored == {"nfd": (COMPOSED, [COMPOSED, "plain"], 2), "nfc": (COMPOSED, [], 1)}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_leaves_a_text_that_composed_would_be_another_record_s():
    """Review 37: two titles of one day and publisher, differing only in their form, made the migration fail on the
    articles' unique set."""
    with models_at("0025_no_point_with_one_coordinate") as old:
        articles, day = old.get_model("events", "Article"), datetime.date(2018, 9, 4)
        articles.objects.create(title=COMPOSED, publisher="P", published_on=day, body="")
        twin = articles.objects.create(title=DECOMPOSED, publisher="P", published_on=day, body="").pk
    assert Article.objects.get(pk=twin).title == DECOMPOSED
    assert f"article {twin}" in NameChange.objects.latest("pk").reason
