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
