"""The shapes of a list of parties: the words between two members, titles that only name a person, those listed
after a statement (", among them X", ", as did X"), and the introductory phrase a sentence's subject follows."""

from events.extraction.gazetteer import adjectives
from events.extraction.text import fold
from events.extraction.words import COORDINATION, TRANSPARENT

LATELY = {"newly", "recently", "formerly"}
TITLE_MODIFIERS = {"former", "ex", "late", "acting", "interim", "outgoing", "incoming"}
# The auxiliaries of ", as did X": those who did as the subject did.
AS_DID = {"did", "do", "does", "had", "has", "have", "was", "were", "will", "would"}
# Auxiliaries and modals: after a colon, they make a clause, not a list.
VERBS = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "must", "can", "could", "should", "may",
         "might", "shall", "did", "does", "do", "wo", "ca"}  # fmt: skip
# The prepositions after an opening participle that make it an introductory phrase ("Backed by", "Speaking to").
PARTICIPLE_LINKS = {"by", "with", "from", "to", "at", "in", "on", "about", "over", "after", "for"}
# The words after an event noun that name its sides: "talks between X and Y", "talks with X", "a meeting of X".
EVENT_SIDES = {"between", "among", "involving", "with", "of"}


class ListShapes:
    """A mixin of ``Subjects``: it uses the extractor's vocabulary."""

    def _among_them(self, doc, sentence, end, mentions):
        """The parties a description's statement names after it: "Ten leaders had said they would come, among
        them Egypt and Jordan", "Ten countries will attend, including Egypt" (no party named in between)."""
        comma = next((t.i for t in doc[end : sentence.end] if t.text == ","), None)
        if comma is None or any(m.actor and end <= m.start < comma for m in mentions):
            return []
        words = [t.norm_ for t in doc[comma + 1 : comma + 3]]
        start = comma + 3 if words == ["among", "them"] else comma + 2 if words[:1] == ["including"] else None
        return self._after(doc, sentence, start, mentions) if start is not None else []

    def _invitees(self, doc, sentence, span, mentions, speaker, state):
        """Whom "at the invitation of X" speaks of: the subject before it ("Y met at the invitation of X"), or, where
        the phrase opens the sentence, the subject of the clause after it, past the inviter's appositions ("At the
        invitation of X, the Prime Minister, Y and Z met"; "…, senior envoys of ten groups, among them Y, met")."""
        first = max(sentence.start, state.dateline)
        if span.start > first + 1:  # "Y held talks with Z at the invitation of X": the clause's subject
            return self._opening_subject(doc, first, span.start, mentions) or self._before(
                doc, sentence, span.start, mentions, speaker, state
            )
        commas = [t.i for t in doc[span.end : sentence.end] if t.text == ","][:4]
        inviters = {m.participant for m in mentions if span.end <= m.start < (commas or [sentence.end])[0]}
        for comma in commas:
            found = self._opening_subject(doc, comma + 1, sentence.end, mentions)
            words = [t.norm_ for t in doc[comma + 1 : comma + 3]]
            if not found and (words == ["among", "them"] or words[:1] == ["including"]):
                found = self._after(doc, sentence, comma + 1 + len(words) - (words[0] == "including"), mentions)
            if found:
                return [p for p in found if p not in inviters]
        return []

    def _after_colon(self, doc, sentence, end, mentions):
        """The parties listed after a colon that closes a statement whose subject names none: "Seven groups were
        invited: X, Y and Z", "Three seats stood empty at the talks: X, Y and Z" (no party named in between)."""
        colon = next((t.i for t in doc[end : min(sentence.end - 1, end + 8)] if t.text == ":"), None)
        if colon is None or doc[colon + 1].like_num or any(end <= m.start < colon for m in mentions):  # not "11:10"
            return []
        # a list to the sentence's end, not a clause: "a long way to go: Macedonia must hold a referendum"
        if any(t.norm_ in VERBS or t.norm_ in self.vocab.speech for t in doc[colon + 1 : sentence.end]):
            return []
        return self._after(doc, sentence, colon + 1, mentions)

    def _as_did(self, doc, sentence, end, mentions):
        """Those who did as the subject did: "Burundi's leader took a seat, as did X and Y", "Ban attended,
        alongside the AU's Jean Ping"."""
        begin = end - 1 if doc[end - 1].text == "," else end  # a cue that ends with its comma: "has signed,"
        # not past the aside that holds the cue: "X, which mediated the talks, attended, along with Y" is no mediator
        stop = min((a[1] + 1 for a in self._asides(doc, sentence) if a[0] < end - 1 < a[1]), default=sentence.end - 2)
        for i in range(begin, min(stop, sentence.end - 2)):
            if doc[i].norm_ != ",":
                continue
            if doc[i + 1].norm_ == "as" and doc[i + 2].norm_ in AS_DID:
                return self._after(doc, sentence, i + 3, mentions)
            # ", and so did X", ", and so were X and Y": an ellipsis of the statement
            so = i + 2 if doc[i + 1].norm_ == "and" else i + 1
            if doc[so].norm_ == "so" and so + 1 < sentence.end and doc[so + 1].norm_ in AS_DID:
                return self._after(doc, sentence, so + 2, mentions)
            phrase = self._opens_with(doc, i + 1, self.vocab.alongside)
            if phrase:
                return self._after(doc, sentence, i + 1 + len(phrase), mentions)
        return []

    def _opens_with(self, doc, i, phrases):
        """The phrase of ``phrases`` (token lists) that the words at token ``i`` open with, or None."""
        return next((p for p in phrases if [t.norm_ for t in doc[i : i + len(p)]] == p), None)

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

    def _titling(self, doc, mentions, first, last):
        """Tokens of ``first``..``last`` that only title the person named after them in a list, bodies named in
        the title included: "AU peace chief Piet Moller", "and the EU's crisis management commissioner, Hans
        Brandt," (a title ends in a word of office, a comma after it only before the name)."""
        vocab = self.vocab
        offices = vocab.name_titles | vocab.appositions | vocab.office_holders | vocab.heads
        people = {m.start: m for m in mentions if m.actor and m.participant.kind == "person"}
        bodies = {m.end: m for m in mentions if m.participant.kind != "person"}
        inside = set()
        for start in (s for s in people if first < s <= last):
            end = start - 1 if doc[start - 1].text == "," else start
            topic = bodies.get(end)  # "the UN special adviser on Cyprus, Piet Moller"
            tail = topic.start - 1 if topic is not None and doc[topic.start - 1].norm_ in ("on", "for", "of") else end
            if tail - 1 < first or doc[tail - 1].norm_ not in offices or not doc[tail - 1].is_alpha:
                continue
            k = tail
            while k - 1 >= first:
                body = bodies.get(k)
                if body is not None and body.start >= first:
                    k = body.start  # "AU", "the EU's": a body the title names
                    continue
                token = doc[k - 1]
                if token.norm_ in ("'s", "'", "the", "a", "an") or token.norm_ in offices | TITLE_MODIFIERS:
                    k -= 1
                    continue
                if (
                    token.is_alpha
                    and token.norm_ not in COORDINATION
                    and (token.is_title or self._modifier(token.norm_))
                ):
                    k -= 1
                    continue
                break
            if k - 1 < first or doc[k - 1].norm_ in (",", "and", "&"):
                inside.update(range(k, end + (end < start)))
        return inside

    def _describing(self, doc, mentions, first, last):
        """Tokens of ``first``..``last`` that describe the body named after them in a list, after its "the": "the
        ruling Freedom Party", "the main opposition Justice Front", "the former rebel movement Renamo"."""
        inside = set()
        for mention in (m for m in mentions if m.actor and first < m.start <= last):
            k = mention.start
            while k - 1 > first and doc[k - 1].is_lower and doc[k - 1].is_alpha and mention.start - k < 4:
                word = doc[k - 1].norm_
                if word == "the" or not (self._modifier(word) or word.endswith(("ing", "ed"))):
                    break
                k -= 1
            opened = doc[k - 1].norm_ == "the" and doc[k - 2].norm_ in (",", "and", "by", "were", "included", ":")
            if k < mention.start and opened:
                inside.update(range(k, mention.start))
        return inside

    def _names_next(self, doc, i, modifiers):
        """Whether a name stands at token ``i``, after "the" if need be: "of Burundi", "of the Federal Republic"."""
        i = i + 1 if i < len(doc) and doc[i].norm_ == "the" else i
        return i < len(doc) and (i in modifiers or doc[i].is_title)

    def _modifier(self, word):
        """Whether ``word`` may stand between joined participants ("Sudan's army and the paramilitary RSF")."""
        vocab = self.vocab
        closed = vocab.speech | vocab.boundaries | vocab.relatives | vocab.pronouns | TRANSPARENT
        return word.isalpha() and word not in closed and not word.endswith(("ed", "ing"))

    def _introduction_end(self, doc, sentence, before):
        """The end of an introductory phrase ("Supported by Turkey and Qatar,", "Under pressure from Egypt,") that
        closes before token ``before``: the sentence's first comma."""
        opener = doc[sentence.start]
        second = doc[sentence.start + 1].norm_ if sentence.start + 1 < sentence.end else ""
        # a participle and its preposition ("Angered by", "Speaking to"): not "United States", no preposition
        participle = opener.is_alpha and opener.norm_.endswith(("ed", "ing")) and second in PARTICIPLE_LINKS
        if opener.norm_ not in self.vocab.introductions and not participle:
            return sentence.start
        comma = next((t.i for t in sentence if t.text == ","), None)
        return comma + 1 if comma is not None and comma < before else sentence.start

    def _others_end(self, doc, i, first):
        """Before "and three other members" ending at ``i``: the index of the token before its "and", else None."""
        for j in range(i - 1, max(first, i - 5) - 1, -1):
            if doc[j].norm_ == "other" and j - 2 >= first and doc[j - 2].norm_ == "and":
                counted = doc[j - 1].like_num or doc[j - 1].norm_ in ("several", "many", "some", "few")
                return j - 3 if counted else None
        return None

    def _sides_of_an_event(self, doc, end, mentions, limit):
        """Whether the first participant after a cue ending at ``end`` is named after an event noun and a word that
        gives the event's sides ("an invitation to the talks between X and Y", "to talks with X"): X is then the
        event's, not the cue's object (tester 36, M1: X and Y were proposed invited)."""
        first = min((m.start for m in mentions if end <= m.start < limit and m.actor), default=None)
        if first is None:
            return False
        words = [t.norm_ for t in doc[end:first]]
        while words and words[-1] in ("the", "a", "an"):
            words.pop()
        nouns = self.vocab.event_nouns
        return len(words) >= 2 and words[-1] in EVENT_SIDES and any(fold(w) in nouns for w in words[:-1])
