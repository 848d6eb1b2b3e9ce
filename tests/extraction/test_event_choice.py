"""Which event a statement is about when its article names several (issue 14, stop 31b): the event its sentence
places and dates, not the one the text was speaking of; on invented sentences of the shapes the dev split showed."""

import datetime

import pytest

from tests.extraction.invented import extractor_with, linked

PUBLISHED = datetime.date(2024, 2, 14)  # a Wednesday
EARLIER = datetime.date(2023, 5, 3)
TALKS_AHEAD = "Peace talks on the conflict open in Geneva on March 3. "
LEAD = "Ministers meet in Geneva\n\nThe foreign ministers of Kenya and Egypt met in Geneva on Wednesday. "


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def test_a_where_clause_is_the_meeting_its_clause_places_and_dates(extractor):
    text = LEAD + "The second took place in Oslo on May 3, 2023, where Jordan's foreign minister met with Kenya's."
    result = extractor.extract(text, PUBLISHED)
    assert ("jordan", "attended", EARLIER) in linked(result)
    assert ("jordan", "attended", PUBLISHED) not in linked(result)
    assert "Oslo" in {e.city for e in result.new_events}


@pytest.mark.parametrize(
    "sentence",
    [
        "The second took place in Oslo on May 3, 2023, where Jordan was present as an observer.",
        "Jordan was represented at the talks in Oslo on May 3, 2023 by its foreign minister.",
    ],
)
def test_a_statement_placed_and_dated_apart_is_another_meeting(extractor, sentence):
    result = extractor.extract(LEAD + sentence, PUBLISHED)
    assert ("jordan", "attended", EARLIER) in linked(result)
    assert ("jordan", "attended", PUBLISHED) not in linked(result)


def test_a_journey_on_another_day_makes_no_meeting_of_its_own(extractor):
    text = LEAD + "Jordan's delegation arrived in Geneva on Monday, two days before the others."
    result = extractor.extract(text, PUBLISHED)
    assert [e.city for e in result.new_events].count("Geneva") <= 1


def test_talks_placed_elsewhere_on_the_same_day_are_not_merged_with_the_own_event(extractor):
    """Two events of one title and day ("Talks") in two cities stay two: the second is not the first's slug."""
    text = (
        "The talks between the two neighbours got under way in Nairobi on Wednesday, and Kenya and Somalia both "
        "attended. They followed a visit to Kampala by Egypt's foreign minister, who held talks with Jordan and "
        "Uganda."
    )
    result = extractor.extract(text, PUBLISHED)
    cities = {p.participant.slug: p.event.city for p in result.proposals}
    assert (cities.get("kenya"), cities.get("jordan")) == ("Nairobi", "Kampala")


def test_a_past_perfect_tells_of_an_earlier_event_the_next_statements_are_not_about(extractor):
    text = (
        "The talks between Kenya and Egypt opened in Geneva on Wednesday, and both sent their foreign ministers. "
        "Jordan's minister pointed out that Jordan had attended the meeting in Oslo on May 3, 2023.\n\n"
        "Uganda also stayed away."
    )
    result = extractor.extract(text, PUBLISHED)
    assert {("jordan", "attended", EARLIER), ("uganda", "absent", PUBLISHED)} <= linked(result)


def test_a_statement_of_going_dated_and_placed_where_it_was_made_makes_no_meeting(extractor):
    text = TALKS_AHEAD + "Kenya said in Paris on February 12 that it would attend."
    result = extractor.extract(text, PUBLISHED)
    assert {e.city for e in result.new_events} == {"Geneva"}
