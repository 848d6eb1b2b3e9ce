"""Whose statement a clause is, when the name nearest the cue is not its subject: a coordinated clause that
shares the sentence's subject, an introductory phrase, a destination after "to"."""

import pytest

from tests.extraction.invented import extractor_with, found
from tests.extraction.test_miss_classes import OWN


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iran had been invited to the talks but declined.", {("iran", "invited"), ("iran", "declined")}),
        ("Iran had been invited to the talks on Monday, but declined.", {("iran", "invited"), ("iran", "declined")}),
        ("Egypt got an invitation to the talks but turned it down.", {("egypt", "invited"), ("egypt", "declined")}),
        ("Iran was invited to the talks, but did not attend.", {("iran", "invited"), ("iran", "absent")}),
    ],
)
def test_a_coordinated_clause_without_a_subject_shares_the_sentence_s(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


def test_declining_to_comment_is_no_refusal(extractor):
    assert found(extractor, "Iran had been invited to the talks but declined to comment.") == {("iran", "invited")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Supported by Turkey and Qatar, the opposition will attend.", {("opposition-alliance", "confirmed")}),
        ("Under pressure from Egypt, Hamas agreed to attend the talks.", {("hamas", "confirmed")}),
        ("Angered by Russia, the Front will not attend the talks.", {("national-front", "declined")}),
        # the introduction's own statement stays its own
        ("After Egypt attended the talks, Jordan stayed away.", {("egypt", "attended"), ("jordan", "absent")}),
    ],
)
def test_an_introductory_phrase_names_no_subject(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Front said it would send a delegation to Oslo next week to take part in the talks.",
            {("national-front", "confirmed")},
        ),
        ("The Front will send envoys to Doha to take part in the talks.", {("national-front", "confirmed")}),
    ],
)
def test_a_destination_is_a_place_not_a_party(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


def test_the_invited_after_sent_invitations_to_stay_parties(extractor):
    text = "The mediator sent invitations to Egypt and Jordan to attend the talks."
    assert found(extractor, text) == {("egypt", "invited"), ("jordan", "invited")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ali Hassan said that Egypt was still studying the invitation and would take part in the talks.",
            {("egypt", "considering")},
        ),
        ("Egypt said it had received the invitation and would take part in the talks.", {("egypt", "invited")}),
    ],
)
def test_a_second_verb_of_a_reported_clause_takes_that_clause_s_subject(extractor, sentence, expected):
    assert expected <= found(extractor, sentence)
    assert ("ali-hassan", "confirmed") not in found(extractor, sentence)


def test_they_is_not_the_one_person_who_speaks(extractor):
    text = "Ali Hassan said ten heads of state had confirmed that they would come to the talks."
    assert found(extractor, text) == set()


def test_they_is_the_people_named_together(extractor):
    text = "Ali Hassan and Omar Sadiq said they would come to the talks."
    assert ("ali-hassan", "confirmed") in found(extractor, text)


def test_who_after_an_apposition_is_the_person_it_describes(extractor):
    text = "The envoy was Ali Hassan, the head of UN peacekeeping, who will attend the talks."
    assert found(extractor, text) == {("ali-hassan", "confirmed")}


def test_who_after_a_body_is_still_the_body(extractor):
    assert found(extractor, "Egypt, who will attend the talks, said so.") == {("egypt", "confirmed")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ali Hassan has been left out of the talks between Egypt and Jordan.", {("ali-hassan", "not_invited")}),
        ("Jordan has been kept out of the talks.", {("jordan", "not_invited")}),
        ("The mediators left out Jordan.", {("jordan", "not_invited")}),
    ],
)
def test_who_is_left_out_is_the_subject_of_the_passive(extractor, sentence, expected):
    assert found(extractor, sentence) == expected
