"""Which of a party's other names are names, to offer a curator as its aliases when it is proposed (tester 44, D3).

The gazetteer holds, besides a party's names, the phrases the reader needs to find it in a text: "Omani officials",
"the Omani side", "Yemeni junta", "the Omanis", and the capital that stands for a government ("Sana'a said"). They
read a text; they are no names. Stored as a participant's aliases they would match and be searched as its names, and
a capital may be another side's ("Sana'a" is held by the Houthis, not the recognised government). The reader keeps
finding them through the gazetteer, which lends its phrases to the participant of that name.

A name opens and ends with a capitalised word (lower-case words between are a name's: "Republic of Yemen", "Jamhuri
ya Kenya"; a word counts by any part after a hyphen: "al-Nusra Front"), and is no capital and no people's plural.
"""

import re

from events.extraction.gazetteer import adjectives, capital_names
from events.extraction.text import fold

_THE = re.compile(r"(?i)^the\s+")


def is_a_name(alias):
    """Whether ``alias`` is another name of a party, not a phrase that describes it ("Omani officials") nor the
    place that stands for it ("Sana'a")."""
    words = _THE.sub("", alias.strip()).split()
    if not words or not (_capitalised(words[0]) and _capitalised(words[-1])):
        return False
    if fold(" ".join(words)) in capital_names():
        return False
    return not (len(words) == 1 and fold(words[0]).removesuffix("s") in adjectives())  # "the Omanis"


def names_only(aliases):
    """``aliases`` less those that are no names, in their order."""
    return tuple(alias for alias in aliases if is_a_name(alias))


def _capitalised(word):
    parts = [part.strip("()[]'’\".,") for part in word.split("-")]
    return any(part[:1].isupper() or part[:1].isdigit() for part in parts if part)
