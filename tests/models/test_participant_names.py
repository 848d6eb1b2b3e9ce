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
ZERO_WIDTH_MESSAGE = "A name cannot hold U+200B (ZERO WIDTH SPACE): it shows nothing. Remove it."


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
        # Tester 44, D1: the other characters that show nothing (Unicode's Default_Ignorable_Code_Point, the
        # braille blank), and a line separator.
        ("Tali\u00adban", "A name cannot hold U+00AD (SOFT HYPHEN): it shows nothing. Remove it."),
        ("Tali\u2062ban", None),
        ("Tali\u3164ban", None),
        ("Tali\u2800ban", None),
        ("Tali\U000e0041ban", None),
        ("Tali\ufe0fban", None),
        (
            "y\u2028z",
            "A name cannot hold U+2028 (LINE SEPARATOR): it breaks the line, which a name does not. Remove it.",
        ),
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


@pytest.mark.parametrize("name", ["\u00ad", "\u3164", "\u115f", "\u2800", "\u034f", "\u17b5", "\U000e0041"])
def test_a_name_that_shows_nothing_is_blank(token_client, name):
    """Tester 44, D1: a name of a soft hyphen, a Hangul filler or a tag character alone was stored."""
    answer = token_client.post("/api/participants/", norway(name=name), format="json")

    assert (answer.status_code, answer.json()) == (400, {"name": ["This field cannot be blank."]})


@pytest.mark.parametrize("alias", ["\u200d", "\u200c \u200c"])
def test_an_alias_of_joiners_alone_is_refused(token_client, alias):
    answer = token_client.post("/api/participants/", norway(aliases=["Norge", alias]), format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == ["aliases"]


def test_a_name_that_looks_like_another_is_refused(token_client):
    """Tester 44, D1: "Nor\u00adway" beside "Norway" looked alike and differed; it is refused, naming the character."""
    assert token_client.post("/api/participants/", norway(), format="json").status_code == 201

    answer = token_client.post("/api/participants/", norway(slug="norway-2", name="Nor\u00adway"), format="json")

    assert (answer.status_code, answer.json()) == (400, {"name": [hidden_character("\u00ad")]})


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


def test_the_admin_refuses_a_name_that_shows_nothing(admin_client):
    """Tester 44, D1: one rule at every entry point; the admin's form strips white space, not a Hangul filler."""
    page = admin_client.post(
        "/admin/events/participant/add/", {"slug": "norway", "name": " \u3164 ", "kind": "state", "aliases": "[]"}
    )

    assert page.status_code == 200
    assert page.context["adminform"].form.errors["name"] == ["This field cannot be blank."]
    assert not Participant.objects.exists()


def test_a_fixture_of_a_name_that_shows_nothing_is_refused(tmp_path):
    path = tmp_path / "people.jsonl"
    path.write_text(json.dumps({"model": "events.participant", "fields": norway(name="\u00ad")}) + "\n")

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    assert str(refused.value) == f"{path}, line 1 (events.participant norway): name: This field cannot be blank."
