"""The folded form of text in which names and cues are compared (no spaCy needed)."""

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
