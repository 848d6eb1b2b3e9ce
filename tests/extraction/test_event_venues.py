"""Where and when the article's event is: a clause that names its building, not its city ("at the Ganabhaban, the prime
minister's official residence" is in the dateline's Dhaka), and a weekday told in the past in its own clause
("the arguments that nearly wrecked Saturday's ceremony will be heard again"). Invented sentences, the catalog as it
ships."""

import datetime

import pytest

from tests.extraction.invented import extractor_with

PUBLISHED = datetime.date(2024, 2, 14)  # a Wednesday


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def cities(extractor, text):
    return [e.city for e in extractor.extract(text, PUBLISHED).new_events]


@pytest.mark.parametrize(
    "place",
    [
        "at the Marwa, the president's official residence,",
        "at the Marwa on Wednesday and",
        "at the Palacio Ferrovia, the seat of the presidency,",
    ],
)
def test_a_name_after_the_that_is_no_known_place_is_a_building_in_the_dateline_s_city(extractor, place):
    text = (
        f"NAIROBI, 14 February 2024 — The closed-door talks {place} broke up late at night. Kenya attended the talks."
    )
    assert cities(extractor, text) == ["Nairobi"]


@pytest.mark.parametrize(
    ("place", "city"),
    [
        ("in The Hague", "Hague"),  # a city that takes "the" (its "The" left off, as before)
        ("in the Kenyan capital", "Nairobi"),  # a state's capital, as before
        ("in Marwa", "Marwa"),  # no "the": a place the reader does not know is still taken as the city
    ],
)
def test_a_city_named_with_or_without_the_stays_the_city(extractor, place, city):
    text = (
        f"NAIROBI, 14 February 2024 — The closed-door talks {place} broke up late at night. Kenya attended the talks."
    )
    assert cities(extractor, text) == [city]


def test_with_no_dateline_a_building_s_name_is_all_the_reader_has(extractor):
    text = "The closed-door talks at the Marwa, the president's residence, broke up late. Kenya attended the talks."
    assert cities(extractor, text) == ["Marwa"]


def days(extractor, text):
    return [e.start_date for e in extractor.extract(text, PUBLISHED).new_events]


@pytest.mark.parametrize(
    "clause",
    [
        "the arguments that nearly wrecked Saturday's ceremony will be heard again",
        "the quarrel which spoiled Saturday's ceremony will go on",
    ],
)
def test_a_weekday_after_a_verb_in_the_past_in_its_own_clause_is_the_last_one(extractor, clause):
    """A word of the future elsewhere in the sentence ("will be heard") once made it the coming Saturday."""
    text = f"It was meant to be a tidy ceremony in Zurich. In each capital {clause}. Kenya attended the ceremony."
    assert days(extractor, text) == [datetime.date(2024, 2, 10)]


@pytest.mark.parametrize(
    "sentence",
    ["Uganda will attend Saturday's ceremony.", "Uganda will attend the postponed Saturday ceremony."],
)
def test_a_weekday_ahead_in_a_clause_with_no_past_stays_the_coming_one(extractor, sentence):
    text = f"It is meant to be a tidy ceremony in Zurich. {sentence}"
    assert days(extractor, text) == [datetime.date(2024, 2, 17)]


@pytest.mark.parametrize(
    ("compound", "kind", "title"),
    [
        ("Ceasefire talks", "peace_talks", "Sudan ceasefire talks in Nairobi"),
        ("Truce negotiations", "negotiation", "Sudan truce negotiations in Nairobi"),
        ("A summit meeting", "meeting", "Sudan summit meeting in Nairobi"),
    ],
)
def test_an_event_noun_before_another_is_its_modifier_the_last_names_the_kind(extractor, compound, kind, title):
    """Tester 49: "Ceasefire talks on Sudan … opened" was proposed as an event titled "Ceasefire" of kind ceasefire."""
    text = f"{compound} on Sudan opened in Nairobi on Wednesday. Kenya attended the talks."
    [event] = extractor.extract(text, PUBLISHED).new_events

    assert (event.kind, event.title) == (kind, title)


@pytest.mark.parametrize(
    ("dateline", "city"),
    [("GENEVA, Feb 14 (Wire) -", "Geneva"), ("MOMBASA, Feb 14 -", "Mombasa"), ("LONDON, Feb 14 -", "")],
)
def test_talks_placed_in_a_country_are_in_the_dateline_s_city_when_it_lies_there(extractor, dateline, city):
    """Tester 49: "GENEVA - Talks … opened in Switzerland" had no city. A dateline's city in another country is no
    place of the talks."""
    country = {"Geneva": "Switzerland", "Mombasa": "Kenya", "": "Kenya"}[city]
    text = f"{dateline} Peace talks on Lakeland opened in {country} on Wednesday. Uganda attended the talks."
    [event] = extractor.extract(text, PUBLISHED).new_events

    assert event.city == city


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Talks on Lakeland opened in Nairobi on Wednesday.", "Talks in Nairobi"),
        ("NAIROBI, Feb 14 - Peace talks on Sudan opened on Wednesday.", "Sudan peace talks in Nairobi"),
        ("The peace talks on Yemen in Nairobi opened on Wednesday.", "Peace talks on Yemen in Nairobi"),
    ],
)
def test_a_title_runs_to_its_place_over_links_only_and_a_dateline_s_dash_opens_it(extractor, text, title):
    """A title took every word up to a place four words on: "Talks on Lakeland opened in Nairobi"; and a title after a
    dateline's dash was taken for a name ("Peace talks", no subject nor city)."""
    [event] = extractor.extract(f"{text} Kenya attended the talks.", PUBLISHED).new_events

    assert event.title == title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("LOS ANGELES, June 6 - The Summit of the Americas opened on Monday.", "Summit of the Americas"),
        ("The Conference of the Parties opened in Nairobi on Wednesday.", "Conference of the Parties"),
        ("The summit of the Arab League opened in Nairobi on Wednesday.", "Summit in Nairobi"),
        # the review of stop 41: a sentence's first word is no name's, nor are parties joined by "and"
        ("Talks of Russia and Ukraine open in Nairobi on Wednesday.", "Talks in Nairobi"),
        ("The Meeting of Lavrov and Blinken opens in Nairobi on Wednesday.", "Meeting"),
        ("Talks on a proposed ceasefire in Nairobi open on Wednesday.", "Talks on a proposed ceasefire in Nairobi"),
    ],
)
def test_a_named_event_s_title_runs_on_over_of_and_its_name(extractor, text, title):
    """Stop 41's new dev articles: "The Summit of the Americas opened" was an event titled "Summit"."""
    [event] = extractor.extract(f"{text} Kenya attended the summit.", PUBLISHED).new_events

    assert event.title == title
