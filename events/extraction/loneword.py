"""When one capitalised word, alone, is a new party's name: more often it is a place, a people or an adjective."""

from events.extraction.gazetteer import city_names

# Verbs after one word that make it a subject of its own: "Junts said", "Lelo has signed".
SUBJECT_VERBS = {"will", "would", "has", "have", "had", "said", "says", "is", "was", "did", "plans", "told", "wo"}


def party_noun_after(doc, start, end, folded, vocab):
    """Whether a party's noun (``[names] party_nouns``) follows the one word at ``start``: "the Junts party", "the
    Wagner group"; not a town's name ("the Minsk group"), nor the last word of a longer name ("Hezbollah's Loyalty
    to the Resistance bloc")."""
    if end >= len(doc) or doc[end].norm_ not in vocab.party_nouns or folded in city_names():
        return False
    inner = start >= 3 and doc[start - 1].norm_ == "the" and doc[start - 2].norm_ in ("to", "of", "for")
    return not (inner and doc[start - 3].is_title)


def lone_word_stands(doc, end, titled, acronym, grouped):
    """Whether one capitalised word ending at ``end`` may be a party: an acronym, a titled person's name, a word a
    party's noun follows (``grouped``) or one a verb of its own follows."""
    following = doc[end].norm_ if end < len(doc) else ""
    return acronym or titled or grouped or following in SUBJECT_VERBS
