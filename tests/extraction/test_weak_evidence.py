"""Statements the reader read from weak evidence (issue 14, stop 33: precision that generalises): a body's head
named in an aside, an organiser, an inviter, a role that describes a text rather than the meeting. Invented
sentences, the catalog as it ships."""

import datetime

import pytest

from tests.extraction.invented import PUBLISHED, TALKS, extractor_with, found
from tests.extraction.test_miss_classes import OWN


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


def test_the_head_of_a_body_named_in_an_aside_does_not_do_what_the_body_does(extractor):
    text = "The Northern Front, headed by General Piet Moller, turned down its invitation to the talks."
    assert {p for p, _ in found(extractor, text)} == {"northern-front"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Egyptian delegation, headed by Piet Moller, arrived in Geneva for the talks.",
        "The rebel side, led by Piet Moller, arrived in Geneva for the talks.",
    ],
)
def test_the_head_of_a_delegation_goes_with_it(extractor, sentence):
    assert "new-piet-moller" in {p for p, _ in found(extractor, sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks, organised by the African Union and the Arab League, opened in Geneva.",
        "The talks, sponsored by Egypt, opened in Geneva.",
        "At the invitation of Egypt, the two factions held talks in Geneva.",
    ],
)
def test_a_body_that_organises_or_invites_is_not_said_to_attend(extractor, sentence):
    assert not {p for p, _ in found(extractor, sentence)} & {"african-union", "arab-league", "egypt"}


def test_a_person_who_organises_the_talks_is_their_host(extractor):
    text = "The talks, organised by Piet Moller, open in Geneva on March 3."
    assert ("new-piet-moller", "confirmed") in found(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks grew out of the ceasefire plan brokered by Egypt.",
        "The talks will review the deal mediated by Egypt last year.",
        "Both sides said they would respect the truce brokered by Egypt in May.",
    ],
)
def test_a_role_that_describes_a_text_says_nothing_of_the_talks(extractor, sentence):
    assert "egypt" not in {p for p, _ in found(extractor, sentence)}


def test_a_role_that_describes_the_talks_stays(extractor):
    assert ("egypt", "confirmed") in found(extractor, "The talks, mediated by Egypt, open in Geneva on March 3.")


def test_a_person_represented_by_another_is_not_there(extractor):
    text = "President Omar Sadiq did not travel to Geneva and was represented by his ambassador, Piet Moller."
    assert ("new-omar-sadiq", "attended") not in found(extractor, text)
    assert ("new-piet-moller", "attended") in found(extractor, text)


def test_a_state_represented_by_its_minister_still_attends(extractor):
    text = "Egypt was represented by its foreign minister, Piet Moller."
    assert {("egypt", "attended"), ("new-piet-moller", "attended")} <= found(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ethiopia opposed inviting Eritrea to the talks.",
        "Kenya objected to inviting Eritrea to the talks.",
    ],
)
def test_opposing_an_invitation_is_no_invitation(extractor, sentence):
    assert "eritrea" not in {p for p, _ in found(extractor, sentence)}


def test_an_offer_of_something_else_is_no_offer_to_attend(extractor):
    text = "The gap between Egypt's offer of autonomy and the rebels' demand for a vote was not bridged at the talks."
    assert ("egypt", "confirmed") not in found(extractor, text)
    assert ("egypt", "confirmed") in found(extractor, "Egypt renewed its offer of direct talks with the rebels.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt would have attended the talks if the rebels had agreed.",
        "Egypt would have liked to attend the talks.",
        "Egypt would not have taken part in the talks without a ceasefire.",
    ],
)
def test_a_modal_perfect_tells_of_what_did_not_happen(extractor, sentence):
    assert "egypt" not in {p for p, _ in found(extractor, sentence)}


def test_a_plain_future_after_a_counterfactual_clause_stands(extractor):
    text = "Egypt would not have attended the talks without a ceasefire, but it will attend now."
    assert ("egypt", "confirmed") in found(extractor, text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders met on the sidelines of the General Assembly in New York.",
        "Egypt hosted them on the margins of the United Nations General Assembly in New York.",
    ],
)
def test_a_name_after_on_the_sidelines_of_is_an_event_not_a_party(extractor, sentence):
    assert not any(p.startswith("new-general") for p, _ in found(extractor, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "At the invitation of Egypt, Jordan and Kenya held talks in Geneva.",
        "At the invitation of the Egyptian side, senior envoys of ten groups, among them Jordan and Kenya, held talks "
        "in Geneva.",
    ],
)
def test_at_the_invitation_of_tells_who_was_invited(extractor, sentence):
    invited = {p for p, s in found(extractor, sentence) if s == "invited"}
    assert invited == {"jordan", "kenya"}


def test_at_the_invitation_of_after_the_clause_is_its_subject(extractor):
    text = "Jordan held talks with Kenya in Geneva at the invitation of Egypt."
    assert {p for p, s in found(extractor, text) if s == "invited"} == {"jordan"}


def test_the_party_named_after_instead_of_is_absent(extractor):
    text = "Egypt was represented at the talks on Monday by its foreign minister, Piet Moller, instead of King Omar."
    result = extractor.extract(
        "Peace talks on the conflict opened in Geneva on February 12. " + text, datetime.date(2024, 2, 14)
    )
    statuses = {(p.participant.slug, p.status) for p in [*result.proposals, *result.new_party_proposals]}
    assert {("egypt", "attended"), ("new-piet-moller", "attended"), ("new-omar", "absent")} <= statuses
    assert ("new-omar", "attended") not in statuses


def test_a_monarch_named_by_title_and_one_name_keeps_both_as_an_alias(extractor):
    result = extractor.extract(TALKS + "King Omar will attend the talks.", PUBLISHED)
    party = next(p.participant for p in result.new_party_proposals if p.participant.slug == "new-omar")
    assert "King Omar" in party.names
