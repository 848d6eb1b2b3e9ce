"""From an article's text to proposed reports: who, which status, which event, said by whom, with which quote.

One pass per paragraph (a blank spaCy pipeline: tokenizer, rule-based sentences):
known participants are found by name and alias (``mentions``), status cues by the
vocabulary's matcher (``cues.toml``); each cue takes its participants from its
clause (the subject before it, the object after it), its status from its words,
a negation before or inside it and a condition after it, its speaker and relayed
source from the speech words of its sentence, and its event from ``linking``.
"""

import bisect
import datetime
from dataclasses import dataclass, field

from spacy.util import filter_spans

from events.extraction.absolutes import absolutes_apart
from events.extraction.catalog import KnownEvent
from events.extraction.circumstances import Circumstances
from events.extraction.clauses import Clauses
from events.extraction.deadline import check_time
from events.extraction.eventnouns import noun_order
from events.extraction.linking import BACKGROUND, EventLinker, NewEvent
from events.extraction.mentions import DATELINE, PLACE_LINE, MentionFinder
from events.extraction.newparties import NewParties
from events.extraction.principals import Principals
from events.extraction.reading import paragraphs as read_paragraphs
from events.extraction.roles import RolePhrases
from events.extraction.speakers import Speakers
from events.extraction.subjects import Subjects
from events.extraction.text import fold, quote_of
from events.extraction.vocabulary import default_vocabulary, pipeline
from events.extraction.words import FUTURE_WORDS, MONTHS_DAYS

GROUP_KINDS = {"organization", "armed_group"}


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
    role: str = ""  # "host", "mediator" or "observer" when the statement gives the participant that role
    status_on: datetime.date | None = None  # the day the status held, when the statement tells of an earlier time

    def key(self):
        return (self.event.slug, self.participant.slug, self.status)


@dataclass
class Extraction:
    """What an article yields: proposed reports, the new events they need, and names no participant has."""

    proposals: list = field(default_factory=list)
    candidates: list = field(default_factory=list)
    new_events: list = field(default_factory=list)
    # Proposals about parties the catalog lacks (``NewParticipant``), and those parties: for the curator.
    new_party_proposals: list = field(default_factory=list)
    new_parties: list = field(default_factory=list)


