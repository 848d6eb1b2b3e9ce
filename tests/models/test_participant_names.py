"""A participant's name and aliases hold no bidi control and no zero-width character (``events.rules.names``), at
every entry point; the joiners that scripts spell names with are kept."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Participant
from events.rules.names import hidden_character
from events.rules.parties import name_key, normalize_name

pytestmark = pytest.mark.django_db

OVERRIDE = "Taliban\u202enoitagled"  # shows as "Talibandelegation" reversed: another name
ZERO_WIDTH = "Tali\u200bban"
OVERRIDE_MESSAGE = (
    "A name cannot hold U+202E (RIGHT-TO-LEFT OVERRIDE): it changes the direction of the text, unseen. Remove it."
)
ZERO_WIDTH_MESSAGE = "A name cannot hold U+200B (ZERO WIDTH SPACE): it has no width, unseen. Remove it."


def norway(**fields):
    return {"slug": "norway", "name": "Norway", "kind": "state", **fields}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (OVERRIDE, OVERRIDE_MESSAGE),
        (ZERO_WIDTH, ZERO_WIDTH_MESSAGE),
        ("\u2066Kabul\u2069", None),
        ("\ufeffKabul", None),
        # Tester 35, L3: control characters, which iCalendar and other formats refuse.
        ("Bell\u0007Name", "A name cannot hold U+0007 (a control character): it is not a letter. Remove it."),
        ("Esc\u001bName", None),
        ("Next\u0085Line", None),
    ],
)
def test_the_api_refuses_a_name_with_a_hidden_character(token_client, name, message):
    answer = token_client.post("/api/participants/", norway(name=name), format="json")

    assert answer.status_code == 400
    assert answer.json() == {"name": [message or hidden_character(name)]}
    assert not Participant.objects.exists()


def test_the_api_names_the_alias_that_holds_one(token_client):
    answer = token_client.post("/api/participants/", norway(aliases=["Norge", ZERO_WIDTH]), format="json")

    assert answer.status_code == 400
    assert answer.json() == {"aliases": {"1": [ZERO_WIDTH_MESSAGE]}}


def test_the_joiners_that_scripts_spell_names_with_are_kept(token_client):
    """Persian writes ZERO WIDTH NON-JOINER inside names and words (U+200C); emoji sequences join with U+200D."""
    name = "وزارت امور خارجه\u200cی افغانستان"

    answer = token_client.post("/api/participants/", norway(name=name, aliases=["a\u200db"]), format="json")

    assert answer.status_code == 201, answer.content
    assert Participant.objects.get().name == name


@pytest.mark.parametrize(("field", "value"), [("name", OVERRIDE), ("aliases", [OVERRIDE])])
def test_a_fixture_is_refused_by_line_and_field(tmp_path, field, value):
    path = tmp_path / "people.jsonl"
    path.write_text(json.dumps({"model": "events.participant", "fields": norway(**{field: value})}) + "\n")

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    assert str(refused.value) == f"{path}, line 1 (events.participant norway): {field}: {OVERRIDE_MESSAGE}"


@pytest.mark.parametrize(("field", "value"), [("name", OVERRIDE), ("aliases", [OVERRIDE])])
def test_an_import_is_refused_by_line_and_field(tmp_path, capsys, field, value):
    path = tmp_path / "people.ndjson"
    path.write_text(json.dumps({"model": "events.participant", "fields": norway(**{field: value})}) + "\n")

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    assert f"people.ndjson line 1: {field}: {OVERRIDE_MESSAGE}" in capsys.readouterr().err


def test_a_proposed_partys_name_drops_them():
    """The extraction assistant names a party as participants are named: an article's hidden characters go."""
    assert normalize_name("the Tali\u200bban\u200f") == "Taliban"
    assert name_key(ZERO_WIDTH) == name_key("Taliban")
