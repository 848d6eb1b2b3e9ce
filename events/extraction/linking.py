"""Which event a statement is about: a known one (by title words, place, date and host) or a new one."""

import datetime
import itertools
from collections import Counter
from dataclasses import dataclass

from django.utils.text import slugify

from events.extraction.eventdates import EventDating, apart, in_year, is_until, relative_asides, stands_in
from events.extraction.eventfit import Reach, date_weight, ended, names_city, stretch_place, told_future
from events.extraction.eventnouns import event_nouns, generic_plural, named_apart, noun_order, noun_year, vague_noun
from events.extraction.eventplaces import EventPlaces
from events.extraction.eventtitles import before_title, fuller_title, named_on, title_reaches
from events.extraction.gazetteer import city_country
from events.extraction.proposed import ProposedEvents
from events.extraction.text import fold
from events.extraction.words import FUTURE_WORDS

STOPWORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "with", "between", "by", "from", "-", "'s"}
DEFINITE = {"the", "this", "these", "those", "its", "their", "his", "her", "'s"}
# Words that open a clause hung on the one before it: "Earlier talks collapsed after X walked out".
HUNG_ON = {"after", "before", "because", "since", "until"}
# Words that open a background clause: an event named after them is not the article's own, if another is named.
BACKGROUND = {"as", "amid", "after", "despite", "while", "since", "though", "although", "whereas", "because"}
# How many days from the publication date a known event may lie and still be linked.
NEAR_DAYS = 400
THRESHOLD = 1.5


@dataclass(frozen=True)
class NewEvent:
    """An event the article speaks of that the catalog does not hold, proposed to the curator."""

    slug: str
    title: str
    kind: str
    start_date: datetime.date
    city: str = ""
    country: str = ""
    status: str = "proposed"
    sentence: str = ""
    host = None
    end_date = None

    @property
    def last_date(self):
        return self.start_date


@dataclass(frozen=True)
class _Stretch:
    """A stretch of a statement as ``EventLinker.evidence`` reads it: its words, word pairs, dates, hosts, kinds."""

    present: set
    pairs: Counter
    text: str
    inside: list
    dated: bool
    hosts: set
    kinds: set
    place: str  # the folded city it names for its event, or ""


