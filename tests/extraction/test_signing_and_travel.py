"""Shapes from stop 41's ten new dev articles at first sight (their own words aside): a text signed by its parties in
the passive, a summit called off, a journey to the event's city, a day's name before a titled name. Invented
sentences, the catalog as it ships."""

import pytest

from tests.extraction.invented import TALKS, extractor_with, found


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The agreement was signed by Kenya and Uganda.", {("kenya", "attended"), ("uganda", "attended")}),
        (
            "The accord was signed on Sunday by Omar Farouk, Prime Minister of Lakeland, and by Ivan Petrov.",
            {("new-omar-farouk", "attended"), ("new-ivan-petrov", "attended")},
        ),
        ("A decree signed by Kenya was read out.", set()),
    ],
)
def test_a_text_signed_by_its_parties_in_the_passive(extractor, sentence, expected):
    assert found(extractor, TALKS + sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya called off its summit with Uganda.",
        "On Thursday President Omar Farouk called off his summit with Uganda.",
        "On 2 March President Omar Farouk walked out of the talks.",
    ],
)
def test_calling_off_one_s_own_event_is_withdrawing_and_a_day_s_name_ends_no_name(extractor, sentence):
    """A titled name right after a day's or a month's name ("On Thursday President X") was read as no name at all."""
    assert {status for _, status in found(extractor, TALKS + sentence)} == {"withdrawn"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kenya will travel to Geneva next week.", {("kenya", "confirmed")}),
        ("The Ugandan delegation is flying to Geneva.", {("uganda", "confirmed")}),
        ("Kenya is travelling to Nairobi for a trade fair.", set()),
    ],
)
def test_a_journey_to_the_event_s_city_is_coming(extractor, sentence, expected):
    assert found(extractor, TALKS + sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Kenya, which had kept everyone guessing for weeks, has confirmed.", "confirmed"),
        ("Kenya has not confirmed.", "considering"),
        ("Kenya has not yet confirmed.", "considering"),
    ],
)
def test_confirming_at_a_clause_s_end_and_not_confirming(extractor, sentence, status):
    """ "has confirmed" with nothing after it is coming; "has not confirmed" is no refusal, not `declined`."""
    assert found(extractor, TALKS + sentence) == {("kenya", status)}
