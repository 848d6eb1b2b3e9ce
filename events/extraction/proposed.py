"""The events an article proposes, filed so that a statement is scored only against those it may point at.

A long article proposes many events, and linking scored every one of them for every statement:
time that grew with the square of the article's length. An event scores above 0 in a sentence,
or in any clause of it, only through a title word or word pair, its city, its host or its date
(``EventLinker._score``); without any of them it cannot be the best. New events alike in all but
their date (a group: same title, city, host, truce or not) score alike unless a date of the
sentence falls on theirs, and of equal scores the first wins. So ``ProposedEvents.candidates``
gives, in the dict's order: of each group the sentence names, its first event not too far off;
the events on a day the sentence gives; the context; and any event it cannot file (a span of
days, a city that does not start with a letter). A new term that can raise a score must be
filed here too (``tests/extraction/test_linking.py`` compares the links with scoring every event).
"""

import bisect
import datetime
import itertools
import re
from collections import defaultdict

from events.extraction.text import fold


class ProposedEvents(dict):
    """``slug -> NewEvent``, in the order proposed, filed under what can point at each event."""

    def __init__(self, title_of):
        super().__init__()
        self._title_of = title_of  # event -> (title words, title word pairs)
        self._order = {}  # slug -> when it was inserted: the dict's own order
        self._counter = itertools.count()
        self._always = set()
        self._by_day = defaultdict(set)
        self._groups = defaultdict(list)  # group -> slugs, in the dict's order
        self._group_of = {}
        self._groups_by_key = defaultdict(set)
        self._nearest = {}  # group -> (publication date, members scanned, first member not too far off)

    def __setitem__(self, slug, event):
        if slug in self:
            self._forget(slug)
        else:
            self._order[slug] = next(self._counter)
        super().__setitem__(slug, event)
        self._file(slug, event)

    def __delitem__(self, slug):
        self._forget(slug)
        super().__delitem__(slug)
        del self._order[slug]

    def pop(self, slug, *default):
        if slug in self:
            self._forget(slug)
            del self._order[slug]
        return super().pop(slug, *default)

    def popitem(self):
        slug = next(reversed(self))
        return slug, self.pop(slug)

    def clear(self):
        for slug in list(self):
            del self[slug]

    def update(self, *args, **kwargs):
        for slug, event in dict(*args, **kwargs).items():
            self[slug] = event

    def setdefault(self, slug, event=None):
        if slug not in self:
            self[slug] = event
        return self[slug]

    def __ior__(self, other):
        self.update(other)
        return self

    def candidates(self, stretch, context, published_on, far):
        """The events, in order, that may score best on ``stretch`` (a sentence, as ``EventLinker`` reads it)."""
        keys = [*(("word", w) for w in stretch.present), *(("pair", p) for p in stretch.pairs)]
        keys += [("city", w) for w in set(re.findall(r"\w+", stretch.text))]
        keys += [("host", host) for host in stretch.hosts]
        found = set(self._always)
        for group in {group for key in keys for group in self._groups_by_key.get(key, ())}:
            first = self._first_near(group, published_on, far)
            if first is not None:
                found.add(first)
        for date in stretch.inside:
            for n in range(min((date.end - date.start).days + 1, 366)):
                found.update(self._by_day.get(date.start + datetime.timedelta(days=n), ()))
        if context is not None and context.slug in self:
            found.add(context.slug)
        return [self[slug] for slug in sorted(found, key=self._order.__getitem__)]

    def _first_near(self, group, published_on, far):
        members = self._groups[group]
        day, scanned, first = self._nearest.get(group, (published_on, 0, None))
        if day != published_on:
            scanned, first = 0, None
        while first is None and scanned < len(members):
            if not far(self[members[scanned]], published_on):
                first = members[scanned]
            scanned += 1
        self._nearest[group] = (published_on, scanned, first)
        return first

    def _file(self, slug, event):
        city = re.match(r"\w+", fold(event.city))
        if (event.city and not city) or event.start_date != event.last_date:
            self._always.add(slug)
            return
        words, pairs = self._title_of(event)
        keys = {("word", w) for w in words} | {("pair", p) for p in pairs}
        if city:
            keys.add(("city", city.group(0)))
        if event.host:
            keys.add(("host", event.host))
        group = (event.title, event.city, event.host, event.kind == "ceasefire")
        for key in keys:
            self._groups_by_key[key].add(group)
        bisect.insort(self._groups[group], slug, key=self._order.__getitem__)
        self._group_of[slug] = group
        self._by_day[event.start_date].add(slug)

    def _forget(self, slug):
        event = dict.__getitem__(self, slug)
        self._always.discard(slug)
        self._by_day[event.start_date].discard(slug)
        group = self._group_of.pop(slug, None)
        if group is not None:
            self._groups[group].remove(slug)
            self._nearest.pop(group, None)
