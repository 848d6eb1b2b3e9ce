"""The members of a list of parties, in shapes of wire copy and statements: invented sentences, the catalog as it
ships (issue 14, stop 30)."""

import pytest

from tests.extraction.invented import PUBLISHED, extractor_with, found
from tests.extraction.test_miss_classes import OWN


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenyan Foreign Minister Lena Varga, Egyptian Foreign Minister Omar Sadiq and AU peace chief Piet Moller "
        "attended the talks.",
        "Lena Varga, Omar Sadiq and the EU's crisis management commissioner, Piet Moller, attended the talks.",
        "Lena Varga, the Kenyan leader Omar Sadiq and the UN special adviser on Yemen, Piet Moller, "
        "attended the talks.",
    ],
)
def test_a_subject_list_reaches_across_the_titles_of_its_members(extractor, sentence):
    expected = {("new-lena-varga", "attended"), ("new-omar-sadiq", "attended"), ("new-piet-moller", "attended")}
    assert found(extractor, sentence) == expected


def test_a_body_that_titles_a_person_is_no_member(extractor):
    assert found(extractor, "Egypt and AU envoy Piet Moller attended the talks.") == {
        ("egypt", "attended"),
        ("new-piet-moller", "attended"),
    }


def test_a_title_after_a_verb_does_not_join_the_list(extractor):
    assert ("egypt", "attended") not in found(extractor, "Jordan said AU envoy Piet Moller attended the talks.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The following leaders were also present: Omar Sadiq of Kenya, Piet Moller of Egypt and Hans Brandt of "
        "Jordan.",
        "The talks were attended by the Honourable Omar Sadiq of Kenya, Dr Piet Moller of Egypt and Hans Brandt of "
        "Jordan.",
    ],
)
def test_a_person_s_country_after_of_does_not_end_an_object_list(extractor, sentence):
    expected = {("new-omar-sadiq", "attended"), ("new-piet-moller", "attended"), ("new-hans-brandt", "attended")}
    assert found(extractor, sentence) == expected


def test_a_person_s_party_after_of_is_no_member_of_the_list(extractor):
    text = "The talks were attended by Omar Sadiq of the National Front and Piet Moller."
    assert found(extractor, text) == {("new-omar-sadiq", "attended"), ("new-piet-moller", "attended")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt is not coming either.", {("egypt", "declined")}),
        ("Jordan is coming to the talks.", {("jordan", "confirmed")}),
        ("Kenya and Qatar are coming to the talks.", {("kenya", "confirmed"), ("qatar", "confirmed")}),
        ("Egypt is coming under pressure from its allies.", set()),
    ],
)
def test_coming_is_going(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt, Jordan and Kenya each took part in the talks.",
        "Egypt, Jordan and Kenya both attended the talks.",
        "Egypt, Jordan and Kenya were all in the room for the talks.",
    ],
)
def test_a_floating_quantifier_stands_between_a_list_and_its_verb(extractor, sentence):
    assert found(extractor, sentence) == {("egypt", "attended"), ("jordan", "attended"), ("kenya", "attended")}


