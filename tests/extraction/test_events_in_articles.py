"""Events the article names (issue 14), on invented sentences: which event each statement is about, and its day."""

import datetime

import pytest

from events.extraction.catalog import Catalog
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend
from events.extraction.sentencedates import sentence_dates

PUBLISHED = datetime.date(2024, 2, 14)  # a Wednesday


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Catalog(participants=extend([])))


def linked(result):
    return {(p.participant.slug, p.status, p.event.start_date) for p in result.proposals}


def test_a_weekday_with_its_date_is_the_date():
    dates = sentence_dates("the summit on Sunday, January 28, and the talks on Monday", PUBLISHED, "past", 0)
    assert [(d.text, d.start) for d in dates] == [
        ("January 28", datetime.date(2024, 1, 28)),
        ("Monday", datetime.date(2024, 2, 12)),
    ]


def test_an_earlier_summit_dated_by_weekday_and_date(extractor):
    text = (
        "ABUJA — Leaders met again in Abuja on Wednesday.\n\n"
        "At the first summit on Sunday, January 28, the presidents of Ghana and Togo attended in person."
    )
    result = extractor.extract(text, PUBLISHED)
    assert ("ghana", "attended", datetime.date(2024, 1, 28)) in linked(result)


def test_the_day_a_statement_was_made_does_not_date_the_article_s_event(extractor):
    result = extractor.extract("Kenya said on Monday it would attend the talks in Doha next week.", PUBLISHED)
    assert [e.start_date for e in result.new_events] != [datetime.date(2024, 2, 12)]


def parties(result):
    return {(p.participant.name, p.status) for p in result.new_party_proposals}


def test_a_short_form_is_the_organisation_named_in_full(extractor):
    text = (
        "Peace talks open in Geneva on March 3.\n\n"
        "The Northern Lion rebels said on Monday they would attend the talks.\n\n"
        "Envoys flew to Dara, the Free Lions of the Northern Hills Movement's stronghold."
    )
    assert parties(extractor.extract(text, PUBLISHED)) == {("Free Lions of the Northern Hills Movement", "confirmed")}


def test_a_title_word_that_opens_an_organisation_s_name_stays_in_it(extractor):
    text = "Peace talks open in Geneva on March 3. The General Popular Congress said it would attend the talks."
    assert parties(extractor.extract(text, PUBLISHED)) == {("General Popular Congress", "confirmed")}


def test_an_event_s_name_and_a_pair_of_peoples_are_no_party(extractor):
    text = (
        "Peace talks open in Geneva on March 3. The National Unity Dialogue was attended by Kenya. "
        "Ministers met without inviting either Afghan or Iranian-Pakistani representatives."
    )
    names = {p.participant.name for p in extractor.extract(text, PUBLISHED).new_party_proposals}
    assert not names & {"National Unity Dialogue", "Iranian-Pakistani"}


def test_an_event_noun_inside_a_body_s_name_is_no_event(extractor):
    text = (
        "Peace talks open in Geneva on March 3.\n\n"
        "Kenya received its invitation from the Peace Dialogue Joint Committee last week and will attend."
    )
    result = extractor.extract(text, PUBLISHED)
    assert len(result.new_events) == 1
    assert ("kenya", "invited", datetime.date(2024, 3, 3)) in linked(result)


def test_an_organisation_named_in_full_keeps_its_first_word(extractor):
    text = "The United Highland Peoples Council (UHPC) will not attend the peace talks in Geneva on March 3."
    assert parties(extractor.extract(text, PUBLISHED)) == {("United Highland Peoples Council", "declined")}


def test_a_name_before_a_known_acronym_is_that_party(extractor):
    text = "The Organisation of American States (OAS) will attend the peace talks in Geneva on March 3."
    result = extractor.extract(text, PUBLISHED)
    assert not result.new_party_proposals
    assert ("oas", "confirmed") in {(p.participant.slug, p.status) for p in result.proposals}


