"""Reading invented wire sentences one at a time, after a lead that names the event: the helpers of
``test_wire_shapes.py`` and ``test_batch_shapes.py``."""

import datetime

from events.extraction.catalog import Catalog
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend

WRITTEN = datetime.date(2024, 5, 1)
LEAD = "Peace talks on Sudan will open in Jeddah on May 6, mediators said.\n\n"


def gazetteer_extractor():
    """An extractor whose only catalog is the gazetteer."""
    return Extractor(Catalog(participants=extend([])))


def said(extractor, sentence):
    """{(party's slug or new party's name, status)} that ``sentence`` itself gives, after the lead."""
    result = extractor.extract(LEAD + sentence, WRITTEN)
    known = {(p.participant.slug, p.status) for p in result.proposals if p.quote == sentence}
    return known | {(p.participant.name, p.status) for p in result.new_party_proposals if p.quote == sentence}


def events_of(extractor, text):
    """{(party's slug, status, event's city, its day)} of ``text`` alone, no lead."""
    result = extractor.extract(text, WRITTEN)
    return {(p.participant.slug, p.status, p.event.city, p.event.start_date) for p in result.proposals}
