"""Lists of parties that go on past a comma: the last members of an object list before ", as well as ...", an
aside that adds to a subject list, and an ellipsis that repeats the statement for others (issue 14, stop 32).
Invented sentences, the catalog as it ships."""

import pytest

from tests.extraction.invented import extractor_with, found
from tests.extraction.test_miss_classes import OWN


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The talks were attended by the African Union, the Arab League and the World Bank, as well as two "
         "observers from the region.", "attended"),
        ("Rwanda invited the African Union, the Arab League and the World Bank, among others.", "invited"),
        ("The summit drew 40 delegations, among them the African Union, the Arab League and the World Bank, as "
         "well as several heads of state.", "attended"),
    ],
)  # fmt: skip
def test_the_last_members_of_an_object_list_are_no_apposition(extractor, sentence, status):
    parties = {"african-union", "arab-league", "world-bank"}
    assert {p for p, s in found(extractor, sentence) if s == status} >= parties


def test_an_apposition_after_a_member_is_still_passed_over(extractor):
    text = "The talks were attended by Egypt, the host of the last round, and Jordan."
    assert found(extractor, text) == {("egypt", "attended"), ("jordan", "attended")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chad, Mali and Niger, as well as a dozen observers, took part in the talks.", {"chad", "mali", "niger"}),
        ("Chad and Mali, along with Niger, took part in the talks.", {"chad", "mali", "niger"}),
        ("Chad, together with the Northern Front, took part in the talks.", {"chad", "northern-front"}),
        ("Chad, Mali and Niger, all members of the regional bloc, took part in the talks.", {"chad", "mali", "niger"}),
    ],
)
def test_an_aside_that_adds_to_a_subject_list_is_passed_over(extractor, sentence, expected):
    assert found(extractor, sentence) == {(party, "attended") for party in expected}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chad stayed away from the talks, and so did Mali and Niger.", {("chad", "absent"), ("mali", "absent"),
                                                                        ("niger", "absent")}),
        ("When the talks opened, Chad was missing, and so were Mali and the Northern Front.",
         {("chad", "absent"), ("mali", "absent"), ("northern-front", "absent")}),
        ("Chad will attend the talks, and so will Mali.", {("chad", "confirmed"), ("mali", "confirmed")}),
        ("Chad will attend the talks, so Mali is worried.", {("chad", "confirmed")}),
    ],
)  # fmt: skip
def test_and_so_did_repeats_the_statement_for_others(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Chad is sitting out the talks.", {("chad", "declined")}),
        ("Mali has opted to stay away from the talks.", {("mali", "declined")}),
        ("Niger chose to stay away from the talks.", {("niger", "declined")}),
        ("Chad is due to speak at the talks on Tuesday.", {("chad", "confirmed")}),
        ("Mali's foreign minister will address the talks.", {("mali", "confirmed")}),
        (
            "Lena Varga was flanked by Piet Moller and Hans Brandt at the talks.",
            {("new-lena-varga", "attended"), ("new-piet-moller", "attended"), ("new-hans-brandt", "attended")},
        ),
        ("Chad is sitting on the committee.", set()),
    ],
)
def test_wordings_of_going_and_staying_away(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Northern Front was invited to the talks. It said it would stay away.", ("northern-front", "declined")),
        ("Mali was invited to the talks. It has said that it will attend.", ("mali", "confirmed")),
    ],
)
def test_a_body_s_it_said_it_is_the_body_named_last(extractor, text, expected):
    assert expected in found(extractor, text)


def test_it_said_names_no_one_when_no_body_was_named(extractor):
    assert found(extractor, "It said it would stay away from the talks.") == set()
