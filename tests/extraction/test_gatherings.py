"""Gatherings and envoys on invented sentences: "gathered in", "represented Washington", "sitting down with",
the parts of the article's day, and capitalised words of an event's name that are no city."""

import datetime

import pytest

from events.extraction.catalog import KnownParticipant
from events.extraction.dates import find_dates
from events.extraction.sentencedates import quoted_from, sentence_dates
from tests.extraction.invented import PUBLISHED, extractor_with, found, proposals

TALKS_HERE = "GENEVA — The peace talks on the war opened in Geneva on Monday. "

OWN = [
    KnownParticipant("lena-varga", "Lena Varga", "person", "XX", ("Varga",)),
    KnownParticipant("omar-sadiq", "Omar Sadiq", "person", "XX", ("Sadiq",)),
]


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Negotiators from Egypt and Jordan gathered in Geneva on March 3 for the talks.",
            {("egypt", "attended"), ("jordan", "attended")},
        ),
        (
            "Lena Varga and Omar Sadiq represented Egypt at the talks.",
            {("lena-varga", "attended"), ("egypt", "attended")},
        ),
        (
            "Lena Varga formally launched the talks, sitting down with Omar Sadiq.",
            {("lena-varga", "attended"), ("omar-sadiq", "attended")},
        ),
    ],
)
def test_gathering_representing_and_sitting_down_are_attending(extractor, sentence, expected):
    assert expected <= found(extractor, sentence)


def test_gathering_with_no_event_in_the_clause_states_nothing(extractor):
    assert not found(extractor, "Protesters from Egypt gathered in the main square.")


@pytest.mark.parametrize("part", ["this morning", "this afternoon", "this evening"])
def test_a_part_of_the_article_s_day_is_that_day(part):
    [date] = find_dates(f"The meeting was held {part} in Geneva.", PUBLISHED, "past")
    assert (date.start, date.end, date.text) == (PUBLISHED, PUBLISHED, part)


def test_a_meeting_held_this_afternoon_is_of_the_article_s_day_and_its_capitalised_name_no_city(extractor):
    text = (
        "PUTRAJAYA — A Special Meeting on the border situation was held this afternoon at Seri Perdana. "
        "Egypt attended the Special Meeting. "
        "(b) A meeting of the General Border Committee will be convened on 4 March, to be hosted by Jordan."
    )
    result = extractor.extract(text, PUBLISHED)
    events = {p.participant.slug: p.event for p in result.proposals}
    assert events["egypt"].start_date == PUBLISHED
    assert events["jordan"].start_date == datetime.date(2024, 3, 4)
    assert {e.city for e in result.new_events} & {"Special", "A"} == set()


@pytest.mark.parametrize("adverb", ["formally", "officially", "reportedly", "finally"])
def test_an_adverb_between_subject_and_cue_keeps_the_subject(extractor, adverb):
    assert ("lena-varga", "attended") in found(extractor, f"Lena Varga {adverb} attended the talks.")


def test_a_name_inside_both_of_which_is_not_the_subject(extractor):
    text = "Egypt and Jordan, both of which keep close ties with Russia, sent their foreign ministers to the talks."
    assert found(extractor, text) == {("egypt", "attended"), ("jordan", "attended")}


def test_skipping_an_event_under_way_is_absence_and_one_ahead_a_refusal(extractor):
    text = "GENEVA — The peace summit opened on Wednesday. Egypt is skipping the summit. Jordan is not attending it."
    under_way = {(p.participant.slug, p.status) for p in extractor.extract(text, PUBLISHED).proposals}
    assert {("egypt", "absent"), ("jordan", "absent")} <= under_way
    assert ("egypt", "declined") in found(extractor, "Egypt is skipping the talks.")


def test_the_day_an_event_closes_does_not_date_its_opening(extractor):
    text = (
        "GENEVA — The peace summit opened with 90 delegations. Egypt attended the summit. The summit closes on Friday."
    )
    [proposal] = [p for p in extractor.extract(text, PUBLISHED).proposals if p.participant.slug == "egypt"]
    assert proposal.event.start_date == PUBLISHED


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The delegation of Egypt to the talks was led by Lena Varga.", {"egypt", "lena-varga"}),
        ("The delegation of the Arab Republic of Egypt was led by Lena Varga.", {"egypt", "lena-varga"}),
        ("The Jordanian delegation to the talks is headed by Omar Sadiq.", {"jordan", "omar-sadiq"}),
    ],
)
def test_the_party_whose_delegation_is_led_takes_part_with_its_leader(extractor, sentence, expected):
    assert {slug for slug, _status in found(extractor, sentence)} == expected