class Extractor(Subjects, Speakers, Clauses, Circumstances, RolePhrases):
    """Reads articles against a catalog of known participants and events."""

    def __init__(self, catalog, vocabulary=None):
        self.catalog = catalog
        self.vocab = vocabulary or default_vocabulary()
        self.nlp = pipeline()
        self.mentions = MentionFinder(catalog, self.vocab, self.nlp)

    def extract(self, text, published_on, publisher="", deadline=None):
        """``deadline``: a ``time.monotonic()`` past which reading stops with ``OutOfTime``."""
        linker = EventLinker(self.catalog, self.vocab, self.nlp)
        state = _Reading(published_on=published_on, publisher=publisher, linker=linker)
        paragraphs = []
        known = {fold(n) for p in self.catalog.participants for n in p.names}
        parties = NewParties(self.vocab, known)
        linker.learned_places = parties.places
        for offset, doc in read_paragraphs(self.nlp, text, deadline):
            check_time(deadline)
            paragraphs.append((offset, doc, self.mentions.find(doc)))
            parties.learn_places(doc)
        # Twice: the first pass learns the full names, so that a "Kurti" met before "Albin Kurti" is him.
        for _ in range(2):
            check_time(deadline)
            read = [(o, d, parties.find(d, f, self.mentions, self.mentions.dateline_end(d))) for o, d, f in paragraphs]
        paragraphs = read
        government = self.mentions.government_of([m for _, _, found in paragraphs for m in found])
        result = Extraction()
        dateline = DATELINE.search(text[:1000])
        filed = (dateline.group(1) or dateline.group(2)).title() if dateline else ""
        linker.dateline_city = "" if MONTHS_DAYS.fullmatch(filed) else filed  # "Sunday, 17 June 2018 –": no city
        placed = PLACE_LINE.search(text[:500]) if not dateline else None
        if placed and not MONTHS_DAYS.fullmatch(placed.group(1)):  # not "Saturday, January 14, 2017"
            linker.dateline_city = placed.group(1)
        said_on = None
        for loose, (_, doc, found) in [(loose, p) for loose in (0, 1, 2) for p in paragraphs]:
            for sentence in doc.sents:
                if linker.main is not None:
                    break
                check_time(deadline)
                tense = lambda b, d=doc, s=sentence: self._tense(d, s, b)  # noqa: E731
                dates, said, said_on = self._dates(doc, sentence, published_on, tense, said_on)
                kept = [d for d in dates if d not in said and d.begin >= _filed(doc)]  # "said on Monday": not it
                linker.prime(doc, sentence, found, kept, published_on, loose)
        said_on = None
        for _, doc, _found in paragraphs:
            for sentence in doc.sents:
                if linker.main is None or linker.main_dated:
                    break
                check_time(deadline)
                tense = lambda b, s=sentence: linker.tense_of(s, b)  # noqa: E731
                dates, _said, said_on = self._dates(doc, sentence, published_on, tense, said_on)
                linker.date_main(doc, sentence, dates, published_on)
                for cue, span in self._cues(doc, sentence) if not linker.main_dated else ():
                    if cue.status == "confirmed" and self._status(doc, sentence, cue, span) == "confirmed":
                        clause = self._clause(doc, sentence, span)
                        linker.date_main_by_going(doc, clause, span.end, dates, published_on)
        linker.date_main_last(published_on)
        for offset, doc, found in paragraphs:
            found = self.mentions.governments(doc, found, government)
            state.offset, state.dateline, state.found = offset, self.mentions.dateline_end(doc), found
            headline = offset == paragraphs[0][0] and _headline(text, doc)
            sentences = list(doc.sents)
            by_sentence = _by_sentence(found, sentences)
            for number, sentence in enumerate(sentences):
                check_time(deadline)
                inside = by_sentence[number]
                proposals = _one_voice(self._sentence(doc, sentence, inside, state))
                if not headline:  # a headline's words are the article's summary, not a quotable statement
                    result.proposals.extend(proposals)
                state.principals.note(proposals)
                people = [m.participant for m in inside if m.participant.kind == "person"]
                if people:
                    state.last_person = people[-1]
                groups = [p.participant for p in proposals if p.participant.kind in GROUP_KINDS and not p.role]
                groups = groups or [m.participant for m in inside if m.actor and m.participant.kind in GROUP_KINDS]
                if groups:
                    state.last_group = groups[-1]
                states = [m.participant for m in inside if m.actor and m.participant.kind == "state"]
                state.last_state = states[-1] if states else state.last_state
        latest = {party.slug: party for party in parties.parties}  # with the aliases learnt later ("(PYD)")
        for proposal in result.proposals:
            if getattr(proposal.participant, "new", False):
                proposal.participant = latest.get(proposal.participant.slug, proposal.participant)
            if getattr(proposal.speaker, "new", False):
                proposal.speaker = latest.get(proposal.speaker.slug, proposal.speaker)
        new = [p for p in result.proposals if getattr(p.participant, "new", False)]
        result.proposals = [p for p in result.proposals if not getattr(p.participant, "new", False)]
        result.new_party_proposals = new
        named = {m.participant.slug for _, _, found in paragraphs for m in found if getattr(m.participant, "new", 0)}
        result.new_parties = [party for party in parties.parties if party.slug in named]
        result.candidates = sorted({p.name for p in result.new_parties})
        used = [*result.proposals, *new]
        result.new_events = [e for e in linker.new_events.values() if any(p.event is e for p in used)]
        return result

    # --------------------------------------------------------------------------
    # one sentence
    # --------------------------------------------------------------------------
    def _cues(self, doc, sentence, linker=None):
        """(cue, span) of the cues of ``sentence``, the longest where they overlap. With ``linker``, a cue that
        needs an event noun its clause lacks gives way to a shorter one: "would send a delegation to Jeddah"
        is not "would send aid to", and is "would send a delegation"."""
        vocab = self.vocab
        spans = []
        for match_id, start, end in vocab.matcher(doc[sentence.start : sentence.end]):
            span = doc[sentence.start + start : sentence.start + end]
            span.label_ = str(match_id)
            if _glued(doc, span.start):
                continue  # "a French-hosted conference", "UN-brokered talks": an adjective describing the event
            needs_event = linker is not None and vocab.cue_of(match_id).needs_event
            if needs_event and linker.event_noun(doc, self._clause(doc, sentence, span)) is None:
                continue
            spans.append(span)
        kept = filter_spans(spans)
        for span in spans:
            crossing = [k for k in kept if k.start < span.end and span.start < k.end]
            contained = any(
                k.start <= span.start and span.end <= k.end and not absolutes_apart(k, span) for k in crossing
            )
            if crossing and not contained:
                kept.append(span)
        return [(vocab.cue_of(int(span.label_)), span) for span in sorted(kept, key=lambda s: s.start)]

    def _sentence(self, doc, sentence, mentions, state):
        self._learn_sides(doc, sentence, mentions, state)
        self._resolve_pending(doc, sentence, mentions, state)  # a speaker the sentence before left to this one
        cues = self._cues(doc, sentence, state.linker) if sentence.end > state.dateline else []
        tense = lambda begin: self._tense(doc, sentence, begin)  # noqa: E731
        dates, statement_dates, state.said_on = self._dates(doc, sentence, state.published_on, tense, state.said_on)
        dates = [d for d in dates if d.begin >= doc[min(state.dateline, len(doc) - 1)].idx or state.dateline == 0]
        dates = [d for d in dates if d.begin >= _filed(doc)]
        statement_dates = [d for d in statement_dates if d in dates]
        event_dates = [d for d in dates if d not in statement_dates]
        if not cues:
            self._follow_context(doc, sentence, mentions, event_dates, state)
            self._report(doc, sentence, mentions, state)
            return []
        speeches = self._speeches(doc, sentence, mentions, state)
        via = self._via(sentence, state.publisher)
        proposals = []
        roles = self._role_named(doc, sentence, cues, mentions)  # "hosted by X": X has that role, no other status
        starts = {span.start for _, span in cues}
        for cue, span in cues:
            status = self._status(doc, sentence, cue, span)
            if status is None:
                continue
            speaker = (
                self._speaker_for(doc, sentence, span, speeches)
                or self._speaker_after_quote(doc, sentence, span, state.found)
                or self._reported_by(doc, sentence, span, speeches, state)
            )
            if cue.role and cue.who == "after" and doc[max(0, span.start - 1)].norm_ in self.vocab.role_texts:
                continue  # "the ceasefire plan brokered by Egypt": a text's maker, no part in the meeting
            own = mentions if cue.role and cue.who == "after" else self._outside_roles(mentions, roles)
            participants = self._participants(doc, sentence, cue, span, own, speaker, state)
            if cue.role and cue.who == "after":  # "…, hosted by Switzerland, and Norway declined": not Norway
                participants = [p for p in participants if p not in self._opening_clauses(doc, span, own, starts)]
            participants = [p for p in participants if p.kind == "person"] if cue.people else participants
            if not participants:
                continue
            # "Egypt has invited Jordan, Egyptian officials said": the inviter speaks, not each invitee for itself
            spoken_of = [p for p in participants if not (p == speaker and cue.who == "after")]
            speakers = self._speakers_of(doc, sentence, span, speeches, speaker, spoken_of, mentions)
            clause = self._clause(doc, sentence, span)
            asides_ = self._asides(doc, sentence)
            asides = {i for a in asides_ for i in range(a[0], a[1] + 1) if not a[0] < span.start < a[1]}
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
                span,
            )
            if event is None or self._elsewhere(doc, span, clause, mentions, event, state.linker):
                continue
            if cue.needs_place and not self._arrived_at(doc, clause, span, event):
                continue
            relative = any(a[0] < span.start < a[1] and doc[a[0] + 1].norm_ in self.vocab.relatives for a in asides_)
            # "arrived on Monday, three weeks after Kim hosted Wu in Pyongyang": a clause of background neither
            lead = doc[max(sentence.start, span.start - 6) : span.start]
            background = any(t.norm_ in BACKGROUND and "," not in doc[t.i : span.start].text for t in lead)
            # "the LF had attended the meeting of May 6": a past perfect tells of an earlier event, the text's not
            had = "had" in (span[0].norm_, doc[max(0, span.start - 1)].norm_) and event is not state.linker.main
            if not relative and not had and not (background and state.linker.event_noun(doc, clause) is None):
                state.context = event  # not from a relative clause's background: ", which hosted a meeting in 2018,"
            # not a word of the next coordinated clause: "X is already in Suva, and Y is due tomorrow"
            joined = (i for i in range(span.end, clause[1] - 1) if doc[i].text == "," and doc[i + 1].norm_ == "and")
            # nor of a clause before a comma: "The talks were due to run until Thursday, with Norway mediating"
            comma = next((i + 1 for i in range(span.start - 1, clause[0], -1) if doc[i].text == ","), clause[0])
            comma = comma if span[0].norm_ == "with" else clause[0]
            # nor of a clause it governs: "stayed on in the hope that the chief would change his mind"
            governed = (i for i in range(span.end, clause[1]) if doc[i].norm_ in ("that", "who", "which"))
            ahead = any(
                t.norm_ in FUTURE_WORDS for t in doc[comma : min(next(joined, clause[1]), next(governed, clause[1]))]
            )
            if cue.tenseless and status == cue.status and event.start_date <= state.published_on and not ahead:
                status = "attended"  # "hosted by", "mediating": done by now
            if status == "confirmed" and self._journey_made(doc, clause, span, event, state.published_on, ahead):
                status = "attended"  # "flew to Doha on Monday to take part in the talks" that opened that day
            under_way = event.start_date <= state.published_on <= event.last_date and not ahead
            if (
                status == "declined"
                and under_way
                and span[0].norm_ in ("is", "are")
                and any(t.norm_.endswith("ing") for t in span[1:])
                and span[-1].norm_ not in self.vocab.journeys  # "is not coming", "is not going": a refusal
            ):
                status = "absent"  # "Biden is skipping the summit", "is staying home", written while it sits
            said_on = [d.start for d in statement_dates if d.exact and d.start <= state.published_on]
            status_on = self._status_on(doc, clause, event_dates, event, said_on[0] if said_on else state.published_on)
            # The status the cue implies held first ("declined the invitation": invited, then declined): proposed
            # and written first, so that of the two verified, on one day, the stated one is the attendance's
            # (the status rule's tie goes to the report entered last: tester 35, L2).
            statuses = [cue.implies, status] if cue.implies and cue.implies != status else [status]
            instead = self._instead(doc, sentence, span, mentions) if status == "attended" else []
            pairs = [(p, s) for p in participants if p not in instead for s in statuses]
            for participant, said in pairs + [(p, "absent") for p in instead]:
                if speaker is not None and participant == speaker and cue.who == "after":
                    continue
                said_by = speakers.get(participant)
                proposals.append(
                    Proposal(
                        event=event,
                        participant=participant,
                        status=said,
                        quote=quote_of(doc[max(sentence.start, state.dateline) : sentence.end].text),
                        reported_on=said_on[0] if said_on else state.published_on,
                        speaker=said_by,
                        via=via,
                        cue=span.text,
                        role=cue.role or "",
                        status_on=status_on,
                    )
                )
        self._pending(doc, sentence, speeches, proposals, state)
        self._report(doc, sentence, mentions, state, speeches)
        return proposals

    def _follow_context(self, doc, sentence, mentions, dates, state):
        """A sentence that names a known event plainly makes it the one the next statements speak of."""
        whole, linker = (sentence.start, sentence.end), state.linker
        best, score = linker.best_known(doc, sentence, whole, mentions, dates, state.published_on, None)
        if best is not None and score >= 2.5:
            state.context = best
            return
        noun = linker.event_noun(doc, whole)
        order = noun_order(doc, noun, sentence.start, self.vocab) if noun is not None else None
        days = [d for d in dates if any(c.isdigit() for c in d.text) and (d.end - d.start).days <= 6]
        if order is not None and order != linker.main_order and days:
            # "The first round, on July 9 and 10, set the tone.": the next statements are about that round
            event = linker.link(doc, sentence, whole, mentions, dates, state.published_on, state.context)
            state.context = event if event is not None else state.context

    def _kind_of(self, cue):
        return "meeting" if cue.who == "both" else None


