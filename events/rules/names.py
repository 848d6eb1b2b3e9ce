"""What a name may hold: no character that changes how a text shows without being seen.

A right-to-left override (U+202E) makes "Taliban" followed by it and "noitagled" show as another name; a
zero-width space, a soft hyphen or a Hangul filler makes two names that look alike differ, so that a search, the
check for a participant named twice, and a reader's eye all miss it. A participant's name and each of its aliases
refuse them, and control characters and line or paragraph separators too
(``events.models.participant.validate_name``), at every entry point.

What shows nothing is Unicode's own property, Default_Ignorable_Code_Point (``DEFAULT_IGNORABLE``), with the
other format characters (category Cf) but the few that show, and the braille blank U+2800, a blank that is no
space. Two kinds are kept inside a name, where they are seen:

- the zero-width non-joiner and joiner (U+200C, U+200D): Persian, Pashto and other scripts spell names with
  them, and emoji sequences are joined by them;
- a variation selector right after a character it chooses a form of: U+FE0E or U+FE0F after a symbol or a
  keycap's digit (an emoji shown as text or as a picture), any after a CJK ideograph (the variants of a
  Japanese name's characters), the Mongolian ones after a Mongolian letter. Anywhere else it changes nothing
  seen ("A" followed by U+FE0F shows as "A").

A text made of nothing but these and white space shows nothing: ``events.rules.values.blank_text``.
"""

import bisect
import unicodedata

# Unicode's Bidi_Control characters (marks, embeddings, overrides, isolates).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
JOINERS = frozenset("\u200c\u200d")  # ZERO WIDTH NON-JOINER, ZERO WIDTH JOINER
LINE_BREAKS = frozenset("\u2028\u2029")  # LINE SEPARATOR, PARAGRAPH SEPARATOR (categories Zl, Zp)
BLANKS = frozenset("\u2800")  # BRAILLE PATTERN BLANK: shows as a space, but is a symbol, not white space

# Default_Ignorable_Code_Point, from Unicode's DerivedCoreProperties.txt (unchanged from 14.0, Python 3.11's
# unicodedata, to 16.0): first and last code point of each range. Python's unicodedata has no such property;
# tests/rules/test_names.py checks this table against the ``regex`` module's \p{Default_Ignorable_Code_Point}.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),  # SOFT HYPHEN
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x115F, 0x1160),  # HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # KHMER VOWEL INHERENT AQ, AA
    (0x180B, 0x180F),  # MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
    (0x200B, 0x200F),  # ZERO WIDTH SPACE, NON-JOINER, JOINER; LEFT-TO-RIGHT, RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),  # the embeddings and overrides
    (0x2060, 0x206F),  # WORD JOINER, the invisible operators, the isolates, the deprecated format characters
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1 to -16
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE (a byte order mark)
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # reserved
    (0x1BCA0, 0x1BCA3),  # SHORTHAND FORMAT controls
    (0x1D173, 0x1D17A),  # MUSICAL SYMBOL BEGIN BEAM to END PHRASE
    (0xE0000, 0xE0FFF),  # the tag characters, VARIATION SELECTOR-17 to -256, reserved
)
_STARTS = [first for first, _last in DEFAULT_IGNORABLE]


def default_ignorable(character):
    """Whether ``character`` is a Default_Ignorable_Code_Point: shown as nothing when not shown otherwise."""
    code = ord(character)
    index = bisect.bisect_right(_STARTS, code) - 1
    return index >= 0 and code <= DEFAULT_IGNORABLE[index][1]


def variation_selector(character):
    """Whether ``character`` is one of Unicode's variation selectors (its property Variation_Selector)."""
    code = ord(character)
    return 0x180B <= code <= 0x180D or code == 0x180F or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


# The format characters (category Cf) that show: the Arabic, Syriac and Kaithi signs written before the number
# they span (Unicode's Prepended_Concatenation_Mark). Every other one shows nothing, default-ignorable or not
# (the interlinear annotation marks U+FFF9 to U+FFFB, the Egyptian hieroglyph format controls).
SHOWN_FORMAT_CHARACTERS = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)


def shows_nothing(character):
    """Whether ``character`` shows nothing by itself: a default-ignorable one, a format character (category Cf)
    that is no prepended mark, or the braille blank."""
    if character in BLANKS or default_ignorable(character):
        return True
    return unicodedata.category(character) == "Cf" and character not in SHOWN_FORMAT_CHARACTERS


# Control characters the names rule leaves alone: white space (names stored with it export and import again as
# they were), and NUL, which every text refuses by a rule of its own (events.rules.values.NO_NUL).
NOT_HIDDEN_CONTROLS = frozenset("\t\n\r\x00")


def is_hidden(character):
    """Whether ``character`` is one a name refuses wherever it stands: one that shows nothing (but the joiners and
    the variation selectors, which a name holds where they are seen: ``hidden_character``), a line or paragraph
    separator, or a control character other than a tab or a line break (a bell, an escape, a form feed: Unicode's
    category Cc), which no name holds and iCalendar refuses."""
    if character in LINE_BREAKS:
        return True
    if shows_nothing(character):
        return character not in JOINERS and not variation_selector(character)
    return unicodedata.category(character) == "Cc" and character not in NOT_HIDDEN_CONTROLS


def selects_a_form_of(selector, base):
    """Whether the variation ``selector`` right after ``base`` chooses a form of it that shows."""
    if base is None or shows_nothing(base):
        return False  # at the start, or after another selector or an unseen character: nothing to choose
    code = ord(selector)
    if 0x180B <= code <= 0x180F:
        return 0x1820 <= ord(base) <= 0x18AF  # a Mongolian letter
    if unicodedata.name(base, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        return True
    return selector in "\ufe0e\ufe0f" and (unicodedata.category(base) == "So" or base in "0123456789#*")


def hidden_in(name):
    """The first character of ``name`` that a name refuses where it stands, or None."""
    before = None
    for character in name:
        if is_hidden(character):
            return character
        if variation_selector(character) and not selects_a_form_of(character, before):
            return character
        before = character
    return None


def hidden_character(name):
    """Why ``name`` is refused, naming its first hidden character; ``None`` when it holds none."""
    found = hidden_in(name) if isinstance(name, str) else None
    if found is None:
        return None
    if unicodedata.category(found) == "Cc":
        return f"A name cannot hold U+{ord(found):04X} (a control character): it is not a letter. Remove it."
    code = f"U+{ord(found):04X} ({unicodedata.name(found, 'unassigned')})"
    if found in BIDI_CONTROLS:
        kind = "changes the direction of the text, unseen"
    elif found in LINE_BREAKS:
        kind = "breaks the line, which a name does not"
    elif variation_selector(found):
        kind = "chooses no form of the character before it, and shows nothing"
    else:
        kind = "shows nothing"
    return f"A name cannot hold {code}: it {kind}. Remove it."