def test_a_title_of_another_state_after_a_name_is_an_aside(extractor):
    text = "Lena Varga, Ambassador of Egypt to Jordan, attended the talks as an observer."
    assert found(extractor, text) == {("lena-varga", "attended")}


def test_a_led_team_s_list_goes_on_after_included(extractor):
    text = "The Egyptian team was led by Lena Varga and included Omar Sadiq, head of the intelligence service."
    assert {slug for slug, _status in found(extractor, text)} == {"egypt", "lena-varga", "omar-sadiq"}
    assert {slug for slug, _status in found(extractor, "Egypt invited Jordan with Lena Varga.")} >= {"jordan"}


def test_tomorrow_in_a_quotation_counts_from_the_day_it_was_said(extractor):
    text = (
        "DOHA — Talks on the war resume in Doha on Wednesday. Egypt said on Tuesday it would not take part. "
        '"We will not join tomorrow\'s meeting in Doha," Lena Varga told a news conference.'
    )
    events = {p.event.start_date for p in extractor.extract(text, PUBLISHED).proposals}
    assert events == {PUBLISHED}  # Wednesday: the day after Tuesday's words, the article's day


def test_quoted_days_count_from_the_sentence_s_own_day_of_speech():
    text = 'Egypt said on Monday: "We will not come tomorrow." It will come today.'
    dates = sentence_dates(text, PUBLISHED, "past", 0)
    monday = datetime.date(2024, 2, 12)
    moved = {d.text: d.start for d in quoted_from(dates, text, 0, monday, PUBLISHED)}
    assert moved == {"Monday": monday, "tomorrow": datetime.date(2024, 2, 13), "today": PUBLISHED}


def test_two_rounds_is_no_one_event_and_a_dated_first_round_is_what_follows_speaks_of(extractor):
    text = (
        "GENEVA — Eleven days and two rounds later, the talks are close to collapse. "
        "The second round ended on Sunday. Egypt attended the second round. "
        "The first round, on February 1 and 2, set the tone. Lena Varga met Omar Sadiq separately."
    )
    result = extractor.extract(text, PUBLISHED)
    days = {p.participant.slug: p.event.start_date for p in result.proposals}
    assert days["egypt"] == datetime.date(2024, 2, 11)
    assert days["lena-varga"] == datetime.date(2024, 2, 1)
    assert all(e.title != "Rounds" for e in result.new_events)


def test_a_when_clause_takes_the_place_and_day_of_the_clause_it_follows(extractor):
    text = "The process began in Paris on January 7, when Lena Varga met Omar Sadiq."
    events = {p.participant.slug: p.event for p in proposals(extractor, text)}
    assert (events["lena-varga"].city, events["lena-varga"].start_date) == ("Paris", datetime.date(2024, 1, 7))


def test_a_meeting_months_before_the_event_with_no_place_is_not_the_event(extractor):
    assert not found(extractor, "Tension rose in January, when Lena Varga hosted Omar Sadiq.")
    # a month in an aside is not the meeting's: "whose mandate expires in August"
    text = "Egypt, whose mandate expires in August, was represented by Lena Varga at the talks."
    assert {("egypt", "attended"), ("lena-varga", "attended")} <= found(extractor, text)


def test_an_event_named_in_a_headline_s_background_clause_is_not_the_article_s_own(extractor):
    text = (
        "Varga and Sadiq meet in Brussels as Cairo casts doubt on Chisinau summit\n\n"
        "BRUSSELS — Lena Varga and Omar Sadiq sat down in Brussels on Sunday for talks. "
        "Announcing Sunday's talks last week, a spokesman said the two leaders would meet again on March 1 in "
        "Chisinau, on the margins of the European summit."
    )
    events = {(p.participant.slug, p.status): p.event for p in extractor.extract(text, PUBLISHED).proposals}
    assert (events["lena-varga", "attended"].city, events["lena-varga", "attended"].start_date) == (
        "Brussels",
        datetime.date(2024, 2, 11),
    )
    assert events["lena-varga", "confirmed"].start_date == datetime.date(2024, 3, 1)


