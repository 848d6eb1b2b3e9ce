"""A new party's name in another language, with its lower-case connectors ("pour", "la", "de", "du", "para",
"della", …: ``[names] inside``), read whole and of the kind its words tell, not cut at the first connector the
English lists lacked. Invented sentences, the catalog as it ships."""

import pytest
from django.utils.text import slugify

from events.rules.parties import guess_kind
from tests.extraction.invented import PUBLISHED, TALKS, extractor_with, found


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def new_parties(extractor, text):
    return {p.name: p.kind for p in extractor.extract(TALKS + text, PUBLISHED).new_parties}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Alliance pour la Renaissance du Kivu", "organization"),
        ("Front de Libération du Québec", "armed_group"),
        ("Movimiento de Liberación Nacional", "armed_group"),
        ("Frente Farabundo Martí para la Liberación Nacional", "armed_group"),
        ("Partito della Rifondazione Comunista", "organization"),
        ("Rassemblement pour la République", "organization"),
    ],
)
def test_a_name_with_another_language_s_connectors_is_one_party_of_its_kind(extractor, name, kind):
    text = f"The {name} said it would attend the talks."
    assert new_parties(extractor, text) == {name: kind}
    assert found(extractor, text) == {(f"new-{_slug(name)}", "confirmed")}


@pytest.mark.parametrize(
    "name",
    [
        "Movement for the Liberation of Angola",
        "Movimento Popular de Libertação de Angola",
        "Frente de Libertação de Moçambique",
    ],
)
def test_a_known_state_that_ends_a_liberation_movement_s_name_is_part_of_it(extractor, name):
    text = f"The {name} said it would attend the talks."
    assert new_parties(extractor, text) == {name: "armed_group"}
    assert found(extractor, text) == {(f"new-{_slug(name)}", "confirmed")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Armed Forces of the Philippines will attend the talks.", {("philippines", "confirmed")}),
        ("Angola will attend the talks.", {("angola", "confirmed")}),
        ("Staffan de Mistura will attend the talks.", {("new-staffan-de-mistura", "confirmed")}),
        ("Ursula von der Leyen will attend the talks.", {("new-ursula-von-der-leyen", "confirmed")}),
    ],
)
def test_a_state_after_a_body_with_no_connector_and_people_s_particles_stay_as_they_were(
    extractor, sentence, expected
):
    assert found(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Movimiento de Liberación Nacional", "armed_group"),
        ("Frente de Libertação de Moçambique", "armed_group"),
        ("Partido Revolucionario Institucional", "organization"),
        ("Alliance pour la Renaissance du Kivu", "organization"),
    ],
)
def test_the_curator_s_rule_guesses_a_foreign_body_s_kind(name, kind):
    assert guess_kind(name) == kind


def _slug(name):
    return slugify(name)[:96]
