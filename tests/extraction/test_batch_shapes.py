"""Shapes met in the two dev batches of stop 25, read after they were scored on arrival: invented sentences of
the same shape, the gazetteer as the only catalog, no event known."""

import datetime

import pytest

from events.extraction.catalog import Catalog, KnownParticipant
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend
from tests.extraction.wire import LEAD, WRITTEN, gazetteer_extractor, said


@pytest.fixture(scope="module")
def extractor():
    return gazetteer_extractor()


@pytest.mark.parametrize("byline", ["Post Report, Kathmandu", "Staff Reporter, Nairobi", "Ahmed Ali, Mogadishu"])
def test_a_byline_that_ends_with_a_capital_is_read_without_error(extractor, byline):
    """A paragraph whose last word names a body (a capital stands for its government), after a name: a
    possessive after it would be past the paragraph's end (an IndexError before stop 25)."""
    result = extractor.extract(f"Summit called off\n\n{byline}\n\nEgypt will attend the talks in Cairo.", WRITTEN)
    assert {(p.participant.slug, p.status) for p in result.proposals} == {("egypt", "confirmed")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt said it was unable to take part.",
        "Egypt said it would not be able to attend.",
        "Egypt conveyed its inability to attend.",
        "Egypt cannot attend, its foreign ministry said.",
    ],
)
def test_being_unable_to_come_is_declining(extractor, sentence):
    assert ("egypt", "declined") in said(extractor, sentence)


def test_joining_other_members_in_a_message_is_not_joining_the_event(extractor):
    found = said(extractor, "Egypt joined other members in conveying its inability to attend.")
    assert found == {("egypt", "declined")}


def test_the_day_a_summit_ended_dates_it_when_nothing_else_does(extractor):
    """ "A summit that began in shouting ended in embraces on Friday": a one-day summit on Friday, not on the
    day of the article; a summit that "closes on Sunday", after the article, keeps the article's day."""
    text = (
        "Leaders meet at Rio Group summit\n\nA summit that began in shouting ended in embraces on Friday, when "
        "Egypt's president crossed the hall in Santo Domingo.\n\nEgypt and Jordan were all at the table."
    )
    friday = datetime.date(2024, 4, 26)
    assert {(p.participant.slug, p.event.start_date) for p in extractor.extract(text, WRITTEN).proposals} == {
        ("egypt", friday),
        ("jordan", friday),
    }
    text = "Leaders meet at Rio Group summit\n\nThe summit closes on Sunday.\n\nEgypt and Jordan are attending."
    assert {p.event.start_date for p in extractor.extract(text, WRITTEN).proposals} == {WRITTEN}


def test_the_guests_listed_after_a_colon_attended(extractor):
    sentence = "Among the guests taking their seats: Egypt's foreign minister, Sameh Shoukry, and Jordan's king."
    assert {("Sameh Shoukry", "attended")} <= said(extractor, sentence)


@pytest.mark.parametrize("instead", ["instead of", "rather than"])
def test_the_one_named_after_instead_of_is_not_the_one_who_came(extractor, instead):
    """He did not come: absent (stop 33), never attended."""
    sentence = f"Egypt was represented by Foreign Minister Sameh Shoukry {instead} President Abdel Fattah al-Sisi."
    expected = {("egypt", "attended"), ("Sameh Shoukry", "attended"), ("Abdel Fattah al-Sisi", "absent")}
    assert said(extractor, sentence) == expected


def test_a_titled_fathers_name_is_not_the_son(extractor):
    """ "King Hamad" is not "Tamim bin Hamad Al Thani": a word after "bin" is the father's name."""
    text = LEAD + "Emir Tamim bin Hamad Al Thani will attend. King Hamad has decided not to attend."
    result = extractor.extract(text, WRITTEN)
    found = {(p.participant.name, p.status) for p in result.new_party_proposals}
    assert ("Tamim bin Hamad Al Thani", "declined") not in found
    assert ("Tamim bin Hamad Al Thani", "confirmed") in found


def test_people_whose_appositions_name_their_states_are_a_list_of_people(extractor):
    """ "X, President of the Republic of Somalia, and Y, President of Somaliland, took part": the two
    presidents; the states in their appositions describe them, and "His Excellency" is a title."""
    sentence = (
        "His Excellency Hassan Sheikh Mohamud, President of the Federal Republic of Somalia, and His Excellency "
        "Abdirahman Irro, President of Somaliland, took part in the talks."
    )
    assert said(extractor, sentence) == {("Hassan Sheikh Mohamud", "attended"), ("Abdirahman Irro", "attended")}


def test_the_states_whose_seats_stayed_empty_were_absent(extractor):
    sentence = "The seats set aside for Niger, Mali and Burkina Faso stayed empty."
    assert said(extractor, sentence) == {("niger", "absent"), ("mali", "absent"), ("burkina-faso", "absent")}


def test_all_opens_a_body_s_name(extractor):
    result = extractor.extract(LEAD + "The All Parties Hurriyat Conference will boycott the talks.", WRITTEN)
    assert {p.name for p in result.new_parties} == {"All Parties Hurriyat Conference"}


def test_first_names_before_a_catalog_person_s_surname_are_no_party(extractor):
    """ "Abdel Fattah Burhan", where the catalog knows "Burhan" by itself: no new "Abdel Fattah"."""
    catalog = Catalog(
        participants=extend([KnownParticipant("burhan", "Abdel Fattah al-Burhan", "person", "SD", ("Burhan",))])
    )
    result = Extractor(catalog).extract(LEAD + "Army chief Abdel Fattah Burhan turned down the invitation.", WRITTEN)
    assert {(p.participant.slug, p.status) for p in result.proposals} >= {("burhan", "declined")}
    assert not result.new_parties


