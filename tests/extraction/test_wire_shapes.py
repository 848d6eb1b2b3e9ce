"""Common shapes of wire copy, tried one sentence at a time after a lead that names the event: invented
sentences, the gazetteer as the only catalog, no event known."""

import datetime

import pytest

from tests.extraction.wire import LEAD, WRITTEN, events_of, gazetteer_extractor, said


@pytest.fixture(scope="module")
def extractor():
    return gazetteer_extractor()


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Kenya's President William Ruto was expected but did not come.", "William Ruto"),
        ("The Ethiopian Prime Minister Abiy Ahmed was expected but did not come.", "Abiy Ahmed"),
    ],
)
def test_the_verb_after_but_takes_a_subject_that_titles_open(extractor, sentence, person):
    """The titles before the person ("Kenya's President") are no reason to lose the sentence's subject."""
    assert (person, "absent") in said(extractor, sentence)


@pytest.mark.parametrize(
    ("sentence", "government"),
    [
        ("Mali's junta has agreed to take part.", "mali-government"),
        ("Niger's military junta has agreed to take part.", "niger-government"),
        ("The Malian junta has agreed to take part.", "mali-government"),
    ],
)
def test_a_states_junta_is_its_government(extractor, sentence, government):
    assert said(extractor, sentence) == {(government, "confirmed")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Also at the table were representatives of the African Union and IGAD.",
        "Also attending are envoys of the African Union and IGAD.",
    ],
)
def test_those_named_after_at_the_table_were_attended(extractor, sentence):
    assert said(extractor, sentence) == {("african-union", "attended"), ("igad", "attended")}


@pytest.mark.parametrize(
    "sentence",
    ["Egypt said it would send a delegation to Jeddah.", "Egypt would send a delegation to Jeddah, Cairo said."],
)
def test_sending_a_delegation_to_the_events_city_is_going(extractor, sentence):
    """ "send … to" without an event noun ("would send aid to") says nothing, but "send a delegation" does."""
    assert ("egypt", "confirmed") in said(extractor, sentence)


def test_a_journey_on_a_day_before_the_event_is_to_that_event(extractor):
    """ "arrived in Jeddah on Sunday for the talks" that open on May 6: Sunday is the journey's day; no
    event of its own on Sunday."""
    sentence = "Ukraine's President Volodymyr Zelenskiy arrived in Jeddah on Sunday for the talks."
    result = extractor.extract(LEAD + sentence, WRITTEN)
    events = {(p.event.city, p.event.start_date) for p in result.new_party_proposals if p.quote == sentence}
    assert events == {("Jeddah", datetime.date(2024, 5, 6))}


def test_welcoming_the_invitation_says_it_was_made(extractor):
    found = said(extractor, "Egypt welcomed the invitation but has not decided whether to attend.")
    assert found == {("egypt", "invited"), ("egypt", "considering")}


def test_according_to_a_titled_person_names_the_speaker(extractor):
    sentence = "Egypt will attend, according to Foreign Ministry spokesman Ahmed Abu Zeid."
    result = extractor.extract(LEAD + sentence, WRITTEN)
    speakers = {(p.participant.slug, p.speaker.name if p.speaker else None) for p in result.proposals}
    assert speakers == {("egypt", "Ahmed Abu Zeid")}


@pytest.mark.parametrize(
    "sentence",
    ["Egypt will send its special envoy, Ahmed Abu Zeid.", "Egypt will send Deputy Foreign Minister Ahmed Abu Zeid."],
)
def test_the_person_sent_goes_with_the_state_that_sends(extractor, sentence):
    assert said(extractor, sentence) == {("egypt", "confirmed"), ("Ahmed Abu Zeid", "confirmed")}


def test_a_name_after_the_sent_envoy_that_says_it_is_the_speaker_not_the_envoy(extractor):
    assert said(extractor, "Egypt will send its envoy, Ahmed Abu Zeid said.") == {("egypt", "confirmed")}


def test_a_states_authorities_are_its_government_but_the_authorities_are_nobody_in_particular(extractor):
    assert said(extractor, "Chad's transitional authorities have agreed to take part.") == {
        ("chad-government", "confirmed")
    }
    assert said(extractor, "The authorities have agreed to take part.") == set()


MAY_8 = datetime.date(2024, 5, 8)


def test_a_city_of_two_words_that_opens_with_a_word_no_city_has_is_still_the_city(extractor):
    """ "New" opens no city's name in "a new meeting", but "New Delhi" is one."""
    found = events_of(extractor, "Pakistan will boycott the summit in New Delhi on May 8.")
    assert found == {("pakistan", "declined", "New Delhi", MAY_8)}


def test_parties_who_will_meet_in_a_city_will_be_at_that_meeting(extractor):
    found = events_of(extractor, "The foreign ministers of Russia, Iran and Turkey will meet in Moscow on May 8.")
    assert found == {(slug, "confirmed", "Moscow", MAY_8) for slug in ("russia", "iran", "turkey")}


