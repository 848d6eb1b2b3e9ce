"""Migration 0027 moves the assistant's note from an event's description to its provenance (tester 44, D4)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("events", "0026_texts_composed")]
AFTER = [("events", "0027_event_provenance_apart")]
NOTE = "Proposed by the extraction assistant from article 8. Read from the sentence at character 225 of its text."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_note_becomes_the_provenance_and_the_curator_s_words_stay_the_description(before):
    Event = before.get_model("events", "Event")
    day = datetime.date(2024, 3, 25)
    for slug, description in [
        ("noted", NOTE),
        ("added-to", f"{NOTE}\n\nTalks on the port of Hodeidah."),
        ("curated", "Talks on the port of Hodeidah. Proposed by the extraction assistant from article 8."),
    ]:
        Event.objects.create(slug=slug, title="Talks", kind="peace_talks", start_date=day, description=description)

    Event = migrate(AFTER).get_model("events", "Event")

    found = {e.slug: (e.description, e.provenance, e.version) for e in Event.objects.all()}
    assert found == {
        "noted": ("", NOTE, 2),
        "added-to": ("Talks on the port of Hodeidah.", NOTE, 2),
        "curated": ("Talks on the port of Hodeidah. Proposed by the extraction assistant from article 8.", "", 1),
    }
