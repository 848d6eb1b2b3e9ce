"""A spaCy ``Matcher`` that tries, on each text, only the patterns whose words all occur in it.

spaCy's ``Matcher`` starts every pattern at every token, so its time grows with the number
of patterns: the cue vocabulary expands to thousands (each group's phrases multiplied out),
and matching them was most of an article's extraction time. A pattern can only match where
each of its required words (a token spec that is a plain ``NORM``/``ORTH``/``LOWER`` string,
not optional) occurs, so ``PrefilteredMatcher`` looks up which patterns can match a text from
its words and runs a ``Matcher`` of those patterns alone, added in their original order.
Each pattern's states run on their own in spaCy's matcher, so the matches, their order and
the ``greedy`` filtering per key are the full matcher's (``tests/extraction/test_matching.py``
compares them).
"""

import functools
from collections import defaultdict

from spacy.matcher import Matcher

# The token attributes a required word may be given by, and where a token holds them.
_ATTRIBUTES = {"NORM": "norm_", "ORTH": "orth_", "TEXT": "orth_", "LOWER": "lower_"}
# Operators under which a token spec must match at least once.
_REQUIRED = {None, "1", "+"}
# How many matchers of pattern subsets are kept built.
CACHED_MATCHERS = 512


def required_words(pattern):
    """The (attribute, value) pairs some token of a match must have: the plain, non-optional specs."""
    words = set()
    for spec in pattern:
        if spec.get("OP") not in _REQUIRED:
            continue
        for attribute, value in spec.items():
            if attribute.upper() in _ATTRIBUTES and isinstance(value, str):
                words.add((attribute.upper(), value))
    return frozenset(words)


class PrefilteredMatcher:
    """``Matcher``'s ``add`` and ``__call__`` (``(match_id, start, end)`` tuples), over the patterns that can match."""

    def __init__(self, vocab, validate=False):
        self.vocab = vocab
        # Every pattern, validated as it is added; the reference the prefiltered matches equal.
        self.full = Matcher(vocab, validate=validate)
        self._patterns = []  # (key, greedy, pattern, required words), in the order they were added
        self._by_word = defaultdict(list)  # one required word of each pattern -> the patterns' positions
        self._unfiltered = []  # positions of patterns that require no word
        self._attributes = set()
        self._matcher_of = functools.lru_cache(maxsize=CACHED_MATCHERS)(self._build)

    def __len__(self):
        return len(self.full)

    def add(self, key, patterns, greedy=None):
        self.full.add(key, patterns, greedy=greedy)
        for pattern in patterns:
            words = required_words(pattern)
            position = len(self._patterns)
            self._patterns.append((key, greedy, pattern, words))
            if words:
                # The longest value is the likeliest to be rare: fewest patterns to check on a text.
                self._by_word[max(words, key=lambda word: (len(word[1]), word))].append(position)
                self._attributes |= {attribute for attribute, _ in words}
            else:
                self._unfiltered.append(position)
        self._matcher_of.cache_clear()

    def candidates(self, doclike):
        """The positions, in order, of the patterns whose required words all occur in ``doclike``."""
        present = {
            (attribute, getattr(token, _ATTRIBUTES[attribute])) for token in doclike for attribute in self._attributes
        }
        chosen = list(self._unfiltered)
        for word in present.intersection(self._by_word):
            chosen.extend(p for p in self._by_word[word] if self._patterns[p][3] <= present)
        return tuple(sorted(chosen))

    def __call__(self, doclike):
        chosen = self.candidates(doclike)
        if not chosen:
            return []
        return self._matcher_of(chosen)(doclike)

    def _build(self, positions):
        matcher = Matcher(self.vocab)
        for position in positions:
            key, greedy, pattern, _ = self._patterns[position]
            matcher.add(key, [pattern], greedy=greedy)
        return matcher
