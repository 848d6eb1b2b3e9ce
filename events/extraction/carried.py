"""Speakers carried from one sentence to the next: a lede's speaker that the sentence after it names, and
quotations that run over paragraphs."""

from events.extraction.mentions import DATELINE

# Statuses a party states of itself: a lede that gives one with no speech word is the party's, when the next
# sentence has the party speak ("The Front will not attend the talks. In a statement, the Front said ...").
OWN_DECISIONS = {"confirmed", "declined", "considering", "withdrawn"}


class CarriedSpeakers:
    """What one sentence leaves to the next, in ``state.pending`` as (proposal or speaker, how): a mixin of
    ``Speakers``, read at the start of each sentence (``_resolve_pending``) and written at its end (``_pending``).

    how: "office" (an unnamed office spoke: the person the next sentence opens with), "self" (no one spoke: the
    party, if it speaks next), "open" (a quotation still open at the paragraph's end: who closes it in the next
    paragraph), "quote" (the speaker of a quotation, for the next paragraph's quotation that names no one).
    """

    def _resolve_pending(self, doc, sentence, mentions, state):
        pending, state.pending = state.pending, []
        closes = sentence.end == len(doc) and any(t.norm_ == '"' for t in sentence)
        if not pending and not closes:
            return
        speeches = self._speeches(doc, sentence, mentions, state)
        # a person introduced by full name (a later reference gives the surname alone: "Varga said")
        opener = next((m for m in mentions if m.start == sentence.start and m.participant.kind == "person"), None)
        opener = opener if opener is not None and opener.end - opener.start >= 2 else None
        named = opener is not None and any(s == opener.participant and i - opener.end <= 2 for i, s in speeches)
        for item, how in pending:
            if how == "office" and named:  # "Abebe Kebede said on Twitter that ..."
                item.speaker = opener.participant
            elif how == "self" and any(
                s == item.participant
                or (s is None and self._subject_is(doc, sentence, i, [item.participant], mentions))
                for i, s in speeches
            ):  # "In a statement, the Front said ..."
                item.speaker = item.participant
            elif how == "open" and sentence.start > 0:
                state.pending.append((item, how))  # the quotation runs on to its paragraph's end
            elif how == "open":
                item.speaker = self._closing_speaker(doc, sentence, speeches, opening=True) or item.speaker
            elif how == "quote" and not speeches and self._in_opening_quote(doc, sentence):
                state.pending.append((item, how))  # '"Jordan will attend," X said. / "Egypt will stay away."'
        closer = self._closing_speaker(doc, sentence, speeches) if closes else None
        if closer is not None:
            state.pending.append((closer, "quote"))

    def _pending(self, doc, sentence, speeches, proposals, state):
        """Give this sentence's proposals the speaker of the quotation they continue; leave to the next sentence
        those whose speaker it may name."""
        unknown = [p for p in proposals if p.speaker is None]
        quoting = next((x for x, how in state.pending if how == "quote"), None)
        if quoting is not None and not speeches:
            for proposal in unknown:
                proposal.speaker = quoting
            unknown = []
        if not speeches:
            lede = sentence.start == 0 and DATELINE.match(doc.text)  # the article's first sentence, after its dateline
            if lede:
                state.pending += [(p, "self") for p in unknown if p.status in OWN_DECISIONS]
            elif sum(t.norm_ == '"' for t in doc) % 2 and doc[0].norm_ == '"':
                state.pending += [(p, "open") for p in unknown]  # '"Egypt will stay away. / "Kenya ...," X said.'
        elif all(s is None for _, s in speeches) and any(
            self._office_before(doc, sentence, i) == "unnamed" for i, _ in speeches
        ):
            state.pending += [(p, "office") for p in unknown]

    def _in_opening_quote(self, doc, sentence):
        """Whether the sentence stands in a quotation that opens its paragraph."""
        marks = sum(t.norm_ == '"' for t in doc[: sentence.start])
        return doc[0].norm_ == '"' and (sentence.start == 0 or marks % 2 == 1)

    def _closing_speaker(self, doc, sentence, speeches, opening=False):
        """The speaker named by a speech word right after the sentence's closing quotation mark ('..." X said.'),
        of a sentence that opens with a quotation mark when ``opening``."""
        if opening and doc[sentence.start].norm_ != '"':
            return None
        marks = [t.i for t in sentence if t.norm_ == '"' and t.i > sentence.start]
        for close in marks if not opening else marks[:1]:
            said = [s for i, s in speeches if close < i <= close + 3 and s is not None]
            if said:
                return said[0]
        return None

    def _report(self, doc, sentence, mentions, state, speeches=None):
        """Who the sentence ends by reporting ("X told the secretariat that ..."), kept for the next sentence."""
        state.reported = None
        if speeches is None:
            if not any(t.norm_ in self.vocab.speech for t in sentence):
                return
            speeches = self._speeches(doc, sentence, mentions, state)
        if speeches and not any(t.norm_ == '"' for t in sentence):
            i, speaker = speeches[-1]
            if speaker is not None and any(t.norm_ == "that" for t in doc[i + 1 : min(sentence.end, i + 6)]):
                state.reported = (doc, sentence.end, speaker)

    def _reported_by(self, doc, sentence, span, speeches, state):
        """The speaker whose reported speech runs on into this sentence of the same paragraph, told with "would" and
        no speech word or quotation of its own: "X told the secretariat that his country was leaving. Kiribati would
        not be coming to Suva." is X's."""
        reported = state.reported
        if speeches or reported is None or reported[0] is not doc or reported[1] != sentence.start:
            return None
        if any(t.norm_ == '"' for t in sentence):
            return None
        window = doc[max(sentence.start, span.start - 4) : span.end]
        return reported[2] if any(t.norm_ in ("would", "could") for t in window) else None
