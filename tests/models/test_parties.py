"""ParticipantProposal: a party proposed from an article, named as participants are, never a noise word."""

import pytest
from django.core.exceptions import ValidationError

from events.models import ParticipantProposal
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def proposal(article, name):
    return ParticipantProposal(article=article, name=name, kind="armed_group")


def test_clean_normalises_the_name_and_keys_it():
    party = proposal(ArticleFactory(), "  the  “Northern Front” ")
    party.full_clean()
    assert (party.name, party.key, party.status, party.statements) == (
        "Northern Front",
        "northern front",
        "pending",
        [],
    )


@pytest.mark.parametrize("name", ["Ministry", "For", "al", "northern front"])
def test_a_noise_name_is_refused_naming_the_field(name):
    with pytest.raises(ValidationError) as refused:
        proposal(ArticleFactory(), name).full_clean()
    assert "names no party" in refused.value.message_dict["name"][0]


def test_an_article_proposes_a_name_once_in_any_spelling():
    article = ArticleFactory()
    first = proposal(article, "Northern Front")
    first.full_clean()
    first.save()
    with pytest.raises(ValidationError, match="already proposes a party of this name"):
        proposal(article, "the NORTHERN FRONT").full_clean()
    other = proposal(ArticleFactory(), "Northern Front")
    other.full_clean()  # another article may propose it too
