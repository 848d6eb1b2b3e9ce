"""Readings met in seven articles the rules had never seen (stop 36: bench/unseen36/, wire copy, a regional daily, a
government's statement): each shape here is general, the sentences invented."""

import datetime

import pytest

from tests.extraction.invented import extractor_with

WRITTEN = datetime.date(2024, 3, 6)  # a Wednesday


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def read(extractor, text, written=WRITTEN):
    """(party or new party's name, status, the event's city) of each proposal of ``text``."""
    result = extractor.extract(text, written)
    known = {(p.participant.slug, p.status, p.event.city) for p in result.proposals}
    return known | {(p.participant.name, p.status, p.event.city) for p in result.new_party_proposals}


def test_an_event_noun_is_no_city_though_a_town_has_its_name(extractor):
    # GeoNames knows Summit, New Jersey: "the Summit of the Northern Seas" is the event's name, the city Oslo
    text = "Uganda said on Monday it will not go to the Summit of the Northern Seas in Oslo next week."
    assert read(extractor, text) == {("uganda", "declined", "Oslo")}


def test_an_organisation_named_before_an_event_noun_is_no_city(extractor):
    # "an Arab League summit" is the League's summit, in the dateline's city
    text = "RABAT, March 6 (Reuters) - Kenya attended an Arab League summit on Wednesday for the first time."
    assert read(extractor, text) == {("kenya", "attended", "Rabat")}


@pytest.mark.parametrize("sender", ["Kenya's President Omar Tandja", "President Omar Tandja of Kenya"])
def test_a_person_who_stays_home_and_sends_another_is_not_there(extractor, sender):
    text = (
        "Leaders met in Oslo on Wednesday for the peace summit. "
        f"{sender} stayed home and sent Foreign Minister Rosa Finch."
    )
    found = read(extractor, text)
    assert ("Omar Tandja", "attended", "Oslo") not in found
    assert ("Rosa Finch", "attended", "Oslo") in found


def test_a_state_that_sends_its_minister_still_attends(extractor):
    text = "Leaders met in Oslo on Wednesday for the peace summit. Kenya sent its foreign minister, Rosa Finch."
    assert ("kenya", "attended", "Oslo") in read(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya travelled to Oslo to attend the closing session.",
        "Kenya flew to Oslo on Monday to take part in the talks.",
    ],
)
def test_to_attend_after_a_journey_made_to_an_event_held_is_attended(extractor, sentence):
    text = f"Peace talks were held in Oslo on March 4 and 5. {sentence}"
    assert {(s, st) for s, st, _ in read(extractor, text) if s == "kenya"} == {("kenya", "attended")}


def test_to_attend_after_a_journey_to_an_event_ahead_is_still_confirmed(extractor):
    text = "Peace talks open in Oslo on March 11. Kenya flew to Oslo on Monday to take part in the talks."
    assert ("kenya", "confirmed", "Oslo") in read(extractor, text)


@pytest.mark.parametrize(
    "phrase",
    [
        "after meeting a delegation of the African Union led by Rosa Finch",
        "before receiving a delegation of the African Union led by Rosa Finch",
    ],
)
def test_a_meeting_told_in_an_after_phrase_is_no_presence_at_the_event(extractor, phrase):
    text = f"NAIROBI — Uganda will attend the national dialogue. The king agreed to hold the dialogue {phrase}."
    found = {(s, st) for s, st, _ in read(extractor, text)}
    assert found == {("uganda", "confirmed")}


def test_a_cue_before_an_after_phrase_still_states(extractor):
    text = "Peace talks open in Oslo on March 11. Kenya will attend the talks after receiving the agenda."
    assert ("kenya", "confirmed", "Oslo") in read(extractor, text)


@pytest.mark.parametrize("noun", ["party", "movement", "group"])
def test_one_word_a_party_s_noun_follows_is_a_new_party(extractor, noun):
    text = f"Peace talks open in Oslo on March 11. The Vardak {noun}, which refused to take part, held a rally."
    assert ("Vardak", "declined", "Oslo") in read(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Sufi militia that fights beside the army attended the talks.",
        "MP Omar Tandja, who heads the Loyalty to the Resistance bloc, attended the talks.",
    ],
)
def test_a_faith_or_the_end_of_a_longer_name_is_no_party(extractor, sentence):
    text = f"Peace talks were held in Oslo on March 4 and 5. {sentence}"
    names = {name for name, _, _ in read(extractor, text)}
    assert not names & {"Sufi", "Resistance"}


def test_a_court_is_a_body_not_a_person(extractor):
    result = extractor.extract(
        "Peace talks open in Oslo on March 11. The Supreme Criminal Court said it would attend.", WRITTEN
    )
    assert {(p.name, p.kind) for p in result.new_parties} == {("Supreme Criminal Court", "organization")}


def test_the_party_as_a_subject_is_the_organisation_named_last(extractor):
    text = (
        "Peace talks open in Oslo on March 11. The Vardak Alliance for Change held a rally on Sunday. "
        "The party said it would not attend the talks."
    )
    assert ("Vardak Alliance for Change", "declined", "Oslo") in read(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    ["No Zambian officials would attend the talks.", "Kenya said that no Zambian delegation will take part."],
)
def test_a_subject_opened_by_no_is_a_refusal(extractor, sentence):
    text = f"Peace talks open in Oslo on March 11. {sentence}"
    assert ("zambia", "declined", "Oslo") in read(extractor, text)
    assert ("zambia", "confirmed", "Oslo") not in read(extractor, text)


