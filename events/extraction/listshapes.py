"""The shapes of a list of parties: the words between two members, and titles that only name a person."""

from events.extraction.gazetteer import adjectives
from events.extraction.text import fold
from events.extraction.words import TRANSPARENT

LATELY = {"newly", "recently", "formerly"}
TITLE_MODIFIERS = {"former", "ex", "late", "acting", "interim", "outgoing", "incoming"}


class ListShapes:
    """A mixin of ``Subjects``: it uses the extractor's vocabulary."""

    def _titles_only(self, doc, start, end, mentions, more=frozenset()):
        """Whether the words ``start``..``end`` (and ``more``) only title the person after them: "Kenya's
        President", "the Ethiopian Prime Minister"."""
        owners = {i for m in mentions if not m.actor for i in range(m.start, m.end)}
        titles = self.vocab.name_titles | self.vocab.portfolios | {"the", "'s", "'"} | more
        return all(t.i in owners or t.norm_ in titles or fold(t.text) in adjectives() for t in doc[start:end])

    def _list_gap(self, doc, first, last, modifiers):
        """The words between two members of a list, less appositions and the titles and possessors before a
        name (", Egypt's President Abdel Fattah al-Sisi")."""
        skip = ("'s", "'")
        return [
            t.norm_
            for t in doc[first:last]
            if not (t.i in modifiers or t.norm_ in skip or t.norm_ in self.vocab.name_titles or t.is_title)
            and not (t.norm_ in LATELY or (t.i > first and doc[t.i - 1].norm_ in LATELY))  # "the newly formed X"
            and t.norm_ not in TITLE_MODIFIERS  # ", former Irish Taoiseach Bertie Ahern"
            and not (t.norm_ in ("of", "the") and self._names_next(doc, t.i + 1, modifiers))  # "X of Burundi"
        ]

    def _names_next(self, doc, i, modifiers):
        """Whether a name stands at token ``i``, after "the" if need be: "of Burundi", "of the Federal Republic"."""
        i = i + 1 if i < len(doc) and doc[i].norm_ == "the" else i
        return i < len(doc) and (i in modifiers or doc[i].is_title)

    def _modifier(self, word):
        """Whether ``word`` may stand between joined participants ("Sudan's army and the paramilitary RSF")."""
        vocab = self.vocab
        closed = vocab.speech | vocab.boundaries | vocab.relatives | vocab.pronouns | TRANSPARENT
        return word.isalpha() and word not in closed and not word.endswith(("ed", "ing"))
