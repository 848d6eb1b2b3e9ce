"""Readings that cost precision on articles the rules were not tuned on (stop 35): each shape here is general, the
sentences invented."""

import pytest

from tests.extraction.invented import extractor_with, found


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya, which was invited to attend the peace talks, has not replied.",
        "Uganda said Kenya, which had been invited to attend the peace talks, was still silent.",
    ],
)
def test_an_invitation_in_a_relative_clause_is_no_acceptance(extractor, sentence):
    # the clause of a cue that stands inside an aside is the aside: "invited to attend" there is an invitation
    assert found(extractor, sentence) == {("kenya", "invited")}


def test_an_appeal_in_a_relative_clause_gives_its_asker_no_status(extractor):
    sentence = "Kenya, which Switzerland had asked to attend the peace talks, has not replied."
    assert ("switzerland", "confirmed") not in found(extractor, sentence)


def test_whom_opens_a_relative_clause_the_subject_reaches_across(extractor):
    sentence = (
        "Omar Tandja, whom the government appointed last year to head Niger's National Reconciliation Panel, "
        "on Monday attended the peace talks."
    )
    assert {slug for slug, _ in found(extractor, sentence)} == {"new-omar-tandja"}


@pytest.mark.parametrize(
    "speaker",
    [
        "Kenya's foreign ministry said on Tuesday that",
        "Kenya's Ministry of Roads, Bridges and Ports said on Tuesday that",
        "A spokesman for Kenya said that",
    ],
)
def test_the_country_a_state_s_body_speaks_of_is_that_state(extractor, speaker):
    text = f"Uganda will attend the peace talks. {speaker} the country would not attend the peace talks."
    assert found(extractor, text) == {("uganda", "confirmed"), ("kenya", "declined")}


def test_a_described_state_is_still_the_one_named_last(extractor):
    text = "Uganda will attend the peace talks. Kenya said that the communist state would not attend the peace talks."
    assert ("uganda", "declined") in found(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Omar Tandja and Rosa Finch, the wife of William Ruto, attended the peace talks.",
        "Omar Tandja and Rosa Finch — the widow of William Ruto — attended the peace talks.",
        "Omar Tandja and the son of William Ruto attended the peace talks.",
    ],
)
def test_a_party_named_as_someone_s_kin_is_not_the_one_who_attends(extractor, sentence):
    slugs = {slug for slug, _ in found(extractor, sentence)}
    assert "new-william-ruto" not in slugs and "new-omar-tandja" in slugs


def test_quitting_something_other_than_the_talks_is_no_walkout(extractor):
    sentence = "Omar Tandja, who had quit the cabinet in August, led the Kenyan delegation at the peace talks."
    assert ("new-omar-tandja", "withdrawn") not in found(extractor, sentence)


def test_quitting_the_talks_is_still_a_walkout(extractor):
    assert ("kenya", "withdrawn") in found(extractor, "Kenya quit the peace talks on Tuesday.")


@pytest.mark.parametrize("verb", ["persuading", "convincing"])
def test_persuading_a_party_to_attend_is_no_decision_of_its_own(extractor, verb):
    sentence = f"Egypt was credited with {verb} Kenya to attend the peace talks."
    assert ("kenya", "confirmed") not in found(extractor, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Uganda said any meeting that excluded Kenya would be counterproductive.",
        "Uganda warned that no peace process which excludes Kenya can last.",
    ],
)
def test_a_cue_about_any_meeting_states_nothing(extractor, sentence):
    assert ("kenya", "not_invited") not in found(extractor, sentence)


def test_a_cue_about_a_particular_meeting_still_states(extractor):
    sentence = "Uganda said the meeting that excluded Kenya was counterproductive."
    assert ("kenya", "not_invited") in found(extractor, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Qatar invited the ruling coalition and the opposition to Doha for the peace talks.",
        "Qatar invited Kenya and Uganda to Doha for the peace talks.",
    ],
)
def test_the_capital_parties_are_invited_to_is_a_place(extractor, sentence):
    assert ("qatar-government", "invited") not in found(extractor, sentence)


def test_invitations_that_went_to_a_capital_still_invite_its_government(extractor):
    assert ("russia-government", "invited") in found(extractor, "Invitations went to Moscow and Beijing.")


def test_going_on_doing_something_is_no_journey(extractor):
    sentence = "Uganda said the UK Government would go on supporting the peace talks."
    assert ("united-kingdom-government", "confirmed") not in found(extractor, sentence)


def test_going_on_a_day_is_still_a_journey(extractor):
    assert ("kenya", "confirmed") in found(extractor, "Kenya will go on Monday to the peace talks.")


def test_the_state_after_a_body_s_acronym_and_of_is_the_body_s_country(extractor):
    sentence = (
        "Kenya was joined at the peace talks by Omar Tandja, leader of the Kanak Liberation Front (KLF) of "
        "New Caledonia."
    )
    assert "new-caledonia" not in {slug for slug, _ in found(extractor, sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt said it would attend the peace talks as long as Jordan took part.",
        "Egypt will attend the peace talks so long as Jordan stays away.",
        "Egypt will attend the peace talks on condition that Jordan is represented.",
    ],
)
def test_a_cue_inside_a_condition_of_several_words_states_nothing(extractor, sentence):
    # the condition's words are no fact about Jordan (stop 38); Egypt's own decision is conditional
    assert {slug for slug, _ in found(extractor, sentence)} == {"egypt"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt hopes Jordan will attend the peace talks.",
        "The mediator said she hoped Jordan would attend the peace talks.",
        "Egypt is hopeful that Jordan will take part in the peace talks.",
    ],
)
def test_a_hope_is_nobody_s_decision(extractor, sentence):
    assert found(extractor, sentence) == set()
