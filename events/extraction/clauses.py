"""A status cue's clause and the status it states (its negation, its condition, a denial or an appeal before it), and
the asides of a sentence: ", which ... ," and ", the ... ," stretches a subject reaches across."""

import itertools

from events.extraction.dates import WEEKDAYS
from events.extraction.words import CONDITIONS_BEFORE

PEOPLE_NOUNS = {"delegations", "delegates", "participants", "leaders", "guests"}
# A sentence's opening auxiliary before its subject makes a condition: "Had Egypt attended, ..." (case kept: "had").
INVERTED_AUXILIARIES = {"Had", "Were", "Should"}


def _until_a_day(doc, i):
    """Whether token ``i`` is "until" before a day: "due to run until Thursday" is a time, not a condition."""
    following = doc[i + 1] if i + 1 < len(doc) else None
    return doc[i].norm_ == "until" and following is not None and (following.norm_ in WEEKDAYS or following.like_num)


def _inverted_condition(doc, sentence, span):
    """Whether the cue at ``span`` stands in a condition that a sentence opens with an auxiliary before its subject,
    closed by a comma: "Had Egypt attended, ...", "Were Jordan to attend, ...", "Should Kenya take part, ..."."""
    opener = next((t for t in doc[sentence.start : span.start] if t.is_alpha), None)
    if opener is None or opener.text not in INVERTED_AUXILIARIES:
        return False
    return not any(t.text == "," for t in doc[opener.i : span.start]) and any(
        t.text == "," for t in doc[span.end : sentence.end]
    )


