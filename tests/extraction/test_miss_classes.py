"""Each miss class of issue 14, on invented sentences: the catalog as it ships (the gazetteer), no event known."""

import datetime

import pytest

from events.extraction.catalog import Catalog, KnownParticipant
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend

PUBLISHED = datetime.date(2024, 2, 14)  # a Wednesday
OWN = [
    KnownParticipant("national-front", "National Front", "organization", "XX", ("the Front",)),
    KnownParticipant("northern-front", "Northern Front", "armed_group", "XX", ()),
    KnownParticipant("opposition-alliance", "Opposition Alliance", "organization", "XX", ("the opposition",)),
    KnownParticipant("rebel-movement", "Liberation Movement", "armed_group", "XX", ("the rebel movement",)),
    KnownParticipant("ali-hassan", "Ali Hassan", "person", "XX", ("Hassan",), "rebel-movement"),
]


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Catalog(participants=extend(OWN)))


def read(extractor, text, published_on=PUBLISHED):
    return extractor.extract(text, published_on)


def found(result, new=True):
    proposals = [*result.proposals, *(result.new_party_proposals if new else [])]
    return {(p.participant.slug, p.status) for p in proposals}


TALKS = "Peace talks on the conflict open in Geneva on March 3. "


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt has no plans to attend the talks.", ("egypt", "declined")),
        ("Egypt does not plan to attend the talks.", ("egypt", "declined")),
        ("Egypt has not ruled out attending the talks.", ("egypt", "considering")),
        ("Egypt did not rule out attending the talks.", ("egypt", "considering")),
        ("Egypt has not decided whether to go.", ("egypt", "considering")),
        ("Egypt was a no-show at the talks.", ("egypt", "absent")),
    ],
)
def test_cues_that_hold_their_own_negation(extractor, sentence, expected):
    assert expected in found(read(extractor, TALKS + sentence))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt is mulling whether to attend the talks.", ("egypt", "considering")),
        ("Egypt remained noncommittal about whether it would send a delegation.", ("egypt", "considering")),
        ("Egypt does not plan on taking part in the talks.", ("egypt", "declined")),
        ("Egypt will not travel to Geneva for the talks.", ("egypt", "declined")),
        ("Egypt is weighing whether to take part in the talks.", ("egypt", "considering")),
    ],
)
def test_missing_wordings(extractor, sentence, expected):
    assert expected in found(read(extractor, TALKS + sentence))


def test_a_future_is_not_attending_is_declined(extractor):
    assert found(read(extractor, TALKS + "Egypt is not attending the talks, its foreign ministry said.")) >= {
        ("egypt", "declined")
    }


def test_an_introductory_phrase_is_not_the_subject(extractor):
    result = read(extractor, TALKS + "Supported by Turkey and Qatar, the opposition said it would attend the talks.")
    assert found(result) == {("opposition-alliance", "confirmed")}


def test_the_journey_s_places_are_not_the_subject(extractor):
    result = read(extractor, TALKS + "Ali Hassan flew from Kabul to Doha to take part in the talks.")
    assert found(result) == {("ali-hassan", "confirmed")}


def test_a_party_named_in_an_apposition(extractor):
    result = read(extractor, TALKS + "The largest bloc, the National Front, said it will not attend the talks.")
    assert ("national-front", "declined") in found(result)


def test_a_long_aside_between_subject_and_verb(extractor):
    text = TALKS + "Egypt, which has mediated between the two sides on and off for a decade, will attend the talks."
    assert ("egypt", "confirmed") in found(read(extractor, text))


def test_the_speaker_s_side_by_description(extractor):
    text = TALKS + "Ali Hassan said his group would stay away from the talks."
    assert ("rebel-movement", "declined") in found(read(extractor, text))


