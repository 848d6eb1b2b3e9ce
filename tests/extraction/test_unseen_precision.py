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
