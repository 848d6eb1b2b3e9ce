"""The names of an article's new parties, by their words.

A short form ("the Tigers", "Tamil Tiger") is the one long name that holds each of its words. Reading every
name the article gave so far for each short form made a long article's reading grow with the square of its
parties (a 500,000-character article spent a third of its time there); the names holding each word are kept as
they come instead, and a short form reads only the names that hold its rarest word.
"""

import re
from collections import defaultdict

WORD_BREAK = re.compile(r"[\s-]+")


def stems(name):
    """The words of a folded name, each without a plural's "s" ("tigers" and "tiger" alike)."""
    return {word.removesuffix("s") for word in WORD_BREAK.split(name) if word}


class NamesByWord(dict):
    """``{folded name: party}``, knowing which of its names hold each word (``holding``)."""

    def __init__(self):
        super().__init__()
        self.names_with = defaultdict(set)  # a word's stem -> the names that hold it

    def __setitem__(self, name, party):
        if name not in self:
            for word in stems(name):
                self.names_with[word].add(name)
        super().__setitem__(name, party)

    def setdefault(self, name, party):
        if name not in self:
            self[name] = party
        return self[name]

    def holding(self, words):
        """The names that hold every one of ``words`` (stems, as ``stems`` gives them)."""
        found = sorted((self.names_with.get(word, set()) for word in words), key=len)
        return set.intersection(*found) if found else set()
