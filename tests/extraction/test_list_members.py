"""The members of a list of parties, in shapes of wire copy and statements: invented sentences, the catalog as it
ships (issue 14, stop 30)."""

import pytest

from tests.extraction.invented import extractor_with, found
from tests.extraction.test_miss_classes import OWN


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenyan Foreign Minister Lena Varga, Egyptian Foreign Minister Omar Sadiq and AU peace chief Piet Moller "
        "attended the talks.",
        "Lena Varga, Omar Sadiq and the EU's crisis management commissioner, Piet Moller, attended the talks.",
        "Lena Varga, the Kenyan leader Omar Sadiq and the UN special adviser on Yemen, Piet Moller, "
        "attended the talks.",
    ],
)
def test_a_subject_list_reaches_across_the_titles_of_its_members(extractor, sentence):
    expected = {("new-lena-varga", "attended"), ("new-omar-sadiq", "attended"), ("new-piet-moller", "attended")}
    assert found(extractor, sentence) == expected


def test_a_body_that_titles_a_person_is_no_member(extractor):
    assert found(extractor, "Egypt and AU envoy Piet Moller attended the talks.") == {
        ("egypt", "attended"),
        ("new-piet-moller", "attended"),
    }


def test_a_title_after_a_verb_does_not_join_the_list(extractor):
    assert ("egypt", "attended") not in found(extractor, "Jordan said AU envoy Piet Moller attended the talks.")
