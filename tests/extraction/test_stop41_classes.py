"""Wrong proposals of dev by class, stop 41: the sentences invented, none of an article's names or wording."""

import pytest

from tests.extraction.invented import extractor_with, found


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize(
    "aside",
    [
        "veteran leader of the Rally for Progress (RFP)",
        "former head of the Rally for Progress",
        "its chief negotiator",
    ],
)
def test_an_apposition_opened_by_an_adjective_is_passed_over(extractor, aside):
    assert found(extractor, f"Jon Finer, {aside}, boycotted the talks.") == {("new-jon-finer", "absent")}
