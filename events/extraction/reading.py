"""An article's text as spaCy documents, one a paragraph, read in bounded pieces.

The tokenizer reads a paragraph in blocks of at most ``BLOCK_CHARS`` characters, cut at a
single space between two words (where spaCy's tokenizer splits anyway), and the blocks are
joined into the paragraph's one ``Doc`` before the pipeline's components run on it: the
tokens, their offsets, sentences and norms are those of ``nlp(paragraph)``
(``tests/extraction/test_reading.py`` compares them), but spaCy's ``max_length`` (1,000,000
characters) is never reached, whatever the length of the text. A sentence longer than
``SENTENCE_TOKENS`` tokens (text with no full stops) is read in pieces of that many tokens,
so the work a sentence costs stays bounded.

spaCy's tokenizer takes time growing with the square of the length of a run of characters with no space
(it strips a prefix or suffix at a time, searching the whole rest of the run each time): 8,000 emoji took
10 s. No word or link is ``WORD_CHARS`` long, so a longer run (emoji, punctuation, an encoded blob) is
handed to the tokenizer in pieces of that many characters: its tokens are not those of the run read
whole, but every character keeps its offset, and the text around the run reads as before.
"""

import itertools
import re

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from events.extraction.deadline import check_time

# A paragraph: lines up to a blank line.
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
# The most characters the tokenizer reads at once (a run of that many with no space is cut anyway).
BLOCK_CHARS = 20_000
# The longest sentence read as one; the seed articles' longest has 63 tokens.
SENTENCE_TOKENS = 200
# The longest run read at once when it has no space between words to cut at.
RUN_CHARS = 100_000
# The longest run with no space read as one; the seed articles' longest word has 25 characters.
WORD_CHARS = 100
# Where a block may end: after a single space between two words.
_CUT = re.compile(r"(?<=\S) (?=\S)")
# A run with no space too long to be a word.
_LONG_RUN = re.compile(rf"\S{{{WORD_CHARS + 1},}}")


def paragraphs(nlp, text, deadline=None):
    """(offset, doc) of each paragraph of ``text``, the doc as ``nlp(paragraph)`` makes it.

    ``deadline``: a ``time.monotonic()`` past which reading stops with ``OutOfTime``, checked between blocks.
    """
    for match in PARAGRAPH.finditer(text):
        yield match.start(), parse(nlp, match.group(0), deadline=deadline)


def parse(nlp, text, block=None, deadline=None):
    """``nlp(text)``, its text tokenised ``block`` (``BLOCK_CHARS``) characters at a time, its sentences bounded."""
    pieces = [piece for part in blocks(text, block or BLOCK_CHARS) for piece in words_apart(part)]
    if len(pieces) == 1:
        check_time(deadline)
        doc = nlp.tokenizer(text)
    else:
        parts = []
        for piece in pieces:
            check_time(deadline)
            parts.append(nlp.tokenizer(piece))
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        firsts = list(itertools.accumulate(len(part) for part in parts[:-1]))
        mark_sentence_starts(doc, firsts, 0)  # a block's first token: the sentencizer decides
    for _, component in nlp.pipeline:
        check_time(deadline)
        doc = component(doc)
    bound_sentences(doc)
    return doc


def blocks(text, size):
    """``text`` in pieces of about ``size`` characters, each ending with the space after a word.

    A piece is longer where two such spaces lie further apart; a run of ``RUN_CHARS`` characters without one
    (no text, but a run of symbols) is cut wherever it must be.
    """
    cuts, last = [0], 0
    for match in _CUT.finditer(text):
        if match.end() - cuts[-1] > size and last > cuts[-1]:
            cuts.append(last)
        last = match.end()
    if len(text) - cuts[-1] > size and last > cuts[-1]:
        cuts.append(last)
    cuts.append(len(text))
    pieces = [
        text[i : min(i + RUN_CHARS, end)]
        for begin, end in itertools.pairwise(cuts)
        for i in range(begin, end, RUN_CHARS)
    ]
    return pieces or [text]


def words_apart(text):
    """``text`` cut inside each run with no space longer than ``WORD_CHARS``, every ``WORD_CHARS`` characters."""
    cuts = [0]
    for match in _LONG_RUN.finditer(text):
        cuts.extend(range(match.start() + WORD_CHARS, match.end(), WORD_CHARS))
    cuts.append(len(text))
    return [text[begin:end] for begin, end in itertools.pairwise(cuts)]


def bound_sentences(doc, most=SENTENCE_TOKENS):
    """Starts a new sentence every ``most`` tokens of a longer one."""
    starts = [i for s in doc.sents for i in range(s.start + most, s.end, most)]
    return mark_sentence_starts(doc, starts, 1)


def mark_sentence_starts(doc, indexes, value):
    """The tokens at ``indexes`` start a sentence (1), or the sentencizer decides (0), set at once.

    ``Token.is_sent_start = ...`` looks at every token of the doc (is it parsed?) each time it is set: a
    paragraph of one symbol after another, set every 200 tokens, took minutes.
    """
    if indexes:
        sent_starts = doc.to_array([SENT_START])
        sent_starts[indexes] = value
        doc.from_array([SENT_START], sent_starts)
    return doc
