"""The gazetteer: states, their governments (capitals included) and organisations, known before any curator types."""

import datetime

from events.extraction.catalog import Catalog, KnownParticipant
from events.extraction.extractor import extract
from events.extraction.gazetteer import extend, gazetteer

DAY = datetime.date(2024, 3, 1)


def by_slug(participants):
    return {p.slug: p for p in participants}


def test_the_gazetteer_ships_states_governments_and_organisations():
    known = by_slug(gazetteer())
    assert known["afghanistan"].kind == "state"
    assert "Kabul" in known["afghanistan-government"].aliases  # the capital speaks for the government
    assert "Malian delegation" in known["mali"].aliases
    assert {"US", "U.S."} <= set(known["united-states"].aliases)
    for slug, acronym in [("asean", "ASEAN"), ("igad", "IGAD"), ("arab-league", "Arab League"), ("oic", "OIC")]:
        assert acronym in known[slug].names


def test_the_catalog_wins_and_lends_its_slug():
    own = KnownParticipant("afg", "Afghanistan", kind="state", country="AF", aliases=("Emirate",))
    extended = by_slug(extend([own]))
    assert "afghanistan" not in extended  # the catalog's participant of that name stands for it
    assert "Islamic Republic of Afghanistan" in extended["afg"].aliases
    assert extended["afghanistan-government"].affiliation == "afg"


def test_a_catalog_name_is_never_taken_by_the_gazetteer():
    own = KnownParticipant("kabul-office", "Kabul office", kind="organization", aliases=("Kabul",))
    extended = extend([own])
    assert [p.slug for p in extended if "Kabul" in p.names] == ["kabul-office"]


def test_an_article_on_parties_the_catalog_lacks_is_read_with_the_gazetteer():
    catalog = Catalog(participants=extend([]))
    text = "A Malian delegation will attend the talks in Algiers on March 5. Kabul said it will not attend the talks."
    result = extract(text, published_on=DAY, catalog=catalog)
    found = {(p.participant.slug, p.status) for p in result.proposals}
    assert ("mali", "confirmed") in found
    assert ("afghanistan-government", "declined") in found
