"""The folded form of text in which names and cues are compared, and a sentence as a quote (no spaCy needed)."""

import functools
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
# Words and names are folded again and again (every token, every outlet of every paragraph): keep the short ones.
_KEPT_LENGTH = 64


def fold(text):
    """Lower case, no accents, straight quotes: the form in which names and cues are compared."""
    if len(text) <= _KEPT_LENGTH:
        return _fold_kept(text)
    return _fold(text)


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_fold_kept = functools.lru_cache(maxsize=65_536)(_fold)


# Opening quotation marks: the sentencizer leaves the next quotation's at the end of a sentence
# ('… declined the invitation. "We will not …'), where a quote must not end.
OPENING_MARKS = "\u201c\u2018\u201e\u201a\u201f\u201b"  # “ ‘ „ ‚ ‟ ‛
STRAIGHT_MARKS = "\"'"


# What a quote neither opens nor ends with: whitespace, control characters (Unicode Cc) and format characters
# (Cf: a byte-order mark, a zero-width space; those of the Basic Multilingual Plane and the tags). A run of them
# before a sentence is read as part of it.
EDGES = "".join(
    c for c in map(chr, range(0x10000)) if c.isspace() or unicodedata.category(c) in ("Cc", "Cf")
) + "".join(c for c in map(chr, range(0xE0000, 0xE0080)) if unicodedata.category(c) == "Cf")


def quote_of(text):
    """A sentence's text as a proposal quotes it: no whitespace, control or format characters (``EDGES``) at
    its edges, nor a dangling opening quotation mark at its end (curly, or straight after one of ``EDGES``).
    What is left is still in the article."""
    text = text.strip(EDGES)
    while text and (text[-1] in OPENING_MARKS or (text[-1] in STRAIGHT_MARKS and text[-2:-1] in EDGES)):
        text = text[:-1].rstrip(EDGES)
    return text
