"""Who a speaker is by the words around a name: titles before it ("Foreign Ministry spokesman X"), an office and a
comma ("said the mediator, X"), an apposition of office after it ("X, secretary of the council, said"), a group
after it ("X of the TNLA told")."""


class SpeakerNames:
    """A mixin of ``Speakers``: it uses the extractor's vocabulary."""

    def _named_after_titles(self, doc, sentence, j, starts):
        """The mention at token ``j`` or after the titles from there ("Foreign Ministry spokesman X")."""
        titles = self.vocab.name_titles | self.vocab.portfolios | {"the", "its", "ministry"}
        while j < sentence.end and j not in starts and doc[j].norm_ in titles:
            j += 1
        return starts.get(j)

    def _named_after_office(self, doc, sentence, j, starts):
        """The person named after "the", an office of a few words and a comma at token ``j``: '"...," said the
        mediator, Lena Varga.'"""
        if j < sentence.end and doc[j].norm_ != "the" and j > sentence.start and doc[j - 1].norm_ in ("a", "an"):
            j -= 1  # "…," said a spokesman for the Sudanese army, Nabil Abdallah.
        if j >= sentence.end or doc[j].norm_ not in ("the", "a", "an"):
            return None
        k = j + 1
        while k < sentence.end and k - j <= 8:
            body = starts.get(k)
            if body is not None and body.participant.kind != "person":
                k = body.end  # the body the office is of: "a spokesman for the Sudanese army"
            elif doc[k].is_lower and doc[k].is_alpha:
                k += 1
            else:
                break
        named = starts.get(k + 1) if k > j + 1 and k < sentence.end and doc[k].norm_ == "," else None
        return named if named is not None and named.participant.kind == "person" else None

    def _body_spoken_for(self, doc, sentence, j, starts):
        """The body an unnamed speaker after a speech word speaks for, where the clause ends with it: '"…," said a
        spokesman for the Sudanese army.' is the army's word."""
        if j >= sentence.end or doc[j].norm_ not in self.vocab.speaker_titles or j + 1 >= sentence.end:
            return None
        if doc[j + 1].norm_ not in ("for", "of"):
            return None
        the = j + 2 < sentence.end and doc[j + 2].norm_ == "the"  # a body's alias may hold its "the"
        body = starts.get(j + 2) or (starts.get(j + 3) if the else None)
        if body is None or body.participant.kind == "person":
            return None
        return body if body.end >= sentence.end or doc[body.end].is_punct else None

    def _apposed_person(self, doc, sentence, index, ends):
        """The person before an apposition of office that ends right before the speech word at ``index``: "Lena
        Varga, secretary of the Supreme Security Council, said" is hers, not the council's."""
        if index - 1 <= sentence.start or doc[index - 1].norm_ != ",":
            return None
        for c in range(index - 2, max(sentence.start, index - 14), -1):
            if doc[c].norm_ == ",":
                person = ends.get(c)
                opener = doc[c + 1]
                office = opener.is_lower and opener.norm_ in self.vocab.name_titles | self.vocab.office_holders
                if person is not None and person.participant.kind == "person" and office:
                    return person
                return None
        return None

    def _member_of(self, doc, sentence, mention, ends):
        """The person named before "of" a group that speaks: "Brig-Gen Tar Phone Kyaw of the TNLA told"."""
        j = mention.start - 1
        if j > sentence.start and doc[j].norm_ == "(":  # "the Ta'ang National Liberation Army (TNLA)"
            spelled = ends.get(j)
            j = spelled.start - 1 if spelled is not None and spelled.participant == mention.participant else j
        while j > sentence.start and doc[j].norm_ in ("the", "its"):
            j -= 1
        person = ends.get(j) if doc[j].norm_ in ("of", "from", "for") else None
        return person if person is not None and person.participant.kind == "person" else None
