"""Shapes of ministry and organisation statements (issue 14, stop 26): a headline in title case, then a lead
that opens with the day ("On the afternoon of September 23, the minister chaired a meeting in New York")."""

import datetime

import pytest

from tests.extraction.wire import gazetteer_extractor, said

STATEMENT_DAY = datetime.date(2019, 9, 24)
HEADLINE = "Foreign Minister Hosts Third Informal Meeting with Myanmar and Bangladesh\n\n"


@pytest.fixture(scope="module")
def extractor():
    return gazetteer_extractor()


def events(extractor, text, published_on=STATEMENT_DAY):
    return {(p.event.city, p.event.start_date) for p in extractor.extract(text, published_on).proposals}


@pytest.mark.parametrize(
    "opening",
    [
        "On the afternoon of September 23, 2019 local time, the Chinese foreign minister",
        "On September 23, the Chinese foreign minister",
        "On Monday evening, the Chinese foreign minister",
    ],
)
def test_the_day_a_statement_opens_with_dates_the_meeting_its_subject_holds(extractor, opening):
    text = HEADLINE + f"{opening} chaired an informal meeting in New York. Myanmar and Bangladesh took part."
    assert events(extractor, text) == {("New York", datetime.date(2019, 9, 23))}


def test_the_day_a_statement_opens_with_does_not_date_a_meeting_only_spoken_of(extractor):
    text = HEADLINE + "On September 20, the ministry announced the meeting. Myanmar and Bangladesh took part."
    assert {day for _, day in events(extractor, text)} == {STATEMENT_DAY}


def test_a_weekday_before_a_past_holding_verb_is_the_past_one(extractor):
    """ "On Wednesday morning, he chaired a plenary meeting" in a statement of Thursday 29 April is the 28th,
    not the Wednesday after."""
    text = (
        "Secretary-General concludes informal meeting on Cyprus in Geneva\n\n"
        "On Wednesday morning, the Secretary-General chaired a plenary meeting. Greece and Turkey took part."
    )
    assert events(extractor, text, datetime.date(2021, 4, 29)) == {("Geneva", datetime.date(2021, 4, 28))}


def test_a_city_whose_gazetteer_name_ends_in_city_is_met_without_it(extractor):
    """GeoNames calls it "New York City"; articles say "New York". "Mexico" stays a state."""
    text = "China and Myanmar held talks in New York on September 23."
    assert events(extractor, text) == {("New York", datetime.date(2019, 9, 23))}
    text = "China and Myanmar held talks in Mexico on September 23."
    assert {city for city, _ in events(extractor, text)} == {""}


def test_a_state_councilor_is_a_title_not_a_new_party(extractor):
    text = HEADLINE + "On September 23, State Councilor and Foreign Minister Wang Yi chaired the meeting."
    result = extractor.extract(text, STATEMENT_DAY)
    assert {p.participant.name for p in result.new_party_proposals} == {"Wang Yi"}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The National Governance and Reconciliation Commission said it would attend.",
            "National Governance and Reconciliation Commission",
        ),
        ("The Building and Development Party said it would attend.", "Building and Development Party"),
        ("Egypt and the Building and Development Party will attend.", "Building and Development Party"),
    ],
)
def test_and_between_the_words_of_a_cause_joins_one_body_s_name(extractor, sentence, name):
    assert name in {party for party, _ in said(extractor, sentence)}


def test_and_between_two_names_still_makes_two(extractor):
    sentence = "Hatem Azzam and Wasat Party leader Abul-Ela Madi attended."
    assert said(extractor, sentence) == {("Hatem Azzam", "attended"), ("Abul-Ela Madi", "attended")}


def test_a_person_of_a_body_whose_name_has_and_is_the_body_s(extractor):
    sentence = "Nasr Abdel Salam of the Building and Development Party also attended."
    assert said(extractor, sentence) == {("Building and Development Party", "attended")}


def test_the_members_an_apposition_lists_are_not_the_subject(extractor):
    sentence = (
        "The National Salvation Front, the umbrella of liberal and leftist parties that includes Mohamed "
        "ElBaradei, Hamdeen Sabbahi and Amr Moussa, turned the invitation down."
    )
    assert said(extractor, sentence) == {("national-salvation-front", "declined")}
    sentence = "The opposition bloc, a coalition that includes Egypt, Jordan and Qatar, turned the invitation down."
    assert said(extractor, sentence) == set()


@pytest.mark.parametrize("label", ["LATEST", "UPDATE", "BREAKING"])
def test_a_live_report_s_label_before_a_dash_is_no_dateline(extractor, label):
    text = f"{label} - Who is in\n\nChina and Myanmar held talks on September 23. Bangladesh took part."
    assert {city for city, _ in events(extractor, text)} == {""}
    text = "NAYPYITAW - Who is in\n\nChina and Myanmar held talks on September 23. Bangladesh took part."
    assert {city for city, _ in events(extractor, text)} == {"Naypyitaw"}
