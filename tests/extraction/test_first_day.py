"""The first day of an undated event, from the sentence that names its opening part: "stayed away from the
opening dinner on Monday" (issue 14, stop 32). Invented sentences, the catalog as it ships."""

import datetime

import pytest

from tests.extraction.invented import extractor_with, linked

PUBLISHED = datetime.date(2024, 2, 14)  # a Wednesday
MONDAY = datetime.date(2024, 2, 12)
LEAD = "Analysis: In Mbala, the guests came and the host stayed home\n\nMBALA — The two-day conference in Mbala ended "


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya arrived late on Monday but stayed away from the opening working dinner.",
        "Kenya stayed away from the opening session on Monday.",
        "Kenya skipped the opening plenary on Monday.",
    ],
)
def test_the_opening_part_dates_the_undated_event(extractor, sentence):
    result = extractor.extract(LEAD + "without a deal. " + sentence + " Egypt attended the conference.", PUBLISHED)
    assert [e.start_date for e in result.new_events if e.city == "Mbala"] == [MONDAY]
    assert ("egypt", "attended", MONDAY) in linked(result)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya attended the conference. It will skip the opening session of the next round on Monday.",
        "Kenya attended the conference. The opening day, officials said, went smoothly.",
        "Kenya attended the conference. The opening dinner on Monday and a lunch on Tuesday were private.",
    ],
)
def test_no_opening_part_of_this_event_leaves_its_day(extractor, sentence):
    result = extractor.extract(LEAD + "without a deal. " + sentence, PUBLISHED)
    assert MONDAY not in [e.start_date for e in result.new_events if e.city == "Mbala"]
