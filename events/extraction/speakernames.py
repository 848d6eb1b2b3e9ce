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
        if j >= sentence.end or doc[j].norm_ != "the":
            return None
        k = j + 1
        while k < sentence.end and k - j <= 4 and doc[k].is_lower and doc[k].is_alpha:
            k += 1
        named = starts.get(k + 1) if k > j + 1 and k < sentence.end and doc[k].norm_ == "," else None
        return named if named is not None and named.participant.kind == "person" else None

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