class Clauses:
    """The ``Extractor``'s reading of a cue's clause (a mixin: it uses the extractor's vocabulary and asides)."""

    def _status(self, doc, sentence, cue, span):
        vocab = self.vocab
        after = [t.norm_ for t in doc[span.end : min(sentence.end, span.end + 4)]]
        if any(after[: len(words)] == words for words in vocab.idioms):
            return None  # "would go ahead", "would go as far as it could": an idiom
        if span[-1].norm_ in vocab.journeys and after[:1] == ["on"] and after[1:2] and after[1].endswith("ing"):
            return None  # "would go on supporting the talks": going on doing, no journey
        if after[:1] in (["'"], ["'s"]) and span[-1].norm_ in PEOPLE_NOUNS:
            return None  # "welcomed the leaders' commitment": their words, not them
        if cue.status in ("confirmed", "attended") and self._met_before(doc, sentence, span):
            return None  # "agreed to hold the dialogue after meeting a delegation of X led by Y": another meeting
        if span[-1].norm_ in vocab.accompaniments and after[:1] == ["by"]:
            return None  # "Egypt, joined by Jordan, ...": who goes with the subject, not a statement of its own
        first, _ = self._clause(doc, sentence, span)
        # not the aside that holds the cue: ", which was invited to attend," is its own clause
        held = [a for a in self._asides(doc, sentence) if not a[0] < span.start < a[1]]
        asides = {i for a in held for i in range(a[0], a[1] + 1)}
        before = [doc[i].norm_ for i in range(first, span.start) if i not in asides and not _until_a_day(doc, i)]
        if set(before) & CONDITIONS_BEFORE:
            if cue.status in ("confirmed", "declined") and self._in_doubt(doc, first, span.start):
                return "considering"  # "It was not clear whether Egypt would send a delegation"
            return None  # "unless it was invited": a condition, not a fact
        phrases = [w for w in vocab.condition_words + vocab.standing_conditions if len(w) > 1]
        if any(before[i : i + len(w)] == w for w in phrases for i in range(len(before))):
            return None  # "would attend as long as Uganda took part": the condition's words, not a fact
        if set(before) & vocab.hopes:
            return None  # "Egypt hopes Jordan will attend": a hope, no one's decision
        if self._counterfactual(doc, sentence, span) or _inverted_condition(doc, sentence, span):
            return None  # "would have attended if it had been invited", "Had Egypt attended, ...": it did not
        if self._other_object(doc, sentence, cue, span):
            return None  # "will attend the funeral", "took part in the war": not a meeting
        if self._denied(doc, sentence, span):
            return None  # "Egypt denied it would boycott the talks": neither a boycott nor a yes
        if self._generic(doc, sentence, span.start):
            return None  # "any meeting that excluded Turkey would be counterproductive": no meeting in particular
        if cue.finite and span.start > sentence.start and doc[span.start - 1].norm_ == "to":
            return None  # "refused to meet tomorrow": another verb's infinitive, not the clause's own present
        if span[0].norm_ == "to" and set(before) & vocab.appeals:
            return None  # "Russia urged Egypt to attend": an appeal, not Egypt's decision
        if cue.role and span.start > 0 and doc[span.start - 1].norm_ == "be" and set(before) & vocab.wishes:
            return None  # "had always wanted the talks to be mediated by the AU alone": a wish, no role
        if cue.status == "invited" and any(before[-len(w) :] == w for w in vocab.oppositions):
            return None  # "Kyiv opposed inviting Moscow": a wish, not an invitation
        window = [t.norm_ for t in doc[max(sentence.start, span.start - 2) : span.end]]
        own = {t.norm_ for t in span} & cue.own_negations  # "has no plans to attend": the cue's own "no"
        negations = [w for w in window if w in vocab.negations]
        for word in own:
            negations.remove(word)
        # "Neither Iran nor Saudi Arabia has confirmed": the subject's own negation
        neither = any(t.norm_ == "neither" for t in doc[first : span.start]) and any(
            t.norm_ == "nor" for t in doc[first : span.start]
        )
        # "No American official would attend", "no Kenyan delegation was accredited": the subject's own "no"
        neither = neither or any(
            doc[k].norm_ == "no" and (k == first or doc[k - 1].norm_ in ("that", ","))
            for k in range(max(first, span.start - 4), span.start - 1)
        )
        negated = bool(negations) != neither
        if negated and not neither and any(after[: len(w)] == w for w in vocab.apart):
            return None  # "attended the talks but did not sit down together": no direct meeting, no absence
        status = cue.negated if negated else cue.status
        confirming = {t.norm_ for t in span} & {"confirmed", "confirm"}
        if neither and not negations and cue.status == "confirmed" and confirming:
            status = "considering"  # "has not confirmed" is no refusal
        refusal_made = status == "declined" and cue.status == "declined" and not negated  # "refused to attend unless"
        if status in vocab.conditional_statuses and not refusal_made:
            rest = [t.norm_ for t in doc[span.end : sentence.end]]
            for i in range(len(rest)):
                if rest[i] in vocab.boundaries or rest[i] in vocab.speech:
                    break
                if rest[i] in vocab.relatives and i and rest[i - 1] == ",":
                    break  # "..., which he has described as a ploy if ...": another clause's condition
                if _until_a_day(doc, span.end + i):
                    continue  # "is due to run until Friday": an end, no condition
                if status == "declined" and any(rest[i : i + len(w)] == w for w in vocab.standing_conditions):
                    return status  # "will not take part as long as its leader is held": a refusal that stands
                if any(rest[i : i + len(words)] == words for words in vocab.condition_words):
                    return vocab.condition_status
        return status

    def _generic(self, doc, sentence, start):
        """Whether the cue at token ``start`` stands in a relative clause on "any <noun>" or "no <noun>" (``[clauses]
        generics``): "any meeting that excluded Turkey", "any talks which exclude the rebels"."""
        for k in range(start - 1, max(sentence.start, start - 4) - 1, -1):
            if doc[k].norm_ in ("that", "which"):
                return any(t.norm_ in self.vocab.generics for t in doc[max(sentence.start, k - 3) : k])
        return False

    def _counterfactual(self, doc, sentence, span):
        """Whether a modal's perfect ("would have", `[skip] counterfactuals`) stands just before the cue or opens
        it, past negations and fillers: "would not have attended", "would have liked to attend"."""
        skip = self.vocab.negations | self.vocab.fillers
        words = [t.norm_ for t in doc[max(sentence.start, span.start - 4) : span.end] if t.norm_ not in skip]
        return any(words[i : i + len(w)] == w for w in self.vocab.counterfactuals for i in range(len(words)))

    def _instead(self, doc, sentence, span, mentions):
        """The parties named, past their titles, right after "instead of" or "rather than" after the cue: "was
        represented by its foreign minister instead of King X" tells of King X's absence."""
        pairs = (("instead", "of"), ("rather", "than"))
        ends = [t.i + 1 for t in doc[span.end : sentence.end] if (doc[t.i - 1].norm_, t.norm_) in pairs]
        return [
            m.participant
            for m in mentions
            for end in ends
            if m.actor and end <= m.start and self._titles_only(doc, end, m.start, mentions)
        ]

    def _in_doubt(self, doc, first, start):
        """Whether the words before "whether" (before token ``start``) say it is not known: "unclear whether",
        "not immediately clear whether", "remains to be seen whether"."""
        at = next((i for i in range(start - 1, first - 1, -1) if doc[i].norm_ == "whether"), None)
        if at is None:
            return False
        words = {t.norm_ for t in doc[max(doc[at].sent.start, at - 4) : at]}
        denied = words & {"clear", "known"} and words & {"not", "n't"}
        return bool(words & {"unclear", "uncertain", "seen"} or denied)

    def _other_object(self, doc, sentence, cue, span):
        """Whether the cue's object is no meeting: "will attend the funeral of the late king", "took part in
        the war", "a boycott of Israeli goods" (``[clauses] not_events``), "rejected the proposal to divide the
        city" (a verb not of ``[clauses] offer_verbs`` after an offer)."""
        vocab, end = self.vocab, min(sentence.end, span.end + 5)
        if cue.who != "before":
            return False  # the object is the party: "would invite the government and the Houthis"
        if span[-1].norm_ in ("offer", "proposal", "offers", "proposals"):
            after = [t.norm_ for t in doc[span.end : span.end + 2]]
            return len(after) == 2 and after[0] == "to" and after[1] not in vocab.offer_verbs
        words = []
        for token in doc[span.end : end]:
            if token.is_punct:
                break
            words.append(token.norm_)
        # "will attend the Union Peace Conference", "the talks on the war": a meeting still
        return not any(w in vocab.event_nouns for w in words) and any(w in vocab.not_events for w in words)

    def _denied(self, doc, sentence, span):
        """Whether a denial ("denied", "dismissed reports") stands before the cue, no other speech word between."""
        words = [t.norm_ for t in doc[max(sentence.start, span.start - 10) : span.start]]
        last = None
        for i in range(len(words)):
            denial = next((d for d in self.vocab.denials if words[i : i + len(d)] == d), None)
            if denial is not None:
                last = i + len(denial)
            elif (last is None or i >= last) and (words[i] in self.vocab.speech or words[i] == ";"):
                last = None  # "denied reports of a rift and said it would attend": the speech is the cue's
        return last is not None

    def _clause(self, doc, sentence, span):
        """The token range of the clause around a cue: up to a boundary, a speech word or a semicolon."""
        stops = self.vocab.boundaries | self.vocab.speech | {";", ":"}
        asides = self._asides(doc, sentence)
        first, last = sentence.start, sentence.end
        i = span.start - 1
        while i >= sentence.start:
            aside = next((a for a in asides if a[1] == i), None)
            if aside is not None:
                i = aside[0] - 1  # a relative clause's words are not this clause's
                continue
            if doc[i].norm_ in stops:
                first = i + 1
                break
            i -= 1
        inner = next((a for a in asides if a[0] < span.start < a[1]), None)  # a cue inside an aside ends with it
        for i in range(span.end, inner[1] if inner is not None else sentence.end):
            if doc[i].norm_ in stops or _participle_after(doc, i, sentence.end):
                last = i
                break
        else:
            last = inner[1] if inner is not None else last
        return first, last

    def _asides(self, doc, sentence):
        """Token ranges of ", which ... ," and ", the ... ," asides, which a subject reaches across."""
        asides = []
        commas = [t.i for t in sentence if t.text == ","]
        for first, second in itertools.pairwise(commas):
            opener = doc[first + 1]
            inside = {t.norm_ for t in doc[first + 1 : second]}
            # A relative clause may report speech ("which has said it would ..."); an apposition does not.
            # ... up to 30 words: "X, who seized power in May and has since presided over a crackdown that a monitoring
            # group says has killed hundreds, will not be invited"
            relative = opener.norm_ in self.vocab.relatives | {"whose"} and second - first <= 20
            possessive = opener.is_title and first + 2 < second and doc[first + 2].norm_ in ("'s", "'")
            # ", head of the secretariat,", ", veteran leader of the party,", ", its former chief negotiator,"
            heads = [t.i for t in doc[first + 1 : min(second, first + 4)] if t.norm_ in self.vocab.appositions]
            headed = bool(heads) and all(t.is_lower for t in doc[first + 1 : heads[0] + 1])
            # ", another of those on the guest list,", ", one of the four parties that signed,"
            # ", all members of the coalition,"
            of = {t.norm_ for t in doc[first + 2 : min(second, first + 4)]}
            partitive = opener.norm_ in PARTITIVES and "of" in of
            apposition = opener.norm_ in {"a", "an", "the"} or opener.like_num or possessive or partitive
            apposition = apposition and second - first <= 14
            # ", head of the Tripoli-based High Council of State and a politician close to the Brotherhood,"
            apposition = apposition or (headed and second - first <= 20)
            # "Ouyang Yujing, Ambassador of the People's Republic of China to Malaysia, attended"
            titled = opener.is_title and opener.norm_ in self.vocab.name_titles and doc[first - 1].is_title
            apposition = apposition or (titled and "of" in inside and second - first <= 20)
            words = [t.norm_ for t in doc[first + 1 : second]]
            # ", both of which keep ties with Moscow,", ", one of whose envoys ...,"
            quantified = len(words) > 2 and words[1] == "of" and words[2] in self.vocab.relatives | {"whom", "whose"}
            relative = relative or (quantified and second - first <= 20)
            interjection = words in self.vocab.interjections  # "Baku, for its part, said"
            interjection = interjection or (words[:2] in self.vocab.led_by and second - first <= 8)
            # "Egypt, Omar Bakri said on Monday, would attend": an attribution between commas
            attribution = 2 <= len(words) <= 7 and set(words[1:4]) & self.vocab.speech and doc[first - 1].is_alpha
            attribution = attribution or (words[:2] == ["according", "to"] and len(words) <= 7)  # ", according to X,"
            plain = apposition and not inside & (self.vocab.speech | self.vocab.boundaries)
            # "Al-Shabab, the Islamist movement that holds much of the south and announced ..., was not asked"
            described = opener.norm_ in {"a", "an", "the"} and second - first <= 30
            plain = plain or (described and any(t.norm_ in self.vocab.relatives for t in doc[first + 2 : first + 6]))
            # "Egypt, invited by Russia, will attend", "Qatar, having declined the invitation, said"
            participle = opener.is_lower and (opener.norm_ == "having" or opener.norm_.endswith("ed"))
            participle = participle and doc[first - 1].is_alpha
            passed = self.vocab.speech | self.vocab.accompaniments
            participle = participle and second - first <= 12 and opener.norm_ not in passed
            # "Egypt and Jordan, along with Kenya, attended", "X, Y and Z, as well as several observers, attended"
            accompanying = any(words[: len(a)] == a for a in self.vocab.alongside) and second - first <= 14
            # "Egypt, despite its dispute with Jordan, will attend", "Egypt, long a rival of Jordan, will attend"
            opened = opener.norm_ in self.vocab.aside_openers and doc[first - 1].is_alpha and second - first <= 14
            opened = opened and not (inside - {opener.norm_}) & (self.vocab.speech | self.vocab.boundaries)
            if relative or interjection or attribution or plain or participle or accompanying or opened:
                if opener.norm_ in {"a", "an", "the"} and inside & self.vocab.relatives:
                    # ", the umbrella of parties that includes X, Y and Z, turned it down": the list ends the aside
                    second = _list_end(doc, second, commas) or second
                asides.append((first, second))
        return asides


# The words that open a partitive apposition: ", another of those on the guest list,".
PARTITIVES = {"another", "one", "two", "three", "both", "each", "all", "none", "neither", "either", "some", "many",
              "most", "several", "part", "member", "members"}  # fmt: skip


def _list_end(doc, comma, commas):
    """The comma that closes a list of names going on after ``comma`` ("…, Hamdeen Sabbahi and Amr Moussa,"),
    or None when the words after it are not only names joined by "and"."""
    later = [c for c in commas if c > comma]
    end = None
    for close in later:
        words = doc[(end or comma) + 1 : close]
        if not words or len(words) > 8 or not all(t.is_title or t.norm_ in ("and", "-", "'s") for t in words):
            break
        end = close
        if any(t.norm_ == "and" for t in words):
            return end
    return None


def _participle_after(doc, i, end):
    """Whether a participle phrase opens at the comma ``i`` (", agreeing to discuss the truce in April"): an
    aside of its own, whose dates and places are not the clause's. ", including" goes on with a list."""
    if doc[i].text != "," or i + 1 >= end:
        return False
    word = doc[i + 1]
    return word.is_lower and word.norm_.endswith("ing") and word.norm_ not in ("including", "notably")
