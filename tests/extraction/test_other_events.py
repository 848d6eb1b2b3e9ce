"""Statements about another event than the article's, or about none (stop 37, precision on unseen text): each
shape general, the sentences invented."""

import datetime

import pytest

from tests.extraction.invented import extractor_with

WRITTEN = datetime.date(2024, 3, 6)  # a Wednesday
LEAD = "Peace talks open in Oslo on March 11. "


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def read(extractor, text):
    """(party or new party's name, status) of each proposal of ``text`` after the lead."""
    result = extractor.extract(LEAD + text, WRITTEN)
    known = {(p.participant.slug, p.status) for p in result.proposals}
    return known | {(p.participant.name, p.status) for p in result.new_party_proposals}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Uganda, which attended the last round, said it would not attend this time.", {("uganda", "declined")}),
        ("Kenya hosted the last round of talks in 2022.", set()),
        ("Kenya has attended every round since 2019.", set()),
        ("Kenya has never attended such talks.", set()),
    ],
)
def test_the_last_round_every_round_and_such_talks_are_not_the_articles(extractor, text, expected):
    assert read(extractor, text) == expected


def test_last_chance_talks_are_still_the_articles_own(extractor):
    text = "Kenya will attend the last chance talks in Oslo."
    assert read(extractor, text) == {("kenya", "confirmed")}


@pytest.mark.parametrize(
    "text",
    [
        "The previous round, held in Cairo in February, ended without agreement after Kenya refused to sign.",
        "Earlier talks in Cairo collapsed after Uganda walked out.",
        "The last round broke up in January because Uganda walked out.",
    ],
)
def test_a_clause_hung_on_an_earlier_round_is_that_rounds(extractor, text):
    assert read(extractor, text) == set()


def test_a_clause_hung_on_the_articles_talks_is_still_theirs(extractor):
    assert read(extractor, "The talks in Oslo stalled on Monday after Uganda walked out.") == {("uganda", "withdrawn")}


@pytest.mark.parametrize(
    "text",
    [
        "Uganda denied reports that it would attend.",
        "Uganda's ministry denied reports on Tuesday that it would attend.",
    ],
)
def test_a_denial_of_reports_states_nothing(extractor, text):
    assert read(extractor, text) == set()


def test_reports_denied_and_an_own_statement_after_them(extractor):
    assert read(extractor, "Uganda denied reports of a rift and said it would attend.") == {("uganda", "confirmed")}


def read_events(extractor, text):
    """(party, status, the event's city) of each proposal of ``text`` after the lead."""
    result = extractor.extract(LEAD + text, WRITTEN)
    return {(getattr(p.participant, "slug", ""), p.status, p.event.city) for p in result.proposals}


@pytest.mark.parametrize(
    "text",
    [
        "Kenya, which hosted a summit in Nairobi in January, will attend.",
        "Kenya, which met Uganda in Cairo last month, will attend the talks.",
    ],
)
def test_the_city_and_day_of_an_aside_are_not_the_main_clauses(extractor, text):
    assert ("kenya", "confirmed", "Oslo") in read_events(extractor, text)
    assert not any(status == "confirmed" and city != "Oslo" for _, status, city in read_events(extractor, text))


def test_a_numbered_meeting_is_no_new_party(extractor):
    assert read(extractor, "Kenya said COP29 was a waste of time and it would boycott it.") == {("kenya", "declined")}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kenya walked out of the last session.", {("kenya", "withdrawn")}),
        ("Kenya attended every session of the talks.", {("kenya", "attended")}),
    ],
)
def test_the_last_session_is_a_part_of_the_articles_own(extractor, text, expected):
    assert read(extractor, text) == expected


def test_the_day_in_an_aside_on_the_event_noun_is_that_events(extractor):
    # ", scheduled for April 15," describes "the next round": its day is the round's, unlike a relative's
    text = "Kenya said it would send its delegation to the next round, scheduled for April 15, as long as it is held."
    result = extractor.extract(LEAD + text, WRITTEN)
    assert {(p.participant.slug, p.event.start_date) for p in result.proposals} == {
        ("kenya", datetime.date(2024, 4, 15))
    }
