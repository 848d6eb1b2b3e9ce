"""Common shapes of wire copy, tried one sentence at a time after a lead that names the event: invented
sentences, the gazetteer as the only catalog, no event known."""

import datetime

import pytest

from events.extraction.catalog import Catalog
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend

WRITTEN = datetime.date(2024, 5, 1)
LEAD = "Peace talks on Sudan will open in Jeddah on May 6, mediators said.\n\n"


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Catalog(participants=extend([])))


def said(extractor, sentence):
    """{(party's slug or new party's name, status)} that ``sentence`` itself gives, after the lead."""
    result = extractor.extract(LEAD + sentence, WRITTEN)
    known = {(p.participant.slug, p.status) for p in result.proposals if p.quote == sentence}
    return known | {(p.participant.name, p.status) for p in result.new_party_proposals if p.quote == sentence}


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Kenya's President William Ruto was expected but did not come.", "William Ruto"),
        ("The Ethiopian Prime Minister Abiy Ahmed was expected but did not come.", "Abiy Ahmed"),
    ],
)
def test_the_verb_after_but_takes_a_subject_that_titles_open(extractor, sentence, person):
    """The titles before the person ("Kenya's President") are no reason to lose the sentence's subject."""
    assert (person, "absent") in said(extractor, sentence)


@pytest.mark.parametrize(
    ("sentence", "government"),
    [
        ("Mali's junta has agreed to take part.", "mali-government"),
        ("Niger's military junta has agreed to take part.", "niger-government"),
        ("The Malian junta has agreed to take part.", "mali-government"),
    ],
)
def test_a_states_junta_is_its_government(extractor, sentence, government):
    assert said(extractor, sentence) == {(government, "confirmed")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Also at the table were representatives of the African Union and IGAD.",
        "Also attending are envoys of the African Union and IGAD.",
    ],
)
def test_those_named_after_at_the_table_were_attended(extractor, sentence):
    assert said(extractor, sentence) == {("african-union", "attended"), ("igad", "attended")}
