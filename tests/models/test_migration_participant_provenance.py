"""Migration 0029 moves the assistant's note from a confirmed party's description to its provenance, as 0027 did an
event's: the description is public (the API, its exports, its history), the provenance for curators."""

import datetime

import pytest

from events.models import Article, NameChange, Participant, ParticipantProposal
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


def test_back_puts_every_note_where_it_was_and_forward_again_splits_it_as_before():
    """Migrating back to 0028 drops the provenance column: the note (moved by 0029, or written since by
    confirm_party) opens the description again, the curator's words after a blank line, in the history too; forward
    again gives the same description and provenance, each step a new version."""
    descriptions = {
        "noted": NOTE,
        "added-to": f"{NOTE}\n\nA coalition of northern parties.",
        "lost": f"{LOST}\n\nA coalition.",
        "plain": "A coalition.",
    }
    with models_at("0028_article_language_rfc5646_grammar") as old:
        article = old.get_model("events", "Article").objects.create(
            title=TITLE, publisher="Al Jazeera", published_on=datetime.date(2018, 8, 22), body="The talks."
        )
        for slug, description in descriptions.items():
            participant = old.get_model("events", "Participant").objects.create(
                slug=slug, name=slug.title(), kind="other", description=description
            )
            if slug != "lost":
                old.get_model("events", "ParticipantProposal").objects.create(
                    article=article, name=slug, key=slug, kind="other", status="confirmed", participant=participant
                )
    # A party confirmed after 0029: its note only ever in the provenance, in its record and its history.
    since = Participant.objects.create(slug="since", name="Since", kind="other", provenance=NOTE, description="Words.")
    ParticipantProposal.objects.create(
        article=Article.objects.get(), name="since", key="since", kind="other", status="confirmed", participant=since
    )
    descriptions["since"] = f"{NOTE}\n\nWords."
    forward = {p.slug: (p.description, p.provenance, p.version) for p in Participant.objects.all()}
    renames = NameChange.objects.count()

    with models_at("0028_article_language_rfc5646_grammar") as old:
        back = {p.slug: (p.description, p.version) for p in old.get_model("events", "Participant").objects.all()}
        history = old.get_model("events", "HistoricalParticipant").objects.get(slug="since", history_type="+")
        assert history.description == descriptions["since"]
    assert back == {
        slug: (descriptions[slug], version + (slug != "plain")) for slug, (_, _, version) in forward.items()
    }
    assert NameChange.objects.count() == renames + 2  # back, then forward again: every ETag moved each time

    again = {p.slug: (p.description, p.provenance, p.version) for p in Participant.objects.all()}
    assert again == {
        slug: (description, provenance, version + 2 * (slug != "plain"))
        for slug, (description, provenance, version) in forward.items()
    }
