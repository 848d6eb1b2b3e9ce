"""Wrong proposals of dev by class, stop 41: the sentences invented, none of an article's names or wording."""

import pytest

from tests.extraction.invented import extractor_with, found


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "The Union for Democracy and Social Progress boycotted the talks.",
            "new-union-for-democracy-and-social-progress",
        ),
        ("The Alliance for Peace and Development boycotted the talks.", "new-alliance-for-peace-and-development"),
        ("The Movement for Justice and Equality boycotted the talks.", "new-movement-for-justice-and-equality"),
    ],
)
def test_a_body_named_for_two_causes_is_one_party(extractor, text, party):
    assert found(extractor, text) == {(party, "absent")}


def test_a_known_party_after_and_ends_the_body(extractor):
    text = "The Movement for Democracy and Kenya boycotted the talks."
    assert found(extractor, text) == {("new-movement-for-democracy", "absent"), ("kenya", "absent")}


def test_a_title_before_a_person_still_goes(extractor):
    assert found(extractor, "European Council President Jon Finer will attend.") == {("new-jon-finer", "confirmed")}


@pytest.mark.parametrize(
    "aside",
    [
        "veteran leader of the Rally for Progress (RFP)",
        "former head of the Rally for Progress",
        "its chief negotiator",
    ],
)
def test_an_apposition_opened_by_an_adjective_is_passed_over(extractor, aside):
    assert found(extractor, f"Jon Finer, {aside}, boycotted the talks.") == {("new-jon-finer", "absent")}


@pytest.mark.parametrize(
    "text",
    [
        "The International Conference on the Political Process in Lakeland was held today, attended by Uganda.",
        "The Summit on Regional Security was held today, attended by Uganda.",
    ],
)
def test_the_topic_of_an_event_named_on_it_is_no_party(extractor, text):
    parties = {party for party, _ in found(extractor, text)}
    assert parties and all(not party.startswith("new-") for party in parties)


def test_a_body_of_an_event_word_is_still_a_party(extractor):
    text = "The Lakeland Episcopal Conference said it would attend."
    assert found(extractor, text) == {("new-lakeland-episcopal-conference", "confirmed")}
