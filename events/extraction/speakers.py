"""Who said it and through whom: speech verbs, quoted speech, and the outlet an article relays."""

import re

from events.extraction.text import fold
from events.extraction.words import TRANSPARENT


class Speakers:
    """The ``Extractor``'s reading of a statement's speaker and relayed source (a mixin)."""

    def _speeches(self, doc, sentence, mentions):
        """(token index, speaker) for each speech word of the sentence whose speaker is a known participant."""
        vocab = self.vocab
        ends = {m.end: m for m in mentions}
        starts = {m.start: m for m in mentions}
        asides = self._asides(doc, sentence)
        found = []
        for token in sentence:
            norm = token.norm_
            if norm not in vocab.speech:
                continue
            following = doc[token.i + 1].norm_ if token.i + 1 < sentence.end else ""
            if norm in ("confirmed", "confirms") and following in ("its", "their", "the", "a", "an"):
                continue
            speaker = None
            if norm == "according" and following == "to":
                speaker = starts.get(token.i + 2)
            elif norm == "quoted" and following not in ("as", "by"):  # "media quoted Minister X as confirming"
                j = token.i + 1
                while j < sentence.end and j not in starts and doc[j].norm_ in vocab.name_titles | {"the", "its"}:
                    j += 1
                speaker = starts.get(j)
            else:
                speaker = self._speaker_before(doc, sentence, token.i, ends, asides)
                inverted = token.i == sentence.start or doc[token.i - 1].is_punct
                if speaker is None and inverted:  # "..., said Sibghat Ahmadi"
                    j = token.i + 1
                    while j < sentence.end and doc[j].norm_ in ("on", "by", "in", "a", "statement"):
                        j += 1
                    speaker = starts.get(j)
            if speaker is not None:
                found.append((token.i, speaker.participant))
        return found

    def _speaker_before(self, doc, sentence, index, ends, asides):
        i = index - 1
        while i >= sentence.start:
            aside = next((a for a in asides if a[1] == i), None)
            if aside is not None:
                i = aside[0] - 1
                continue
            mention = ends.get(i + 1)
            if mention is not None and (mention.actor or mention.titled):
                return mention
            norm = doc[i].norm_
            if norm in self.vocab.speaker_titles or norm in TRANSPARENT or norm in ("senior", "deputy", "chief"):
                i -= 1
                continue
            if norm in self.vocab.own_side:  # "the government side has said", "the Houthi delegation said"
                i -= 1
                continue
            if doc[i].is_title and not doc[i].is_sent_start:
                i -= 1
                continue
            return None
        return None

    def _speaker_for(self, doc, sentence, span, speeches):
        """Who states a cue: the speech word of its own clause, the closing one ("..., X said.") first.

        A cue in a relative clause (", who had invited ...,") answers only to speech inside that clause.
        """
        aside = next((a for a in self._asides(doc, sentence) if a[0] < span.start < a[1]), None)
        first, last = aside if aside is not None else (sentence.start, sentence.end)
        stops = self.vocab.boundaries | {";"}
        quoted = self._quoted(doc, sentence, span)

        def governs(index):
            between = range(index + 1, span.start) if index < span.start else range(span.end, index)
            return first <= index < last and not any(doc[i].norm_ in stops and i not in quoted for i in between)

        after = [(i, s) for i, s in speeches if i >= span.end and governs(i)]
        before = [(i, s) for i, s in speeches if i < span.start and governs(i)]
        # a speech word after the cue closes the sentence ("..., X said on Monday."); one that opens a clause
        # of its own ("..., the date X had announced for ...", "while Y said Z was ...") yields to the speech
        # word that introduces the cue ("X has said he will not ...")
        closing = [(i, s) for i, s in after if sentence.end - i <= 8]
        if closing or (after and not before):
            return min(closing or after, key=lambda s: s[0])[1]
        if before:
            return max(before, key=lambda s: s[0])[1]
        return None

    def _quoted(self, doc, sentence, span):
        """The token indices of the quotation a cue stands in (none if it stands in none)."""
        marks = [t.i for t in sentence if t.norm_ == '"']
        opened = None
        for i in marks:
            if opened is None and ((i + 1 < sentence.end and not doc[i + 1].is_punct) or i == sentence.start):
                opened = i
            elif opened is not None:
                if opened < span.start and span.end <= i:
                    return set(range(opened, i + 1))
                opened = None
        if opened is not None and opened < span.start:
            return set(range(opened, sentence.end))
        if marks and marks[0] > span.end and doc[marks[0]].text in ("”", '"'):
            return set(range(sentence.start, marks[0] + 1))  # the quotation opened in the sentence before
        return set()

    def _via(self, sentence, publisher):
        """The outlet the sentence relays ("told Reuters", "TOLOnews reported"), unless it is the publisher."""
        text = sentence.text
        folded = fold(text)
        found = ""
        for outlet in self.vocab.outlets:
            name = fold(outlet)
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded):
                before = folded[: match.start()].rstrip()
                after = folded[match.end() :].lstrip()
                if (
                    re.search(r"(told|to|by|from|via|in)$", before)
                    or re.match(r"(reported|reports|said|says|quoted|news|'s report)", after)
                    or any(before.endswith(" ".join(marker)) for marker in self.vocab.media_markers)
                ):
                    found = outlet
                    break
            if found:
                break
        if not found:
            match = re.search(r"\b([A-Z][\w-]*(?: [A-Z][\w-]*)*) (?:news agency|news website|reported)\b", text)
            if match:
                found = match.group(1)
        return "" if fold(found) == fold(publisher or "") else found
