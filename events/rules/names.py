"""What a name may hold: no character that changes how a text shows without being seen.

A right-to-left override (U+202E) makes "Taliban" followed by it and "noitagled" show as another name; a
zero-width space makes two names that look alike differ, so that a search, the check for a participant named
twice, and a reader's eye all miss it. A participant's name and each of its aliases refuse them, and control
characters too (``events.models.participant.validate_name``), at every entry point.

The zero-width non-joiner and joiner (U+200C, U+200D) are not refused: Persian, Pashto and other scripts spell
names with them, and emoji sequences are joined by them.
"""

import unicodedata

# Unicode's Bidi_Control characters (marks, embeddings, overrides, isolates), and the zero-width ones that
# neither join nor break a script's letters.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e")
HIDDEN = BIDI_CONTROLS | ZERO_WIDTH


# Control characters the names rule leaves alone: white space (names stored with it export and import again as
# they were), and NUL, which every text refuses by a rule of its own (events.rules.values.NO_NUL).
NOT_HIDDEN_CONTROLS = frozenset("\t\n\r\x00")


def is_hidden(character):
    """Whether ``character`` is one a name refuses: ``HIDDEN``, or a control character other than a tab or a line
    break (a bell, an escape, a form feed: Unicode's category Cc), which no name holds and iCalendar refuses."""
    return character in HIDDEN or (unicodedata.category(character) == "Cc" and character not in NOT_HIDDEN_CONTROLS)


def hidden_character(name):
    """Why ``name`` is refused, naming its first hidden character; ``None`` when it holds none."""
    found = next((character for character in name if is_hidden(character)), None) if isinstance(name, str) else None
    if found is None:
        return None
    if found not in HIDDEN:
        return f"A name cannot hold U+{ord(found):04X} (a control character): it is not a letter. Remove it."
    code = f"U+{ord(found):04X} ({unicodedata.name(found, 'a format character')})"
    kind = "changes the direction of the text" if found in BIDI_CONTROLS else "has no width"
    return f"A name cannot hold {code}: it {kind}, unseen. Remove it."