@pytest.mark.parametrize(
    "sentence",
    ["The militia was still weighing whether to attend the talks.", "The armed group will boycott the talks."],
)
def test_a_description_stands_for_the_group_named_last(extractor, sentence):
    text = TALKS + "The Northern Front has fought the army for a decade. " + sentence
    assert {slug for slug, _ in found(read(extractor, text))} == {"northern-front"}


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Egypt, the United States and Kenya, however, have been cautious about sending envoys.", "considering"),
        ("Egypt, the United States and Kenya, for their part, will attend the talks.", "confirmed"),
    ],
)
def test_an_interjection_does_not_break_a_subject_list(extractor, sentence, status):
    result = read(extractor, TALKS + sentence)
    assert found(result) == {("egypt", status), ("united-states", status), ("kenya", status)}


@pytest.mark.parametrize(
    "sentence",
    [
        "The country will attend the talks, its foreign ministry said.",
        "A day after the communist state agreed to end its boycott of the talks, Kenya said nothing.",
    ],
)
def test_a_state_by_description_is_the_state_named_last(extractor, sentence):
    text = TALKS + "Egypt has been isolated for years. " + sentence
    assert found(read(extractor, text)) == {("egypt", "confirmed")}


def test_invitation_as_a_passive_and_as_a_noun(extractor):
    assert ("iran", "invited") in found(read(extractor, TALKS + "Iran was invited to the talks."))
    text = TALKS + "The opposition said their invitation arrived only a week before the talks."
    assert ("opposition-alliance", "invited") in found(read(extractor, text))