def _one_voice(proposals):
    """A sentence's proposals less a government's where its state has the same status for the same event: "Saudi
    Arabia declined, adding that Riyadh will not take part" is one refusal, the state's, not two."""
    states = {(p.event, p.status, p.participant.country) for p in proposals if p.participant.kind == "state"}
    return [
        p
        for p in proposals
        if not (p.participant.kind == "government" and (p.event, p.status, p.participant.country) in states)
    ]


def _glued(doc, i):
    """Whether token ``i`` is the participle of a compound adjective, glued by a hyphen: "French-hosted"."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


def _filed(doc):
    """Where the dateline of paragraph ``doc`` ends ("Manama, 17 July 2011 —": the day the article was filed)."""
    dateline = DATELINE.match(doc.text)
    return dateline.end() if dateline else 0


def _by_sentence(mentions, sentences):
    """The mentions of each sentence, in their order (``[m for m in mentions if m in sentence]``, in linear time)."""
    starts = [sentence.start for sentence in sentences]
    found = [[] for _ in sentences]
    for mention in mentions:
        found[bisect.bisect_right(starts, mention.start) - 1].append(mention)
    return found


@dataclass
class _Reading:
    """What the extractor carries from one sentence of an article to the next."""

    published_on: datetime.date
    publisher: str
    linker: EventLinker
    context: object = None  # the event the text was last speaking of
    last_person: object = None
    last_group: object = None  # the organisation or armed group a statement was last about: "the coalition"
    last_state: object = None  # the state the text named last: "the country"
    principals: Principals = field(default_factory=Principals)  # "the two sides": the parties reported most
    sides: dict = field(default_factory=dict)  # person's slug -> the body the article named it a member of
    offset: int = 0
    dateline: int = 0
    found: list = field(default_factory=list)  # the mentions of the paragraph being read
    pending: list = field(default_factory=list)  # (proposal, how) whose speaker the next sentence may name
    said_on: datetime.date | None = None  # the earlier day the last sentence said was a statement's
    reported: tuple | None = None  # (doc, end, speaker): the sentence before ended reporting the speaker's words


def _headline(text, doc):
    """Whether the paragraph ``doc`` opening ``text`` is a headline: one short line, no final stop, a blank after."""
    line = doc.text.strip()
    rest = text[text.find(line) + len(line) :]
    return "\n" not in line and len(doc) <= 30 and not line.endswith((".", '"', "”")) and rest.startswith("\n\n")


def extract(text, *, published_on, catalog, publisher="", deadline=None):
    """Proposals for ``text`` (an article published on ``published_on`` by ``publisher``) against ``catalog``.

    With ``deadline`` (a ``time.monotonic()`` value), ``OutOfTime`` if reading is not done by then.
    """
    return Extractor(catalog).extract(text, published_on, publisher, deadline)
