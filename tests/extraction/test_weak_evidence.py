"""Statements the reader read from weak evidence (issue 14, stop 33: precision that generalises): a body's head
named in an aside, an organiser, an inviter, a role that describes a text rather than the meeting. Invented
sentences, the catalog as it ships."""

import pytest

from tests.extraction.invented import extractor_with, found
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
