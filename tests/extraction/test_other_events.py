"""Statements about another event than the article's, or about none (stop 37, precision on unseen text): each
shape general, the sentences invented."""

import datetime

import pytest

from tests.extraction.invented import extractor_with

WRITTEN = datetime.date(2024, 3, 6)  # a Wednesday
LEAD = "Peace talks open in Oslo on March 11. "


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def read(extractor, text):
    """(party or new party's name, status) of each proposal of ``text`` after the lead."""
    result = extractor.extract(LEAD + text, WRITTEN)
    known = {(p.participant.slug, p.status) for p in result.proposals}
    return known | {(p.participant.name, p.status) for p in result.new_party_proposals}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Uganda, which attended the last round, said it would not attend this time.", {("uganda", "declined")}),
        ("Kenya hosted the last round of talks in 2022.", set()),
        ("Kenya has attended every round since 2019.", set()),
        ("Kenya has never attended such talks.", set()),
    ],
)
def test_the_last_round_every_round_and_such_talks_are_not_the_articles(extractor, text, expected):
    assert read(extractor, text) == expected


def test_last_chance_talks_are_still_the_articles_own(extractor):
    text = "Kenya will attend the last chance talks in Oslo."
    assert read(extractor, text) == {("kenya", "confirmed")}