def test_a_state_s_adjective_glued_to_mediated_or_led_describes_the_talks_and_states_nothing(extractor):
    assert not proposals(extractor, "The Egyptian-mediated talks failed to start.")
    assert not proposals(extractor, "A French-hosted conference on the dam is planned for June.")
    assert not found(extractor, "Egyptian-backed forces attacked the city.")
    [proposal] = proposals(extractor, "The talks, mediated by Egypt, failed to start.")
    assert (proposal.participant.slug, proposal.role) == ("egypt", "mediator")


def test_a_meeting_during_a_visit_to_a_city_is_there(extractor):
    events = {p.event for p in proposals(extractor, "Lena Varga met Omar Sadiq during a visit to Juba.")}
    assert {e.city for e in events} == {"Juba"}


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("Lena Varga met Omar Sadiq in the Qatari capital.", "Doha"),
        ("Lena Varga met Omar Sadiq at a manor house outside the Finnish capital.", "Helsinki"),
        ("Lena Varga met Omar Sadiq in the Algerian capital.", "Algiers"),
    ],
)
def test_a_state_s_capital_named_by_its_adjective_is_that_city(extractor, sentence, city):
    assert {p.event.city for p in proposals(extractor, sentence)} == {city}


def test_a_delegation_s_list_goes_on_through_long_titles_and_keeps_only_the_names(extractor):
    text = (
        "The Egyptian side is headed by Lena Varga, and includes Minister of Justice and Human Rights "
        "Hamid Awaluddin and State Minister of Communications and Information Sofyan Djalil."
    )
    names = {p.participant.name for p in proposals(extractor, text)}
    assert {"Egypt", "Lena Varga", "Hamid Awaluddin", "Sofyan Djalil"} <= names
    assert not any("Rights" in name or "Information" in name for name in names)


def test_not_part_of_the_delegation_and_staying_out_of_the_process_are_absence(extractor):
    assert ("lena-varga", "absent") in found(extractor, "Lena Varga is not part of the delegation at the talks.")
    assert ("egypt", "absent") in found(extractor, "Egypt has stayed out of the process from the start.")


def test_as_did_shares_the_cue_with_those_it_names(extractor):
    text = "Lena Varga took a seat at the talks, as did Omar Sadiq, the UN envoy, and Egypt."
    assert found(extractor, text) == {("lena-varga", "attended"), ("omar-sadiq", "attended"), ("egypt", "attended")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Lena Varga and Omar Sadiq were still being awaited when this report was filed.",
            ("omar-sadiq", "confirmed"),
        ),
        ("Lena Varga declared the extraordinary session open.", ("lena-varga", "attended")),
    ],
)
def test_awaited_and_declaring_a_session_open(extractor, sentence, expected):
    assert expected in found(extractor, sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Lena Varga attended the talks, alongside the chairperson of the commission, Omar Sadiq, whose troops "
            "keep the peace.",
            {("lena-varga", "attended"), ("omar-sadiq", "attended")},
        ),
        (
            "The mediation will be led by Lena Varga, with support from Omar Sadiq and Egypt.",
            {("lena-varga", "confirmed"), ("omar-sadiq", "confirmed"), ("egypt", "confirmed")},
        ),
        (
            "Egypt, joined by neighbouring Jordan and Lena Varga, will boycott the talks.",
            {("egypt", "declined"), ("jordan", "declined"), ("lena-varga", "declined")},
        ),
        (
            "The talks were co-organised with Egypt, represented by Lena Varga.",
            {("egypt", "attended"), ("lena-varga", "attended")},
        ),
    ],
)
def test_those_alongside_joining_or_supporting_share_the_cue(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


def test_leaving_the_event_s_city_says_the_delegations_were_there(extractor):
    text = TALKS_HERE + "The delegations of Egypt, Jordan and Iran have already left Geneva, the spokesman said."
    found_ = {(p.participant.slug, p.status) for p in extractor.extract(text, PUBLISHED).proposals}
    assert {("egypt", "attended"), ("jordan", "attended"), ("iran", "attended")} <= found_


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt has not said whether it will come back to the talks.", ("egypt", "considering")),
        ("Egypt is following the talks as an observer through its ambassador.", ("egypt", "attended")),
    ],
)
def test_not_saying_whether_and_following_as_an_observer(extractor, sentence, expected):
    assert expected in found(extractor, sentence)


