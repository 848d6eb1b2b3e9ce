"""Shapes met in the eight dev articles of stop 24, written by someone who had not read the extractor: invented
sentences of the same shape, the catalog as it ships, no event known."""

import datetime

import pytest

from events.extraction.catalog import Catalog
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend

WRITTEN = datetime.date(2023, 4, 27)  # a Thursday
LEAD = "NAIROBI, April 27, 2023 — Talks between Ethiopia and the OLA opened in Zanzibar on Tuesday. "


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Catalog(participants=extend([])))


def read(extractor, text):
    """(party or new party's name, status, the event's city, its day) of each proposal of ``text``."""
    result = extractor.extract(text, WRITTEN)
    known = {(p.participant.slug, p.status, p.event.city, p.event.start_date) for p in result.proposals}
    new = {(p.participant.name, p.status, p.event.city, p.event.start_date) for p in result.new_party_proposals}
    return known | new


TUESDAY = datetime.date(2023, 4, 25)


def test_have_been_meeting_is_a_verb_that_attends_not_an_event_of_its_own(extractor):
    """ "have been meeting since Tuesday in Zanzibar": the talks in Zanzibar from Tuesday; "since Tuesday" is a time,
    not a clause of background, so this sentence names the article's event before the one in Addis Ababa."""
    text = (
        "NAIROBI, April 27, 2023 — Delegations of Ethiopia's federal government and the Oromo Liberation Army have "
        "been meeting since Tuesday in Zanzibar, in the first known direct talks between the two sides. Speaking on "
        "Sunday at a ceremony in Addis Ababa, the prime minister said negotiations would begin two days later."
    )
    found = read(extractor, text)
    assert ("oromo-liberation-army", "attended", "Zanzibar", TUESDAY) in found
    assert {city for *_, city, _day in found} == {"Zanzibar"}


def test_with_mediators_in_an_absolute_clause(extractor):
    """ ", with Norway and Kenya mediating": both mediate the talks going on; "until Thursday" is their end, no
    condition and no other event."""
    text = LEAD + "The talks were due to run until Thursday, with Norway and Kenya mediating."
    found = read(extractor, text)
    assert {("norway", "attended", "Zanzibar", TUESDAY), ("kenya", "attended", "Zanzibar", TUESDAY)} <= found


def test_a_team_that_includes_people(extractor):
    text = LEAD + "The government team includes Justice Minister Gedion Timothewos and Redwan Hussein."
    found = read(extractor, text)
    assert {("Gedion Timothewos", "attended"), ("Redwan Hussein", "attended")} <= {(p, s) for p, s, *_ in found}


def test_a_clause_of_background_does_not_change_the_event_the_next_sentence_speaks_of(extractor):
    """ "three weeks after Kim hosted Wu in Pyongyang" is background: the delegation's members go to Beijing."""
    text = (
        "BEIJING, Sept 17 — A conference on the six-party talks opens in Beijing on Wednesday. A North Korean "
        "delegation arrived in the Chinese capital on Monday, three weeks after Kim Kye-gwan hosted his Chinese "
        "counterpart, Wu Dawei, in Pyongyang. The delegation includes Ri Yong-ho."
    )
    result = extractor.extract(text, datetime.date(2013, 9, 17))
    ri = [p for p in result.new_party_proposals if p.participant.name == "Ri Yong-ho"]
    assert ri and {p.event.city for p in ri} == {"Beijing"}


BUTMIR = "SARAJEVO, 22 October 2009 — The second round of talks ended late on Wednesday at the EUFOR base in Butmir. "


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # ", among them" opens the list, no apposition; each leader's party is his, no member of its own
            "Facing them were the leaders of the main parties, among them Milorad Dodik, Sulejman Tihić of the Party "
            "of Democratic Action and Dragan Čović of the Croatian Democratic Union.",
            {"Milorad Dodik", "Sulejman Tihić", "Dragan Čović"},
        ),
        ("Milorad Dodik joined the table at Butmir only after the organisers pressed him.", {"Milorad Dodik"}),
        # a commissioner's portfolio and title are no part of his name
        ("The talks were chaired by Carl Bildt and Enlargement Commissioner Olli Rehn.", {"Carl Bildt", "Olli Rehn"}),
    ],
)
def test_the_leaders_at_the_table(extractor, sentence, expected):
    result = extractor.extract(BUTMIR + sentence, datetime.date(2009, 10, 22))
    assert {p.participant.name for p in result.new_party_proposals if p.status == "attended"} == expected


