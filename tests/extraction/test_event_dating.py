"""Which event a statement belongs to and what date and place the event gets (issue 14, stop 29), and the
inverted lists of those present, on invented sentences of the shapes the dev split showed."""

import datetime

import pytest

from tests.extraction.invented import extractor_with, linked

PUBLISHED = datetime.date(2024, 2, 14)  # a Wednesday


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize(
    "text",
    [
        "LUSAKA, Feb 14 — Kenya, which came second in the Oct. 9 vote, has been left out of the talks.",
        "Live: the talks in the lakeside village\n\nWednesday, 14 February 2024 – Kenya has been left out of the "
        "talks.",
    ],
)
def test_a_month_or_a_weekday_is_no_place_of_the_event(extractor, text):
    assert {e.city for e in extractor.extract(text, PUBLISHED).new_events} <= {"", "Lusaka"}


def test_a_ceremony_is_an_event_its_clause_places(extractor):
    text = (
        "Two governments sign border accord\n\n"
        "The two governments signed the accord on Wednesday. The ceremony took place in Mbala, a village on the "
        "lake. Kenya stayed away from the ceremony."
    )
    result = extractor.extract(text, PUBLISHED)
    assert [(e.city, e.start_date) for e in result.new_events] == [("Mbala", PUBLISHED)]
    assert ("kenya", "absent", PUBLISHED) in linked(result)


def test_the_ceremony_of_an_event_is_that_event(extractor):
    text = (
        "GENEVA — Delegates waited for the opening ceremony of the talks in Geneva. Kenya attended the talks. "
        "Ghana cancelled a meeting planned for Sunday in Mombasa."
    )
    events = {(p.participant.slug, p.status): p.event for p in extractor.extract(text, PUBLISHED).proposals}
    assert events["kenya", "attended"].city == "Geneva"


def test_the_lead_s_event_is_in_the_dateline_s_city_when_its_clause_names_none(extractor):
    text = (
        "Regional summit put off\n\n"
        "MBALA, Feb 14 (Reuters) - A meeting of regional leaders was postponed by a week on Wednesday after Kenya "
        "refused to come.\n\n"
        "Four days of talks in Lusaka last week broke up without agreement. Ghana attended the talks in Lusaka."
    )
    events = {(p.participant.slug, p.status): p.event for p in extractor.extract(text, PUBLISHED).proposals}
    assert events["kenya", "declined"].city == "Mbala"
    assert events["ghana", "attended"].city == "Lusaka"


def test_a_signing_under_way_is_today_s_and_a_journey_ahead_does_not_date_it(extractor):
    text = (
        "Live: two parties sign accord\n\n"
        "Our live coverage of the signing of the accord between the two parties.\n\n"
        "Kenya's president will arrive in Mbala tomorrow.\n\n"
        "The signing is taking place at the palace. Ghana attended the signing."
    )
    result = extractor.extract(text, PUBLISHED)
    assert [e.start_date for e in result.new_events] == [PUBLISHED]
    assert ("ghana", "attended", PUBLISHED) in linked(result)


def test_a_statement_of_going_still_dates_an_event_nothing_else_dates(extractor):
    text = "Kenya to join talks\n\nKenya said it will attend the peace talks on Friday, February 16."
    assert [e.start_date for e in extractor.extract(text, PUBLISHED).new_events] == [datetime.date(2024, 2, 16)]


def test_a_weekday_told_in_the_past_is_the_nearest_not_the_coming_one(extractor):
    text = (
        "Rebels return to the table\n\n"
        "Mbala, Wednesday 14 February 2024\n\n"
        "The rebels sent their negotiators back to the talks in Mbala, and Kenya attended the talks. The rebel "
        "team had failed to appear for the regular Monday session, and the envoy was left waiting."
    )
    assert linked(extractor.extract(text, PUBLISHED)) == {("kenya", "attended", datetime.date(2024, 2, 12))}


@pytest.mark.parametrize(
    "sentence",
    [
        "Around the table with the president sat Kenya, Ghana and Togo.",
        "The following heads of state were also present: Kenya, Ghana and Togo.",
    ],
)
def test_those_named_after_an_inverted_presence_attended(extractor, sentence):
    text = "MBALA — The president opened the national meeting in Mbala on Wednesday. " + sentence
    found = {(p.participant.slug, p.status) for p in extractor.extract(text, PUBLISHED).proposals}
    assert found >= {("kenya", "attended"), ("ghana", "attended"), ("togo", "attended")}
