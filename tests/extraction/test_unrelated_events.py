"""A known event near the article's date is taken on a date alone only where it fits the statement (tester 44, D7)."""

import datetime

import pytest

from events.extraction import Catalog, KnownEvent, extract
from events.extraction.gazetteer import extend
from tests.extraction.test_extractor import PARTICIPANTS

PUBLISHED = datetime.date(2023, 5, 9)  # a Tuesday
DAY = datetime.date(2023, 5, 20)
ARTICLE = (
    "LISBON, May 9 - Russia said on Tuesday it would not attend the peace talks on Ruritania scheduled to open "
    'in Valletta on May 20. "We will not take part in the Valletta consultations," a spokesman said.\n\n'
    "Qatar confirmed it would attend, its foreign ministry said."
)


def read(*events):
    catalog = Catalog(participants=extend(PARTICIPANTS), events=list(events))
    result = extract(ARTICLE, published_on=PUBLISHED, catalog=catalog)
    return {(p.participant.slug, p.status, p.event.slug) for p in result.proposals}, result.new_events


def known(slug, title, kind, city=""):
    return KnownEvent(slug, title, kind, DAY, city=city)


def test_without_a_known_event_the_sentence_gives_the_talks_their_day_and_place():
    statements, new = read()
    assert [(e.title, e.start_date, e.city, e.kind) for e in new] == [
        ("Peace talks in Valletta", DAY, "Valletta", "peace_talks")
    ]
    assert statements == {("russia", "declined", new[0].slug), ("qatar", "confirmed", new[0].slug)}


@pytest.mark.parametrize(
    "unrelated",
    [
        known("regatta", "Regatta", "meeting"),  # another kind, no city, no shared word: the tester's case
        known("board", "Board meeting", "meeting", "Oslo"),  # another city
        known("expo", "Trade fair", "peace_talks", "Zagreb"),  # the same kind, but another city
        known("gala", "Gala", "conference"),  # no city, another kind
    ],
    ids=lambda e: e.slug,
)
def test_an_unrelated_known_event_on_the_day_does_not_take_the_talks(unrelated):
    alone, new_alone = read()
    beside, new_beside = read(unrelated)
    assert beside == alone
    described = [(e.title, e.start_date, e.city) for e in new_alone]
    assert [(e.title, e.start_date, e.city) for e in new_beside] == described


@pytest.mark.parametrize(
    "fitting",
    [
        known("valletta-round", "Valletta round", "negotiation", "Valletta"),  # its city
        known("ruritania-talks", "Ruritania talks", "peace_talks"),  # its words
        known("unnamed", "Unnamed", "peace_talks"),  # no city, the same kind: nothing says it is another
        known("other", "Anything", "other"),  # of no kind, no city
    ],
    ids=lambda e: e.slug,
)
def test_a_known_event_that_fits_is_still_taken(fitting):
    statements, new = read(fitting)
    assert ("russia", "declined", fitting.slug) in statements
    assert not any(e.start_date == DAY for e in new)
