"""events.rules.parties: which unknown names become proposed parties, under which name and kind."""

import pytest

from events.rules.parties import guess_kind, is_noise, name_key, normalize_name, numbered_meeting, party_name_and_kind


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("  National   Liberation\nFront ", "National Liberation Front"),
        ("the Northern Front", "Northern Front"),
        ("The the Northern Front", "Northern Front"),
        ("“Rebel Alliance”", "Rebel Alliance"),
        ('"Rebel Alliance",', "Rebel Alliance"),
        ("Kenya’s", "Kenya"),
        ("Theodore Roosevelt", "Theodore Roosevelt"),  # "The" inside a word is no article
    ],
)
def test_names_are_normalised(text, name):
    assert normalize_name(text) == name


def test_spellings_of_one_name_share_a_key():
    assert name_key("U.S.") == name_key("US") == name_key("us")
    assert name_key("the Taliban") == name_key("Taliban")
    assert name_key("Conseil Économique") == name_key("conseil economique")
    assert name_key("Northern Front") != name_key("Southern Front")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ministry of Foreign Affairs", "government"),
        ("Foreign Ministry", "government"),
        ("Transitional Government", "government"),
        ("National Liberation Front", "armed_group"),
        ("Popular Movement", "armed_group"),
        ("Houthi rebels", "armed_group"),
        ("African Union", "organization"),
        ("Arab League", "organization"),
        ("IGAD", "organization"),
        ("Deputy Foreign Minister Igor Morgulov", "person"),
        ("Gen. Abdel Fattah al-Burhan", "person"),
        ("Swiss President Viola Amherd", "person"),
        ("General Assembly", "government"),
        ("South Sudan", "other"),
        ("Foreign Affairs", "other"),  # qualifiers alone make no title
    ],
)
def test_kind_is_guessed_from_simple_cues(text, kind):
    assert guess_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    ["Any", "For", "Deputy", "Ministry", "the Ministry", "Government", "Front", "Monday", "Al", "X",
     "Deputy Foreign Minister", "northern front", "", "  "],
)  # fmt: skip
def test_noise_is_never_a_party(text):
    assert is_noise(text)
    assert party_name_and_kind(text) is None


def test_a_titled_person_is_proposed_under_the_name_without_titles():
    assert party_name_and_kind("Deputy Foreign Minister Igor Morgulov") == ("Igor Morgulov", "person")
    assert party_name_and_kind("Russian Foreign Minister Sergey Lavrov") == ("Sergey Lavrov", "person")
    assert party_name_and_kind("Director William Burns") == ("William Burns", "person")
    assert party_name_and_kind("the National Liberation Front") == ("National Liberation Front", "armed_group")


@pytest.mark.parametrize("name", ["COP29", "COP 28", "COP-27", "UNGA78"])
def test_a_meeting_of_a_series_and_its_number_is_no_party(name):
    assert is_noise(name)
    assert party_name_and_kind(name) is None


@pytest.mark.parametrize("name", ["Copenhagen", "Coppola 2", "G5 Sahel"])
def test_a_name_that_only_begins_like_one_is_still_a_name(name):
    assert not numbered_meeting(name)