def test_venues_and_offices_are_no_party_and_a_government_keeps_its_name(extractor):
    text = (
        "Peace talks open in Geneva on March 3.\n\n"
        "Ministers met at the Lakeside Hotel on Monday. "
        "Mr Dlamini, the AU Commissioner for Political Affairs, said he would attend the talks. "
        "Ruritania's Provisional National Government will be represented by its prime minister at the talks."
    )
    result = extractor.extract(text, PUBLISHED)
    names = {(p.participant.name, p.participant.kind) for p in result.new_party_proposals}
    assert ("Provisional National Government", "government") in names
    assert not {n for n, _ in names} & {"Lakeside Hotel", "Commissioner for Political Affairs"}


def test_a_mission_named_after_a_truce_is_no_event(extractor):
    text = (
        "Peace talks open in Geneva on March 3.\n\n"
        "The rebels will travel escorted by the head of the Andean ceasefire monitoring mission, Colonel Luis Ortiz, "
        "who met the rebel leader Tomas Vera on Monday."
    )
    result = extractor.extract(text, PUBLISHED)
    assert [e.kind for e in result.new_events if "ceasefire" in e.title.lower()] == []


def test_an_event_named_in_a_title_case_dateline_s_city_and_not_in_its_own_name(extractor):
    text = (
        "Forum spokesman regrets decision\n\n"
        "Lusaka, 12 February 2024 — Kenya said it would leave the National Unity Forum, which Ghana attended "
        "on Monday. Other parties remain in the Forum."
    )
    events = [(e.title, e.city) for e in extractor.extract(text, PUBLISHED).new_events]
    assert events == [("National Unity Forum", "Lusaka")]


def test_the_day_an_event_opened_dates_it(extractor):
    text = (
        "ACCRA — Kenya said on Tuesday it would withdraw from the National Unity Forum.\n\n"
        "The National Unity Forum was called by the president and opened on 2 February in Accra."
    )
    assert [e.start_date for e in extractor.extract(text, PUBLISHED).new_events] == [datetime.date(2024, 2, 2)]


def places(result):
    return {(p.participant.slug, p.event.city) for p in result.proposals}


def test_an_organisation_s_name_before_the_event_noun_is_no_city(extractor):
    """ "the Pacific Islands Forum leaders' meeting ... in Suva": the place is Suva, not "Pacific Islands"."""
    text = "The Pacific Islands Forum leaders' meeting opened in Suva this morning. Tonga attended the meeting."
    assert places(extractor.extract(text, PUBLISHED)) == {("tonga", "Suva")}


def test_a_placed_event_in_a_clause_of_background_beats_a_headline_with_no_place(extractor):
    """The headline names the forum with no place; the lead, after "as", names it in the Fijian capital."""
    text = (
        "Empty chairs as Pacific leaders open first face-to-face forum in three years\n\n"
        "Three name cards sat in front of empty chairs this morning as the leaders' meeting got down to business "
        "in the Fijian capital.\n\nTonga attended the meeting."
    )
    assert places(extractor.extract(text, PUBLISHED)) == {("tonga", "Suva")}


SUMMIT_DAY = datetime.date(2022, 7, 12)


def statuses_on_the_day(extractor, text):
    """(party, status) of ``text`` after a lead that opens the summit on the day it is written."""
    lead = "The leaders' summit got down to business in Suva this morning. "
    return {(p.participant.slug, p.status) for p in extractor.extract(lead + text, SUMMIT_DAY).proposals}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tonga is staying home.", {("tonga", "absent")}),  # while it sits: not there, no longer a refusal
        ("Tonga is already in Suva.", {("tonga", "attended")}),
        # the next clause's "tomorrow" is Samoa's, not Tonga's
        ("Tonga is already in Suva, and Samoa's delegation is due to arrive tomorrow.", {("tonga", "attended")}),
    ],
)
def test_statements_written_while_the_summit_sits(extractor, text, expected):
    assert expected <= statuses_on_the_day(extractor, text)
