"""A state's name by its form: "the Grand Duchy of Fenwick", "the Republic of North Fenwick", "the Kingdom of X".

Wire copy names a state by its official form as often as by its short name; a state the gazetteer lacks (or spells
otherwise) is still a new party, of kind ``state``, and its short name ("Fenwick") is its alias. The forms are data:
``[names] state_forms`` (the head before "of": "republic", "kingdom", "duchy" …) and ``state_form_words`` (the words
that may stand before the head: "grand", "federal", "islamic" …).
"""


def state_form(doc, start, end, vocab):
    """The index of "of" when the capitalised words from ``start`` (after a "the") up to ``end`` are a state's
    form and "of" and a capitalised word follow them ("Grand Duchy" of "the Grand Duchy of Fenwick"), else None."""
    j = start + (start < end and doc[start].norm_ == "the")
    words = [t for t in doc[j:end]]
    if not words or not all(t.text[:1].isupper() or t.norm_ == "'s" for t in words):
        return None
    if words[-1].norm_ not in vocab.state_forms or any(t.norm_ not in vocab.state_form_words for t in words[:-1]):
        return None
    if end + 1 >= len(doc) or doc[end].norm_ != "of":
        return None
    after = doc[end + 1 + (doc[end + 1].norm_ == "the" and end + 2 < len(doc))]
    return end if after.text[:1].isupper() and after.is_alpha else None


def opens_state(doc, start, end, vocab):
    """Whether the name ``start``..``end`` opens with a state's form and "of": "Republic of Fenwick"."""
    if doc[start].norm_ == "the":
        return False  # "The Republic of Fenwick": the article's word, not the name's
    return any(state_form(doc, start, k, vocab) is not None for k in range(start + 1, min(end, start + 4)))


def short_name(span, vocab):
    """The short name a state's form opens ("Fenwick" of "Grand Duchy of Fenwick"), as a 1-tuple, else ()."""
    doc = span.doc
    k = next((k for k in range(span.start + 1, span.end) if state_form(doc, span.start, k, vocab) is not None), None)
    if k is None:
        return ()
    rest = doc[k + 1 + (doc[k + 1].norm_ == "the") : span.end]
    return (rest.text,) if len(rest) and rest[0].text[:1].isupper() else ()
