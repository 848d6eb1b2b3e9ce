"""Migration 0027 moves the assistant's note from an event's description to its provenance (tester 44, D4)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.extraction import proposed_marker
from events.models import Event
from tests.migrations import models_at

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
    Old = before.get_model("events", "Event")
    day = datetime.date(2024, 3, 25)
    for slug, description in [
        ("noted", NOTE),
        ("added-to", f"{NOTE}\n\nTalks on the port of Hodeidah."),
        ("curated", "Talks on the port of Hodeidah. Proposed by the extraction assistant from article 8."),
    ]:
        Old.objects.create(slug=slug, title="Talks", kind="peace_talks", start_date=day, description=description)

    New = migrate(AFTER).get_model("events", "Event")

    found = {e.slug: (e.description, e.provenance, e.version) for e in New.objects.all()}
    assert found == {
        "noted": ("", NOTE, 2),
        "added-to": ("Talks on the port of Hodeidah.", NOTE, 2),
        "curated": ("Talks on the port of Hodeidah. Proposed by the extraction assistant from article 8.", "", 1),
    }


def test_back_puts_every_note_where_it_was_and_forward_again_splits_it_as_before():
    """Migrating back to 0026 drops the provenance column: the note (moved by 0027, or written since by the
    extraction assistant) opens the description again, the curator's words after a blank line, in the history too,
    so the code of then finds the events an article proposed by it; forward again gives the same description and
    provenance, each step a new version."""
    day = datetime.date(2024, 3, 25)
    descriptions = {"noted": NOTE, "added-to": f"{NOTE}\n\nTalks on the port of Hodeidah.", "plain": "Talks."}
    with models_at("0026_texts_composed") as old:
        for slug, description in descriptions.items():
            old.get_model("events", "Event").objects.create(
                slug=slug, title="Talks", kind="peace_talks", start_date=day, description=description
            )
    # An event proposed after 0027: its note only ever in the provenance, in its record and its history.
    Event.objects.create(slug="since", title="Talks", kind="peace_talks", start_date=day, provenance=NOTE)
    descriptions["since"] = NOTE
    forward = {e.slug: (e.description, e.provenance, e.version) for e in Event.objects.all()}

    with models_at("0026_texts_composed") as old:
        back = {e.slug: (e.description, e.version) for e in old.get_model("events", "Event").objects.all()}
        history = old.get_model("events", "HistoricalEvent").objects.get(slug="since", history_type="+")
        assert history.description == NOTE
        found = old.get_model("events", "Event").objects.filter(description__startswith=proposed_marker(8))
        assert sorted(found.values_list("slug", flat=True)) == ["added-to", "noted", "since"]
    assert back == {
        slug: (descriptions[slug], version + (slug != "plain")) for slug, (_, _, version) in forward.items()
    }

    again = {e.slug: (e.description, e.provenance, e.version) for e in Event.objects.all()}
    assert again == {
        slug: (description, provenance, version + 2 * (slug != "plain"))
        for slug, (description, provenance, version) in forward.items()
    }