def test_nationality_adjectives_and_delegations(extractor):
    text = TALKS + "A Malian delegation will attend the talks, and Sudanese army negotiators arrived on Tuesday."
    assert ("mali", "confirmed") in found(read(extractor, text))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sudanese army negotiators will attend the talks.", {("sudan", "confirmed")}),
        ("Chinese nuclear envoys will attend the talks.", {("china", "confirmed")}),
        (
            "Egypt invited Israeli and Palestinian officials.",
            {("israel", "invited"), ("state-of-palestine", "invited")},
        ),
        (
            "The ministers met without inviting Israeli or Palestinian representatives.",
            {("israel", "not_invited"), ("state-of-palestine", "not_invited")},
        ),
        ("Sudanese officials said the talks would go ahead.", set()),
        ("Sudanese refugees will attend the talks.", set()),
    ],
)
def test_a_nationality_before_a_side_is_the_state(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


def test_hosts_and_mediators_carry_their_role(extractor):
    result = read(extractor, TALKS + "The talks will be hosted by Switzerland and mediated by Norway.")
    roles = {(p.participant.slug, p.role) for p in result.proposals}
    assert {("switzerland", "host"), ("norway", "mediator")} <= roles


def test_a_named_event_is_proposed_when_none_is_known(extractor):
    result = read(extractor, "Egypt will attend the Lisbon ministerial next week, officials said.")
    assert [(e.title, e.city) for e in result.new_events] == [("Lisbon ministerial", "Lisbon")]
    assert ("egypt", "confirmed") in found(result)


def test_an_exception_is_not_invited(extractor):
    result = read(extractor, TALKS + "The organisers invited every party except the Northern Front.")
    assert ("northern-front", "not_invited") in found(result)
    assert ("northern-front", "invited") not in found(result)


def test_a_refusal_to_invite_is_not_invited(extractor):
    result = read(extractor, TALKS + "Critics condemned the organisers' refusal to invite Belarus to the talks.")
    assert found(result) == {("belarus", "not_invited")}


def test_a_date_ahead_in_the_same_year(extractor):
    result = read(extractor, "Egypt will attend talks in Cairo on the 3rd and 4th of March.")
    assert [e.start_date for e in result.new_events] == [datetime.date(2024, 3, 3)]


def test_status_on_from_tense_and_time_words(extractor):
    result = read(extractor, TALKS + "Switzerland had invited Egypt to the talks last week.")
    proposal = next(p for p in result.proposals if p.participant.slug == "egypt")
    assert proposal.status == "invited"
    assert proposal.status_on is not None and proposal.status_on < PUBLISHED


def test_new_parties_are_proposed_and_noise_is_not(extractor):
    text = (
        TALKS + "Deputy Foreign Minister Karim Sadiq said the Ministry would send a delegation. "
        "For now, the Popular Resistance Committee will attend the talks. Any party may come. "
        "The U.S. will attend the talks."
    )
    result = read(extractor, text)
    assert ("new-popular-resistance-committee", "confirmed") in found(result)
    assert not {"Deputy", "Ministry", "For", "Any", "U.S.", "US"} & set(result.candidates)
    assert ("united-states", "confirmed") in found(result, new=False)


def test_a_new_name_keeps_its_lower_case_syllables(extractor):
    result = read(extractor, TALKS + "Ban Ki-moon said Kim Kye-gwan would attend the talks.")
    assert ("new-kim-kye-gwan", "confirmed") in found(result)
    assert {"Ban Ki-moon", "Kim Kye-gwan"} <= set(result.candidates)
    result = read(extractor, TALKS + "The Tripoli-based Congress will attend the talks.")
    assert "Tripoli-based Congress" not in result.candidates


def test_a_new_party_after_a_state_s_possessive_is_of_that_state(extractor):
    result = read(extractor, TALKS + "Somalia's Transitional Federal Government will attend the talks.")
    party = next(p for p in result.new_parties if p.name == "Transitional Federal Government")
    assert (party.kind, party.country, party.affiliation) == ("government", "SO", "somalia")
    assert "Somalia's Transitional Federal Government" in party.aliases


def test_she_is_the_person_named_before_her_in_the_sentence(extractor):
    text = TALKS + "The invitation went to Mira Dostal, a senior official, but she did not attend the talks."
    assert found(read(extractor, text)) == {("new-mira-dostal", "invited"), ("new-mira-dostal", "absent")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt was determined to go ahead with the talks.", set()),
        ("Egypt said it would go as far as it could at the talks.", set()),
        ("Egypt will go to the talks.", {("egypt", "confirmed")}),
        (
            "Egypt and Jordan met in Geneva for talks on the future of Western Sahara.",
            {("egypt", "attended"), ("jordan", "attended")},
        ),
    ],
)
def test_idioms_and_topics_are_no_statements_nor_parties(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


def test_places_texts_peoples_and_common_nouns_are_no_new_parties(extractor):
    text = TALKS + (
        "Diplomats said the diplomats would meet. The Nationwide Ceasefire Agreement will be discussed. "
        "Envoys from the Horn of Africa and the Golan Heights will attend. Southeast Asian leaders will attend. "
        "German Chancellor Olaf Scholz will attend the talks."
    )
    assert read(extractor, text).candidates == ["Olaf Scholz"]


def test_a_name_with_an_apostrophe_is_one_name(extractor):
    result = read(extractor, TALKS + "The Ta'ang Liberation Front will attend the talks.")
    assert found(result) == {("new-taang-liberation-front", "confirmed")}


def test_a_threat_to_walk_out_is_considering(extractor):
    assert found(read(extractor, TALKS + "Egypt threatened to walk out of the talks.")) == {("egypt", "considering")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Egypt was represented by its envoy for Libya, Sameh Shoukry, at the talks.",
            {("egypt", "attended"), ("new-sameh-shoukry", "attended")},
        ),
        (
            "Egypt will be represented by Sameh Shoukry at the talks.",
            {("egypt", "confirmed"), ("new-sameh-shoukry", "confirmed")},
        ),
    ],
)
def test_a_party_and_its_representative_both_attend(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


def test_a_person_s_country_after_of_is_no_subject(extractor):
    text = TALKS + "President Mira Dostal of Burundi and Kenya's Omar Sadiq also took their seats at the talks."
    assert found(read(extractor, text)) == {("new-mira-dostal", "attended"), ("new-omar-sadiq", "attended")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Togo's Mira Dostal was still being awaited at the talks.", {("new-mira-dostal", "confirmed")}),
        ("Egypt took its seat at the talks.", {("egypt", "attended")}),
    ],
)
def test_awaited_and_seated(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Egyptian delegation, headed by Mira Dostal, will attend the talks.",
        "The Egyptian delegation, led by Mira Dostal, the speaker of its parliament, will attend the talks.",
    ],
)
def test_the_person_heading_a_delegation_takes_part_with_it(extractor, sentence):
    assert found(read(extractor, TALKS + sentence)) == {("egypt", "confirmed"), ("new-mira-dostal", "confirmed")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mira Dostal, the envoy who speaks for the south and said she had joined the ruling party, was not "
            "asked to attend the talks.",
            {("new-mira-dostal", "not_invited")},
        ),
        ("Egypt had joined the Arab League long ago.", set()),
        ("Egypt joined the talks on Monday.", {("egypt", "attended")}),
        (
            "Mira Dostal arrived on Friday. She was joined over the weekend by Omar Sadiq at the talks.",
            {("new-mira-dostal", "attended"), ("new-omar-sadiq", "attended")},
        ),
    ],
)
def test_joined_and_not_asked(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


def test_a_missing_name_does_not_break_a_list(extractor):
    result = read(extractor, TALKS + "Russia invited India, Iran, Kenya and China to the talks.")
    assert {("india", "invited"), ("iran", "invited"), ("china", "invited"), ("kenya", "invited")} <= found(result)


def test_a_list_reaches_across_appositions_and_titles(extractor):
    text = (
        TALKS + "Around the table were Karim Sadiq, head of the Popular Resistance Committee, "
        "Egypt's President Omar Farouk and Russian Prime Minister Ivan Petrov."
    )
    people = {slug for slug, status in found(read(extractor, text)) if status == "attended"}
    assert people == {"new-karim-sadiq", "new-omar-farouk", "new-ivan-petrov"}


def test_a_subject_list_with_titles(extractor):
    text = TALKS + "Foreign Minister Omar Farouk and Defence Minister Ivan Petrov will attend the talks."
    assert {"new-omar-farouk", "new-ivan-petrov"} <= {slug for slug, _ in found(read(extractor, text))}


def test_a_headline_states_nothing_and_a_dateline_is_no_party(extractor):
    text = "Egypt to skip Geneva talks\n\nRANGOON — The talks in Geneva open on March 3. Egypt will attend the talks."
    result = read(extractor, text)
    assert found(result) == {("egypt", "confirmed")}
    assert "RANGOON" not in result.candidates


@pytest.mark.parametrize(
    ("dateline", "city"),
    [
        ("BÜRGENSTOCK, Switzerland (AP) — ", "Bürgenstock"),
        ("SÃO PAULO, Feb. 10 — ", "São Paulo"),
        ("Manama, 10 February 2024 — ", "Manama"),
        ("KABUL (Reuters) - ", "Kabul"),
    ],
)
def test_a_dateline_of_any_form_places_the_event_it_opens_and_names_no_party(dateline, city):
    # One dateline rule for where the story was filed and for what is no mention ("Kabul said" is a government).
    extractor = Extractor(Catalog(participants=extend([])))
    result = extractor.extract(dateline + "A peace summit opened on Saturday. Egypt attended the summit.", PUBLISHED)
    assert [(p.participant.slug, p.status, p.event.city) for p in result.proposals] == [("egypt", "attended", city)]
    assert result.proposals[0].event.title == f"Peace summit in {city}"  # its article opens it (stop 41)


def test_a_new_party_takes_the_acronym_given_later(extractor):
    text = TALKS + "The Popular Unity Committee (PUC) will attend the talks. The PUC was invited in January."
    result = read(extractor, text)
    party = next(p.participant for p in result.new_party_proposals)
    assert (party.name, party.aliases, party.kind) == ("Popular Unity Committee", ("PUC",), "organization")


def test_an_acronym_is_known_with_or_without_its_stops():
    catalog = Catalog(participants=[KnownParticipant("ecowas-like", "West Union", "organization", "", ("WU",))])
    result = Extractor(catalog).extract(TALKS + "The W.U. will attend the talks.", PUBLISHED)
    assert {(p.participant.slug, p.status) for p in result.proposals} == {("ecowas-like", "confirmed")}
    assert "W.U." not in result.candidates


def test_an_earlier_round_named_by_its_month_is_another_event(extractor):
    text = TALKS + "Egypt and Libya met in Geneva in January for their first talks in three years."
    result = read(extractor, text)
    assert {(p.event.start_date, p.participant.slug, p.status) for p in result.proposals} == {
        (datetime.date(2024, 1, 1), "egypt", "attended"),
        (datetime.date(2024, 1, 1), "libya", "attended"),
    }


def test_a_side_named_with_its_noun_is_the_speaker(extractor):
    result = read(extractor, TALKS + "The opposition side has said it will attend the talks.")
    assert {(p.participant.slug, p.status, p.speaker.slug) for p in result.proposals} == {
        ("opposition-alliance", "confirmed", "opposition-alliance")
    }


def test_media_quoting_someone_quote_that_speaker(extractor):
    text = (
        TALKS
        + "Local media quoted Deputy Foreign Minister Karim Sadiq as confirming that Egypt would attend the talks."
    )
    result = read(extractor, text)
    assert {(p.participant.slug, p.speaker.slug) for p in result.proposals} == {("egypt", "new-karim-sadiq")}


@pytest.mark.parametrize("verb", ["invited", "urged", "appealed to"])
def test_an_appeal_to_attend_is_not_a_decision(extractor, verb):
    result = read(extractor, TALKS + f"Russia {verb} Egypt to attend the talks.")
    assert ("egypt", "confirmed") not in found(result)


def test_the_article_s_event_is_dated_by_the_weekend_that_follows_its_noun(extractor):
    text = (
        "Egypt accepts invitation to Cairo talks\n\n"
        "Egypt has accepted an invitation to peace talks with the rebels in Cairo this weekend, "
        "its foreign ministry said on Wednesday."
    )
    result = read(extractor, text)
    assert {e.start_date for e in result.new_events} == {datetime.date(2024, 2, 17)}  # the Saturday after


def test_a_date_before_the_event_noun_does_not_date_it(extractor):
    text = (
        "Egypt accepts invitation to Cairo talks\n\n"
        "On Tuesday, an Egyptian spokesman said he was not aware of any talks about to take place."
    )
    result = read(extractor, text)
    assert datetime.date(2024, 2, 20) not in {e.start_date for e in result.new_events}


@pytest.mark.parametrize(
    "sentence",
    [
        "United Nations Secretary-General Mario Rossi will attend the talks.",
        "Egyptian Foreign Minister Mario Rossi will attend the talks.",
        "The Egyptian leader Mario Rossi will attend the talks.",
    ],
)
def test_a_party_before_a_title_and_a_name_only_qualifies_the_person(extractor, sentence):
    slugs = {slug for slug, _status in found(read(extractor, TALKS + sentence))}
    assert not slugs & {"united-nations", "egypt", "egypt-government"}
    assert any("mario-rossi" in slug for slug in slugs)


def test_a_party_before_a_title_alone_still_speaks(extractor):
    result = read(extractor, TALKS + "An Egypt official said Egypt will attend the talks.")
    assert ("egypt", "confirmed") in found(result)


def test_a_word_the_article_uses_as_a_place_is_no_new_party(extractor):
    text = (
        TALKS + "Diplomats had hoped that Montreux would give the talks a fresh start. "
        "The envoy invited Egypt and the Northern Front to Montreux, and both said they would come. "
        "The delegations met in Montreux on Friday."
    )
    result = read(extractor, text)
    assert not [p for p in result.new_parties if p.name == "Montreux"]
    assert {("egypt", "invited"), ("northern-front", "invited")} <= found(result)


def test_the_speech_word_that_introduces_the_cue_beats_a_later_clause_s(extractor):
    text = TALKS + (
        "Ali Hassan has said he will not be present in Geneva on March 3, the date that the Egyptian "
        "government had announced for the first session with the Northern Front."
    )
    result = read(extractor, text)
    speakers = {(p.participant.slug, p.status, p.speaker and p.speaker.slug) for p in result.proposals}
    assert ("ali-hassan", "declined", "ali-hassan") in speakers


def test_a_closing_speech_word_still_names_the_speaker(extractor):
    result = read(extractor, TALKS + "Egypt will attend the talks, Ali Hassan said.")
    speakers = {(p.participant.slug, p.speaker and p.speaker.slug) for p in result.proposals}
    assert ("egypt", "ali-hassan") in speakers


def test_a_government_named_with_an_adjective_and_its_country(extractor):
    result = read(extractor, TALKS + "Egypt's federal government has accepted an invitation to the talks.")
    assert ("egypt-government", "confirmed") in found(result)
    result = read(extractor, TALKS + "The transitional government of Egypt said the federal government would attend.")
    assert ("egypt-government", "confirmed") in found(result)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt has accepted an invitation to the talks.", {("egypt", "confirmed"), ("egypt", "invited")}),
        ("Egypt turned down an invitation to the talks.", {("egypt", "declined"), ("egypt", "invited")}),
        ("Egypt has accepted the proposal for the talks.", {("egypt", "confirmed")}),
    ],
)
def test_accepting_or_declining_an_invitation_says_the_party_was_invited(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The coalition said it would not attend until it was consulted.", ("northern-front", "considering")),
        ("The group will attend the talks.", ("northern-front", "confirmed")),
    ],
)
def test_a_description_stands_for_the_group_a_statement_was_last_about(extractor, sentence, expected):
    text = TALKS + "The Northern Front has refused to attend the talks. " + sentence
    assert expected in found(read(extractor, text))