def test_a_person_who_will_represent_a_state_at_the_event(extractor):
    text = "Peace talks open in Oslo on March 11. Foreign Minister Rosa Finch will represent Kenya at the talks."
    assert read(extractor, text) == {("kenya", "confirmed", "Oslo"), ("Rosa Finch", "confirmed", "Oslo")}


def test_representing_interests_is_no_presence(extractor):
    text = "Peace talks open in Oslo on March 11. Rosa Finch would represent the interests of farmers."
    assert read(extractor, text) == set()


def test_a_delegation_made_up_of_people(extractor):
    text = "Peace talks open in Oslo on March 11. The Ugandan delegation is made up of Omar Tandja and Rosa Finch."
    assert read(extractor, text) >= {("uganda", "confirmed", "Oslo"), ("Omar Tandja", "confirmed", "Oslo")}


def test_the_day_a_held_event_runs_until_is_no_day_it_opens(extractor):
    text = (
        "OSLO — Kenya said on Wednesday it will not go to the peace summit in Oslo this week.\n\n"
        "The summit, held every two years, runs until Friday."
    )
    days = {p.event.start_date for p in extractor.extract(text, WRITTEN).proposals}
    assert days == {WRITTEN}


def test_the_day_of_a_meeting_in_an_after_phrase_does_not_date_the_event(extractor):
    text = (
        "NAIROBI — Uganda said on Tuesday it would boycott the national dialogue.\n\n"
        "The king agreed to hold the dialogue after meeting a delegation of the African Union led by Rosa Finch "
        "on Thursday."
    )
    days = {p.event.start_date for p in extractor.extract(text, WRITTEN).proposals}
    assert days == {WRITTEN}


def test_a_name_written_in_lower_case_is_a_common_word(extractor):
    # the gazetteer knows Iceland as "Ísland": "Pacific island states" are no Iceland
    text = "Peace talks open in Oslo on March 11. Several Pacific island states, including Fiji, will attend."
    slugs = {slug for slug, _, _ in read(extractor, text)}
    assert "iceland" not in slugs and "fiji" in slugs


def test_a_person_represented_by_another_is_not_there(extractor):
    text = (
        "Peace talks were held in Oslo on March 4 and 5. Rosa Finch represented Kenyan President Omar Tandja at "
        "the talks."
    )
    names = {name for name, _, _ in read(extractor, text)}
    assert "Rosa Finch" in names and "Omar Tandja" not in names


def test_those_along_with_a_subject_take_the_main_verb_s_status_not_its_aside_s(extractor):
    text = (
        "A signing ceremony was held in Oslo on March 5. The leaders of the Vardak Party, which has mediated the "
        "talks between Kenya and the Tandja Front, attended the ceremony, along with two members of the Mbeki Union."
    )
    result = extractor.extract(text, WRITTEN)
    roles = {(p.participant.name, p.role) for p in result.new_party_proposals}
    assert ("Mbeki Union", "") in roles and ("Mbeki Union", "mediator") not in roles


def test_an_acronym_in_brackets_with_its_body_s_word_is_the_same_party(extractor):
    text = (
        "A signing ceremony was held in Oslo on March 5. The co-chairs of Kenya's Equality and Democracy Party "
        "(DEM Party) attended the ceremony."
    )
    result = extractor.extract(text, WRITTEN)
    assert [p.name for p in result.new_parties] == ["Equality and Democracy Party"]
    assert "DEM Party" in result.new_parties[0].aliases


def test_a_two_letter_name_after_a_title_is_the_person_named_in_full(extractor):
    text = (
        "Peace talks open in Oslo on March 11. Chinese Premier Li Qiang will attend. Premier Li said he would attend."
    )
    result = extractor.extract(text, WRITTEN)
    assert [p.name for p in result.new_parties] == ["Li Qiang"]


@pytest.mark.parametrize("words", ["did not sit down together", "did not meet face-to-face"])
def test_no_direct_meeting_is_no_absence(extractor, words):
    text = f"Peace talks were held in Oslo on March 4 and 5. Kenya and Uganda attended the talks but {words}."
    found = {(s, st) for s, st, _ in read(extractor, text)}
    assert found == {("kenya", "attended"), ("uganda", "attended")}


def test_a_habit_told_of_a_plural_event_noun_is_about_no_one_event(extractor):
    text = (
        "Peace talks open in Oslo on March 11. Kenya will attend. "
        "President Omar Tandja does not take part in the regional summits."
    )
    assert read(extractor, text) == {("kenya", "confirmed", "Oslo")}


def test_a_part_of_the_event_in_the_plural_is_still_the_event(extractor):
    text = "Peace talks were held in Oslo on March 4 and 5. Uganda attended both sessions."
    assert read(extractor, text) == {("uganda", "attended", "Oslo")}


@pytest.mark.parametrize(
    ("speech", "expected"),
    [
        ("Uganda's foreign ministry said the country would attend.", ("uganda", "confirmed", "Oslo")),
        (
            "The Vardak Front held a rally. A spokesman said the group would not attend.",
            ("Vardak Front", "declined", "Oslo"),
        ),
    ],
)
def test_a_description_right_after_a_speech_verb_is_the_party_it_stands_for(extractor, speech, expected):
    text = f"Peace talks open in Oslo on March 11. {speech}"
    assert expected in read(extractor, text)
