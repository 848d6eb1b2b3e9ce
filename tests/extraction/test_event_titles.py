"""A proposed event's title carries the subject and the place its sentence gives (tester 44, D4)."""

import datetime

import pytest

from tests.extraction.invented import extractor_with

PUBLISHED = datetime.date(2024, 3, 12)


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # the tester's shape: the subject after "on", the city further on
        ("Norway said it would not attend peace talks on Yemen scheduled to open in Geneva on March 25.",
         "Yemen peace talks in Geneva"),
        ("Norway will attend a summit on the Central African Republic in Luanda on March 20.",
         "Central African Republic summit in Luanda"),
        # the city already in the title: not twice
        ("Norway will attend the Doha talks on March 20.", "Doha talks"),
        ("Norway will attend talks in Oslo on March 20.", "Talks in Oslo"),
        # "on" and no state's name: no subject; a name that runs on is no state's
        ("Norway will attend talks on security in Vienna on March 20.", "Talks on security in Vienna"),
        ("Norway will attend talks on Sudan Airways routes in Nairobi on March 20.",
         "Talks on Sudan Airways routes in Nairobi"),
        # no place: the words that name it
        ("Norway will attend peace talks on March 20.", "Peace talks"),
    ],
)  # fmt: skip
def test_the_title_carries_the_subject_and_place_the_sentence_gives(extractor, sentence, title):
    (event,) = extractor.extract(sentence, PUBLISHED).new_events
    assert event.title == title
