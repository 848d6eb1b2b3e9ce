"""From an article's text to proposed reports: who, which status, which event, said by whom, with which quote."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from spacy.matcher import Matcher, PhraseMatcher
from spacy.util import filter_spans

from events.extraction.catalog import KnownEvent
from events.extraction.dates import find_dates
from events.extraction.vocabulary import default_vocabulary, fold, pipeline

COORDINATION = {",", "and", "or", "&", "as", "well", "including", "the", "(", ")", "-", "both", "also", "plus", "along", "with"}
STOPWORDS = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "with", "between", "by", "from", "s", "'s", "'",
    "its", "their", "his", "her", "this", "that", "-",
}
FUTURE_WORDS = {"will", "would", "wo", "'ll", "shall", "next", "due", "planned", "plans", "scheduled", "upcoming", "set"}


@dataclass(frozen=True)
class NewEvent:
    """An event the article speaks of that the catalog does not hold: proposed to the curator."""

    slug: str
    title: str
    kind: str
    start_date: datetime.date
    city: str = ""
    country: str = ""
    status: str = "proposed"
    sentence: str = ""

    @property
    def last_date(self):
        return self.start_date


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
    proposals: list = field(default_factory=list)
    candidates: list = field(default_factory=list)
    new_events: list = field(default_factory=list)


@dataclass
class Mention:
    participant: object
    start: int
    end: int
    actor: bool  # False for a place ("talks in Moscow") or a modifier ("Russia's ambassador", "the Moscow talks")
    titled: bool = False  # a speaker's affiliation: "an RSF spokesman"


class Extractor:
    """Reads one article against a catalog of known participants and events."""

    def __init__(self, catalog, vocabulary=None):
        self.catalog = catalog
        self.vocab = vocabulary or default_vocabulary()
        self.nlp = pipeline()
        self._names = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._acronyms = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._keys = {}
        for participant in catalog.participants:
            key = self.nlp.vocab.strings.add(participant.slug)
            self._keys[key] = participant
            for name in participant.names:
                if re.fullmatch(r"[A-Z0-9.]{2,6}", name) and any(c.isalpha() for c in name):
                    self._acronyms.add(participant.slug, [self.nlp.make_doc(name)])
                else:
                    self._names.add(participant.slug, [self.nlp(name)])
        self._proper = Matcher(self.nlp.vocab)
        self._proper.add(
            "proper",
            [[{"IS_TITLE": True}, {"IS_TITLE": True, "OP": "*"}], [{"IS_UPPER": True, "LENGTH": {">=": 2}}]],
            greedy="LONGEST",
        )

    # --------------------------------------------------------------------------
    # the article
    # --------------------------------------------------------------------------
    def extract(self, text, published_on, publisher=""):
        result = Extraction()
        context = None  # the event the last statement was about
        self._new_events = {}
        self._last_person = None
        for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
            doc = self.nlp(paragraph.group(0))
            mentions = self._mentions(doc)
            for sentence in doc.sents:
                found = [m for m in mentions if sentence.start <= m.start < sentence.end]
                statements, context = self._sentence(
                    doc, sentence, found, paragraph.start(), published_on, publisher, context
                )
                result.proposals.extend(statements)
                people = [m.participant for m in found if m.participant.kind == "person"]
                if people:
                    self._last_person = people[-1]
            result.candidates.extend(self._candidates(doc, mentions))
        result.new_events = list(self._new_events.values())
        result.candidates = sorted(set(result.candidates) - {p.name for p in self.catalog.participants})
        return result

    def _mentions(self, doc):
        spans = []
        for matcher in (self._names, self._acronyms):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                span.label_ = self.nlp.vocab.strings[match_id]
                spans.append(span)
        mentions = []
        for span in filter_spans(spans):
            participant = self.catalog.by_slug[span.label_]
            mentions.append(
                Mention(participant, span.start, span.end, self._is_actor(doc, span), self._is_titled(doc, span))
            )
        return mentions

    def _is_actor(self, doc, span):
        vocab = self.vocab
        before = [t.norm_ for t in doc[max(0, span.start - 3) : span.start]]
        after = [t.norm_ for t in doc[span.end : span.end + 2]]
        if before and before[-1] in vocab.place_before:
            return False
        if before[-2:-1] in (["capital"], ["city"]) and before[-1] in (",", "of"):
            return False
        if before and before[-1] == "to" and set(before[:-1]) & vocab.journeys:
            return False
        if after[:1] in (["'s"], ["'"]) and span.end + 1 < len(doc) and not doc[span.end + 1].is_punct:
            return False  # Russia's ambassador
        if after[:1] == ["-"] and after[1:2] and after[1] in vocab.place_after:
            return False  # Tripoli-based
        if after and (after[0] in vocab.event_nouns or " ".join(after) in vocab.event_nouns):
            return False  # the Moscow talks
        return True

    def _is_titled(self, doc, span):
        following = [t.norm_ for t in doc[span.end : span.end + 3]]
        return any(word in self.vocab.speaker_titles for word in following[:2])

    def _candidates(self, doc, mentions):
        taken = set()
        for m in mentions:
            taken.update(range(m.start, m.end))
        ignore = {fold(w) for w in ("The", "A", "An", "It", "He", "She", "They", "We", "But", "In", "On", "At")}
        months_days = re.compile(
            r"(?i)^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
            r"july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$"
        )
        outlets = {fold(o) for o in self.vocab.outlets}
        for _, start, end in self._proper(doc):
            words = [t for t in doc[start:end] if t.i not in taken]
            if len(words) != end - start:
                continue
            while words and (words[0].norm_ in ignore or words[0].is_sent_start and end - start == 1):
                words = words[1:]
            words = [w for w in words if not months_days.match(w.text)]
            if not words:
                continue
            name = doc[words[0].i : words[-1].i + 1].text
            if fold(name) not in outlets and len(name) > 2:
                yield name

    # --------------------------------------------------------------------------
    # one sentence
    # --------------------------------------------------------------------------
    def _sentence(self, doc, sentence, mentions, offset, published_on, publisher, context):
        vocab = self.vocab
        spans = []
        for match_id, start, end in vocab.matcher(doc, as_spans=False):
            if sentence.start <= start and end <= sentence.end:
                span = doc[start:end]
                span.label_ = str(match_id)
                spans.append(span)
        cues = [(vocab.cue_of(int(span.label_)), span) for span in filter_spans(spans)]
        if not cues:
            return [], context
        tense = "future" if any(t.norm_ in FUTURE_WORDS for t in sentence) else "past"
        dates = find_dates(sentence.text, published_on, tense, offset + sentence.start_char)
        speeches = self._speeches(doc, sentence, mentions)
        via = self._via(doc, sentence, publisher)
        by_start = {m.start: m for m in mentions}
        proposals = []
        for cue, span in cues:
            status = self._status(doc, sentence, cue, span)
            if status is None:
                continue
            speaker, said_at = self._speaker_for(span, speeches)
            participants = self._participants(doc, sentence, cue, span, mentions, by_start, speaker)
            if not participants:
                continue
            event_dates = [d for d in dates if said_at is None or not (said_at <= d.begin - offset)]
            statement_dates = [d for d in dates if d not in event_dates]
            event = self._event(doc, sentence, span, mentions, event_dates, published_on, offset, context)
            if event is None:
                continue
            context = event
            if cue.tenseless and event.last_date < published_on:
                status = "attended"
            reported_on = published_on
            exact = [d for d in statement_dates if d.exact and d.start <= published_on]
            if exact:
                reported_on = exact[0].start
            quote = sentence.text.strip()
            for participant in participants:
                if speaker is not None and participant.slug == speaker.slug and cue.who == "after":
                    continue
                proposals.append(
                    Proposal(
                        event=event,
                        participant=participant,
                        status=status,
                        quote=quote,
                        reported_on=reported_on,
                        speaker=speaker,
                        via=via,
                        cue=span.text,
                    )
                )
        return proposals, context

    def _status(self, doc, sentence, cue, span):
        vocab = self.vocab
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

    # --------------------------------------------------------------------------
    # who
    # --------------------------------------------------------------------------
    def _participants(self, doc, sentence, cue, span, mentions, by_start, speaker):
        found = []
        if cue.who in ("before", "both"):
            found += self._before(doc, sentence, span.start, mentions, speaker)
        if cue.who in ("after", "both"):
            found += self._after(doc, sentence, span.end, mentions)
        unique = []
        for participant in found:
            if participant not in unique:
                unique.append(participant)
        return unique

    def _parentheticals(self, doc, sentence):
        """Token ranges of ", which ... ," and ", the ... ," asides, which a subject reaches across."""
        asides = []
        commas = [t.i for t in sentence if t.text == ","]
        for first, second in zip(commas, commas[1:], strict=False):
            opener = doc[first + 1].norm_ if first + 1 < sentence.end else ""
            if opener in self.vocab.relatives | {"a", "an", "the", "whose", "who", "which"} or doc[first + 1].like_num:
                asides.append((first, second))
        return asides

    def _before(self, doc, sentence, start, mentions, speaker):
        vocab = self.vocab
        asides = self._parentheticals(doc, sentence)
        ends = {m.end: m for m in mentions}
        pronoun = None
        i = start - 1
        while i >= sentence.start:
            aside = next((a for a in asides if a[1] == i and a[1] < start), None)
            if aside is not None:
                i = aside[0] - 1
                continue
            token = doc[i]
            mention = ends.get(i + 1)
            if mention is not None and mention.actor:
                if pronoun in ("he", "she") and mention.participant.kind != "person":
                    i = mention.start - 1
                    continue
                return self._group_left(doc, mention, mentions)
            norm = token.norm_
            if pronoun is None and norm in vocab.first_person:
                return [self.catalog.side_of(speaker)] if speaker is not None else []
            if pronoun is None and norm in vocab.own_side:
                j = i - 1
                while j >= sentence.start and doc[j].norm_ in ("'s", "'"):
                    j -= 1
                owner = ends.get(j + 1)
                if owner is not None:
                    return [owner.participant]
                if j >= sentence.start and doc[j].norm_ in {"our", "the", "its", "their", "group", "movement"}:
                    return [self.catalog.side_of(speaker)] if speaker is not None else []
            if pronoun is None and norm in vocab.pronouns:
                pronoun = norm
                i -= 1
                continue
            if norm in vocab.boundaries:
                break
            if (norm in vocab.speech or norm in ("that", "whether")) and pronoun is None:
                break
            i -= 1
        if pronoun in ("he", "she") and self._last_person is not None:
            return [self._last_person]
        return []

    def _group_left(self, doc, mention, mentions):
        group = [mention]
        earlier = sorted((m for m in mentions if m.end <= mention.start and m.actor), key=lambda m: -m.start)
        current = mention
        for other in earlier:
            gap = [t.norm_ for t in doc[other.end : current.start]]
            others = [w for w in gap if w not in COORDINATION]
            if len(others) > 1 or (others and not gap) or not gap and other.end != current.start:
                break
            if others and not any(w in (",", "and", "&") for w in gap):
                break
            group.append(other)
            current = other
        return [m.participant for m in reversed(group)]

    def _after(self, doc, sentence, end, mentions):
        vocab = self.vocab
        later = sorted((m for m in mentions if m.start >= end and m.actor), key=lambda m: m.start)
        group, current = [], None
        limit = sentence.end
        for i in range(end, sentence.end):
            norm = doc[i].norm_
            if norm in vocab.boundaries or norm in vocab.speech or norm in vocab.relatives:
                limit = i
                break
        for mention in later:
            if mention.start >= limit:
                break
            if current is not None:
                gap = [t.norm_ for t in doc[current.end : mention.start]]
                if any(w not in COORDINATION for w in gap):
                    break
            group.append(mention.participant)
            current = mention
        return group

    # --------------------------------------------------------------------------
    # who said it, through whom
    # --------------------------------------------------------------------------
    def _speeches(self, doc, sentence, mentions):
        """(token index of the speech word, speaker) for each speech word with a known speaker."""
        vocab = self.vocab
        ends = {m.end: m for m in mentions}
        starts = {m.start: m for m in mentions}
        asides = self._parentheticals(doc, sentence)
        found = []
        for token in sentence:
            if token.norm_ not in vocab.speech:
                continue
            if token.norm_ == "confirmed" and not (token.i + 1 < sentence.end and doc[token.i + 1].norm_ in ("that", "to")):
                continue
            speaker = None
            if token.norm_ == "according" and token.i + 1 < sentence.end and doc[token.i + 1].norm_ == "to":
                speaker = starts.get(token.i + 2)
            else:
                i = token.i - 1
                steps = 0
                while i >= sentence.start and steps < 8:
                    aside = next((a for a in asides if a[1] == i), None)
                    if aside is not None:
                        i = aside[0] - 1
                        continue
                    if doc[i].norm_ in ('"', "'") or doc[i].norm_ in vocab.boundaries or doc[i].norm_ in vocab.speech:
                        break
                    mention = ends.get(i + 1)
                    if mention is not None and (mention.actor or mention.titled):
                        speaker = mention
                        break
                    i -= 1
                    steps += 1
                if speaker is None:
                    j = token.i + 1
                    while j < sentence.end and doc[j].norm_ in ("on", "by", "in", "a", "statement"):
                        j += 1
                    speaker = starts.get(j)
            if speaker is not None:
                found.append((token.i, speaker.participant))
        return found

    def _speaker_for(self, span, speeches):
        if not speeches:
            return None, None
        index, speaker = min(speeches, key=lambda s: min(abs(s[0] - span.start), abs(s[0] - span.end)))
        return speaker, None

    def _via(self, doc, sentence, publisher):
        text = sentence.text
        folded = fold(text)
        best = ""
        for outlet in self.vocab.outlets:
            name = fold(outlet)
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded):
                before = folded[: match.start()].rstrip()
                after = folded[match.end() :].lstrip()
                if (
                    re.search(r"(told|to|by|from|via)$", before)
                    or re.match(r"(reported|reports|said|says|quoted|news|'s report)", after)
                    or any(before.endswith(" ".join(m)) for m in self.vocab.media_markers)
                ):
                    best = outlet
                    break
            if best:
                break
        if not best:
            match = re.search(r"\b([A-Z][\w-]*(?:\s[A-Z][\w-]*)*) (?:news agency|news website|reported)\b", text)
            if match:
                best = match.group(1)
        if best and fold(best) == fold(publisher or ""):
            return ""
        return best

    # --------------------------------------------------------------------------
    # which event
    # --------------------------------------------------------------------------
    def _event(self, doc, sentence, span, mentions, dates, published_on, offset, context):
        vocab = self.vocab
        clause_start, clause_end = sentence.start, sentence.end
        for i in range(span.start - 1, sentence.start - 1, -1):
            if doc[i].norm_ in (";", ":") or doc[i].norm_ in vocab.boundaries:
                clause_start = i + 1
                break
        for i in range(span.end, sentence.end):
            if doc[i].norm_ in (";", ":") or doc[i].norm_ in vocab.boundaries:
                clause_end = i
                break
        actor_tokens = set()
        for m in mentions:
            if m.actor:
                actor_tokens.update(range(m.start, m.end))
        mentioned = {m.participant.slug for m in mentions}
        best, best_score = None, 0.0
        for event in self.catalog.events:
            score = 0.0
            for weight, (first, last) in ((2.0, (clause_start, clause_end)), (1.0, (sentence.start, sentence.end))):
                words = {doc[i].norm_ for i in range(first, last) if i not in actor_tokens}
                text = " ".join(doc[i].norm_ for i in range(first, last))
                title = [w for w in re.findall(r"[\w'-]+", fold(event.title)) if w not in STOPWORDS and len(w) > 2]
                part = sum(0.5 if w in vocab.event_nouns else 1.0 for w in title if w in words)
                if event.city and re.search(rf"(?<!\w){re.escape(fold(event.city))}(?!\w)", text):
                    part += 2
                span_first = sentence[0].idx + offset + (doc[first].idx - sentence[0].idx)
                span_last = doc[last - 1].idx + len(doc[last - 1]) + offset
                for d in dates:
                    if span_first <= d.begin < span_last and d.overlaps(event.start_date, event.last_date):
                        part += 3
                if event.host and event.host in mentioned:
                    part += 0.5
                score = max(score, part * weight / 2)
            near = min(abs((event.start_date - published_on).days), abs((event.last_date - published_on).days))
            if event.start_date <= published_on <= event.last_date:
                near = 0
            if near > 400 and score < 3:
                continue
            if context is not None and event.slug == context.slug:
                score += 0.25
            if score > best_score:
                best, best_score = event, score
        if best is not None and best_score >= 1.5:
            return best
        return self._new_or_context(doc, sentence, span, clause_start, clause_end, dates, published_on, offset, context, mentions)

    def _new_or_context(self, doc, sentence, span, clause_start, clause_end, dates, published_on, offset, context, mentions):
        vocab = self.vocab
        nouns = []
        for i in range(clause_start, clause_end):
            pair = f"{doc[i].norm_} {doc[i + 1].norm_}" if i + 1 < clause_end else ""
            if pair in vocab.event_nouns:
                nouns.append((i, i + 2, vocab.event_nouns[pair]))
            elif doc[i].norm_ in vocab.event_nouns and not (nouns and nouns[-1][1] > i):
                nouns.append((i, i + 1, vocab.event_nouns[doc[i].norm_]))
        if not nouns:
            return context
        start, end, kind = min(nouns, key=lambda n: abs(n[0] - span.end))
        determiner = doc[start - 1].norm_ if start > sentence.start else ""
        places = self._place_after(doc, end, clause_end, mentions)
        own_dates = [d for d in dates if d.exact]
        if determiner in ("the", "this", "these", "those") and not places and not own_dates and context is not None:
            return context
        if not places and not own_dates and context is not None:
            return context
        first = start
        while first - 1 > clause_start and (doc[first - 1].is_title or doc[first - 1].norm_ in ("peace", "direct", "ceasefire", "follow-up", "international", "multinational")) and first - 1 >= span.end:
            first -= 1
        phrase_end = places[1] if places else end
        title = doc[first:phrase_end].text.strip(" ,")
        title = title[:1].upper() + title[1:]
        city, country = (places[2], places[3]) if places else ("", "")
        start_date = own_dates[0].start if own_dates else published_on
        status = "scheduled" if start_date > published_on else "held" if start_date < published_on else "proposed"
        slug = slugify(f"{title} {start_date.isoformat()}")[:90].strip("-")
        event = self._new_events.get(slug)
        if event is None:
            event = NewEvent(slug, title[:300], kind, start_date, city, country, status, sentence.text.strip())
            self._new_events[slug] = event
        return event

    def _place_after(self, doc, end, clause_end, mentions):
        """(first, end, city, country) of "in Geneva" / "in Oman's capital, Muscat" right after an event noun."""
        by_start = {m.start: m for m in mentions}
        i = end
        while i < clause_end and i < end + 6:
            if doc[i].norm_ in ("in", "at"):
                j = i + 1
                while j < clause_end and (doc[j].norm_ in ("the",) or doc[j].is_lower and doc[j].norm_ in ("city", "capital", "of", "resort")):
                    j += 1
                k = j
                while k < clause_end and (doc[k].is_title or doc[k].norm_ in ("'s", ",", "capital", "city", "of")):
                    k += 1
                words = doc[j:k]
                names = [t for t in words if t.is_title]
                if names:
                    last = names[-1]
                    first = last.i
                    while first - 1 >= j and doc[first - 1].is_title:
                        first -= 1
                    city = doc[first : last.i + 1].text
                    mention = by_start.get(first)
                    country = mention.participant.country if mention is not None else ""
                    return (i, last.i + 1, city, country)
            i += 1
        return None


def extract(text, *, published_on, catalog, publisher=""):
    """Proposals for ``text`` (an article published on ``published_on``) against ``catalog``."""
    return Extractor(catalog).extract(text, published_on, publisher)
