"""The title of an event the assistant proposes: the words that name it, with the subject and the place its sentence
gives ("peace talks on Yemen scheduled to open in Geneva" are "Yemen peace talks in Geneva", not "Peace talks": tester
44, D4). Conservative: only a title of common words ("peace talks", "a summit"), not a name; a subject only where a
state's name follows "on" right after the noun; a place only the city the event is placed in, where the title does
not hold it already.
"""

import functools

from events.extraction.gazetteer import gazetteer
from events.extraction.text import fold

# How many words a state's name after "on" may have ("on South Sudan", "on the Central African Republic").
NAME_WORDS = 4


@functools.cache
def state_names():
    """The folded names of the gazetteer's states, as their records give them ("yemen", "south sudan")."""
    return frozenset(fold(p.name) for p in gazetteer() if p.kind == "state")


# Common words that may open a title at the start of a sentence, written lower-case after a subject put before them.
COMMON_OPENERS = {
    "peace",
    "ceasefire",
    "truce",
    "direct",
    "indirect",
    "talks",
    "summit",
    "negotiations",
    "conference",
    "meeting",
    "ministerial",
    "international",
    "follow-up",
    "donors",
    "crisis",
    "emergency",
    "new",
}
# Words that end a title before its place: a verb's ("Talks on Lakeland opened in Nairobi", "will open in").
VERB_WORDS = {
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "will",
    "would",
    "to",
    "has",
    "have",
    "had",
    "begin",
    "begins",
    "began",
    "open",
    "opens",
    "start",
    "starts",
    "resume",
    "resumes",
    "end",
    "ends",
    "take",
    "takes",
    "took",
}


def title_reaches(doc, end, place):
    """Whether a title ending at token ``end`` reaches a place named at token ``place``: at most four words on, none
    of them a verb ("talks on security in Vienna" do; "Talks on Lakeland opened in Nairobi" do not)."""
    verbs = (t.is_lower and (t.norm_ in VERB_WORDS or _past_verb(doc, t)) for t in doc[end:place])
    return 0 <= place - end <= 4 and not any(verbs)


def _past_verb(doc, token):
    """A word in "-ed" that a preposition follows: "opened in", "held at" (not "a proposed ceasefire in")."""
    after = doc[token.i + 1].norm_ if token.i + 1 < len(doc) else ""
    return token.norm_.endswith("ed") and after in ("in", "at", "on", "to", "by", "from", "for", "near")


def named_on(doc, noun):
    """Where the title of event noun ``noun`` (start, end, kind) ends: past "of" and the capitalised words of a name
    that runs on ("the Summit of the Americas", "the Conference of the Parties"), else at the noun."""
    end = noun[1]
    capitalised = doc[noun[0]].is_title and not opens(doc, doc[noun[0]])  # not "Talks of Russia and Ukraine open"
    if not capitalised or end + 1 >= len(doc) or doc[end].norm_ != "of":
        return end
    k = end + 1 + (doc[end + 1].norm_ == "the")
    named = k
    while named < len(doc) and doc[named].is_title and not doc[named].is_sent_start:
        named += 1
    if named < len(doc) and doc[named].norm_ in ("and", "&", "'s", "'", ","):
        return end  # "the Meeting of Lavrov and Blinken": parties, not a name
    return named if named > k else end


def before_title(doc, token):
    """Whether ``token``, right before an event's title, is not part of it: it opens the sentence, or it is an article
    after a dateline's dash ("GENEVA - The Summit of the Americas" is the Summit of the Americas)."""
    return token.is_sent_start or (token.norm_ in ("the", "a", "an") and opens(doc, token))


def opens(doc, token):
    """Whether ``token`` opens its sentence, or the text after a dateline's dash ("GENEVA, Aug 14 - Talks …")."""
    return token.is_sent_start or (token.i > 0 and doc[token.i - 1].norm_ in ("-", "—", "–"))


def subject_after(doc, end, last):
    """The state's name that "on" at token ``end`` opens ("talks on Yemen"), as written, or ""."""
    if end >= last or doc[end].norm_ != "on":
        return ""
    first = end + 1 + (end + 1 < last and doc[end + 1].norm_ == "the")
    for stop in range(min(last, first + NAME_WORDS), first, -1):
        name = doc[first:stop]
        if all(t.is_title or t.norm_ in ("of", "and") for t in name) and fold(name.text) in state_names():
            return name.text if stop >= last or not doc[stop].is_title else ""  # not "on Sudan Airways"
    return ""


def fuller_title(doc, first, noun_end, last, title, place):
    """``title`` (the words that name the event: tokens ``first``..``noun_end`` and on) with the subject after token
    ``noun_end`` before it and the event's city after it, each where the sentence (ending at token ``last``) gives it
    and the title lacks it. A title that is a name ("National Unity Forum", "IGAD summit") is left as it is."""
    if any((t.is_title or t.is_upper) and t.is_alpha and not opens(doc, t) for t in doc[first:noun_end]):
        return title
    subject = subject_after(doc, noun_end, last)
    if subject and fold(subject) not in fold(title):
        # "Ceasefire talks on Sudan …" at its start: a common word capitalised there ("Minsk talks" keep their name)
        opening = opens(doc, doc[first]) and doc[first].is_title and doc[first].norm_ in COMMON_OPENERS
        title = f"{subject} {title[:1].lower() + title[1:] if opening else title}"
    city = place[2] if place is not None else ""
    if city and fold(city) not in fold(title):
        title = f"{title} in {city}"
    return title
