"""The dates of a sentence as the reader uses them: ``dates.find_dates``, a weekday and its date read once.

"on Sunday, July 30" names one day twice; ``find_dates`` resolves the weekday on its own (the
Sunday nearest the publication date), which may be another day than the date written beside it.
The written date is the writer's exact word, so the weekday that it follows is dropped.
"""

import dataclasses
import itertools
import re

from events.extraction.dates import WEEKDAYS, find_dates

# What may stand between a weekday and the date that names the same day: "Sunday, July 30", "Sunday (July 30)".
BETWEEN = re.compile(r"[\s,(]*")


def sentence_dates(text, published_on, tense, offset):
    """Every date of ``text`` (at ``offset`` of its document), without weekdays followed by their own date."""
    found = find_dates(text, published_on, tense, offset)
    kept = []
    for date, following in itertools.zip_longest(found, found[1:]):
        if not _named_after(date, following, text, offset):
            kept.append(date)
    return kept


def _named_after(date, following, text, offset):
    """Whether ``date`` is a weekday that ``following``, an exact date right after it, names again."""
    if following is None or not following.exact or not _weekday(date) or _weekday(following):
        return False
    return bool(BETWEEN.fullmatch(text[date.stop - offset : following.begin - offset]))


def _weekday(date):
    return date.text.lower().split()[-1] in WEEKDAYS


# Days a quotation names from the day it was said: "tomorrow's meeting", said on Wednesday, is Thursday's.
SPEAKERS_DAYS = {"today", "tomorrow", "yesterday", "tonight", "this morning", "this afternoon", "this evening"}
QUOTE_MARKS = re.compile(r"[\"“”]")


def quoted_from(dates, text, offset, said_on, published_on):
    """``dates`` with each day a quotation names from its own day ("tomorrow") counted from ``said_on``, the
    earlier day its words were said (this sentence's "said on Wednesday" or the sentence before's)."""
    if said_on is None:
        return dates
    shift = said_on - published_on
    kept = []
    for date in dates:
        before, after = text[: date.begin - offset], text[date.stop - offset :]
        quoted = len(QUOTE_MARKS.findall(before)) % 2 == 1 or len(QUOTE_MARKS.findall(after)) % 2 == 1
        if quoted and " ".join(date.text.lower().split()).removesuffix("'s") in SPEAKERS_DAYS:
            date = dataclasses.replace(date, start=date.start + shift, end=date.end + shift)
        kept.append(date)
    return kept
