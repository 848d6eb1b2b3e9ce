"""An article's text as spaCy documents, one a paragraph, read in bounded pieces.

The tokenizer reads a paragraph in blocks of at most ``BLOCK_CHARS`` characters, cut at a
single space between two words (where spaCy's tokenizer splits anyway), and the blocks are
joined into the paragraph's one ``Doc`` before the pipeline's components run on it: the
tokens, their offsets, sentences and norms are those of ``nlp(paragraph)``
(``tests/extraction/test_reading.py`` compares them), but spaCy's ``max_length`` (1,000,000
characters) is never reached, whatever the length of the text. A sentence longer than
``SENTENCE_TOKENS`` tokens (text with no full stops) is read in pieces of that many tokens,
so the work a sentence costs stays bounded.
"""

import itertools
import re

from spacy.tokens import Doc

# A paragraph: lines up to a blank line.
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
# The most characters the tokenizer reads at once (a run of that many with no space is cut anyway).
BLOCK_CHARS = 20_000
# The longest sentence read as one; the seed articles' longest has 63 tokens.
SENTENCE_TOKENS = 200
# The longest run read at once when it has no space between words to cut at.
RUN_CHARS = 100_000
# Where a block may end: after a single space between two words.
_CUT = re.compile(r"(?<=\S) (?=\S)")


def paragraphs(nlp, text):
    """(offset, doc) of each paragraph of ``text``, the doc as ``nlp(paragraph)`` makes it."""
    for match in PARAGRAPH.finditer(text):
        yield match.start(), parse(nlp, match.group(0))


def parse(nlp, text, block=None):
    """``nlp(text)``, its text tokenised ``block`` (``BLOCK_CHARS``) characters at a time, its sentences bounded."""
    pieces = blocks(text, block or BLOCK_CHARS)
    if len(pieces) == 1:
        doc = nlp.tokenizer(text)
    else:
        parts = list(nlp.tokenizer.pipe(pieces))
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        first = 0
        for part in parts[:-1]:
            first += len(part)
            doc[first].is_sent_start = None  # a block's first token: the sentencizer decides
    for _, component in nlp.pipeline:
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


def bound_sentences(doc, most=SENTENCE_TOKENS):
    """Starts a new sentence every ``most`` tokens of a longer one."""
    for sentence in list(doc.sents):
        for i in range(sentence.start + most, sentence.end, most):
            doc[i].is_sent_start = True
    return doc
