"""Whether an event that a statement points at by its date alone fits what the statement says of it.

A date is weak evidence: any event near the article's date may share it. An event that shares no title word, city
or host with a statement is taken on its date only when nothing the statement says contradicts it: it names no city
other than the event's (an event with no city has none to contradict), and no event noun only of other kinds ("peace
talks on Yemen scheduled to open in Geneva on March 25" are not a catalog's meeting "Race" of March 25: tester 44,
D7). An event the article itself proposed is not held to this: the article's own words made it.

Before any scoring, two things rule an event out (tester 45, D5). A statement told in the future ("will host", "will
attend") is of no event that ended well before the article was published: a held event is confirmed for no future.
Its tense is that of its cue's own verb group, not of any word of its clause ("attended the forum and will publish a
report", "of its own free will" are told in the past).
And "the dialogue", "the talks", "the summit" with nothing more (no word of a title, no city, no date of its own) is
the event the text was last speaking of, when that is one of its kind: another event that shares only the noun and
the host with the statement does not take it.
"""

import itertools
import re
from dataclasses import dataclass

from events.extraction.text import fold
from events.extraction.words import FUTURE_WORDS, PAST_AUXILIARIES, VERB_GROUP

# What a date within a known event's days tells of it, by how long it lasts: much for a summit, a little for a
# year-long process, nothing for ages (tester 42, F1: an event of 1000 to 2999 took every dated statement).
DATE_WEIGHTS = ((31, 3.0), (366, 1.0))
# How many days before the publication an event must have ended for a statement told in the future to be of another
# (a day or two of slack: a dateline's day is not always the writing's).
ENDED_DAYS = 7
DEFINITE = {"the", "this", "its", "their"}


def date_weight(event, stretch, *, known, alone):
    """What a date of ``stretch`` within ``event``'s days adds to its score. ``alone``: nothing else of the stretch
    points at it; then a known event (of the catalog, not one the article proposed) must fit the stretch."""
    if known and alone and contradicts(event, stretch.place, stretch.kinds):
        return 0.0
    days = (event.last_date - event.start_date).days
    return next((weight for longest, weight in DATE_WEIGHTS if days <= longest), 0.0)


def stretch_place(linker, doc, first, last, mentions, ignore=()):
    """The folded city tokens ``first``..``last`` name for their event ("in Geneva", "the Doha talks"), or "";
    not one of tokens ``ignore`` (an aside's: "X, who met Y in Cairo last month, will attend")."""
    place = linker._place(doc, (first, last), mentions, linker.event_noun(doc, (first, last)))
    if place is None or not place[2] or place[0] in ignore or linker.is_venue(place):
        return ""
    return fold(place[2])


def contradicts(event, place, kinds):
    """Whether a stretch naming the folded city ``place`` (or "") and event kinds ``kinds`` speaks of another event
    than ``event``: in a city other than the event's, or only of kinds of event that ``event`` is not (an event of
    kind "other" is of any)."""
    if place and event.city and place != fold(event.city):
        return True
    return bool(kinds) and event.kind not in kinds and event.kind != "other"


@dataclass(frozen=True)
class Reach:
    """What a statement says that rules events out before they are scored (tester 45, D5)."""

    linker: object
    sentence: object  # the sentence's stretch, as ``EventLinker._stretch`` reads it
    published_on: object
    future: bool  # told in the future: "will host"
    back: object  # the event a bare "the dialogue" refers back to, or None

    @classmethod
    def of(cls, linker, doc, clause, stretches, context, published_on, ignore=(), cue=None):
        """``stretches``: the clause's and the sentence's; ``cue``: the statement's cue span (None: no statement)."""
        back = referent(linker, doc, clause, stretches[0], context, ignore)
        return cls(linker, stretches[1], published_on, told_future(doc, cue, linker.vocab, ignore), back)

    def rules_out(self, event):
        if self.future and ended(event, self.published_on):
            return True
        return self.back not in (None, event) and not distinct(self.linker, self.sentence, event)


def told_future(doc, cue, vocab, ignore=()):
    """Whether the statement of the cue span ``cue`` (None: no statement) is told in the future, by its own verb group:
    the cue's words and the modals, auxiliaries, negations and fillers right before it, not tokens ``ignore`` (an
    aside's). "will attend", "will not attend", "won't be attending", "is going to attend", "plans to attend" are; a
    "will" elsewhere in the clause is not ("attended the forum and will publish a report", "the minister, who will
    retire", "of its own free will"), nor a group that opens in the past ("was due to attend", "planned to attend"),
    "would" with it: a future seen from a past, maybe long gone ("had announced that it would not attend")."""
    if cue is None:
        return False
    skipped = vocab.negations | vocab.fillers
    first = cue.start
    while first > 0 and (first - 1 in ignore or doc[first - 1].norm_ in skipped | VERB_GROUP | FUTURE_WORDS):
        first -= 1
    words = [t.norm_ for t in doc[first : cue.end] if t.i not in ignore and t.norm_ not in skipped]
    if not words or words[0] in PAST_AUXILIARIES or words[0] == "would" or words[0].endswith("ed"):
        return False
    return bool(FUTURE_WORDS.intersection(words)) or ("going", "to") in itertools.pairwise(words)


def ended(event, published_on):
    """Whether ``event`` ended well before ``published_on``: no statement of what will be is about it."""
    return event is not None and (published_on - event.last_date).days > ENDED_DAYS


def referent(linker, doc, clause, stretch, context, ignore=()):
    """The event the clause's bare definite noun refers back to ("will host the dialogue" after "the 2027
    Ulaanbaatar Dialogue"), or None: ``context`` when the noun is of its kind or of its title, and the clause
    (``stretch``) gives its event no date or city of its own."""
    noun = linker.event_noun(doc, clause, ignore)
    if context is None or noun is None or stretch.inside or stretch.place or noun[0] <= clause[0]:
        return None
    if doc[noun[0] - 1].norm_ not in DEFINITE:
        return None
    words = {t.norm_ for t in doc[noun[0] : noun[1]]}
    return context if noun[2] == context.kind or words <= linker._title(context)[0] else None


def distinct(linker, stretch, event):
    """Whether ``stretch`` (a sentence) names ``event`` by more than an event noun and its host: a word or word pair
    of its title, its city, or a day of it."""
    words, pairs = linker._title(event)
    if any(w in stretch.present and w not in linker.vocab.event_nouns for w in words):
        return True
    if any(stretch.pairs[pair] for pair in pairs) or names_city(event, stretch.text):
        return True
    return any(d.overlaps(event.start_date, event.last_date) for d in stretch.inside)


def names_city(event, text):
    """Whether folded ``text`` names ``event``'s city."""
    return bool(event.city) and re.search(rf"(?<!\w){re.escape(fold(event.city))}(?!\w)", text) is not None
