"""The quote rule: a report's quote must occur in its article's text.

The match is case-sensitive, but every run of whitespace counts as one space,
leading and trailing whitespace is ignored, and straight and curly quotes and
apostrophes are equal.
"""

import functools
import re
import unicodedata

QUOTE_MARKS = {
    "\u2018": "'",  # ‘ left single quotation mark
    "\u2019": "'",  # ’ right single quotation mark, the usual apostrophe
    "\u201a": "'",  # ‚ single low-9 quotation mark
    "\u201b": "'",  # ‛ single high-reversed-9 quotation mark
    "\u02bc": "'",  # ʼ modifier letter apostrophe ("Côte dʼIvoire" as some keyboards write it)
    "\u201c": '"',  # “ left double quotation mark
    "\u201d": '"',  # ” right double quotation mark
    "\u201e": '"',  # „ double low-9 quotation mark
    "\u201f": '"',  # ‟ double high-reversed-9 quotation mark
}
_QUOTE_MARKS = str.maketrans(QUOTE_MARKS)


STRAIGHT_MARKS = frozenset("'\"")


def has_quote_marks(text):
    """Whether ``text`` holds a quote mark or apostrophe, straight or curly."""
    return any(mark in text for mark in STRAIGHT_MARKS) or any(mark in text for mark in QUOTE_MARKS)


def straight_marks(text):
    """``text`` with its curly quote marks and apostrophes straight, nothing else changed."""
    return text.translate(_QUOTE_MARKS)


@functools.lru_cache(maxsize=256)
def normalize(text):
    """The form in which quotes and article texts are compared.

    Remembered for the last few texts: a bulk import checks many quotes against one article.
    ``str.replace`` for each mark and ``split()`` are what ``str.translate`` and a ``\\s+`` substitution then
    ``strip()`` give (``split()`` and ``\\s`` know the same whitespace), at a twentieth of their time on a
    text that is not all ASCII: the import normalises an article's whole text.
    """
    for mark, plain in QUOTE_MARKS.items():
        if mark in text:
            text = text.replace(mark, plain)
    return " ".join(text.split())


def missing_quotes(items, body, quote_of=str):
    """The items whose quote (``quote_of(item)``) does not occur in ``body``; none when there is no body."""
    if not body:
        return []
    text = normalize(body)
    return [item for item in items if normalize(quote_of(item)) not in text]


def quote_mismatch(quote, body):
    """Why ``quote`` does not occur in ``body``, or ``""`` when it does (or there is no body)."""
    if not body:
        return ""
    if quote in body and not quote.isspace():
        # Quoted verbatim: its normal form is then in the body's (each of its inner runs of whitespace is a
        # whole run of the body's), so the bulk import need not normalise the body for each of its reports.
        return ""
    needle, haystack = normalize(quote), normalize(body)
    if not needle:
        return "The quote is empty."
    if needle in haystack:
        return ""
    # The longest leading part of the quote that the text does contain shows where it differs.
    low, high = 0, len(needle)
    while low < high:
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return "The quote does not occur in the article's text: not even its first character matches."
    character = needle[low]
    return (
        "The quote does not occur in the article's text: the text has its start, up to "
        f"“{needle[max(0, low - 40) : low]}”, but not followed by “{needle[low : low + 40]}” "
        f"(from {character!r}, U+{ord(character):04X} {unicodedata.name(character, 'UNNAMED')})."
    )


def normalize_with_positions(text):
    """``normalize(text)`` and, for each of its characters, the index in ``text`` it comes from."""
    characters, positions = [], []
    for match in re.finditer(r"\s+|\S", text.translate(_QUOTE_MARKS)):
        characters.append(" " if match.group().isspace() else match.group())
        positions.append(match.start())
    while characters and characters[0] == " ":
        del characters[0], positions[0]
    while characters and characters[-1] == " ":
        del characters[-1], positions[-1]
    return "".join(characters), positions


def quote_context(quote, body, width=100):
    """Where ``quote`` stands in ``body``: ``(before, quote, after)`` in the body's own words, with up to
    ``width`` characters each side (``…`` where the text goes on); ``None`` when it does not occur."""
    needle = normalize(quote)
    haystack, positions = normalize_with_positions(body or "")
    start = haystack.find(needle) if needle else -1
    if start < 0:
        return None
    # The quote is stripped, so it starts and ends on characters of the body that are not whitespace.
    first, end = positions[start], positions[start + len(needle) - 1] + 1
    before = body[max(0, first - width) : first]
    after = body[end : end + width]
    return (
        ("…" if first > width else "") + before,
        body[first:end],
        after + ("…" if end + width < len(body) else ""),
    )