def test_not_coming_to_an_event_under_way_is_still_a_refusal(extractor):
    text = "GENEVA — The peace summit opened on Wednesday. Egypt is not coming either. Jordan is skipping the summit."
    under_way = {(p.participant.slug, p.status) for p in extractor.extract(text, PUBLISHED).proposals}
    assert {("egypt", "declined"), ("jordan", "absent")} <= under_way
    assert ("egypt", "absent") not in under_way


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Lena Varga, another of those on the guest list, is not coming either.", {("new-lena-varga", "declined")}),
        ("Egypt, one of the four countries that signed the deal, will attend the talks.", {("egypt", "confirmed")}),
    ],
)
def test_a_partitive_apposition_lies_between_a_subject_and_its_verb(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Four parties were invited: the National Front, Egypt, Jordan and Kenya.",
            {("national-front", "invited"), ("egypt", "invited"), ("jordan", "invited"), ("kenya", "invited")},
        ),
        (
            "Three delegations stayed away from the talks: Egypt, Jordan and Kenya.",
            {("egypt", "absent"), ("jordan", "absent"), ("kenya", "absent")},
        ),
        ("The deal has a long way to go: Egypt must hold a referendum first.", set()),
        ("Egypt was invited: it said it would decide later.", {("egypt", "invited"), ("egypt", "considering")}),
    ],
)
def test_a_list_after_a_colon_is_the_subject_a_statement_names_none_of(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The ambassadors of Egypt, Algeria and Russia to China were also present at the talks.",
            {("egypt", "attended"), ("algeria", "attended"), ("russia", "attended")},
        ),
        ("Egypt's ambassador to Kenya attended the talks.", {("egypt", "attended")}),
        ("Egypt's envoys to Kenya attended the talks.", {("egypt", "attended")}),
    ],
)
def test_an_office_s_post_after_to_is_no_party(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt also signed.", {("egypt", "attended")}),
        ("Jordan has signed, as has Kenya.", {("jordan", "attended"), ("kenya", "attended")}),
        ("Egypt and Jordan have put their names to the document.", {("egypt", "attended"), ("jordan", "attended")}),
        (
            "The other signatories were Egypt, Jordan and Kenya.",
            {("egypt", "attended"), ("jordan", "attended"), ("kenya", "attended")},
        ),
        ("Qatar refused to sign the deal.", {("qatar", "declined")}),
        ("The National Front did not sign either.", {("national-front", "declined")}),
        ("The opposition will not sign.", {("opposition-alliance", "declined")}),
        ("Egypt and Jordan have signed the agreement.", {("egypt", "attended"), ("jordan", "attended")}),
        ("Kenya signed the declaration.", {("kenya", "attended")}),
        ("Egypt signed a decree on Monday.", set()),
        ("Egypt signed an agreement with Jordan on trade in 2019, officials recalled.", set()),
        ("The letter was signed by Egypt's foreign minister.", set()),
    ],
)
def test_signing_the_text_is_taking_part(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


def test_a_live_report_s_here_is_at_the_event(extractor):
    text = "GENEVA — The peace summit opened on Wednesday. EU foreign policy chief Piet Moller is also here."
    under_way = {(p.participant.slug, p.status) for p in extractor.extract(text, PUBLISHED).new_party_proposals}
    assert under_way == {("new-piet-moller", "attended")}
    assert found(extractor, "Egypt is here for the talks.") == {("egypt", "confirmed")}
    assert found(extractor, "Egypt is here to stay.") == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks were attended by Egypt, the ruling Freedom Party and the former rebel movement Renamo.",
        "Egypt, the ruling Freedom Party and the former rebel movement Renamo attended the talks.",
    ],
)
def test_a_list_reaches_across_the_words_that_describe_a_member(extractor, sentence):
    expected = {("egypt", "attended"), ("new-freedom-party", "attended"), ("renamo", "attended")}
    assert found(extractor, sentence) == expected


def test_an_object_list_after_a_colon(extractor):
    expected = {("egypt", "invited"), ("jordan", "invited"), ("kenya", "invited")}
    assert found(extractor, "Russia invited three countries: Egypt, Jordan and Kenya.") == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Representing Egypt were Piet Moller and Omar Sadiq.",
        "For Egypt came Piet Moller and Omar Sadiq.",
    ],
)
def test_a_side_named_before_its_team_takes_part_with_it(extractor, sentence):
    assert {p for p, _ in found(extractor, sentence)} == {"egypt", "new-piet-moller", "new-omar-sadiq"}


def test_the_team_after_on_the_side_were_takes_part(extractor):
    # the side itself, after "on", reads as a topic ("the adviser on Cyprus"): its team only
    text = "On the Egyptian side were Piet Moller and Omar Sadiq."
    assert {p for p, _ in found(extractor, text)} == {"new-piet-moller", "new-omar-sadiq"}


def test_a_name_that_only_qualifies_the_side_is_not_it(extractor):
    text = "For the Egyptian-backed coalition came Piet Moller and Omar Sadiq."
    assert {p for p, _ in found(extractor, text)} == {"new-piet-moller", "new-omar-sadiq"}


def test_a_clause_between_for_and_came_names_no_side(extractor):
    text = "A spokesman for the Northern Front, Piet Moller, said the boycott came as no surprise."
    assert found(extractor, text) == set()


def test_joining_someone_in_the_events_city_is_being_there_both(extractor):
    text = "Egypt and Jordan joined Kenya in Geneva."
    assert found(extractor, text) == {("egypt", "confirmed"), ("jordan", "confirmed"), ("kenya", "confirmed")}


@pytest.mark.parametrize(
    "sentence",
    ["Egypt joined Jordan in Cairo for a visit.", "Egypt joined Jordan in condemning the attack."],
)
def test_joining_someone_elsewhere_or_in_a_deed_is_no_presence(extractor, sentence):
    assert found(extractor, sentence) == set()
