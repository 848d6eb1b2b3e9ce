"""People named again by part of the name: "Lavrov" after "Sergei Lavrov", "Chairman Murad" after "Al Haj
Murad Ebrahim"."""

from collections import defaultdict

from events.extraction.text import fold

AMBIGUOUS = object()  # two people answer ("Ali" after "Ahmed Ali" and "Hassan Ali"): neither, and no party either
PATRONYMICS = {"bin", "ibn", "bint", "ben", "ould", "wad", "abu"}


class PeopleIndex:
    """The names of some people, by word: a short form is looked up by its first word, not against every
    name (which made reading grow with the square of the article's length)."""

    def __init__(self):
        self.by_word = defaultdict(set)  # word -> {(folded name, slug)}

    def add(self, person, names):
        for name in map(fold, names):
            for word in set(_words(name)):
                self.by_word[word].add((name, person.slug))

    def find(self, folded, titled, current):
        """The one person whose name ``folded`` ends (or, ``titled``, stands anywhere in), as ``current(name,
        slug)`` gives it now; ``AMBIGUOUS`` for two or more; else None."""
        words = _words(folded)
        if not words:
            return None
        names = self.by_word.get(words[0], ())
        found = {current(name, slug) for name, slug in names if _names_part(_words(name), words, titled)}
        if not found:
            return None
        return found.pop() if len(found) == 1 else AMBIGUOUS


def _words(folded):
    return folded.replace("-", " ").split()


def _names_part(name, words, anywhere):
    """Whether ``words`` end the words of ``name``, or, ``anywhere``, stand together anywhere in them."""
    if not words or len(words) >= len(name) or len("".join(words)) < (2 if anywhere else 3):  # "Premier Li"
        return False
    if name[-len(words) :] == words:
        return True
    # not a father's name: "King Hamad" is not "Tamim bin Hamad Al Thani"
    inside = (k for k in range(len(name) - len(words)) if k == 0 or name[k - 1] not in PATRONYMICS)
    return anywhere and any(name[k : k + len(words)] == words for k in inside)


def uninitialled(words):
    """A person's name without its middle initials ("Ralph E. Gonsalves": "Ralph Gonsalves"), as an alias."""
    kept = [w.text for k, w in enumerate(words) if not (0 < k < len(words) - 1 and len(w.text.rstrip(".")) == 1)]
    return (" ".join(kept),) if len(kept) < len(words) and len(kept) > 1 else ()