def test_a_person_of_a_place_is_the_person(extractor):
    sentence = "Governors Ruben Costas of Santa Cruz and Mario Cossio of Tarija will attend."
    assert said(extractor, sentence) == {("Ruben Costas", "confirmed"), ("Mario Cossio", "confirmed")}


def test_a_newly_formed_body_stays_in_the_list(extractor):
    sentence = "Representatives of the United Nations and the newly formed Arab League attended."
    assert said(extractor, sentence) == {("united-nations", "attended"), ("arab-league", "attended")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt's foreign minister, Sameh Shoukry, tells delegates that donors have pledged $5 billion.",
        "Egypt's foreign minister, Sameh Shoukry, tells the conference that donors have pledged $5 billion.",
        "Egypt's foreign minister, Sameh Shoukry, closing the conference, says donors have pledged $5 billion.",
    ],
)
def test_speaking_to_the_delegates_is_being_there(extractor, sentence):
    """Said while the conference sits (it opened the day before the article)."""
    result = extractor.extract("A conference on Sudan opened in Jeddah on Tuesday.\n\n" + sentence, WRITTEN)
    assert ("Sameh Shoukry", "attended") in {(p.participant.name, p.status) for p in result.new_party_proposals}


def test_turning_the_offer_down_is_declining(extractor):
    assert ("egypt", "declined") in said(extractor, "Egypt turned the offer down.")


def test_a_state_represented_at_the_ceremony_by_its_minister(extractor):
    sentence = "Egypt was represented at the ceremony by its foreign minister, Sameh Shoukry."
    assert said(extractor, sentence) >= {("egypt", "attended"), ("Sameh Shoukry", "attended")}


def test_not_at_the_ceremony_is_absent(extractor):
    result = extractor.extract(
        "A signing ceremony was held in Jeddah on Tuesday.\n\nEgypt was not at the ceremony.", WRITTEN
    )
    assert {(p.participant.slug, p.status) for p in result.proposals} == {("egypt", "absent")}


def test_the_fifth_country_to_pull_out_is_the_subject(extractor):
    assert said(extractor, "Egypt became the fifth country to pull out of the talks.") == {("egypt", "withdrawn")}


def test_opening_the_session_is_being_there(extractor):
    text = "A conference on Sudan opened in Jeddah on Tuesday.\n\nEgypt opened the session."
    result = extractor.extract(text, WRITTEN)
    assert {(p.participant.slug, p.status) for p in result.proposals} == {("egypt", "attended")}


def test_a_party_that_sent_its_speaker_or_minister_attended_with_them(extractor):
    text = "A conference on Sudan opened in Jeddah on Tuesday.\n\nEgypt sent parliament speaker Hanafy Gebaly."
    found = {(p.participant.name, p.status) for p in extractor.extract(text, WRITTEN).new_party_proposals}
    assert ("Hanafy Gebaly", "attended") in found


def test_expected_in_the_events_city_is_coming(extractor):
    assert ("egypt", "confirmed") in said(extractor, "Egypt's foreign minister is expected in Jeddah on Monday.")
    assert said(extractor, "Egypt's foreign minister is expected in Cairo on Monday.") == set()


def test_members_named_with_lower_case_titles_stay_in_the_list(extractor):
    """ ", former Irish Taoiseach Bertie Ahern," is a member of the list, not an apposition of the one before."""
    sentence = (
        "Egypt will be joined by Sinn Fein president Gerry Adams, former Irish Taoiseach Bertie Ahern, former "
        "Norwegian prime minister Gro Harlem Brundtland and Pierre Joxe, who served as a minister in France."
    )
    names = {name for name, status in said(extractor, sentence) if status == "confirmed"}
    assert {"Gerry Adams", "Bertie Ahern", "Gro Harlem Brundtland", "Pierre Joxe"} <= names


@pytest.mark.parametrize(
    "sentence",
    [
        "Ten heads of state had confirmed that they would come, among them Egypt and Jordan.",
        "Ten countries will attend, including Egypt and Jordan.",
    ],
)
def test_the_parties_named_after_among_them_share_the_statement(extractor, sentence):
    assert said(extractor, sentence) == {("egypt", "confirmed"), ("jordan", "confirmed")}


def test_the_subject_that_welcomed_the_invitation_and_said_is_the_speaker(extractor):
    sentence = "Egypt's foreign minister, Sameh Shoukry, welcomed the invitation and said that Egypt would take part."
    result = extractor.extract(LEAD + sentence, WRITTEN)
    speakers = {(p.participant.slug, p.speaker.name if p.speaker else None) for p in result.proposals}
    assert ("egypt", "Sameh Shoukry") in speakers


def test_welcoming_the_delegations_is_being_there_but_not_welcoming_their_decision(extractor):
    lead = "A conference on Sudan opened in Jeddah on Tuesday. "
    found = {
        (p.participant.slug, p.status)
        for p in extractor.extract(lead + "Egypt welcomed the delegations.", WRITTEN).proposals
    }
    assert found == {("egypt", "attended")}
    text = lead + "Egypt welcomed the leaders' commitment to a truce."
    assert not extractor.extract(text, WRITTEN).proposals
