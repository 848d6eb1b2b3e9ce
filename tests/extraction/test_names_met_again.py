"""A person named in full once and by part of the name after: one party, whether the catalog has the person
or the article is the first to name them. Invented sentences, the gazetteer and a few people as the catalog."""

import datetime

import pytest

from events.extraction.catalog import Catalog, KnownParticipant
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend

WRITTEN = datetime.date(2024, 3, 1)
LEAD = "Russia, Ukraine and Turkey will hold talks in Istanbul on March 12. "
PEOPLE = [
    KnownParticipant("sergey-lavrov", "Sergey Lavrov", "person", "RU", ("Sergei Lavrov",), "russia"),
    KnownParticipant("ahmed-ali", "Ahmed Ali", "person", "SO"),
    KnownParticipant("hassan-ali", "Hassan Ali", "person", "SO"),
]


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Catalog(participants=extend(PEOPLE)))


def read(extractor, text):
    """({(party's slug, status)}, {(new party's name, status)}, the new parties' names) of ``text``."""
    result = extractor.extract(text, WRITTEN)
    known = {(p.participant.slug, p.status) for p in result.proposals}
    new = {(p.participant.name, p.status) for p in result.new_party_proposals}
    return known, new, {p.name for p in result.new_parties}


def test_a_catalog_persons_surname_after_the_full_name_is_that_person(extractor):
    text = LEAD + "Foreign Minister Sergei Lavrov will be in Istanbul, Moscow said. Lavrov has decided not to attend."
    known, new, names = read(extractor, text)
    assert ("sergey-lavrov", "declined") in known
    assert "Lavrov" not in names and not new


def test_a_surname_is_taken_before_the_full_name_too(extractor):
    text = LEAD + "Lavrov has decided not to attend. Foreign Minister Sergei Lavrov is in Beijing, Moscow said."
    known, _new, names = read(extractor, text)
    assert ("sergey-lavrov", "declined") in known
    assert "Lavrov" not in names


def test_after_a_title_any_word_of_a_new_persons_name_is_that_person(extractor):
    text = LEAD + (
        "Chairman Ali Haji Omar Sheikh of the Freedom Front was invited. Chairman Omar has no plans to attend, "
        "his spokesman said."
    )
    _known, new, names = read(extractor, text)
    assert ("Ali Haji Omar Sheikh", "declined") in new
    assert "Omar" not in names


def test_a_word_two_catalog_people_share_is_neither(extractor):
    text = LEAD + "Ahmed Ali and Hassan Ali were invited. Ali has decided not to attend."
    known, _new, _names = read(extractor, text)
    assert {("ahmed-ali", "invited"), ("hassan-ali", "invited")} <= known
    assert not {("ahmed-ali", "declined"), ("hassan-ali", "declined")} & known


def test_a_name_never_opens_with_the_lower_case_words_a_title_leaves(extractor):
    text = LEAD + "The Foreign Ministers of Ruritania and Freedonia have decided not to attend."
    _known, _new, names = read(extractor, text)
    assert not [name for name in names if name[0].islower()]