def test_a_venue_named_before_the_city_is_not_the_city(extractor):
    """ "in the Basílica del Voto Nacional, in Quito's historic centre": the meeting is in Quito."""
    text = (
        "QUITO, June 30, 2022 (AFP) - The first meeting between the two camps took place on Monday in the Basílica "
        "del Voto Nacional, in Quito's historic centre, where Peru and Chile attended the meeting."
    )
    result = extractor.extract(text, datetime.date(2022, 6, 30))
    assert {p.event.city for p in result.proposals} == {"Quito"}


def test_a_building_is_no_new_party(extractor):
    """ "at State House": where the leaders met, not a party that attended."""
    text = (
        "BANJUL, Jan 13 — Talks opened in Banjul on Friday. The leaders held closed-door talks with Adama Barrow at "
        "State House."
    )
    result = extractor.extract(text, datetime.date(2017, 1, 13))
    assert {p.participant.name for p in result.new_party_proposals} == {"Adama Barrow"}


def test_a_second_verb_after_an_opening_time_takes_the_sentence_s_subjects(extractor):
    """ "On December 13, A, B and C flew to Banjul and met X": A, B and C met, past the opening time."""
    text = (
        "BANJUL, Dec 14 — Talks opened in Banjul on Tuesday. On December 13, Egypt, Kenya and Ghana flew to Banjul "
        "and met both sides."
    )
    result = extractor.extract(text, datetime.date(2016, 12, 14))
    assert {(p.participant.slug, p.status) for p in result.proposals} == {
        ("egypt", "attended"),
        ("kenya", "attended"),
        ("ghana", "attended"),
    }


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a person's name before the event noun is no city; the line under the headline says where it was filed
        ("No deal as Haass talks break up\n\nBelfast, 31 December 2013\n\nSinn Fein attended the talks.", "Belfast"),
        ("No deal as Haass talks break up\n\nSaturday, December 28, 2013\n\nSinn Fein attended the talks.", ""),
        # a place the article names after "in" is one before the noun too
        ("The talks were held in Butmir on Friday. Sinn Fein attended the Butmir talks.", "Butmir"),
    ],
)
def test_where_an_event_is_when_a_name_stands_before_its_noun(extractor, text, city):
    result = extractor.extract(text, datetime.date(2013, 12, 31))
    assert {p.event.city for p in result.proposals} == {city}


def test_guests_of_a_conference_in_a_city_of_two_names(extractor):
    """ "in Donostia-San Sebastián" is a city; "will head a group ... at", "will be joined by" confirm them all; a
    chief of staff "at Downing Street" sits in a building, no meeting of its own."""
    text = (
        "Kofi Annan will head a group of international figures at tomorrow's conference in Donostia-San Sebastián. "
        "Annan will be joined by former Irish Taoiseach Bertie Ahern and Pierre Joxe. Tony Blair will be "
        "represented by Jonathan Powell, his chief of staff at Downing Street."
    )
    result = extractor.extract(text, datetime.date(2011, 10, 16))
    found = {(p.participant.name, p.status, p.event.city) for p in result.new_party_proposals}
    city = "Donostia-San Sebastián"
    expected = {"Kofi Annan", "Bertie Ahern", "Pierre Joxe", "Jonathan Powell"}
    assert {(name, "confirmed", city) for name in expected} <= found
    assert {c for *_, c in found} == {city}


def test_an_event_of_another_year_is_not_the_article_s_own(extractor):
    """ "a veteran of the Rome talks that ended the civil war in 1992" is history; the dateline line (with its
    weekday) places the article's session in Maputo."""
    text = (
        "Renamo back at the table\n\nMaputo, Tuesday 28 January 2014\n\nThe Italian bishop Matteo Zuppi, a veteran "
        "of the Rome talks that ended the civil war in 1992, is a possible mediator. Portugal attended the session."
    )
    result = extractor.extract(text, datetime.date(2014, 1, 28))
    assert {p.event.city for p in result.proposals} == {"Maputo"}


def test_a_state_s_name_opening_a_body_s_name_is_the_body(extractor):
    """ "the Cameroon Renaissance Movement" is a new party, not Cameroon; "until Friday" is no condition."""
    text = (
        "YAOUNDE, Sept 30 — The dialogue opened in Yaoundé on Monday. The largest opposition party, the Cameroon "
        "Renaissance Movement, says it will not take part in the dialogue. The dialogue is chaired by Prime Minister "
        "Joseph Dion Ngute and is due to run until Friday."
    )
    result = extractor.extract(text, datetime.date(2019, 9, 30))
    assert not result.proposals  # no statement about the state
    found = {(p.participant.name, p.status) for p in result.new_party_proposals}
    assert ("Cameroon Renaissance Movement", "declined") in found
    assert "considering" not in {status for _name, status in found}
