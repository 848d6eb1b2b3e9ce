"""When and where a statement stands: its sentence's dates and which lie ahead, the earlier day its status held,
and whether a journey or an arrival is its event's."""

from events.extraction.dates import WEEKDAYS
from events.extraction.eventnouns import event_nouns
from events.extraction.sentencedates import quoted_from, sentence_dates
from events.extraction.text import fold
from events.extraction.words import FUTURE_WORDS

# Verbs of a journey made: "travelled to Bissau to attend", "flew in to take part"
JOURNEYS_MADE = {"travelled", "traveled", "flew", "went", "came", "arrived", "returned", "headed"}


class Circumstances:
    """A mixin of the ``Extractor``: it uses the extractor's vocabulary and speech reading."""

    def _dates(self, doc, sentence, published_on, tense, said_before):
        """(dates, statement dates, the earlier day it says something was said) of a sentence. The days a
        quotation names from its own day ("tomorrow's meeting") count from the day its words were said: the
        sentence's "said on Wednesday", else ``said_before``, the sentence before's."""
        dates = sentence_dates(sentence.text, published_on, tense, sentence.start_char)
        said = self._statement_dates(doc, sentence, dates)
        said_on = next((d.start for d in said if d.exact and d.start < published_on), None)
        dates = quoted_from(dates, sentence.text, sentence.start_char, said_on or said_before, published_on)
        return dates, [d for d in dates if any(d.begin == s.begin for s in said)], said_on

    def _elsewhere(self, doc, span, clause, mentions, event, linker):
        """Whether a journey cue goes to another city than its event's, with no event named: "Griffiths said he
        would go to Sanaa and Muscat within days" is a trip, not the Geneva talks; so is "X sent Y to Nairobi"."""
        sent = span[-1].norm_ == "sent"
        if (span[-1].norm_ not in self.vocab.journeys and not sent) or linker.event_noun(doc, clause) is not None:
            return False
        city, to = getattr(event, "city", ""), span.end
        to = next((i for i in range(to, clause[1]) if doc[i].norm_ == "to"), to) if sent else to
        if not city or to + 1 >= clause[1] or doc[to].norm_ != "to" or not doc[to + 1].is_title:
            return False
        end = to + 1
        while end < clause[1] and doc[end].is_title:
            end += 1
        by_start = {m.start: m for m in mentions}
        return linker.is_city(doc, to + 1, end, by_start) and fold(doc[to + 1 : end].text) != fold(city)

    def _arrived_at(self, doc, clause, span, event):
        """Whether an arrival's clause names its event's city ("arrived in Geneva", not "arrived in Kabul"), not
        as the background of another statement ("as Rice was arriving in Beijing")."""
        city = fold(getattr(event, "city", ""))
        if span[-1].norm_ == "left":
            return bool(city) and fold(doc[span.end : span.end + len(city.split())].text) == city  # "left Geneva"
        background = {t.norm_ for t in doc[clause[0] : span.start]} & {"as", "when", "while"}
        return bool(city) and city in fold(doc[clause[0] : clause[1]].text) and not background

    def _journey_made(self, doc, clause, span, event, published_on, ahead):
        """Whether "to attend" tells the purpose of a journey made to an event held by ``published_on``:
        "X travelled to Bissau to attend the closing" attended, no intention of the future."""
        if span[0].norm_ != "to" or ahead or event.start_date > published_on:
            return False
        return any(t.norm_ in JOURNEYS_MADE for t in doc[clause[0] : span.start])

    def _met_before(self, doc, sentence, span):
        """Whether a cue stands in an "after meeting ...", "before receiving ..." phrase that names no event: "The
        king agreed to hold the dialogue after meeting a delegation of the AU led by X" tells of an earlier
        meeting, not of the dialogue."""
        for k in range(span.start - 1, sentence.start, -1):
            if doc[k].text in (",", ";", ":") or doc[k].norm_ in self.vocab.speech:
                return False
            if doc[k].norm_ in ("after", "before") and doc[k + 1].norm_.endswith("ing") and k + 1 < span.end:
                return not event_nouns(doc, (k, sentence.end), self.vocab)
        return False

    def _status_on(self, doc, clause, dates, event, reported_on):
        """The day a status held when its clause dates it earlier than the report ("had invited it last week",
        "accepted on Monday"): a date of the clause that is not the event's, before ``reported_on``."""
        begin, end = doc[clause[0]].idx, doc[clause[1] - 1].idx + len(doc[clause[1] - 1])
        for date in dates:
            if not begin <= date.begin < end or date.overlaps(event.start_date, event.last_date):
                continue
            if (date.end - date.start).days <= 6 and date.end < reported_on:
                return date.end
        return None

    def _tense(self, doc, sentence, begin):
        """Whether the date at ``begin`` lies ahead: a word of the future stands before it in its sentence."""
        words = [t.norm_ for t in sentence if t.idx < begin]
        if set(words[-3:]) & self.vocab.speech:
            return "past"  # "said on Monday"
        if set(words) & FUTURE_WORDS:
            return "future"
        after = [t.norm_ for t in sentence if t.idx >= begin][:2]
        # "cautious about sending envoys to Wednesday's gathering": a day of this week's events, the nearest
        return "nearest" if len(after) == 2 and after[0] in WEEKDAYS and after[1] in ("'s", "'") else "past"
