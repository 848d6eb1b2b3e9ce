"""Where a statement names its event: the event nouns of a clause ("talks", "peace conference", "round").

An event noun inside the name of a body is no event: "the Union Peace Dialogue Joint Committee",
"the Dialogue secretariat", "Thailand's Peace Dialogue Panel" name the organisers, not a meeting.
"""

from events.extraction.gazetteer import city_names
from events.extraction.text import fold

# Lower-case nouns after an event noun that make it the name of a body, besides ``organisation_words``.
BODY_NOUNS = {"secretariat", "panel", "spokesman", "spokeswoman", "spokesperson", "chairman", "chair", "team"}
# How many capitalised words after an event noun are read for a body's name.
NAME_REACH = 4
# Words up to three before an event noun that make it no one event: "several rounds of talks", "earlier talks".
VAGUE = {"several", "many", "numerous", "multiple", "various", "previous", "past", "earlier", "rounds", "some"}
# Counts right before an event noun: "two rounds later" is no one event ("a three-month ceasefire" is one).
COUNTS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "all", "dozens"}


def event_nouns(doc, clause, vocab, ignore=()):
    """(start, end, kind) of each event noun of tokens ``clause[0]``..``clause[1]``, in order."""
    nouns = []
    i = clause[0]
    while i < clause[1]:
        if i in ignore:
            i += 1
            continue
        pair = f"{doc[i].norm_} {doc[i + 1].norm_}" if i + 1 < clause[1] else ""
        if pair in vocab.event_nouns:
            found = (i, i + 2, vocab.event_nouns[pair])
        elif doc[i].norm_ in vocab.event_nouns:
            found = (i, i + 1, vocab.event_nouns[doc[i].norm_])
        else:
            i += 1
            continue
        found = _headed(doc, found, clause[1], vocab)
        if not (
            names_a_body(doc, found[0], found[1], vocab)
            or _a_verb(doc, found[0])
            or _part_of_another(doc, found, clause[1], vocab)
        ):
            nouns.append(found)
        i = found[1]
    return nouns


def _headed(doc, noun, last, vocab):
    """An event noun right before another is that one's modifier, and the last names the kind (a compound's head
    is its last noun): "ceasefire talks" are talks, "truce negotiations" negotiations, "summit meeting" a meeting."""
    start, end, kind = noun
    while end < last:
        pair = f"{doc[end].norm_} {doc[end + 1].norm_}" if end + 1 < last else ""
        if pair in vocab.event_nouns:
            end, kind = end + 2, vocab.event_nouns[pair]
        elif doc[end].norm_ in vocab.event_nouns:
            end, kind = end + 1, vocab.event_nouns[doc[end].norm_]
        else:
            break
    return (start, end, kind)


# Words before "meeting", "gathering" that make it a verb: "have been meeting since Tuesday", "before meeting X".
VERB_BEFORE = {"is", "are", "was", "were", "been", "be", "am", "'re", "'m", "will", "'ll", "after", "before", "while"}


def _a_verb(doc, start):
    """Whether the "-ing" event noun at ``start`` is a verb: "the two sides have been meeting since Tuesday"."""
    return doc[start].norm_.endswith("ing") and start > 0 and doc[start - 1].norm_ in VERB_BEFORE


def _part_of_another(doc, noun, last, vocab):
    """Whether event noun ``noun`` names a part of the event named after it: "the opening ceremony of the Geneva
    talks" (``[events] parts``)."""
    if " ".join(t.norm_ for t in doc[noun[0] : noun[1]]) not in vocab.event_parts:
        return False
    if noun[1] >= last or doc[noun[1]].norm_ != "of":
        return False
    return any(t.norm_ in vocab.event_nouns for t in doc[noun[1] + 1 : min(last, noun[1] + 5)])


def names_a_body(doc, start, end, vocab):
    """Whether the event noun ``start``..``end`` is part of a body's name: "Dialogue Joint Committee"."""
    bodies = (vocab.organisation_words | BODY_NOUNS) - set(vocab.event_nouns)
    after = [t for t in doc[end : min(len(doc), end + 2)]]
    for k, token in enumerate(after):
        if token.norm_ in bodies:
            return True  # "the talks secretariat", "the Dialogue Committee", "the ceasefire monitoring mission"
        if not (token.is_alpha and token.is_lower) or k == 1 or token.norm_ in vocab.event_nouns:
            break
    if not doc[start].is_title:
        return False
    j = end
    while j < min(len(doc), end + NAME_REACH) and doc[j].is_title and not doc[j].is_sent_start:
        if doc[j].norm_ in bodies:
            return True
        j += 1
    return False


