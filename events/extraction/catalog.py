"""What the extractor knows before it reads: the participants and events, as plain records.

``events.services.proposals.database_catalog`` fills one from the database.
"""

import datetime
from dataclasses import dataclass, field

from events.rules.dates import last_day


def proposed_marker(article_id):
    """How the description of an event that the extractor proposed from an article begins."""
    return f"Proposed by the extraction assistant from article {article_id}."


def sentence_place(body, sentence):
    """Where in an article's ``body`` the sentence an event was proposed from starts, as its description says it, or
    None. The description gives no words of the statement: until a curator verifies a report, it is a draft, and
    the event may reach the public record by another way first."""
    at = body.find(sentence) if sentence else -1
    return f"Read from the sentence at character {at} of its text." if at >= 0 else None


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
