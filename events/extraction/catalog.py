"""What the extractor knows before it reads: the participants and events, as plain records.

``events.services.proposals.database_catalog`` fills one from the database.
"""

import datetime
import re
from dataclasses import dataclass, field

from events.rules.dates import last_day

MARKER = "Proposed by the extraction assistant from article {}."
PLACE = "Read from the sentence at character {} of its text."
# The note ``proposed_marker`` and ``sentence_place`` write, as it opens a description.
NOTE = re.compile(
    "|".join([re.escape(MARKER).replace(r"\{\}", "[0-9]+"), re.escape(PLACE).replace(r"\{\}", "-?[0-9]+")]) + r"|\s+"
)


def proposed_marker(article_id):
    """How the description of an event that the extractor proposed from an article begins."""
    return MARKER.format(article_id)


def without_note(description):
    """An event's description without the note the extractor opens it with, for the public page: the record's
    provenance, for curators, not words about the event (tester 42, F8)."""
    at = 0
    while (found := NOTE.match(description, at)) is not None and found.end() > at:
        at = found.end()
    return description[at:] if description[:at].strip() else description


def sentence_place(body, sentence):
    """Where in an article's ``body`` the sentence an event was proposed from starts, as its description says it, or
    None. The description gives no words of the statement: until a curator verifies a report, it is a draft, and
    the event may reach the public record by another way first."""
    at = body.find(sentence) if sentence else -1
    return PLACE.format(at) if at >= 0 else None


@dataclass(frozen=True)
class KnownParticipant:
    slug: str
    name: str
    kind: str = "other"
    country: str = ""
    aliases: tuple = ()
    affiliation: str | None = None

    @property
    def names(self):
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class KnownEvent:
    slug: str
    title: str
    kind: str
    start_date: datetime.date
    end_date: datetime.date | None = None
    city: str = ""
    country: str = ""
    host: str | None = None

    @property
    def last_date(self):
        return last_day(self.start_date, self.end_date)


@dataclass
class Catalog:
    """The participants and events that statements are linked to."""

    participants: list = field(default_factory=list)
    events: list = field(default_factory=list)

    def __post_init__(self):
        self.by_slug = {p.slug: p for p in self.participants}

    def side_of(self, participant):
        """The body a participant speaks for: the top of its affiliation chain ("we" of a spokesman)."""
        seen = {participant.slug}
        while participant.affiliation and participant.affiliation in self.by_slug:
            parent = self.by_slug[participant.affiliation]
            if parent.slug in seen:
                break
            seen.add(parent.slug)
            participant = parent
        return participant