def test_will_meet_with_no_city_is_no_meeting(extractor):
    """ "will meet its obligations": no city, no meeting."""
    assert said(extractor, "Egypt will meet its obligations under the deal.") == set()


def test_a_topic_after_discuss_is_no_party(extractor):
    found = events_of(extractor, "Russia and Iran met in Moscow on May 8 to discuss Syria.")
    assert {slug for slug, *_ in found} == {"russia", "iran"}


def test_parties_that_resumed_negotiations_attended_them(extractor):
    found = events_of(extractor, "The Venezuelan government resumed negotiations in Mexico City on May 8.")
    assert found == {("venezuela-government", "attended", "Mexico City", MAY_8)}


def test_the_inviter_is_not_the_one_to_attend(extractor):
    """ "an invitation from the African Union to attend": Egypt was invited; the AU is not going."""
    found = said(extractor, "Egypt rejected an invitation from the African Union to attend the talks.")
    assert found == {("egypt", "declined"), ("egypt", "invited")}


@pytest.mark.parametrize("head", ["rulers", "government", "leadership"])
def test_a_movements_rulers_or_government_are_the_movement(extractor, head):
    assert said(extractor, f"Afghanistan's Taliban {head} will attend.") == {("taliban", "confirmed")}


def test_the_ministers_of_states_named_by_adjective_are_the_states(extractor):
    found = said(extractor, "The Armenian and Azerbaijani foreign ministers will attend.")
    assert found == {("armenia", "confirmed"), ("azerbaijan", "confirmed")}


def test_a_state_with_a_city_of_its_name_is_that_city_after_in(extractor):
    """ "met in Djibouti": the city (not in Lebanon, whose namesake cities are in another country)."""
    found = events_of(extractor, "Somalia and Ethiopia met in Djibouti on May 8.")
    assert found == {("somalia", "attended", "Djibouti", MAY_8), ("ethiopia", "attended", "Djibouti", MAY_8)}


def test_a_party_named_before_rebel_group_opens_the_list_it_ends(extractor):
    found = said(extractor, "Colombia's government and the ELN rebel group will attend the talks.")
    assert found == {("colombia-government", "confirmed"), ("eln", "confirmed")}


def test_guarantors_and_facilitators_are_mediators(extractor):
    result = extractor.extract(LEAD + "Venezuela, Cuba and Norway will act as guarantors.", WRITTEN)
    roles = {(p.participant.slug, p.role) for p in result.proposals}
    assert roles >= {("venezuela", "mediator"), ("cuba", "mediator"), ("norway", "mediator")}


def test_a_country_named_for_the_talks_beats_the_dateline_city(extractor):
    """ "ADDIS ABABA — … peace talks in South Africa next week": in South Africa, not where it was filed."""
    text = "ADDIS ABABA, April 30 (AFP) - The TPLF said on Tuesday it was ready to join peace talks in South Africa."
    result = extractor.extract(text, WRITTEN)
    assert {(p.participant.slug, p.event.city, p.event.country) for p in result.proposals} == {("tplf", "", "ZA")}


def test_parties_that_signed_a_text_in_a_city_met_there(extractor):
    found = events_of(
        extractor, "Congo's government and M23 rebels signed a declaration of principles in Doha on May 8."
    )
    assert found == {
        ("democratic-republic-of-the-congo-government", "attended", "Doha", MAY_8),
        ("m23", "attended", "Doha", MAY_8),
    }


def test_signing_with_no_city_is_no_meeting(extractor):
    assert said(extractor, "The agreement, which Ethiopia and Eritrea signed in 2018, ended the war.") == set()


def test_whether_a_party_will_come_is_unclear_it_is_considering(extractor):
    found = said(extractor, "It was not immediately clear whether Egypt or Jordan would send a delegation.")
    assert found == {("egypt", "considering"), ("jordan", "considering")}


def test_the_first_of_a_list_the_invitations_went_to_is_invited_too(extractor):
    """ "went to Egypt" is no journey when invitations are what went, however many words before."""
    sentence = "Invitations to the talks in Jeddah on May 6 went to Egypt, Jordan and Qatar."
    assert said(extractor, sentence) == {("egypt", "invited"), ("jordan", "invited"), ("qatar", "invited")}


def test_the_state_whose_delegation_someone_leads_goes_too(extractor):
    sentence = "Egypt's delegation will be led by Foreign Minister Sameh Shoukry."
    assert said(extractor, sentence) == {("egypt", "confirmed"), ("Sameh Shoukry", "confirmed")}


def test_the_parties_whose_participation_was_confirmed(extractor):
    sentence = "The participation of Egypt and Jordan in the talks has been confirmed."
    assert said(extractor, sentence) == {("egypt", "confirmed"), ("jordan", "confirmed")}
