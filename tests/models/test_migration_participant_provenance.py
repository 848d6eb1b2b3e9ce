"""Migration 0029 moves the assistant's note from a confirmed party's description to its provenance, as 0027 did an
event's: the description is public (the API, its exports, its history), the provenance for curators."""

import datetime

import pytest

from events.models import NameChange, Participant
from tests.migrations import models_at

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Talks in Doha”. Then Moscow"  # a title that holds the note's own ending
NOTE = f"Proposed by the extraction assistant from “{TITLE}”."
LOST = "Proposed by the extraction assistant from “An article deleted since”."


def test_the_note_becomes_the_provenance_and_the_curator_s_words_stay_the_description():
    with models_at("0028_article_language_rfc5646_grammar") as old:
        participants = old.get_model("events", "Participant")
        proposals = old.get_model("events", "ParticipantProposal")
        article = old.get_model("events", "Article").objects.create(
            title=TITLE, publisher="Al Jazeera", published_on=datetime.date(2018, 8, 22), body="The talks."
        )
        for slug, description in [
            ("noted", NOTE),
            ("added-to", f"{NOTE}\n\nA coalition of northern parties."),
            ("lost", f"{LOST} A coalition."),
            ("curated", f"A coalition. {NOTE}"),
            ("plain", "A coalition."),
        ]:
            participant = participants.objects.create(
                slug=slug, name=slug.title(), kind="other", description=description
            )
            if slug != "lost":
                proposals.objects.create(
                    article=article, name=slug, key=slug, kind="other", status="confirmed", participant=participant
                )
        renames = NameChange.objects.count()

    found = {p.slug: (p.description, p.provenance, p.version) for p in Participant.objects.all()}
    assert found == {
        "noted": ("", NOTE, 2),
        "added-to": ("A coalition of northern parties.", NOTE, 2),
        "lost": ("A coalition.", LOST, 2),  # its article gone, the note ends at the first ”.
        "curated": (f"A coalition. {NOTE}", "", 1),
        "plain": ("A coalition.", "", 1),
    }
    # Every ETag and kept answer moves: the descriptions they were made of changed.
    assert NameChange.objects.count() == renames + 1
