"""How a party is named: honorifics dropped, a person's middle initial optional, a state's government by its
official name. Invented sentences, the catalog as it ships."""

import pytest

from events.extraction.catalog import KnownParticipant
from tests.extraction.invented import PUBLISHED, TALKS, extractor_with, found


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def new_parties(extractor, text):
    return {p.name: p.aliases for p in extractor.extract(TALKS + text, PUBLISHED).new_parties}


@pytest.mark.parametrize("honorific", ["the Honourable", "the Hon.", "His Excellency"])
def test_an_honorific_is_no_word_of_the_name(extractor, honorific):
    text = f"Prime Minister Gonsalves will host the talks, with {honorific} Roosevelt Skerrit as his guest."
    assert "Roosevelt Skerrit" in new_parties(extractor, text)


def test_a_persons_name_with_a_middle_initial_is_also_named_without_it(extractor):
    parties = new_parties(extractor, "Ralph E. Gonsalves will attend the talks.")
    assert [aliases for name, aliases in parties.items() if "Gonsalves" in name] == [("Ralph Gonsalves",)]


def test_a_name_without_initials_gets_no_alias(extractor):
    parties = new_parties(extractor, "Ralph Gonsalves will attend the talks.")
    assert parties.get("Ralph Gonsalves") == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Government of the Republic of Kenya will attend the talks.", {("kenya-government", "confirmed")}),
        ("The Republic of Kenya will attend the talks.", {("kenya", "confirmed")}),
    ],
)
def test_the_government_of_a_state_by_its_official_name_is_the_government(extractor, sentence, expected):
    assert found(extractor, sentence) == expected


def test_a_state_named_before_its_leader_in_a_list_after_from_is_the_leader_s_country(extractor):
    text = (
        "General Tiani met his counterparts from Burkina Faso, Captain Ibrahim Traore, and Mali, "
        "Colonel Assimi Goita, at the talks on Monday."
    )
    slugs = {slug for slug, _status in found(extractor, text)}
    assert {"new-ibrahim-traore", "new-assimi-goita"} <= slugs
    assert not slugs & {"burkina-faso", "mali"}


def test_a_list_of_states_after_from_stays_a_list(extractor):
    text = "Delegations from Egypt, Jordan and Qatar will attend the talks."
    assert found(extractor, text) == {("egypt", "confirmed"), ("jordan", "confirmed"), ("qatar", "confirmed")}


def test_one_word_after_a_person_s_of_is_a_place_and_no_party(extractor):
    text = "Foreign ministers Anna Berg of Freedonia and Piet Claes of Sylvania signed the agreement."
    assert found(extractor, text) == {("new-anna-berg", "attended"), ("new-piet-claes", "attended")}
    assert set(new_parties(extractor, "Under Sylvania's law, Piet Claes of Sylvania will attend the talks.")) == {
        "Piet Claes"
    }


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        (
            "The Movement for the Liberation of Freedonia attended the talks.",
            "new-movement-for-the-liberation-of-freedonia",
        ),
        ("The Front for Democracy in Sylvania attended the talks.", "new-front-for-democracy"),
    ],
)
def test_a_body_s_word_before_for_or_of_opens_its_name(extractor, sentence, slug):
    assert found(extractor, sentence) == {(slug, "attended")}


@pytest.mark.parametrize("people", ["Organisers", "Mediators", "Diplomats", "Observers"])
def test_a_plural_common_noun_opening_a_sentence_is_no_party(extractor, people):
    assert not new_parties(extractor, f"{people} said Jordan would attend the talks.")


def test_an_alias_that_is_a_common_word_names_no_one():
    """The tester's case (31, G4): a curator's alias "a" made every article's "a" that participant, invited."""
    alias_a = KnownParticipant("alias-p", "Alias P", kind="person", aliases=("a", "us", "May"))
    extractor = extractor_with([alias_a])
    text = "The government of Norway has invited a delegation of us all. Russia may attend the talks."
    assert not any(slug == "alias-p" for slug, _status in found(extractor, text))
    assert ("alias-p", "invited") in found(extractor, "Norway has invited Alias P to the talks.")


def test_a_lower_case_alias_names_no_one_where_the_article_writes_it_as_a_common_noun():
    """Tester 32, H5: a curator's aliases "parties", "delegation" and "official" named the participant in every
    article that used the words, as a party and as a speaker."""
    party = KnownParticipant("front-p", "Front P", kind="armed_group", aliases=("parties", "delegation", "official"))
    extractor = extractor_with([party])
    text = (
        "Norway has invited both parties to the talks. The delegation will attend the talks, "
        "an official said. Parties to the conflict were invited to the talks."
    )
    assert not any(slug == "front-p" for slug, _status in found(extractor, text))
    assert ("front-p", "invited") in found(extractor, "Norway has invited the Delegation to the talks.")
