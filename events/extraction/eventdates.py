"""When an event is: the date a sentence gives an event noun, and the day of the article's own event.

``EventLinker`` reads dates through these: whether a date belongs to an event noun ("the talks on Saturday",
"the round that had been planned for September 2004", "Tuesday's meeting"), and a later sentence that dates the
article's undated own event ("the talks opened on 24 January"), never another event's day ("the first summit on
Sunday, July 30" in an article about the second, "convened after the expiry on Sunday of the ultimatum").
"""

import dataclasses
import datetime
import re

from django.utils.text import slugify

from events.extraction.dates import TODAY_PARTS, WEEKDAYS
from events.extraction.eventnouns import left_by, names_its_day, noun_order
from events.extraction.words import FUTURE_WORDS, PAST_AUXILIARIES, PAST_FORMS

ONE_WEEK = datetime.timedelta(days=7)

DAY_PARTS = ("morning", "afternoon", "evening", "night")
CLAUSE_OPENERS = {",", ";", ":", "that", "which", "who", "and", "but", "when", "after", "before", "as", "while"}
DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "'s", "our"}
MONTH_NAME = r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"


class EventDating:
    """The dating half of ``EventLinker``: it needs ``vocab``, ``main``, ``main_dated``, ``main_order``,
    ``new_events`` and ``event_noun``."""

    def date_main(self, doc, sentence, dates, published_on):
        """Date the article's undated own event from a later sentence dating an event noun ("due to open on ..."),
        or from a day or two named a few words after a noun of its kind ("talks ... this weekend")."""
        noun = None if self.main is None or self.main_dated else self.event_noun(doc, (sentence.start, sentence.end))
        first_day = (
            self._first_part_day(doc, sentence, dates, published_on) if self.main and not self.main_dated else None
        )
        if first_day is not None:
            self.redate_main(first_day.start, published_on)  # "stayed away from the opening dinner on Monday"
            return
        if noun is None:
            return
        opening = self._opening_day(doc, sentence, noun, dates)
        if opening is not None and abs((opening.start - published_on).days) <= 60:
            self.redate_main(opening.start, published_on)
            return
        if noun_order(doc, noun, sentence.start, self.vocab) != self.main_order:
            return  # "the first summit on Sunday, July 30" dates another event than "the second summit"
        lead = {t.norm_ for t in doc[max(sentence.start, noun[0] - 4) : noun[0]]}
        if noun[2] != self.main.kind and "a" in lead:
            return  # "a video conference on Friday" is another event than the article's meeting
        if noun[2] == self.main.kind and self._under_way(doc, noun, sentence.end):
            self.redate_main(published_on, published_on)  # "The signing is taking place at the palace": today
            return
        if lead & {"before", "after", "since", "until", "following", "ahead"}:
            return  # "A week before the final round, on Feb. 22, Sisi received X": another day than the round's
        after, stop = doc[noun[1] - 1].idx + 1, doc[min(noun[1] + 10, sentence.end) - 1].idx
        follows = next((d for d in dates if after <= d.begin < min(stop, sentence.end_char)), None)
        for date in [d for d in dates if not self.said_today(sentence, d) and not is_until(doc, d)]:
            between = {t.norm_ for t in doc[noun[1] : sentence.end] if t.idx < date.begin}
            alone = date is follows and noun[2] == self.main.kind and (date.end - date.start).days <= 1
            alone = alone and not between & self.vocab.boundaries  # "convened after the expiry on Sunday"
            if between & self.vocab.event_closing:
                # "The summit closes on Sunday": its last day, the day to give it only if no other is named
                # (of a noun of its kind: "the ceasefire that ended the fighting on Aug. 26" is no conference's end)
                kind = noun[2] == self.main.kind
                self.main_closing = self.main_closing or (date if date is follows and kind else None)
                continue
            near = abs((date.start - published_on).days) <= 60
            days = (date.end - date.start).days <= 1 or (
                any(c.isdigit() for c in date.text) and (date.end - date.start).days <= 6
            )
            if near and (alone or (days and self.dated_event(doc, sentence.start, sentence.end, date))):
                self.redate_main(date.start, published_on)
                return

    def _first_part_day(self, doc, sentence, dates, published_on):
        """The one day (within a fortnight of the publication) of a sentence that names the first part of an
        event, "opening" before a word of ``[events] opening_parts``: "stayed away from the opening working
        dinner on Monday". None when the sentence names no such part, or other days, or another event's part
        ("the opening session of the next round"; an event of another kind or order is left to ``date_main``)."""
        opening = next(
            (
                t.i
                for t in sentence
                if t.norm_ == "opening"
                and t.is_lower
                and any(w.norm_ in self.vocab.event_opening_parts for w in doc[t.i + 1 : min(t.i + 3, sentence.end)])
            ),
            None,
        )
        if opening is None:
            return None
        part = doc[opening : min(opening + 6, sentence.end)]
        if {t.norm_ for t in part} & (self.vocab.event_order | {"next", "previous", "last"}):
            return None  # "the opening session of the next round", "the opening day of the second round"
        days = [d for d in dates if (d.end - d.start).days <= 1 and not self.said_today(sentence, d)]
        if len(days) != 1 or abs((days[0].start - published_on).days) > 14:
            return None
        day = days[0]
        words = {t.norm_ for t in sentence}
        before = doc[sentence.start : opening]
        told_past = not words & FUTURE_WORDS and any(
            t.norm_ in PAST_AUXILIARIES or (t.is_lower and t.norm_.endswith("ed")) for t in before
        )
        if day.start > published_on and told_past and day.text.lower().strip() in WEEKDAYS:
            # "Haftar arrived late on Monday but stayed away from the opening dinner": the Monday gone by
            day = dataclasses.replace(day, start=day.start - ONE_WEEK, end=day.end - ONE_WEEK)
        return day if not (day.start > published_on and told_past) else None

    def _under_way(self, doc, noun, last):
        """Whether the words right after event noun ``noun`` say it is being held as the article is written
        (``[events] under_way``: "the signing is taking place", "the talks are under way")."""
        after = " ".join(t.norm_ for t in doc[noun[1] : min(last, noun[1] + 4)])
        return any(after == words or after.startswith(words + " ") for words in self.vocab.event_under_way)

    def _opening_day(self, doc, sentence, noun, dates):
        """The day a sentence opens with when its subject then holds an event of the article's kind, no other one
        named: "On the afternoon of September 23, Wang Yi chaired an informal meeting in New York"."""
        first = next((d for d in dates if d.begin >= sentence.start_char), None)
        if first is None or (first.end - first.start).days > 1 or noun[2] != self.main.kind:
            return None
        lead = [t.norm_ for t in sentence if t.idx < first.begin]
        if not lead or lead[0] != "on" or any(w not in ("on", "the", "of", *DAY_PARTS) for w in lead):
            return None
        if noun_order(doc, noun, sentence.start, self.vocab) not in (None, self.main_order):
            return None  # "On Monday, the second round opened": another round than the article's
        held = {t.norm_ for t in doc[sentence.start : noun[0]] if t.idx > first.begin}
        return first if held & self.vocab.event_holding else None

    def date_main_by_going(self, doc, clause, after, dates, published_on):
        """Date the article's undated own event from a statement of going that names a day ahead of the
        publication, within 60 days, after its cue (token ``after``) in its ``clause``: "Pyongyang was ready to
        come back to the negotiating table in the week beginning July 25", "will attend on March 3". Not when the
        clause names another event ("will attend a video conference on Friday", "the second round on ...")."""
        if self.main is None or self.main_dated:
            return
        noun = self.event_noun(doc, clause)
        if noun is not None and (noun[2] != self.main.kind or noun_order(doc, noun, clause[0], self.vocab)):
            return
        begin, end = doc[after].idx if after < len(doc) else doc[-1].idx, doc[clause[1] - 1].idx
        for date in dates:
            ahead = 0 < (date.start - published_on).days <= 60 and (date.end - date.start).days <= 1
            if begin <= date.begin <= end and ahead:
                self.main_going = self.main_going or date  # taken only if no sentence dates the event itself
                return

    def date_main_last(self, published_on):
        """Date the still undated own event by the day a sentence said it ended ("A summit that began in
        shouting ended in embraces on Friday"), a day of it before the article's: better than the article's;
        else by the first statement of going that named a day ahead ("will attend on March 3"), which gives way
        to any sentence that dates the event's noun ("The signing is taking place" after "X is due to arrive
        tomorrow")."""
        closing = self.main_closing
        if self.main is not None and not self.main_dated and closing is not None and closing.start <= published_on:
            self.redate_main(closing.start, published_on)  # not "closes on Sunday" in a live report: it sits
        if self.main is not None and not self.main_dated and self.main_going is not None:
            self.redate_main(self.main_going.start, published_on)

    def redate_main(self, start, published_on):
        """Give the article's own event the day ``start``: its slug and status follow."""
        old = self.main
        slug = slugify(f"{old.title} {start.isoformat()}")[:90].strip("-")
        status = "scheduled" if start > published_on else "held" if start < published_on else "proposed"
        self.main = dataclasses.replace(old, slug=slug, start_date=start, status=status)
        self.new_events.pop(old.slug, None)
        self.new_events[slug], self.main_dated = self.main, True

    def said_today(self, sentence, date):
        """Whether ``date`` is "today" or "yesterday" in a sentence where nothing opens: the day of a statement ("the
        spokesman today expressed regret"), not the event's ("the talks opened today")."""
        return (
            " ".join(date.text.lower().split()) in ("today", "yesterday", "tonight", *TODAY_PARTS)
            and not {t.norm_ for t in sentence} & self.vocab.event_opened
        )

    def tense_of(self, sentence, begin):
        """How a sentence that may date the article's own event reads the date at ``begin``: past with a verb of
        its opening in the past and no word of the future ("opened on 2 July", "on Monday held his first round"),
        a weekday ahead ("the main session on Tuesday") unless the sentence is told in the past with no word of the
        future ("had failed to appear for the regular Monday session", "Monday's session ran late": the nearest), any
        other date the nearest."""
        words = {t.norm_ for t in sentence}
        if words & self.vocab.event_opened and not words & FUTURE_WORDS:
            return "past"
        if {t.norm_ for t in sentence if begin - 12 <= t.idx < begin} & self.vocab.speech:
            return "past"  # "said on Tuesday": a statement's day
        at = next((t for t in sentence if t.idx >= begin), None)
        if at is None or at.norm_ not in WEEKDAYS:
            return None
        if self._told_past_before(sentence, at):
            return "past"  # "the arguments that nearly wrecked Saturday's ceremony will be heard again"
        return "future" if words & FUTURE_WORDS or not words & (PAST_AUXILIARIES | PAST_FORMS) else "nearest"

    def _told_past_before(self, sentence, at):
        """Whether the weekday at token ``at`` is the object of a verb in the simple past in its own clause (from
        the last comma or relative pronoun before it): "that nearly wrecked Saturday's ceremony", "which attended
        Monday's session". Not a verb of speech ("said Saturday's meeting would go ahead"), nor a participle after
        a determiner ("the postponed Saturday session"), nor where a word of the future stands in that clause."""
        start = next((t.i + 1 for t in reversed(sentence[: at.i - sentence.start]) if t.norm_ in CLAUSE_OPENERS), None)
        clause = sentence.doc[sentence.start if start is None else start : at.i]
        if {t.norm_ for t in clause} & (FUTURE_WORDS | self.vocab.speech | {"to"}):
            return False
        return any(
            (t.norm_ in PAST_FORMS or (t.is_lower and len(t) > 4 and t.norm_.endswith("ed")))
            and (t.i == 0 or t.doc[t.i - 1].norm_ not in DETERMINERS)
            for t in clause
        )

    def dated_event(self, doc, first, last, date):
        """Whether ``date`` dates an event noun of tokens ``first``..``last``: "the talks on Saturday",
        "the September 4 talks", "a meeting in Luanda on Saturday", "rescheduled for January 10"."""
        at = next((t.i for t in doc[first:last] if t.idx >= date.begin), None)
        if at is None:
            return False
        if at > first and doc[at - 1].norm_ in ("for", "until", "till"):
            return True
        if at - 2 >= first and doc[at - 1].norm_ == "on" and doc[at - 2].norm_ in self.vocab.event_opening:
            # "The National Dialogue was called by the king and opened on 2 July"
            return any(t.norm_ in self.vocab.event_nouns for t in doc[first : at - 2])
        after = at
        while after < last and doc[after].idx < date.begin + len(date.text):
            after += 1
        if (after < last and doc[after].norm_ in self.vocab.event_nouns) or names_its_day(
            doc, after, last, self.vocab
        ):
            return True
        if after < last and doc[after].norm_ == "for":  # "met on Sunday for an emergency summit"
            return any(t.norm_ in self.vocab.event_nouns for t in doc[after + 1 : min(last, after + 5)])
        i = at - 1
        steps = 0
        while i >= first and steps < 9:
            if doc[i].norm_ in self.vocab.event_nouns:
                return not left_by(doc, i + 1, first, self.vocab)  # "withdrew from the talks on Friday": its day
            if not (doc[i].norm_ in self.vocab.event_dating or doc[i].is_title):
                return False
            i -= 1
            steps += 1
        return False

    def _month(self, date):
        """A month the text names ("in February"): it dates an earlier or a later round, not this one."""
        return 27 <= (date.end - date.start).days <= 31 and bool(re.search(MONTH_NAME, date.text))


def in_year(event, year):
    return event.start_date.year <= year <= event.last_date.year


def is_until(doc, date):
    """Whether ``date`` is an end ("due to run until Thursday"), which neither dates nor moves an event."""
    words = doc.text[max(0, date.begin - 10) : date.begin].split()  # the word before it, not the whole text
    return bool(words) and words[-1].lower() in ("until", "till", "through")


def stands_in(doc, date, tokens):
    """Whether ``date`` stands in tokens ``tokens`` (an aside: "whose mandate expires in August")."""
    return any(doc[i].idx <= date.begin < doc[i].idx + len(doc[i]) for i in tokens)


def apart(date, event):
    """Whether ``date`` lies before ``event`` or more than a week after its last day: another meeting's day."""
    return date.end < event.start_date or (date.start - event.last_date).days > 7


def relative_asides(doc, tokens, relatives):
    """Tokens ``tokens`` of the asides that open with a relative (", who attended the Cairo summit,")."""
    starts = [i for i in sorted(tokens) if i - 1 not in tokens]
    runs = [range(i, next((j for j in range(i, len(doc)) if j not in tokens), len(doc))) for i in starts]
    return {i for run in runs if {t.norm_ for t in doc[run.start : run.start + 2]} & relatives for i in run}
