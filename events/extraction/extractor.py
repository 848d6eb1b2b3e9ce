"""From an article's text to proposed reports: who, which status, which event, said by whom, with which quote.

One pass per paragraph (a blank spaCy pipeline: tokenizer, rule-based sentences):
known participants are found by name and alias (``mentions``), status cues by the
vocabulary's matcher (``cues.toml``); each cue takes its participants from its
clause (the subject before it, the object after it), its status from its words,
a negation before or inside it and a condition after it, its speaker and relayed
source from the speech words of its sentence, and its event from ``linking``.
"""

import datetime
import itertools
import re
from dataclasses import dataclass, field

from spacy.util import filter_spans

from events.extraction.catalog import KnownEvent
from events.extraction.dates import find_dates
from events.extraction.linking import EventLinker, NewEvent
from events.extraction.mentions import MentionFinder
from events.extraction.vocabulary import default_vocabulary, fold, pipeline

# Words that stand between a subject and its verb without being the subject themselves.
TRANSPARENT = {
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would", "also", "still", "now",
    "and", "in", "on", "at", "to", "of", "for", "with", "from", "by", "the", "a", "an", "this", "last", "next", "week",
    "month", "months", "year", "recent", "earlier", "later", "meanwhile", "then", "however", "reportedly",
    "'s", "'", "(", ")", '"', ",", "-", "day", "days", "ago", "morning", "evening", "night", "weekend", " ",
}  # fmt: skip
# Words after which a participant's name still leads the subject ("TPLF officials attended").
SUBJECT_HEADS = {"officials", "official", "leaders", "leader", "negotiators", "envoys", "envoy", "representatives",
                 "forces", "fighters", "commanders", "diplomats", "ministers", "team", "delegates"}  # fmt: skip
COORDINATION = {",", "and", "or", "&", "as", "well", "including", "the", "(", ")", "-", "both", "also", "plus", " "}
FUTURE_WORDS = {"will", "would", "wo", "'ll", "shall", "next", "due", "planned", "plans", "plan", "scheduled",
                "upcoming", "set", "rescheduled", "postponed"}  # fmt: skip
CONDITIONS_BEFORE = {"unless", "if", "until", "provided", "whether"}


@dataclass
class Proposal:
    """One proposed report."""

    event: KnownEvent | NewEvent
    participant: object
    status: str
    quote: str
    reported_on: datetime.date
    speaker: object = None
    via: str = ""
    cue: str = ""

    def key(self):
        return (self.event.slug, self.participant.slug, self.status)


@dataclass
class Extraction:
    """What an article yields: proposed reports, the new events they need, and names no participant has."""

    proposals: list = field(default_factory=list)
    candidates: list = field(default_factory=list)
    new_events: list = field(default_factory=list)


