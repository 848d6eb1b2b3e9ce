"""A known event held well before the article takes no statement told in the future, and "the forum" is the event the
text was last speaking of (tester 45, D5: "Mongolia will host the dialogue" filed under the dialogue of a year before,
in an article about the next one)."""

import datetime

import pytest

from events.extraction import Catalog, KnownEvent, extract
from events.extraction.gazetteer import extend

PUBLISHED = datetime.date(2031, 4, 3)
HELD = KnownEvent(
    "tallinn-forum-2030",
    "Tallinn Forum 2030",
    "conference",
    datetime.date(2030, 5, 12),
    datetime.date(2030, 5, 13),
    city="Tallinn",
    country="EE",
    host="estonia",
)
COMING = KnownEvent(
    "tallinn-forum-2031",
    "Tallinn Forum 2031",
    "conference",
    datetime.date(2031, 5, 11),
    city="Tallinn",
    host="estonia",
)
NEXT = (
    "TALLINN, 3 April 2031 (Baltic Wire) — Finland confirmed on Wednesday that it would attend the 2031 Tallinn Forum "
    "in Tallinn on 11 May. Belarus declined the invitation, according to a statement carried by BelTA. "
)


def read(text, *events, published_on=PUBLISHED):
    catalog = Catalog(participants=extend([]), events=list(events))
    result = extract(text, published_on=published_on, catalog=catalog)
    return {(p.participant.slug, p.status, p.event.slug) for p in result.proposals}, result.new_events


@pytest.mark.parametrize(
    "last",
    [
        "Estonia will host the forum, the Estonian foreign ministry said.",  # the tester's shape
        "Estonia is hosting the forum, the Estonian foreign ministry said.",  # no future word: "the forum" alone
    ],
)
def test_the_forum_after_the_article_s_own_event_is_that_event_not_last_year_s(last):
    statements, new = read(NEXT + last, HELD)
    assert [(e.title, e.start_date) for e in new] == [("Tallinn Forum", datetime.date(2031, 5, 11))]
    assert ("estonia", "confirmed", new[0].slug) in statements
    assert not any(slug == HELD.slug for *_, slug in statements)
    assert statements == read(NEXT + last)[0]  # as if the catalog did not hold last year's


@pytest.mark.parametrize(
    "text",
    [
        "Estonia will host the Tallinn Forum, the Estonian foreign ministry said.",
        "Latvia will attend the Tallinn Forum, its foreign ministry said.",
        # the future of the cue's own verb group, whatever its shape
        "Latvia will not attend the Tallinn Forum, its foreign ministry said.",
        "Latvia won't be attending the Tallinn Forum, its foreign ministry said.",
        "Latvia is going to attend the Tallinn Forum, its foreign ministry said.",
        "Latvia plans to attend the Tallinn Forum, its foreign ministry said.",
        # the text speaks of last year's forum, then of one to come
        "The Tallinn Forum last May drew ministers from twenty states. Latvia will attend the forum, its foreign "
        "ministry said.",
    ],
)
def test_a_statement_told_in_the_future_is_of_no_event_held_eleven_months_before(text):
    statements, _new = read(text, HELD)
    assert not any(slug == HELD.slug for *_, slug in statements)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Estonia will host the Tallinn Forum, the Estonian foreign ministry said.", "confirmed"),
        ("Latvia will attend the Tallinn Forum, its foreign ministry said.", "confirmed"),
        ("Latvia won't be attending the Tallinn Forum, its foreign ministry said.", "declined"),
        ("Latvia is going to attend the Tallinn Forum, its foreign ministry said.", "confirmed"),
        ("Latvia plans to attend the Tallinn Forum, its foreign ministry said.", "confirmed"),
        ("The Tallinn Forum last May drew ministers. Latvia will attend the forum, its foreign ministry said.", None),
    ],
)
def test_the_same_statement_goes_to_the_forum_to_come_when_the_catalog_holds_it(text, status):
    statements, new = read(text, HELD, COMING)
    assert not new
    assert {slug for *_, slug in statements} == {COMING.slug}
    assert status is None or {s for _, s, _ in statements} == {status}


@pytest.mark.parametrize(
    "text",
    [
        "Estonia hosted the Tallinn Forum, the Estonian foreign ministry said.",
        "The Tallinn Forum last May drew ministers from twenty states. Latvia attended the forum, its foreign "
        "ministry said.",
        # a "will" that is not of the cue's verb group: another verb, an aside, a noun (review 38, finding 2)
        "Latvia attended the Tallinn Forum 2030 in May 2030, and will publish a report, its foreign ministry said.",
        "Latvia attended the Tallinn Forum 2030 in Tallinn on 12 May 2030, the minister, who will retire, said.",
        "Of its own free will, Latvia attended the Tallinn Forum 2030 in May 2030, its foreign ministry said.",
        # a verb group of the future told in the past: what was to be, of the forum since held
        "Latvia was expected to attend the Tallinn Forum but stayed away, its foreign ministry said.",
        "Latvia had announced in April 2030 that it would not attend the Tallinn Forum, its foreign ministry said.",
    ],
)
def test_a_statement_told_in_the_past_is_still_of_the_held_forum(text):
    statements, _new = read(text, HELD)
    assert statements and {slug for *_, slug in statements} == {HELD.slug}


def test_a_statement_told_in_the_future_a_day_after_the_forum_ended_is_still_of_it():
    # a day or two of slack: a dateline's day is not always the day the story was written
    day_after = datetime.date(2030, 5, 14)
    statements, _new = read(
        "Latvia will attend the Tallinn Forum, its foreign ministry said.", HELD, published_on=day_after
    )
    assert {slug for *_, slug in statements} == {HELD.slug}
