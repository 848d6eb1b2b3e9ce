"""Linking a statement to an event scores only the new events it gives evidence for, and finds the same one."""

import dataclasses
import datetime

import pytest

from events.extraction import Catalog, NewEvent, extract
from events.extraction.linking import EventLinker
from events.extraction.vocabulary import default_vocabulary, pipeline
from tests.extraction.test_reading import proposals, seed_articles

MONTHS = ["January", "March", "May", "July", "September", "November"]


def digest(count):
    """Many statements about many talks: new events alike in all but their date and place."""
    return " ".join(
        f"Russia will attend the talks in {('Geneva', 'Doha', 'Oslo')[i % 3]} on {MONTHS[i % 6]} {i % 27 + 1}. "
        f"Iran said it would not take part in the meeting. The Geneva talks on {MONTHS[(i + 1) % 6]} {i % 25 + 2} "
        "were postponed, and Qatar, which hosted the talks, will host them again this year."
        + ("\n\n" if i % 4 == 3 else " ")
        for i in range(120)
    )


@pytest.fixture
def both_ways(monkeypatch):
    def read(text, published_on, catalog, publisher=""):
        found = []
        for exhaustive in (False, True):
            monkeypatch.setattr(EventLinker, "exhaustive", exhaustive)
            found.append(proposals(extract(text, published_on=published_on, catalog=catalog, publisher=publisher)))
        return found

    return read


def test_a_digest_of_many_events_links_as_when_every_event_is_scored(both_ways):
    participants, _ = seed_articles()
    indexed, exhaustive = both_ways(digest(120), datetime.date(2020, 6, 15), Catalog(participants=participants))
    assert indexed == exhaustive
    assert len(exhaustive[2]) > 50  # many new events, each a candidate for every later statement


def test_every_seed_article_links_as_when_every_event_is_scored(both_ways):
    participants, articles = seed_articles()
    catalog = Catalog(participants=participants)
    for name, text, published_on, publisher in articles:
        indexed, exhaustive = both_ways(text, published_on, catalog, publisher)
        assert indexed == exhaustive, name


def test_proposed_events_stay_filed_in_the_dicts_order_when_replaced_or_removed():
    """An event taken out, put back under a new slug or replaced (as a later date may) is found where it now is."""
    linker = EventLinker(Catalog(), default_vocabulary(), pipeline())
    day = datetime.date(2020, 6, 15)
    talks = [
        NewEvent(f"talks-{n}", "Meeting in Geneva", "meeting", day + datetime.timedelta(n), "Geneva")
        for n in (1, 2, 3)
    ]
    for event in talks:
        linker.new_events[event.slug] = event
    linker.new_events.pop("talks-1")
    moved = dataclasses.replace(talks[0], slug="talks-9", start_date=day + datetime.timedelta(9))
    linker.new_events["talks-9"] = moved
    linker.new_events["talks-2"] = dataclasses.replace(talks[1], city="Oslo")
    stretch = linker._stretch(pipeline()("Geneva will host it."), 0, 5, [], [])
    near = linker.new_events.candidates(stretch, None, day, linker._far)
    assert [e.slug for e in near] == ["talks-3"]  # the first meeting in Geneva left; the one moved to Oslo is not
    assert list(linker.new_events) == ["talks-2", "talks-3", "talks-9"]
    linker.new_events.clear()
    assert linker.new_events.candidates(stretch, None, day, linker._far) == []
