"""Cues and subjects of issue 14 beyond its first miss classes, on invented sentences of the same shapes."""

import pytest

from events.extraction.catalog import KnownParticipant
from tests.extraction.invented import extractor_with, found

OWN = [
    KnownParticipant("northern-front", "Northern Front", "armed_group", "XX", ()),
    KnownParticipant("lena-varga", "Lena Varga", "person", "XX", ("Varga",)),
    KnownParticipant("omar-sadiq", "Omar Sadiq", "person", "XX", ("Sadiq",)),
]


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Egyptian delegation never arrived in Geneva for the talks.", ("egypt", "absent")),
        ("Egypt will not be invited to the talks, the organisers decided.", ("egypt", "not_invited")),
        ("Egypt will be invited to the talks.", ("egypt", "invited")),
        ("Two diplomats said the invitation to the talks went to Lena Varga.", ("lena-varga", "invited")),
        ("Lena Varga thanked the mediators for the invitation to the talks.", ("lena-varga", "invited")),
        ("Egypt and Jordan received their invitations to the talks last week.", ("jordan", "invited")),
        ("Lena Varga has made clear she will not be going to the talks.", ("lena-varga", "declined")),
        ("Officials from Egypt also made the trip to the talks.", ("egypt", "attended")),
        ("Egypt said it would reconsider whether to stay in the talks.", ("egypt", "considering")),
        # subjects past their modifiers
        ("The Northern Front only got theirs on Monday night.", ("northern-front", "invited")),
        ("A senior Northern Front member turned up at the talks anyway.", ("northern-front", "attended")),
        ("The Egypt rebel delegation never arrived in Geneva for the talks.", ("egypt", "absent")),
        ("Egypt and three other states received their invitations to the talks.", ("egypt", "invited")),
        (
            "Lena Varga, the Jordanian envoy Omar Sadiq and Egypt have been invited to the talks.",
            ("omar-sadiq", "invited"),
        ),
        (
            "Egypt would not take part in the talks, which it has described as a ploy if nothing changes.",
            ("egypt", "declined"),
        ),
    ],
)
def test_more_wordings_and_subjects_past_their_modifiers(extractor, sentence, expected):
    assert expected in found(extractor, sentence)


def test_a_relative_pronoun_stands_for_the_name_before_its_comma_or_for_no_one(extractor):
    sentence = "Egypt turned down a role in the talks of Jordan and the opposition, which said it would reconsider."
    assert not {p for p, status in found(extractor, sentence) if status == "considering"}


def test_his_group_is_no_one_when_the_speaker_s_group_is_unknown(extractor):
    assert found(extractor, "Omar Sadiq had announced that his group would not be part of the talks.") == set()


def test_a_second_verb_s_subject_opens_the_sentence(extractor):
    sentence = "Egypt received its invitation from Lena Varga last week and will attend the talks."
    assert found(extractor, sentence) == {("egypt", "invited"), ("egypt", "confirmed")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Varga Petrova will attend the talks.", {("new-varga-petrova", "confirmed")}),
        ("Varga will attend the talks.", {("lena-varga", "confirmed")}),
        ("Varga said on Monday she would attend the talks.", {("lena-varga", "confirmed")}),
    ],
)
def test_a_surname_that_opens_another_name_is_not_the_catalog_person(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


def test_meeting_the_interests_of_parties_is_no_meeting(extractor):
    assert found(extractor, "A lasting peace between Egypt and Jordan meets the interests of both peoples.") == set()