def test_arriving_at_a_venue_is_being_there_and_launching_talks_dates_them(extractor):
    text = (
        "NAIROBI — Lena Varga and Omar Sadiq formally launched negotiations on Tuesday. "
        "Egypt's envoy was photographed arriving at the Palais des Nations in the morning."
    )
    result = extractor.extract(text, datetime.date(2024, 2, 13))
    events = {(p.participant.slug, p.status): p.event for p in result.proposals}
    assert {("lena-varga", "attended"), ("omar-sadiq", "attended"), ("egypt", "attended")} <= set(events)
    assert (events["egypt", "attended"].city, events["egypt", "attended"].start_date) == (
        "Nairobi",
        datetime.date(2024, 2, 13),
    )


@pytest.mark.parametrize("mediator", ["U.N.", "UN"])
def test_an_abbreviation_glued_to_led_is_no_statement_and_a_list_reaches_across_its_apposition(extractor, mediator):
    assert {p.participant.slug for p in proposals(extractor, f"Egypt joined the {mediator}-led talks.")} == {"egypt"}
    text = (
        f"Around the table were Lena Varga, head of the {mediator}-backed Government of National Accord (GNA) "
        "in Tripoli, Egypt's President Omar Sadiq and Jordan."
    )
    assert {slug for slug, _status in found(extractor, text)} == {"lena-varga", "omar-sadiq", "jordan"}


def test_will_hold_their_first_talks_is_going(extractor):
    text = "Egypt and Jordan will hold their first formal peace talks in Geneva on March 3."
    assert {("egypt", "confirmed"), ("jordan", "confirmed")} <= found(extractor, text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Russia has invited representatives of Egypt and of the Jordanian government to the talks.",
            {("egypt", "invited"), ("jordan-government", "invited")},
        ),
        ("Egypt declined to send an official to the talks.", {("egypt", "declined")}),
        ("Egypt said its delegation would remain in Geneva.", {("egypt", "confirmed")}),
    ],
)
def test_and_of_lists_declining_to_send_an_official_and_remaining_in_the_city(extractor, sentence, expected):
    assert expected <= found(extractor, sentence)


def test_the_sides_of_talks_that_resumed_took_part_and_of_talks_ahead_nothing_is_said(extractor):
    text = "NAIROBI — Talks between the Egyptian government and Jordan resumed on Monday in Nairobi."
    statuses = {(p.participant.slug, p.status) for p in extractor.extract(text, PUBLISHED).proposals}
    assert statuses == {("egypt-government", "attended"), ("jordan", "attended")}
    assert not found(extractor, "Talks between Egypt and Jordan are expected to resume next week.")


def test_being_expected_to_send_ministers_is_going(extractor):
    text = "Egypt and Jordan, which host most of the refugees, are expected to send ministers to the talks."
    assert found(extractor, text) == {("egypt", "confirmed"), ("jordan", "confirmed")}


def test_an_event_inside_a_relative_clause_does_not_become_the_one_the_text_speaks_of(extractor):
    text = (
        "GENEVA — The peace talks opened in Geneva on Monday. "
        "Egypt, which hosted a meeting in Cairo on January 5, said it was taking part in the talks. "
        "Jordan also attended."
    )
    events = {(p.participant.slug, p.status): p.event for p in extractor.extract(text, PUBLISHED).proposals}
    assert events["jordan", "attended"].city == "Geneva"


def test_a_discourse_though_does_not_push_the_article_s_own_event_into_the_background(extractor):
    text = (
        "Analysis: In Geneva, feuding leaders share a plane but not a room\n\n"
        "GENEVA — Within hours of landing, though, the rivals were waiting in separate halls for the opening "
        "ceremony of the Geneva talks. Egypt attended the talks. "
        "Jordan, for its part, cancelled a meeting planned for Sunday in Sharm el-Sheikh."
    )
    events = {(p.participant.slug, p.status): p.event for p in extractor.extract(text, PUBLISHED).proposals}
    assert events["egypt", "attended"].city == "Geneva"


