"""The two sides an article speaks of: "the two sides met in Geneva", "both delegations said they would attend".

Such a phrase names no one; a reader takes it for the two parties the article has been reporting on. Here
they are the two participants with the most proposals so far that hold no role (a host or a mediator is
not a side), of the kinds the phrase's noun allows ("the two countries": states and governments; "the two
leaders": people; "the two sides": any but people).
"""

from collections import Counter

from events.extraction.text import fold

BODIES = frozenset({"state", "government", "organization", "armed_group", "other"})
KINDS = {"sides": BODIES, "states": frozenset({"state", "government"}), "people": frozenset({"person"})}


class Principals:
    """The participants an article reports statuses of, by how many proposals: ``note`` them, ask ``two``."""

    def __init__(self):
        self.counts = Counter()
        self.parties = {}

    def note(self, proposals):
        for proposal in proposals:
            if proposal.role:
                continue
            slug = proposal.participant.slug
            self.counts[slug] += 1
            self.parties.setdefault(slug, proposal.participant)

    def two(self, kinds):
        """The two most reported participants of ``kinds``; none unless there are two (ties: the first met)."""
        ranked = [self.parties[slug] for slug, _ in self.counts.most_common() if self.parties[slug].kind in kinds]
        return ranked[:2] if len(ranked) >= 2 else []


def pair_noun(doc, i, first, nouns):
    """The kind of pair that tokens ending at ``i`` name ("the two sides", "both delegations"): a key of
    ``KINDS``, or None. ``nouns``: folded noun -> its key (``[clauses] pairs`` of the vocabulary)."""
    kind = nouns.get(fold(doc[i].text)) if i - 1 >= first else None
    if kind is None:
        return None
    before = doc[i - 1].norm_
    if before == "both":
        return kind
    if before == "two" and i - 2 >= first and doc[i - 2].norm_ in ("the", "both"):
        return kind
    return None
