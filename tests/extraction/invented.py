"""What the tests on invented sentences share: a catalog as it ships plus a few parties of their own, no event."""

import datetime

from events.extraction.catalog import Catalog
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend

PUBLISHED = datetime.date(2024, 2, 14)
TALKS = "Peace talks on the conflict open in Geneva on March 3. "


def extractor_with(own):
    """An extractor whose catalog is the gazetteer's and the parties ``own``."""
    return Extractor(Catalog(participants=extend(own)))


def proposals(extractor, text):
    """Every proposal of ``text`` after the sentence that names the talks, new parties' included."""
    result = extractor.extract(TALKS + text, PUBLISHED)
    return [*result.proposals, *result.new_party_proposals]


def linked(result):
    """(participant, status, the event's day) of each proposal about a known party."""
    return {(p.participant.slug, p.status, p.event.start_date) for p in result.proposals}


def found(extractor, text):
    """(participant, status) of each proposal of ``text`` after the sentence that names the talks."""
    return {(p.participant.slug, p.status) for p in proposals(extractor, text)}