class EventLinker(EventDating, EventPlaces):
    """Scores the catalog's events against a statement's clause and sentence; proposes new events."""

    # Score every new event for every statement, not only those the statement gives evidence for (the tests
    # compare both ways).
    exhaustive = False

    def __init__(self, catalog, vocabulary, nlp):
        self.catalog = catalog
        self.vocab = vocabulary
        self.nlp = nlp
        self.new_events = ProposedEvents(self._title)
        self._titles = {}
        self.main = None  # the article's own event, when the catalog holds none: its first named with a place
        self.main_dated = False
        self.main_closing = None  # the day a sentence says the undated own event ended
        self.main_going = None  # the day ahead a statement of going names for the undated own event
        self.main_order = None  # "second" for "the second round": the main event's place in its series
        self.series = {}  # "first" -> the new event named "the first round": other events of the main's series
        self.dateline_city = ""  # "MANAGUA, March 8 —": where the article was filed
        self.learned_places = set()  # the folded places the article names after "in", "at" ("in Butmir")

    def prime(self, doc, sentence, mentions, dates, published_on, loose=0):
        """Take the first event the article names with a place ("the talks in Geneva") as its own event;
        ``loose`` 1: the first with a place named in a clause of background too, when no other has one
        ("Empty chairs as the forum got down to business in the Fijian capital"); 2: the first it names at all."""
        if self.main is not None or self.catalog.events:
            return
        whole = (sentence.start, sentence.end)
        noun = self.event_noun(doc, whole)
        if noun is None:
            return
        if vague_noun(doc, noun, sentence.start, self.vocab):
            return
        near = doc[max(sentence.start, noun[0] - 3) : min(sentence.end, noun[1] + 12)]
        years = [int(t.text) for t in near if len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) <= 2100]
        if years and all(year < published_on.year - 1 for year in years):
            return  # "a veteran of the Rome talks that ended the civil war in 1992": history, not this article's
        dated = {d.begin for d in dates}  # "have been meeting since Tuesday in Zanzibar": a time, no background
        if loose < 1 and any(
            t.norm_ in BACKGROUND and doc[t.i + 1].text != "," and doc[t.i + 1].idx not in dated
            for t in doc[sentence.start : noun[0]]
        ):
            return  # "Pashinyan and Aliyev meet in Brussels as Baku casts doubt on Chisinau summit": not this one
        stops = self.vocab.boundaries  # the noun's own clause: not "..., after the bloc shut out the generals in X"
        first = next((i + 1 for i in range(noun[0] - 1, sentence.start - 1, -1) if doc[i].norm_ in stops), whole[0])
        place = self._place(
            doc,
            (first, next((i for i in range(noun[1], whole[1]) if doc[i].norm_ in stops), whole[1])),
            mentions,
            noun,
        )
        if place is not None and self.is_venue(place):
            place = (0, 0, self.dateline_city, "") if self.dateline_city else None  # "Lancaster House": in LONDON
        exact = [
            d
            for d in dates
            if sentence.start_char <= d.begin < sentence.end_char
            and (
                d.exact
                or (d.end - d.start).days <= 1
                or (any(c.isdigit() for c in d.text) and (d.end - d.start).days <= 6)
            )
            and not self.said_today(sentence, d)
        ]
        lead = self.dateline_city and fold(sentence.text).startswith(fold(self.dateline_city))
        if place is None and lead:  # "MBABANE — A meeting of leaders was postponed ...": there, unless in a country
            place = self.country_named(doc, first, whole[1], mentions) or (0, 0, self.dateline_city, "")
        if place is None and loose < 2:
            return
        if place is None:
            place = self.country_named(doc, first, whole[1], mentions)  # "talks in South Africa": not the dateline's
        if place is None and self.dateline_city:
            place = (0, 0, self.dateline_city, "")
        place = self.in_dateline_city(place)
        self.main = self._new(doc, sentence, noun, noun[2], place, exact, published_on)
        self.main_dated = bool(exact)
        self.main_order = noun_order(doc, noun, sentence.start, self.vocab)

    def _title(self, event):
        """The words and word pairs of an event's title."""
        if event.slug not in self._titles:
            tokens = [t.norm_ for t in self.nlp(event.title)]
            city = {t.norm_ for t in self.nlp(event.city)} if event.city else set()
            words = {w for w in tokens if w not in STOPWORDS and len(w) > 2 and w not in city}
            pairs = {(a, b) for a, b in itertools.pairwise(tokens) if a not in STOPWORDS and b not in STOPWORDS}
            self._titles[event.slug] = (words, pairs)
        return self._titles[event.slug]

    def evidence(self, doc, first, last, event, mentions, dates):
        """How strongly tokens ``first``..``last`` point at ``event``."""
        return self._score(self._stretch(doc, first, last, mentions, dates), event)

    def _stretch(self, doc, first, last, mentions, dates, ignore=()):
        """What ``evidence`` reads in tokens ``first``..``last``, the same for every event: read once for all.
        Not tokens ``ignore``: "X, who attended the Cairo summit last month, will skip the talks"."""
        actors = {i for m in mentions if m.actor for i in range(m.start, m.end)} | set(ignore)
        norms = [doc[i].norm_ if i not in actors else "" for i in range(first, last)]
        begin, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        inside = [d for d in dates if begin <= d.begin < end and not stands_in(doc, d, ignore)]
        return _Stretch(
            present=set(norms),
            pairs=Counter(itertools.pairwise(norms)),
            text=" ".join(norms),
            inside=inside,
            dated=any(self._month(d) or (d.exact and self.dated_event(doc, first, last, d)) for d in inside),
            hosts={m.participant.slug for m in mentions if m.actor and first <= m.start < last},
            kinds={self.vocab.event_nouns[n] for n in norms if n in self.vocab.event_nouns},
            place=stretch_place(self, doc, first, last, mentions, ignore),
        )

    def _score(self, stretch, event):
        vocab = self.vocab
        words, pairs = self._title(event)
        score = sum(0.5 if w in vocab.event_nouns else 1.0 for w in words if w in stretch.present)
        score += float(sum(stretch.pairs[pair] for pair in pairs))
        if names_city(event, stretch.text):
            score += 2
        if event.host and event.host in stretch.hosts:
            score += 1
        if any(d.overlaps(event.start_date, event.last_date) for d in stretch.inside):
            score += date_weight(event, stretch, known=not isinstance(event, NewEvent), alone=score <= 0)
        elif stretch.dated:
            score -= 5  # the clause dates its event otherwise
        kinds = stretch.kinds
        if kinds and (event.kind == "ceasefire") != ("ceasefire" in kinds):
            score -= 2  # a truce is not a meeting, nor a meeting a truce
        return score

    def best_known(self, doc, sentence, clause, mentions, dates, published_on, context, ignore=(), cue=None):
        """(event, score) of the known event the clause points at most, or (None, 0); not by tokens ``ignore``."""
        best, best_score = None, 0.0
        if not self.catalog.events and not self.new_events:
            return best, best_score
        stretches = (
            self._stretch(doc, clause[0], clause[1], mentions, dates, ignore),
            self._stretch(doc, sentence.start, sentence.end, mentions, dates, ignore),
        )
        if self.exhaustive:
            proposed = list(self.new_events.values())
        else:
            proposed = self.new_events.candidates(stretches[1], context, published_on, self._far)
        reach = Reach.of(self, doc, clause, stretches, context, published_on, ignore, cue)  # "will host", "the forum"
        for event in [*self.catalog.events, *proposed]:
            if self._far(event, published_on) and not any(self._on(d, event) for d in stretches[1].inside):
                continue  # far off: only a date of its own links to it ("met on March 28, 2013")
            if reach.rules_out(event):
                continue
            in_clause = self._score(stretches[0], event)
            in_sentence = self._score(stretches[1], event)
            score = in_clause + max(0.0, in_sentence - in_clause) / 2
            if context is not None and event.slug == context.slug:
                score += 0.5
            if score > best_score:
                best, best_score = event, score
        return best, best_score

    def _far(self, event, published_on):
        if event.start_date <= published_on <= event.last_date:
            return False
        nearest = min(abs((event.start_date - published_on).days), abs((event.last_date - published_on).days))
        return nearest > NEAR_DAYS

    def link(
        self, doc, sentence, clause, mentions, dates, published_on, context, default_kind=None, ignore=(), cue=None
    ):
        """The event of a statement (of cue span ``cue``): known, the one the text was speaking of, new, or None.
        ``ignore``: token indices (asides such as "which hosted earlier rounds") whose event nouns are not its."""
        dates = [d for d in dates if not self.said_today(sentence, d)]
        if ended(context, published_on) and told_future(doc, cue, self.vocab, ignore):
            context = None  # "X will host the talks": not the talks held long ago that the text was speaking of
        noun = self.event_noun(doc, clause, ignore)
        if noun is None and generic_plural(doc, clause, self.vocab):
            return None  # "does not take part in the trilateral summits": a habit
        own = clause  # the cue's own clause, before a when-clause reaches back to the clause it hangs on
        if clause[0] - 2 > sentence.start and doc[clause[0] - 1].norm_ in ("when", "where"):
            begin, end = doc[clause[0]].idx, doc[clause[1] - 1].idx
            if noun is None or not any(begin <= d.begin <= end for d in dates):
                # "It came into the open in May, when X hosted Y", "The agenda was set in June, when X flew to
                # Oslo for talks", "It took place in Oslo, where X met Y": the when- or where-clause's time (and
                # place) is the clause's before it
                clause = (sentence.start, clause[1])
                noun = self.event_noun(doc, clause, ignore)
        elif noun is None and clause[0] - 2 > sentence.start and doc[clause[0] - 1].norm_ in HUNG_ON:
            hung = self.event_noun(doc, (sentence.start, clause[0] - 1), ignore)
            if hung is not None and vague_noun(doc, hung, sentence.start, self.vocab):
                return None  # "The previous round ended after X walked out": that round's, not the article's
        if noun is not None and vague_noun(doc, noun, clause[0], self.vocab):
            return None  # "several rounds of talks": no one event
        exact = [d for d in dates if doc[clause[0]].idx <= d.begin < doc[clause[1] - 1].idx + len(doc[clause[1] - 1])]
        aside = relative_asides(doc, ignore, self.vocab.relatives)  # not ", scheduled for May 3,": the event's own
        exact = [d for d in exact if not is_until(doc, d) and not stands_in(doc, d, aside)]
        # "X met Y in Kuala Lumpur on March 28, 2013": a meeting on another day than the event's is another meeting
        met = [d for d in exact if d.exact] if default_kind is not None else []
        best, score = self.best_known(doc, sentence, clause, mentions, dates, published_on, context, aside, cue)
        year = noun_year(doc, noun, clause[0], published_on) if noun is not None else None
        if year is not None and not (best is not None and score >= THRESHOLD and in_year(best, year)):
            current = context if context is not None else self.main
            if current is not None and not in_year(current, year):
                return None  # "X, which boycotted the 2019 talks": another year's event, not placed
        if best is not None and score >= THRESHOLD and not any(self._elsewhen(d, best) for d in met):
            return best
        if noun is not None and named_apart(doc, noun, mentions, context or self.main):
            return None  # "will skip the Arab League summit" in an article about talks: another event
        place = self._place(doc, clause, mentions, noun)
        if place is not None and (place[0] in aside or self.is_venue(place)):
            place = None  # "X, who attended the Cairo summit last month, ...": the aside's; "at Downing Street"
        order = noun_order(doc, noun, clause[0], self.vocab) if noun is not None else None
        if order is not None and order != self.main_order and not exact:
            if order in self.series:
                return self.series[order]  # "the first round", named again
            if self.main_order is not None and place is None:
                return None  # "the first round" in an article about the second: an event it does not place
            if place is None and self._relative_before(doc, clause[0], noun[0]):
                return None  # "Egypt, which took part in the first round, will attend": an earlier round
        if noun is None:
            current = context if context is not None else self.main
            dated = [d for d in exact if (d.exact or self._month(d)) and not stands_in(doc, d, ignore)]
            if place is None and default_kind and current and dated and all(apart(d, current) for d in dated):
                return None  # "Tension rose in January, when X hosted Y": another meeting, placed nowhere
            # "The second took place in Oslo on May 3, 2023, where X was present": another meeting, there and then;
            # not the day of a journey ("arrived in Oslo on Monday") nor of a statement of what will be ("said in
            # Paris on Monday that it would attend")
            journey = any(t.norm_ in self.vocab.journeys | FUTURE_WORDS for t in doc[own[0] : own[1]])
            elsewhen = current is not None and dated and all(apart(d, current) for d in dated)
            if place is not None and default_kind is None and elsewhen and not journey:
                return self._new(doc, sentence, None, "meeting", place, exact, published_on)
            if place is None or default_kind is None:
                return current
            same_city = context is not None and fold(place[2]) == fold(getattr(context, "city", ""))
            if same_city and not any(self._elsewhen(d, context) for d in met):
                return context
            return self._new(doc, sentence, None, default_kind, place, exact, published_on)
        start, _end, kind = noun
        if default_kind is not None and self._beside(doc, clause[0], start):
            # "Akinci met Cavusoglu ahead of the talks": a meeting of its own, where the talks are
            current = context if context is not None else self.main
            city = place[2] if place is not None else getattr(current, "city", "")
            if city:
                where = place if place is not None else (0, 0, city, getattr(current, "country", ""))
                return self._new(doc, sentence, None, default_kind, where, exact, published_on)
        definite = doc[start - 1].norm_ in DEFINITE if start > clause[0] else False
        if definite and self._came_before(doc, clause[0], start, exact, place, context or self.main):
            return context or self.main
        if definite and place is None:
            current = context if context is not None else self.main
            moved = current is not None and any(
                (d.exact or self._month(d))
                and self.dated_event(doc, *clause, d)
                and not d.overlaps(current.start_date, current.last_date)
                for d in exact
            )  # "the fourth round that had been planned for September 2004", "Wednesday's gathering"
            if moved:
                return self._new(doc, sentence, noun, kind, place, exact, published_on)
            if context is not None:
                return context
            return best if best is not None and score > 0 else self.main
        if place is None and not exact:
            return context if context is not None else (best if best is not None and score > 0 else self.main)
        if self.main is not None and not exact and not place[3]:
            return self.main  # "a conference at the Palais": no date, no known city; the article's own event
        return self._new(doc, sentence, noun, kind, place, exact, published_on)

    def _came_before(self, doc, first, start, exact, place, current):
        """Whether the clause tells of a journey to ``current`` on days before it: "X arrived in Jeddah on
        Sunday for the talks" that open on Tuesday; Sunday is the journey's day, not the talks'."""
        if current is None or not exact or not any(t.norm_ in self.vocab.journeys for t in doc[first:start]):
            return False
        if place is not None and fold(place[2]) != fold(current.city or ""):
            return False
        return all(d.end < current.start_date for d in exact)

    def _beside(self, doc, first, start):
        """Whether words of ``[events] beside`` ("ahead of", "on the sidelines of") end just before the event
        noun at ``start`` (its article or possessive between): a meeting beside that event."""
        end = start - 1 if start - 1 >= first and doc[start - 1].norm_ in DEFINITE else start
        words = [t.norm_ for t in doc[max(first, end - 4) : end]]
        return any(words[-len(phrase) :] == phrase for phrase in self.vocab.event_beside if len(words) >= len(phrase))

    def _relative_before(self, doc, first, last):
        """Whether a relative clause (", which", ", who") of the past opens between ``first`` and ``last``."""
        opens = [i for i in range(first, last - 1) if doc[i].norm_ == "," and doc[i + 1].norm_ in self.vocab.relatives]
        return bool(opens) and not any(t.norm_ in FUTURE_WORDS for t in doc[opens[-1] : last])

    def _elsewhen(self, date, event):
        return not date.overlaps(event.start_date, event.last_date)

    def _on(self, date, event):
        return date.exact and date.overlaps(event.start_date, event.last_date)

    def event_noun(self, doc, clause, ignore=()):
        """(start, end, kind) of the first event noun of the clause, not counting tokens ``ignore``."""
        nouns = event_nouns(doc, clause, self.vocab, ignore)
        return nouns[0] if nouns else None

    def _new(self, doc, sentence, noun, kind, place, dates, published_on):
        if noun is not None:
            first = noun[0]
            while (
                first - 1 >= sentence.start
                and (
                    doc[first - 1].is_title
                    or (doc[first - 1].is_upper and doc[first - 1].is_alpha)  # "IGAD summit", "ASEAN summit"
                    or doc[first - 1].norm_
                    in ("peace", "direct", "ministerial", "follow-up", "international", "donors", "'", "'s", "-")
                )
                and not (doc[first - 1].norm_ == "-" and doc[first - 1].whitespace_)  # a dateline's dash
                and not before_title(doc, doc[first - 1])
            ):
                first -= 1
            while first < noun[0] and (
                doc[first].norm_ == "'s" or any(d.begin <= doc[first].idx < d.stop for d in dates)
            ):
                first += 1  # "Wednesday's gathering" is a gathering
            end = place[1] if place is not None and title_reaches(doc, noun[1], place[0]) else named_on(doc, noun)
            title = fuller_title(doc, first, noun[1], sentence.end, doc[first:end].text.strip(" ,'—–-"), place)
        else:
            title = f"{kind.replace('_', ' ').capitalize()} in {place[2]}"
        title = title[:1].upper() + title[1:]
        city, country = (place[2], place[3] or city_country(place[2])) if place is not None else ("", "")
        exact = sorted(dates, key=lambda d: (not d.exact, abs(d.begin - (doc[noun[0]].idx if noun else 0))))
        start_date = exact[0].start if exact else published_on
        status = "scheduled" if start_date > published_on else "held" if start_date < published_on else "proposed"
        slug = slugify(f"{title} {start_date.isoformat()}")[:90].strip("-")
        event = self.new_events.get(slug)
        if event is not None and city and event.city and fold(city) != fold(event.city):
            title = f"{title} in {city}"  # "held talks" in Juba, on the day of the talks in Nairobi: other talks
            slug = slugify(f"{title} {start_date.isoformat()}")[:90].strip("-")
            event = self.new_events.get(slug)
        if event is None:
            event = NewEvent(slug, title[:300], kind, start_date, city[:100], country, status, sentence.text.strip())
            self.new_events[slug] = event
        order = noun_order(doc, noun, sentence.start, self.vocab) if noun is not None and self.main else None
        if order is not None and order != self.main_order:
            self.series.setdefault(order, event)
        return event
