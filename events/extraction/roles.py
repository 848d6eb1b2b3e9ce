"""Hosts and mediators named in a role's participle phrase ("…, hosted by Switzerland", "mediated by Norway and
hosted by Mexico"): the phrase gives them their role (the cue's ``role``) and nothing else. They are never the subject
or the object of another cue of the sentence, and a party after the phrase that opens a clause of its own ("…, hosted
by Switzerland, and Norway declined too") is not one of them."""

from dataclasses import replace

from events.extraction.words import TRANSPARENT

# Words between a clause's subject and its cue: "Norway has also declined", "Kenya will not attend".
AUXILIARIES = {w for w in TRANSPARENT if w.isalpha()} - {
    "and", "in", "on", "at", "to", "of", "for", "with", "from", "by", "the", "a", "an", "this", "last", "next",
} | {"too"}  # fmt: skip


class RolePhrases:
    """A mixin of the ``Extractor``: it uses the extractor's vocabulary and its reading of a cue's object."""

    def _opening_clauses(self, doc, span, mentions, starts):
        """The parties named after cue ``span``, after "and", "but" or a comma, that a cue of the sentence follows
        (at ``starts``), auxiliaries and negations apart: the subjects of a clause of their own."""
        found = set()
        skip = AUXILIARIES | self.vocab.negations
        for mention in mentions:
            if mention.start < span.end or doc[mention.start - 1].norm_ not in (",", "and", "but", "while", "whereas"):
                continue
            k = mention.end
            while k < len(doc) and k not in starts and k - mention.end < 4 and doc[k].norm_ in skip:
                k += 1
            if k in starts:
                found.add(mention.participant)
        return found

    def _role_named(self, doc, sentence, cues, mentions):
        """The starts of the mentions that the role cues of ``cues`` ("hosted by", "mediated by") take as their
        object: the parties a role's phrase names."""
        starts = {span.start for _, span in cues}
        named = set()
        for cue, span in cues:
            if not (cue.role and cue.who == "after"):
                continue
            objects = set(self._after(doc, sentence, span.end, mentions))
            objects -= self._opening_clauses(doc, span, mentions, starts)
            for participant in objects:
                named.add(next(m.start for m in mentions if m.start >= span.end and m.participant == participant))
        return named

    def _outside_roles(self, mentions, named):
        """``mentions`` with those a role's phrase names (``named``) as no actor: no cue but the role's reads them."""
        return [replace(m, actor=False) if m.start in named else m for m in mentions] if named else mentions