class Extractor:
    """Reads articles against a catalog of known participants and events."""

    def __init__(self, catalog, vocabulary=None):
        self.catalog = catalog
        self.vocab = vocabulary or default_vocabulary()
        self.nlp = pipeline()
        self.mentions = MentionFinder(catalog, self.vocab, self.nlp)

    def extract(self, text, published_on, publisher=""):
        linker = EventLinker(self.catalog, self.vocab, self.nlp)
        state = _Reading(published_on=published_on, publisher=publisher, linker=linker)
        paragraphs = []
        for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
            doc = self.nlp(match.group(0))
            paragraphs.append((match.start(), doc, self.mentions.find(doc)))
        government = self.mentions.government_of([m for _, _, found in paragraphs for m in found])
        result = Extraction()
        for offset, doc, found in paragraphs:
            found = self.mentions.governments(doc, found, government)
            state.offset, state.dateline = offset, self.mentions.dateline_end(doc)
            for sentence in doc.sents:
                inside = [m for m in found if sentence.start <= m.start < sentence.end]
                result.proposals.extend(self._sentence(doc, sentence, inside, state))
                people = [m.participant for m in inside if m.participant.kind == "person"]
                if people:
                    state.last_person = people[-1]
            result.candidates.extend(self.mentions.candidates(doc, found))
        known = {fold(n) for p in self.catalog.participants for n in p.names}
        result.candidates = sorted({c for c in result.candidates if fold(c) not in known})
        result.new_events = [e for e in linker.new_events.values() if any(p.event is e for p in result.proposals)]
        return result

    # --------------------------------------------------------------------------
    # one sentence
    # --------------------------------------------------------------------------
    def _cues(self, doc, sentence):
        vocab = self.vocab
        spans = []
        for match_id, start, end in vocab.matcher(doc[sentence.start : sentence.end]):
            span = doc[sentence.start + start : sentence.start + end]
            span.label_ = str(match_id)
            spans.append(span)
        kept = filter_spans(spans)
        for span in spans:
            crossing = [k for k in kept if k.start < span.end and span.start < k.end]
            contained = any(k.start <= span.start and span.end <= k.end for k in crossing)
            if crossing and not contained:
                kept.append(span)
        return [(vocab.cue_of(int(span.label_)), span) for span in sorted(kept, key=lambda s: s.start)]

    def _sentence(self, doc, sentence, mentions, state):
        cues = self._cues(doc, sentence) if sentence.end > state.dateline else []
        dates = find_dates(
            sentence.text, state.published_on, lambda begin: self._tense(doc, sentence, begin), sentence.start_char
        )
        dates = [d for d in dates if d.begin >= doc[min(state.dateline, len(doc) - 1)].idx or state.dateline == 0]
        statement_dates = self._statement_dates(doc, sentence, dates)
        event_dates = [d for d in dates if d not in statement_dates]
        if not cues:
            self._follow_context(doc, sentence, mentions, event_dates, state)
            return []
        speeches = self._speeches(doc, sentence, mentions)
        via = self._via(sentence, state.publisher)
        proposals = []
        for cue, span in cues:
            status = self._status(doc, sentence, cue, span)
            if status is None:
                continue
            speaker = self._speaker_for(doc, sentence, span, speeches)
            participants = self._participants(doc, sentence, cue, span, mentions, speaker, state)
            if not participants:
                continue
            clause = self._clause(doc, sentence, span)
            if cue.needs_event and state.linker.event_noun(doc, clause) is None:
                continue
            asides = {
                i for a in self._asides(doc, sentence) for i in range(a[0], a[1] + 1) if not a[0] < span.start < a[1]
            }
            event = state.linker.link(
                doc,
                sentence,
                clause,
                mentions,
                event_dates,
                state.published_on,
                state.context,
                self._kind_of(cue),
                asides,
            )
            if event is None:
                continue
            state.context = event
            ahead = any(t.norm_ in FUTURE_WORDS for t in doc[clause[0] : clause[1]])
            if cue.tenseless and event.start_date <= state.published_on and not ahead:
                status = "attended"  # "hosted by", "mediating": done by now
            said_on = [d.start for d in statement_dates if d.exact and d.start <= state.published_on]
            for participant in participants:
                if speaker is not None and participant == speaker and cue.who == "after":
                    continue
                proposals.append(
                    Proposal(
                        event=event,
                        participant=participant,
                        status=status,
                        quote=doc[max(sentence.start, state.dateline) : sentence.end].text.strip(),
                        reported_on=said_on[0] if said_on else state.published_on,
                        speaker=speaker,
                        via=via,
                        cue=span.text,
                    )
                )
        return proposals

    def _follow_context(self, doc, sentence, mentions, dates, state):
        """A sentence that names a known event plainly makes it the one the next statements speak of."""
        whole = (sentence.start, sentence.end)
        best, score = state.linker.best_known(doc, sentence, whole, mentions, dates, state.published_on, None)
        if best is not None and score >= 2.5:
            state.context = best

    def _kind_of(self, cue):
        return "meeting" if cue.who == "both" else None

    def _tense(self, doc, sentence, begin):
        """Whether the date at ``begin`` lies ahead: a word of the future stands before it in its sentence."""
        words = [t.norm_ for t in sentence if t.idx < begin]
        if set(words[-3:]) & self.vocab.speech:
            return "past"  # "said on Monday"
        return "future" if set(words) & FUTURE_WORDS else "past"

    def _statement_dates(self, doc, sentence, dates):
        """The dates that say when something was said ("said on Wednesday", "statements on Wednesday")."""
        said = self.vocab.speech | {"statement", "statements", "comments", "remarks", "interview", "briefing"}
        found = []
        for d in dates:
            token = next((t for t in sentence if t.idx >= d.begin - sentence.start_char + sentence[0].idx), None)
            if token is None:
                continue
            before = [t.norm_ for t in doc[max(sentence.start, token.i - 3) : token.i]]
            after = [t.norm_ for t in doc[token.i + 1 : min(sentence.end, token.i + 4)]]
            if set(before) & said or (after[:1] and after[0] in said) or (after[1:2] and after[1] in said):
                found.append(d)
        return found

    def _status(self, doc, sentence, cue, span):
        vocab = self.vocab
        first, _ = self._clause(doc, sentence, span)
        asides = {i for a in self._asides(doc, sentence) for i in range(a[0], a[1] + 1)}
        before = [doc[i].norm_ for i in range(first, span.start) if i not in asides]
        if set(before) & CONDITIONS_BEFORE:
            return None  # "unless it was invited": a condition, not a fact
        window = [t.norm_ for t in doc[max(sentence.start, span.start - 2) : span.end]]
        negated = any(w in vocab.negations for w in window)
        status = cue.negated if negated else cue.status
        if status in vocab.conditional_statuses:
            rest = [t.norm_ for t in doc[span.end : sentence.end]]
            for i in range(len(rest)):
                if rest[i] in vocab.boundaries or rest[i] in vocab.speech:
                    break
                if any(rest[i : i + len(words)] == words for words in vocab.condition_words):
                    return vocab.condition_status
        return status

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
        for i in range(span.end, sentence.end):
            if doc[i].norm_ in stops:
                last = i
                break
        return first, last

    # --------------------------------------------------------------------------
    # who
    # --------------------------------------------------------------------------
    def _participants(self, doc, sentence, cue, span, mentions, speaker, state):
        found = []
        if cue.who in ("before", "both"):
            found += self._before(doc, sentence, span.start, mentions, speaker, state)
        if cue.who in ("after", "both"):
            found += self._after(doc, sentence, span.end, mentions)
        unique = []
        for participant in found:
            if participant not in unique:
                unique.append(participant)
        return unique

    def _asides(self, doc, sentence):
        """Token ranges of ", which ... ," and ", the ... ," asides, which a subject reaches across."""
        asides = []
        commas = [t.i for t in sentence if t.text == ","]
        for first, second in itertools.pairwise(commas):
            opener = doc[first + 1]
            inside = {t.norm_ for t in doc[first + 1 : second]}
            # A relative clause may report speech ("which has said it would ..."); an apposition does not.
            relative = opener.norm_ in self.vocab.relatives | {"whose"} and second - first <= 20
            possessive = opener.is_title and first + 2 < second and doc[first + 2].norm_ in ("'s", "'")
            apposition = (opener.norm_ in {"a", "an", "the"} or opener.like_num or possessive) and second - first <= 10
            if relative or (apposition and not inside & (self.vocab.speech | self.vocab.boundaries)):
                asides.append((first, second))
        return asides

    def _before(self, doc, sentence, start, mentions, speaker, state):
        """The subject of a cue: the participants just before it, or those a pronoun stands for."""
        vocab = self.vocab
        asides = self._asides(doc, sentence)
        ends = {m.end: m for m in mentions}
        places = {i for m in mentions if not m.actor for i in range(m.start, m.end)}
        pronoun = None
        i = start - 1
        while i >= max(sentence.start, state.dateline):
            aside = next((a for a in asides if a[1] == i and a[1] < start), None)
            if aside is not None:
                i = aside[0] - 1
                continue
            mention = ends.get(i + 1)
            if mention is not None and mention.actor:
                if pronoun in ("he", "she") and mention.participant.kind != "person":
                    i = mention.start - 1
                    continue
                return self._group_left(doc, mention, mentions)
            norm = doc[i].norm_
            if pronoun is None:
                if norm in ("country", "government") and i > sentence.start and doc[i - 1].norm_ in ("his", "her"):
                    side = self.catalog.side_of(speaker) if speaker is not None else None
                    return [side] if side is not None and side.kind == "state" else []
                if norm in vocab.first_person:
                    return [self.catalog.side_of(speaker)] if speaker is not None else []
                if norm in vocab.own_side:
                    side = self._own_side(doc, sentence, i, ends, speaker)
                    if side is not None:
                        return side
                if norm in SUBJECT_HEADS and ends.get(i) is not None:
                    return self._group_left(doc, ends[i], mentions)
                if norm in vocab.pronouns:
                    pronoun = norm
                    i -= 1
                    continue
                if norm in vocab.relatives and i > sentence.start and doc[i - 1].norm_ == ",":
                    i -= 2
                    continue
                if norm in vocab.boundaries or norm in vocab.speech or norm in ("that", "whether"):
                    break
                if i in places or norm in TRANSPARENT or doc[i].like_num or doc[i].is_title or doc[i].is_punct:
                    i -= 1
                    continue
                if not (norm.endswith("ed") or norm.endswith("ing")):
                    break  # a noun of its own is the subject: "More than 90 countries will take part"
            elif norm in vocab.boundaries:
                break
            i -= 1
        if pronoun in ("he", "she") and state.last_person is not None:
            return [state.last_person]
        return []

    def _own_side(self, doc, sentence, i, ends, speaker):
        """ "our delegation", "the group's delegation": the speaker's side; "the Houthi delegation": the Houthis."""
        j = i - 1
        while j >= sentence.start and doc[j].norm_ in ("'s", "'"):
            j -= 1
        owner = ends.get(j + 1)
        if owner is not None:
            return [owner.participant]
        if j >= sentence.start and doc[j].norm_ in {"our", "the", "its", "their", "group", "movement"}:
            return [self.catalog.side_of(speaker)] if speaker is not None else []
        return None

    def _group_left(self, doc, mention, mentions):
        """A subject and the participants joined to it: "Cuba and Norway", "between the Taliban and ... the US"."""
        group = [mention]
        earlier = sorted((m for m in mentions if m.end <= mention.start and m.actor), key=lambda m: -m.start)
        current = mention
        for other in earlier:
            gap = [t.norm_ for t in doc[other.end : current.start]]
            if not gap:
                break
            others = [w for w in gap if w not in COORDINATION]
            if len(others) > 1 or (others and not {",", "and", "&"} & set(gap)):
                break
            if others and not self._modifier(others[0]):
                break
            group.append(other)
            current = other
        between = next((t.i for t in doc[max(0, current.start - 12) : current.start] if t.norm_ == "between"), None)
        if between is not None:
            first = next((m for m in earlier if m.start in (between + 1, between + 2)), None)
            if first is not None and first not in group:
                group.append(first)
        return [m.participant for m in reversed(group)]

    def _modifier(self, word):
        """Whether ``word`` may stand between joined participants ("Sudan's army and the paramilitary RSF")."""
        vocab = self.vocab
        closed = vocab.speech | vocab.boundaries | vocab.relatives | vocab.pronouns | TRANSPARENT
        return word.isalpha() and word not in closed and not word.endswith(("ed", "ing"))

    def _after(self, doc, sentence, end, mentions):
        """The object of a cue: the participants after it, up to the end of its clause."""
        vocab = self.vocab
        limit = sentence.end
        for i in range(end, sentence.end):
            norm = doc[i].norm_
            if norm in vocab.boundaries or norm in vocab.speech or norm in vocab.relatives or norm == ";":
                limit = i
                break
        group, current = [], None
        for mention in sorted((m for m in mentions if m.start >= end and m.actor), key=lambda m: m.start):
            if mention.start >= limit:
                break
            if current is not None:
                gap = [t.norm_ for t in doc[current.end : mention.start]]
                if mention.participant.kind == "person" and len(gap) <= 2 and not {",", "and", "&"} & set(gap):
                    group[-1] = mention.participant  # "US diplomat John Desrocher" is the diplomat
                    current = mention
                    continue
                if any(w not in COORDINATION for w in gap):
                    break
            group.append(mention.participant)
            current = mention
        return group

    # --------------------------------------------------------------------------
    # who said it, through whom
    # --------------------------------------------------------------------------
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
        if after:
            return min(after, key=lambda s: s[0])[1]
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


@dataclass
class _Reading:
    """What the extractor carries from one sentence of an article to the next."""

    published_on: datetime.date
    publisher: str
    linker: EventLinker
    context: object = None  # the event the text was last speaking of
    last_person: object = None
    offset: int = 0
    dateline: int = 0


def extract(text, *, published_on, catalog, publisher=""):
    """Proposals for ``text`` (an article published on ``published_on`` by ``publisher``) against ``catalog``."""
    return Extractor(catalog).extract(text, published_on, publisher)
