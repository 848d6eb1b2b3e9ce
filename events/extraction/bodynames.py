"""Where a body's name the catalog lacks holds a known state's: a state that opens it ("the Cameroon Renaissance
Movement") or ends it after a connector ("the Movement for the Liberation of Angola", "the Movimento Popular de
Libertação de Angola") is part of the body's name there, not the state's own mention."""

import re

from events.extraction.text import fold

ACRONYM = re.compile(r"[A-Z][A-Z0-9.&-]{1,7}s?")
# Last words of a body's name that a state's name may open ("the Cameroon Renaissance Movement"); not a
# ministry or a delegation, which are the state's own ("the Qatar Foreign Ministry").
BODY_ENDS = {"movement", "party", "front", "alliance", "coalition", "union", "council", "congress", "league", "forum",
             "federation", "platform", "organisation", "organization", "association", "network", "bloc"}  # fmt: skip


def capital(token):
    """Whether ``token`` is a capitalised word of a name ("Ta'ang") or an acronym."""
    alpha = token.is_alpha or (token.text.replace("'", "").isalpha() and token.text[-1] != "'")  # "Ta'ang"
    return (alpha and token.text[:1].isupper()) or bool(ACRONYM.fullmatch(token.text))


def opens_a_name(doc, mention):
    """Whether a state's name opens a body's name the catalog lacks: "the Cameroon Renaissance Movement"."""
    if mention.participant.kind != "state":
        return False
    j = mention.end
    while j < len(doc) and j - mention.end < 4 and capital(doc[j]):
        j += 1
    return j > mention.end and doc[j - 1].norm_ in BODY_ENDS


def ends_a_name(doc, mention, vocab):
    """Whether a state's name ends a body's name the catalog lacks, after one of ``[names] links``: the name
    before it holds a connector of its own and an armed group's word ("the Movement for the Liberation of
    Angola", "the Frente de Libertação de Moçambique"); not "the Armed Forces of the Philippines" (no connector
    before) nor "the Foreign Ministry of Egypt" (no armed group's word)."""
    if mention.participant.kind != "state":
        return False
    k = mention.start - 1
    if k > 0 and doc[k].norm_ == "the":
        k -= 1  # "of the Congo"
    if k < 1 or fold(doc[k].norm_) not in vocab.name_links:
        return False
    start = k
    inside = vocab.name_inside
    while start > 0 and k - start < 10 and (capital(doc[start - 1]) or fold(doc[start - 1].norm_) in inside):
        start -= 1
    words = [fold(t.norm_) for t in doc[start:k]]
    return bool(set(words[1:]) & vocab.name_links and set(words) & vocab.armed_words)


def beside_event(doc, start, vocab):
    """Whether ``[events] beside`` ("on the sidelines of") ends before ``start``, only names and "the" between;
    or an event noun and "on" ("the Conference on the Political Process in X"): the event's topic, no party."""
    k = next((k for k in range(start, max(0, start - 4), -1) if doc[k - 1].norm_ == "on"), 0)
    topic = k > 1 and all(t.norm_ == "the" or t.is_title for t in doc[k:start]) and doc[k - 2].is_title
    if topic and doc[k - 2].norm_ in vocab.event_nouns:
        return True
    k = next((k for k in range(start, max(0, start - 5), -1) if doc[k - 1].norm_ == "of"), None)
    gap = k is not None and all(t.norm_ in ("the", "'s") or t.is_title or t.is_upper for t in doc[k:start])
    return gap and any([t.norm_ for t in doc[max(0, k - len(b)) : k]] == b for b in vocab.event_beside)