def test_a_description_inside_a_phrase_is_not_the_subject(extractor):
    text = TALKS + "The Northern Front has refused to attend the talks. Fighters of the group will attend the talks."
    assert found(read(extractor, text)) == {("northern-front", "declined")}


def test_a_pronoun_after_a_colon_is_the_sentence_s_subject(extractor):
    text = TALKS + "The Northern Front had issued an ultimatum: it would not attend until its demands were met."
    assert found(read(extractor, text)) == {("northern-front", "considering")}


def test_a_party_after_on_is_a_topic_not_an_actor(extractor):
    text = (
        TALKS + "Ali Hassan, the special adviser on Egypt, and the Northern Front attended the opening of the talks."
    )
    slugs = {slug for slug, _status in found(read(extractor, text))}
    assert "egypt" not in slugs
    assert "northern-front" in slugs


def test_a_long_apposition_headed_by_a_role_is_passed_over(extractor):
    text = TALKS + (
        "Mira Dostal, head of the Tripoli-based Council of State and a politician close to the Popular "
        "Resistance Committee, had been invited to the talks."
    )
    assert found(read(extractor, text)) == {("new-mira-dostal", "invited")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The resolution demands that Egypt withdraw from the cities it seized.", set()),
        ("Egypt pulled out of the border towns last year.", set()),
        ("Egypt withdrew from the talks on Monday.", {("egypt", "withdrawn")}),
        ("Egypt pulled out of the talks.", {("egypt", "withdrawn")}),
        ("Egypt walked out.", {("egypt", "withdrawn")}),
    ],
)
def test_withdrawing_is_a_walkout_only_from_an_event(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ali Hassan said he would go to Cairo and Amman within days.", set()),
        ("Ali Hassan said he would travel to Geneva.", {("ali-hassan", "confirmed")}),
        ("Ali Hassan said he would travel to Cairo for the talks.", {("ali-hassan", "confirmed")}),
    ],
)
def test_a_journey_to_another_city_is_not_the_event(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


def test_a_sending_cue_reaches_past_a_long_object(extractor):
    result = read(
        extractor,
        TALKS + "Egypt said on Friday it would send its special envoy for regional affairs, Ali Hassan, to the talks.",
    )
    assert found(result) >= {("egypt", "confirmed"), ("ali-hassan", "confirmed")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Invitations went to Egypt and Jordan.", {("egypt", "invited"), ("jordan", "invited")}),
        ("Egypt was left off the invitation list.", {("egypt", "not_invited")}),
        ("The envoy went to Egypt and Jordan.", set()),
    ],
)
def test_invitations_that_went_to_parties(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Egypt and Jordan confirmed they would send their envoys.",
            {("egypt", "confirmed"), ("jordan", "confirmed")},
        ),
        ("Egypt sent its senior envoys.", {("egypt", "attended")}),
        ("Egypt sent a message to the envoy.", set()),
    ],
)
def test_sending_envoys_is_going(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


def test_a_group_s_spokesman_speaks_for_the_statement_s_subject(extractor):
    text = (
        TALKS
        + "The Northern Front will not attend talks hosted by the United Nations, the group's chief spokesman said."
    )
    said = {(p.participant.slug, p.status, p.speaker.slug) for p in read(extractor, text).proposals}
    assert ("northern-front", "declined", "northern-front") in said


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sudan's army-led government said it would not take part in the talks.", {("sudan-government", "declined")}),
        ("The Saudi-led coalition will attend the talks.", set()),
        ("Egypt joined the AU-led peace talks.", {("egypt", "attended")}),
    ],
)
def test_a_name_before_led_qualifies_what_it_leads(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt will attend the funeral of the late king.", set()),
        ("Egypt took part in the war.", set()),
        ("Egypt has called for a boycott of Israeli goods.", set()),
        ("Egypt rejected the proposal to divide the city.", set()),
        ("Egypt rejected an offer to hold talks.", {("egypt", "declined")}),
        ("Egypt will attend the talks on the war.", {("egypt", "confirmed")}),
        ("Egypt will be present in Geneva on March 3.", {("egypt", "confirmed")}),  # a month, not a protest march
    ],
)
def test_a_cue_whose_object_is_no_meeting_states_nothing(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected


def test_an_invitation_s_object_is_a_party_whatever_its_noun(extractor):
    result = read(extractor, TALKS + "Jordan would invite the government and the Northern Front to the talks.")
    assert ("northern-front", "invited") in found(result)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt's delegation arrived in Geneva on Monday.", {("egypt", "confirmed")}),
        ("Egypt's delegation arrived in Cairo on Monday.", set()),
        ("The news came as Ali Hassan was arriving in Geneva.", set()),
    ],
)
def test_an_arrival_in_the_event_s_city(extractor, sentence, expected):
    assert found(read(extractor, "Peace talks on the conflict open in Geneva on March 3. " + sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("CIA Director William Burns will attend the talks.", "William Burns"),
        ("Datuk Seri Anwar Ibrahim will attend the talks.", "Anwar Ibrahim"),
        ("His Excellency Ouyang Yujing will attend the talks.", "Ouyang Yujing"),
    ],
)
def test_titles_and_honorifics_are_no_part_of_a_new_person_s_name(extractor, sentence, name):
    result = read(extractor, TALKS + sentence)
    assert [(p.participant.name, p.participant.kind) for p in result.new_party_proposals] == [(name, "person")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt sent its intelligence chief, Omar Bakri.", {("egypt", "attended"), ("omar-bakri", "attended")}),
        ("Egypt is represented by Omar Bakri.", {("egypt", "attended"), ("omar-bakri", "attended")}),
        ("Pakistan is also absent.", {("pakistan", "absent")}),
    ],
)
def test_representatives_and_absence_in_the_present(extractor, sentence, expected):
    found_here = {(slug.removeprefix("new-"), status) for slug, status in found(read(extractor, TALKS + sentence))}
    assert found_here == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Prime Minister of Norway, Lena Varga, attended the talks.", {("new-lena-varga", "attended")}),
        ("Lena Varga, Minister of Foreign Affairs of Norway, will attend.", {("new-lena-varga", "confirmed")}),
        ("The chairman of the African Union Commission also attended the talks.", set()),
        ("The ambassadors of Egypt and Jordan attended the talks.", {("egypt", "attended"), ("jordan", "attended")}),
        ("The delegation of Norway will attend the talks.", {("norway", "confirmed")}),
    ],
)
def test_a_body_after_one_holder_s_office_is_no_actor(extractor, sentence, expected):
    assert found(read(extractor, TALKS + sentence)) == expected