def noun_order(doc, noun, first, vocab):
    """The word that places event noun ``noun`` in a series ("the first round", "the second summit"), or None:
    read in the three tokens before it, not before token ``first``."""
    for token in doc[max(first, noun[0] - 3) : noun[0]]:
        if token.norm_ in vocab.event_order:
            return token.norm_
    return None


RELATIVE_YEARS = {"last": -1, "previous": -1, "next": 1}


def noun_year(doc, noun, first, published_on):
    """The year written just before event noun ``noun`` ("the 2019 talks", "2019's summit", "last year's
    summit", "next year's"), or None: read in the three tokens before it, not before token ``first``."""
    before = doc[max(first, noun[0] - 3) : noun[0]]
    for token in before:
        if len(token.text) == 4 and token.text.isdigit() and 1900 <= int(token.text) <= 2100:
            return int(token.text)
    words = [t.norm_ for t in before]
    if words[-2:] == ["year", "'s"] and len(words) == 3 and words[0] in RELATIVE_YEARS:
        return published_on.year + RELATIVE_YEARS[words[0]]
    return None


def names_its_day(doc, after, last, vocab):
    """Whether the tokens from ``after`` (just past a date) make the date an event's own in the possessive:
    "Wednesday's gathering", "Tuesday's Joint Commission meeting"."""
    if after >= last or doc[after].norm_ != "'s":
        return False
    for token in doc[after + 1 : min(last, after + 4)]:
        if token.norm_ in vocab.event_nouns:
            return True
        if not token.is_alpha:
            return False
    return False


def left_by(doc, end, first, vocab):
    """Whether the event noun ending at token ``end`` is an event named before that a party leaves (``[events]
    leaving`` and a definite article: "withdrew from the Oslo talks", "walked out of the peace talks"; not "walked
    out of a ministerial meeting", a meeting of its own), its name between: not before token ``first``."""
    j = end - 1
    while j > first and (doc[j - 1].is_title or doc[j - 1].norm_ in vocab.not_places | {"'s"}):
        j -= 1
    words = [t.norm_ for t in doc[max(first, j - 3) : j]]
    definite = {t.norm_ for t in doc[j:end]} & {"the", "this", "its", "their", "'s"}
    return bool(definite) and any(words[-len(p) :] == p for p in vocab.event_leaving if len(words) >= len(p))


# Plurals that name a series' parts, which may be the article's own event's: "attended both sessions".
PART_PLURALS = {"sessions", "meetings", "rounds", "ceremonies", "signings"}


def generic_plural(doc, clause, vocab):
    """Whether the clause names events by a plural of an event noun and no one event ("does not take part in the
    trilateral summits", "boycotts such conferences"): a habit, no statement about one event."""
    return any(
        t.norm_.endswith("s")
        and t.norm_[:-1] in vocab.event_nouns
        and t.norm_ not in vocab.event_nouns.keys() | PART_PLURALS
        for t in doc[clause[0] : clause[1]]
    )


def vague_noun(doc, noun, first, vocab):
    """Whether event noun ``noun`` names no one event, or not the article's: "several rounds of talks", "two
    rounds later", "the last round", "the last such meeting" (``[events] others`` right before it)."""
    if {doc[i].norm_ for i in range(max(first, noun[0] - 3), noun[0])} & VAGUE:
        return True
    if noun[0] > first and doc[noun[0] - 1].norm_ in vocab.event_others:
        return doc[noun[0]].norm_ not in vocab.event_part_nouns  # "the last session" is the article's own
    return noun[0] > first and doc[noun[0] - 1].norm_ in COUNTS


def named_apart(doc, noun, mentions, current):
    """Whether event noun ``noun``, of another kind than the ``current`` event, is titled by the name of an
    organisation or a state right before it (of ``mentions``; not a city's: "the Moscow conference"): "will skip
    the Arab League summit" in an article about peace talks is another event."""
    if current is None or noun[2] == current.kind:
        return False
    titled = [m for m in mentions if m.end == noun[0] and fold(doc[m.start : m.end].text) not in city_names()]
    return any(m.participant.kind in ("organization", "state") for m in titled)
