"""events.rules.names and the blank rule: what shows nothing is Unicode's Default_Ignorable_Code_Point, the other
format characters and the braille blank (tester 44, D1), and a name holds the joiners and variation selectors only
where they are seen."""

import sys

import pytest

from events.rules.names import DEFAULT_IGNORABLE, default_ignorable, hidden_character, shows_nothing
from events.rules.parties import name_key
from events.rules.values import blank_text

# What tester 44 found taken as a name, a title, or inside a name (D1).
UNSEEN = [
    "\u00ad",  # SOFT HYPHEN
    "\u3164",  # HANGUL FILLER
    "\u115f",  # HANGUL CHOSEONG FILLER
    "\u1160",  # HANGUL JUNGSEONG FILLER
    "\uffa0",  # HALFWIDTH HANGUL FILLER
    "\u2800",  # BRAILLE PATTERN BLANK
    "\u034f",  # COMBINING GRAPHEME JOINER
    "\u2061",  # FUNCTION APPLICATION
    "\u2062",  # INVISIBLE TIMES
    "\u2063",  # INVISIBLE SEPARATOR
    "\u2064",  # INVISIBLE PLUS
    "\u17b5",  # KHMER VOWEL INHERENT AA
    "\ufe0f",  # VARIATION SELECTOR-16
    "\U000e0041",  # TAG LATIN CAPITAL LETTER A
    "\U000e0001",  # LANGUAGE TAG
    "\U000e007f",  # CANCEL TAG
    "\ufff9",  # INTERLINEAR ANNOTATION ANCHOR: a format character, not default-ignorable
]


def test_the_table_is_unicodes_default_ignorable_code_point():
    """Python's unicodedata has no such property; the ``regex`` module (dateparser's) has it."""
    regex = pytest.importorskip("regex")
    prop = regex.compile(r"\p{Default_Ignorable_Code_Point}")
    expected = {code for code in range(sys.maxunicode + 1) if prop.match(chr(code))}

    assert {code for code in range(sys.maxunicode + 1) if default_ignorable(chr(code))} == expected
    assert [first for first, _last in DEFAULT_IGNORABLE] == sorted(first for first, _last in DEFAULT_IGNORABLE)


@pytest.mark.parametrize("character", UNSEEN, ids=[f"U+{ord(c):04X}" for c in UNSEEN])
def test_a_character_that_shows_nothing_is_blank_alone_and_refused_in_a_name(character):
    assert shows_nothing(character)
    assert blank_text(character)
    assert blank_text(f" {character}\u200b{character} ")
    assert hidden_character(f"A{character}B") == hidden_character(character)
    assert hidden_character(f"A{character}B").startswith(f"A name cannot hold U+{ord(character):04X} (")


@pytest.mark.parametrize("text", ["\u200c", "\u200d", "\u200c\u200d ", "\x07", "\u2028"])
def test_the_joiners_alone_or_a_control_alone_are_blank(text):
    assert blank_text(text)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "y\u2028z",
            "A name cannot hold U+2028 (LINE SEPARATOR): it breaks the line, which a name does not. Remove it.",
        ),
        ("y\u2029z", None),
        (
            "A\ufe0fB",
            "A name cannot hold U+FE0F (VARIATION SELECTOR-16): it chooses no form of the character before it, and "
            "shows nothing. Remove it.",
        ),
        ("\ufe0fA", None),  # nothing before it
        ("\u2764\ufe0f\ufe0f", None),  # a second selector chooses nothing
        ("\u1820\ufe0f", None),  # the emoji selectors choose no Mongolian form
        ("A\u180b", None),  # a Mongolian selector after a Latin letter
        ("\u2764\U000e0100", None),  # an ideographic selector after a symbol
        ("A\u00adB", "A name cannot hold U+00AD (SOFT HYPHEN): it shows nothing. Remove it."),
    ],
)
def test_a_name_is_refused_naming_the_character(name, message):
    assert hidden_character(name) is not None
    if message:
        assert hidden_character(name) == message


@pytest.mark.parametrize(
    "name",
    [
        "وزارت امور خارجه\u200cی افغانستان",  # Persian: ZERO WIDTH NON-JOINER
        "\U0001f3f3\ufe0f\u200d\U0001f308",  # an emoji ZWJ sequence with VARIATION SELECTOR-16
        "Team \u2764\ufe0f",  # an emoji shown as a picture
        "Hotline \u260e\ufe0e",  # a symbol shown as text
        "Room 1\ufe0f\u20e3",  # a keycap
        "\u845b\U000e0100\u57ce",  # an ideographic variation sequence (a Japanese name's variant of 葛)
        "\u182e\u1823\u1829\u180b\u182d\u1823\u182f",  # Mongolian with a free variation selector
        "\u0600\u0661\u0662",  # ARABIC NUMBER SIGN, which shows
        "Norway",
    ],
)
def test_a_name_keeps_what_is_seen(name):
    assert hidden_character(name) is None
    assert not blank_text(name)


def test_two_names_that_look_alike_are_one_key():
    """The extraction assistant's key of a name drops what shows nothing, a variation selector too."""
    assert name_key("A\u00adB") == name_key("A\u2062B") == name_key("A\ufe0fB") == name_key("AB")
