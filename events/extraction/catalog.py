"""What the extractor knows before it reads: the participants and events, as plain records."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q


def proposed_marker(article_id):
    """How the description of an event that the extractor proposed from an article begins."""
    return f"Proposed by the extraction assistant from article {article_id}."


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
        return self.end_date or self.start_date


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

    @classmethod
    def from_database(cls, *, around=None, exclude_proposed_by=None):
        """The catalog of the database; events this extractor proposed from ``exclude_proposed_by`` left out.

        Leaving them out keeps a second run over the same article linking as the first did. With ``around`` (a
        publication date), only the events within ``NEAR_DAYS`` of it, the only ones a statement may be linked to.
        """
        from events.extraction.linking import NEAR_DAYS
        from events.models import Event, Participant

        participants = [
            KnownParticipant(
                slug=p.slug,
                name=p.name,
                kind=p.kind,
                country=str(p.country or ""),
                aliases=tuple(p.aliases or ()),
                affiliation=p.affiliation.slug if p.affiliation_id else None,
            )
            for p in Participant.objects.select_related("affiliation").order_by("pk")
        ]
        events = Event.objects.select_related("host").order_by("pk")
        if around is not None:
            reach = datetime.timedelta(days=NEAR_DAYS)
            events = events.filter(start_date__lte=around + reach).filter(
                Q(end_date__gte=around - reach) | Q(end_date__isnull=True, start_date__gte=around - reach)
            )
        if exclude_proposed_by is not None:
            events = events.exclude(description__startswith=proposed_marker(exclude_proposed_by))
        known = [
            KnownEvent(
                slug=e.slug,
                title=e.title,
                kind=e.kind,
                start_date=e.start_date,
                end_date=e.end_date,
                city=e.city,
                country=str(e.country or ""),
                host=e.host.slug if e.host_id else None,
            )
            for e in events
        ]
        return cls(participants=participants, events=known)
