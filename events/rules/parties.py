"""A name the catalog lacks, as a party to propose: its normal form, the kind it looks like, and noise refused.

The extraction assistant lists the capitalised names it could not match (``Extraction.candidates``);
these rules decide which of them a curator is asked about, under which name and kind. The words they
lean on are data, ``parties.toml`` beside this module.
"""

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from events.rules.choices import ParticipantKind
from events.rules.names import is_hidden, variation_selector

WORDS_FILE = Path(__file__).with_name("parties.toml")
_QUOTES = "\"'“”‘’„«»`"
_LEADING_THE = re.compile(r"(?i)^the\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NUMBERED = re.compile(r"([^\W\d_]+)[ -]?\d{1,3}")
_WORD = re.compile(r"[\w.'’-]+")


@dataclass(frozen=True)
class PartyWords:
    """The word lists of ``parties.toml``, folded."""

    kinds: tuple  # (kind, frozenset of words and phrases), in the order they are tried
    titles: frozenset
    qualifiers: frozenset
    common: frozenset
    numbered_meetings: frozenset = frozenset()

    @functools.cached_property
    def generic(self):
        """The words that alone name no party: common words, titles and their qualifiers."""
        return self.common | self.titles | self.qualifiers

    @functools.cached_property
    def kind_words(self):
        return frozenset(word for _, words in self.kinds for word in words)


@functools.cache
def party_words(path=WORDS_FILE):
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return PartyWords(
        kinds=tuple((kind, frozenset(fold(w) for w in words)) for kind, words in data["kinds"].items()),
        titles=frozenset(fold(w) for w in data["person"]["titles"]),
        qualifiers=frozenset(fold(w) for w in data["person"]["qualifiers"]),
        common=frozenset(fold(w) for w in data["noise"]["common"]),
        numbered_meetings=frozenset(fold(w) for w in data["noise"].get("numbered_meetings", ())),
    )


def fold(text):
    """Lower case, no accents: the form in which words are compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_name(text):
    """The name as a participant would be called: one space between words, no quotes around, no leading "the",
    no bidi control, character that shows nothing, variation selector or control character (which a participant's
    name may not hold: ``events.rules.names``)."""
    name = " ".join("".join(c for c in str(text) if not (is_hidden(c) or variation_selector(c))).split())
    name = name.strip(_QUOTES + " ,;:")
    name = _POSSESSIVE.sub("", name).strip(_QUOTES + " ")
    while _LEADING_THE.match(name):
        name = _LEADING_THE.sub("", name, count=1).strip(_QUOTES + " ")
    return name


def name_key(text):
    """What two spellings of one name share: "U.S." and "US", "the Taliban" and "Taliban", any case or accent."""
    return " ".join(fold(normalize_name(text)).replace(".", "").replace("’", "'").split())


def _words(name):
    return [fold(w) for w in _WORD.findall(name)]


def guess_kind(name):
    """The kind a name looks like, from its words; ``other`` when nothing tells."""
    words = _words(name)
    text = " ".join(words)
    if _leading_titles(name) and not _kind_word(text):
        return ParticipantKind.PERSON
    kind = _kind_word(text)
    if kind is not None:
        return ParticipantKind(kind)
    stripped = name.replace(".", "")
    if stripped.isupper() and 2 <= len(stripped) <= 8 and " " not in stripped:
        return ParticipantKind.ORGANIZATION  # an acronym: "IGAD", "ECOWAS"
    return ParticipantKind.OTHER


def _kind_word(text):
    padded = f" {text} "
    for kind, words in party_words().kinds:
        if any(f" {word} " in padded for word in words):
            return kind
    return None


def _leading_titles(name):
    """How many words before a person's name are titles ("Deputy Foreign Minister Igor Morgulov": 3; "Swiss
    President Viola Amherd": 2): up to the last title proper that a name follows, 0 when there is none."""
    parts, words = name.split(), party_words()
    titled = [i for i, part in enumerate(parts) if fold(part) in words.titles]
    if not titled or titled[-1] == len(parts) - 1:
        return 0
    after = parts[titled[-1] + 1 :]
    if any(fold(part) in words.qualifiers for part in after):
        return 0
    return titled[-1] + 1


def person_name(name):
    """A titled person's name without the titles before it ("Deputy Foreign Minister Igor Morgulov": "Igor
    Morgulov")."""
    return " ".join(name.split()[_leading_titles(name) :])


CAPITALISED = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN")


def numbered_meeting(name):
    """Whether a name is one of a series of meetings and its number ("COP29", "COP 28"): no party."""
    numbered = _NUMBERED.fullmatch(normalize_name(name))
    return bool(numbered) and fold(numbered.group(1)) in party_words().numbered_meetings


def is_noise(name):
    """Whether a name is no party at all: too short, all lower case (in a script with case), one common word,
    title or generic noun ("Any", "For", "Deputy", "Ministry"), or only common words and titles ("Deputy Foreign
    Minister")."""
    name = normalize_name(name)
    letters = [c for c in name if c.isalpha()]
    # Letters of a script that writes names with capitals (Latin, Greek, Cyrillic, Armenian): one without case
    # (Arabic, Chinese, Hebrew) or whose capitals names do not take (Georgian) writes no name in capitals, and may
    # write one in two letters ("中国").
    cased = [c for c in letters if c.lower() != c.upper() and unicodedata.name(c, "").startswith(CAPITALISED)]
    if len(letters) < 2 or (len(letters) < 3 and cased and not name.isupper()):
        return True
    if cased and not any(c.isupper() or c.istitle() for c in cased):
        return True
    words, vocabulary = _words(name), party_words()
    if numbered_meeting(name):
        return True
    if len(words) == 1:
        return words[0] in vocabulary.generic | vocabulary.kind_words
    return all(word in vocabulary.generic for word in words)


def party_name_and_kind(text):
    """The name to propose and its guessed kind, or ``None`` for noise."""
    name = normalize_name(text)
    if is_noise(name):
        return None
    kind = guess_kind(name)
    if kind == ParticipantKind.PERSON:
        name = person_name(name)
        if is_noise(name):
            return None
    return name, kind