def test_a_day_named_before_or_after_the_event_does_not_date_it(extractor):
    text = (
        "Nile dam talks end in Washington without Cairo\n\n"
        "WASHINGTON — Two days of talks on the dam ended on Tuesday. Egypt attended the talks. "
        "A week before the final round, on Feb. 6, Jordan received an envoy in Amman."
    )
    events = {(p.participant.slug, p.status): p.event for p in extractor.extract(text, PUBLISHED).proposals}
    assert events["egypt", "attended"].start_date != datetime.date(2024, 2, 6)


def test_a_capitalised_event_name_s_words_are_no_city_unless_a_known_place(extractor):
    cities = {p.event.city for p in proposals(extractor, "Egypt attended the Reconciliation Talks on February 2.")}
    assert "Reconciliation" not in cities
    doha = {p.event.city for p in proposals(extractor, "Egypt attended the Doha Talks on February 2.")}
    assert doha == {"Doha"}


def test_a_when_clause_with_no_day_of_its_own_takes_the_day_before_it(extractor):
    text = (
        "OSLO — Peace negotiations between Egypt and Jordan resumed on Monday, February 12, in Oslo. "
        "The agenda was set in January, when Lena Varga and Omar Sadiq flew to Oslo for two days of talks."
    )
    events = {p.participant.slug: p.event for p in extractor.extract(text, PUBLISHED).proposals}
    assert events["egypt"].start_date == datetime.date(2024, 2, 12)
    assert events["lena-varga"].start_date.month == 1
    assert all("—" not in e.title and not e.title.startswith("OSLO") for e in events.values())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Lena Varga heads the Egyptian side at the talks.", ("lena-varga", "confirmed")),
        ("Seated with Egypt at the talks were Lena Varga and Omar Sadiq.", ("omar-sadiq", "attended")),
        (
            "Talks between the Government of Egypt and the Hashemite Kingdom of Jordan formally resumed on Monday.",
            ("jordan", "attended"),
        ),
    ],
)
def test_heading_a_side_being_seated_with_a_party_and_long_names_of_sides(extractor, sentence, expected):
    assert expected in found(extractor, sentence)


def test_a_people_s_adjective_is_no_city_and_brokering_is_mediating(extractor):
    text = (
        "JEDDAH — Envoys of Egypt and Jordan were in the Saudi port city of Jeddah on Saturday for talks. "
        "Qatar and the United States, which are brokering the meeting, said talks between Egypt and Jordan "
        "had started in Jeddah on Saturday."
    )
    result = extractor.extract(text, PUBLISHED)
    assert "Saudi" not in {e.city for e in result.new_events}
    roles = {(p.participant.slug, p.role) for p in result.proposals}
    assert {("qatar", "mediator"), ("united-states", "mediator")} <= roles


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Lena Varga was accompanied by Omar Sadiq and by Egypt at the talks.",
            {("lena-varga", "attended"), ("omar-sadiq", "attended"), ("egypt", "attended")},
        ),
        ("Egypt's chief negotiator, Lena Varga, was also at the table.", {("lena-varga", "attended")}),
        (
            "Lena Varga and Omar Sadiq, assisted by their negotiators, talked for about two hours.",
            {("lena-varga", "attended"), ("omar-sadiq", "attended")},
        ),
    ],
)
def test_accompanied_at_the_table_and_talking_for_hours(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("Lena Varga met Omar Sadiq in the German spa town of Bad Reichenhall on February 12.", "Bad Reichenhall"),
        ("Lena Varga met Omar Sadiq in the Saudi port city of Jeddah.", "Jeddah"),
        ("Lena Varga met Omar Sadiq in the town of Arusha.", "Arusha"),
    ],
)
def test_the_town_of_a_place_is_the_place_and_no_new_party(extractor, sentence, city):
    found_ = proposals(extractor, sentence)
    assert {p.event.city for p in found_} == {city}
    assert all(city not in p.participant.name for p in found_)


def test_a_longer_apposition_after_a_name_is_passed_over(extractor):
    text = (
        "Kenya's former president Lena Varga, the facilitator of the East African Community's Nairobi process, "
        "was also invited to the talks."
    )
    assert found(extractor, text) == {("lena-varga", "invited")}
