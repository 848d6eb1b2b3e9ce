"""The extraction assistant's proposals, written as draft reports (``ingest_article``, the API and the admin).

The extractor (``events.extraction``) reads plain text against a plain catalog; this module builds that
catalog from the database and writes what comes back.
"""

import collections
import dataclasses
import datetime
import functools
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q

from events import extraction
from events.extraction import Catalog, KnownEvent, KnownParticipant, NewEvent, proposed_marker, sentence_place, startup
from events.extraction.gazetteer import extend
from events.extraction.linking import NEAR_DAYS
from events.extraction.text import fold
from events.models import Article, Event, Participant, Report
from events.rules import places
from events.rules.dates import overlap
from events.services.clashes import once_more_after_a_clash
from events.services.drafts import NOT_A_PROPOSER, PROPOSE_PERMISSIONS, event_for, write_draft
from events.services.new_parties import record_parties
from events.services.write_lock import write_transaction

__all__ = [
    "NOT_A_PROPOSER",
    "NO_TEXT",
    "PROPOSE_PERMISSIONS",
    "ProposalOutcome",
    "ProposedReport",
    "database_catalog",
    "has_text",
    "propose_reports",
]

# Every entry point's answer to an article with nothing to read (the API's 400 on ``body``).
NO_TEXT = "The article has no text to read."
# How many days apart an article's own event and a new event of a later run over it may lie and be one.
SAME_EVENT_DAYS = 31


@dataclass
class ProposedReport:
    """One proposal and what became of it: a new draft report, one that was already there, or an error."""

    proposal: object
    report: Report | None = None
    created: bool = False
    error: str = ""


@dataclass
class ProposalOutcome:
    """What ``propose_reports`` proposed and what it wrote."""

    article: Article
    items: list = field(default_factory=list)
    new_events: list = field(default_factory=list)
    new_party_proposals: list = field(default_factory=list)  # about parties the database lacks
    candidates: list = field(default_factory=list)
    created_events: list = field(default_factory=list)
    created_attendances: list = field(default_factory=list)
    # The parties proposed for the names no participant has (``ParticipantProposal``), new or already there
    # (a dry run's new ones unsaved).
    parties: list = field(default_factory=list)

    @property
    def created_reports(self):
        return [item.report for item in self.items if item.created]


# The code of the refusal of a run that ran out of time (the admin's action tells it apart).
OUT_OF_TIME = "out_of_time"


# The refusal of a run whose article changed while it was read: its quotes are of the text it read.
TEXT_CHANGED = (
    "The article's text changed while the extraction assistant read it: nothing was written. Propose reports again "
    "to read the text as it is now."
)


def _write(article, dry_run, deadline, catalog, extracted):
    with write_transaction(deadline):
        if not dry_run:
            # The article as stored, locked until the drafts are written: a text changed since it was read would
            # leave drafts quoting words it no longer holds, and every later save of the article refused.
            stored = Article.objects.select_for_update().filter(pk=article.pk).values_list("body", flat=True).first()
            if stored is not None and stored != article.body:
                raise ValidationError({"body": TEXT_CHANGED})
        return _propose(article, dry_run, deadline, catalog, extracted)


def propose_reports(*, article, dry_run=False, seconds=None):
    """Run the extraction assistant on ``article`` and write its proposals as ``draft`` reports.

    Creates the events it proposes and the attendances its reports need; a report that
    is already there (same attendance, status, article and quote, whatever its review)
    is left as it is, so a second run writes nothing. Verified and rejected reports are
    never changed. The names no participant has become proposed parties
    (``events.services.new_parties.record_parties``), with the reports they would give kept aside.
    ``dry_run`` writes nothing at all, but proposes as a run would: the same reports (``items``, of the
    database's participants only) and the same parties (``parties``, the new ones unsaved). With
    ``seconds``, a run not done in that time (reading and writing) is refused with a ``ValidationError``
    on ``body`` and writes nothing: a request ends in time, its wait for the write lock included.

    The reading, the slow part, runs outside any transaction, so no write lock is held meanwhile (on SQLite
    every other write would wait for it); the writes then run in one short transaction, which looks again at
    what the database holds (an event created meanwhile is an existing event, a report there already is left).
    Two runs at once on PostgreSQL can both find an event missing and both create it: the second, refused by the
    unique slug, writes again, and finds the first one's event (``once_more_after_a_clash``).
    """
    check_readable(article)
    started()  # the assistant's one-off start-up, not charged to the article's time
    deadline = extraction.deadline_in(seconds)
    try:
        catalog, extracted = _read(article, deadline)
        extraction.check_time(deadline)
        return once_more_after_a_clash(_write, article, dry_run, deadline, catalog, extracted)
    except extraction.OutOfTime as error:
        message = (
            f"The extraction assistant could not read this article and write its proposals within {seconds:.0f} "
            "seconds, as long as one request may take: split the text into shorter articles, or run "
            "manage.py ingest_article."
        )
        raise ValidationError({"body": ValidationError(message, code=OUT_OF_TIME)}) from error


@functools.cache
def started():
    """Load what the extraction assistant loads once a process (spaCy's pipeline, its vocabulary, the gazetteers),
    and the places table its new events' coordinates are looked up in. Before a run's deadline starts: four curators
    proposing at once in a process just started each spent most of the 20 s on it, and were told to split a
    three-sentence article. gunicorn's master calls it before it forks the workers (``gunicorn.conf.py``), so that
    no request pays it; it reads no database."""
    startup.load()
    places.country_names()
    places.cities_by_country()


def _read(article, deadline):
    """The catalog and what the reader finds in the article against it: reads only, in autocommit."""
    catalog = database_catalog(around=article.published_on, exclude_proposed_by=article.pk)
    # extraction.extract loads spaCy on first use: only the processes that extract pay for it.
    extracted = extraction.extract(
        article.body,
        published_on=article.published_on,
        catalog=catalog,
        publisher=article.publisher,
        deadline=deadline,
    )
    return catalog, extracted


def _propose(article, dry_run, deadline, catalog, extracted):
    # In the write transaction: the events stored since the catalog was read count as stored.
    extracted = with_stored_events(extracted, article)
    outcome = ProposalOutcome(article=article, new_events=extracted.new_events, candidates=extracted.candidates)
    participants = Participant.objects.in_bulk([p.participant.slug for p in extracted.proposals], field_name="slug")
    # A party the gazetteer knows but the database lacks is a new party for the curator, not a report yet;
    # a dry run splits them the same way, so that it shows what a run would write.
    outcome.new_party_proposals = [p for p in extracted.proposals if p.participant.slug not in participants]
    outcome.candidates = sorted({*outcome.candidates, *(p.participant.name for p in outcome.new_party_proposals)})
    outcome.items = [ProposedReport(p) for p in extracted.proposals if p.participant.slug in participants]
    # A new event is written for a report (events are created below, by the items): one only new parties' statements
    # name is not, so it is not announced either.
    reported = {item.proposal.event.slug for item in outcome.items}
    outcome.new_events = [event for event in outcome.new_events if event.slug in reported]
    # The names it could not match become parties for a curator to confirm, merge or dismiss. A reader that
    # reads new parties itself gives its proposals about them; for another, they are read again.
    parties = {
        "article": article,
        "candidates": extracted.candidates,
        "catalog": catalog,
        # the reader's proposals about names the catalog lacks, and about gazetteer parties the database lacks
        "proposals": [*extracted.new_party_proposals, *outcome.new_party_proposals],
    }
    if dry_run:
        outcome.parties = record_parties(**parties, dry_run=True)
        return outcome
    speakers = Participant.objects.in_bulk(
        [p.speaker.slug for p in extracted.proposals if p.speaker], field_name="slug"
    )
    events, linked = {}, collections.defaultdict(set)
    for item in outcome.items:  # the events each statement is linked to in this run
        proposal = item.proposal
        linked[(proposal.participant.slug, proposal.status, proposal.quote)].add(proposal.event.slug)
    for item in outcome.items:
        extraction.check_time(deadline)
        proposal = item.proposal
        try:
            event = events.get(proposal.event.slug)
            if event is None:
                event, created = event_for(proposal.event, article)
                events[proposal.event.slug] = event
                if created:
                    outcome.created_events.append(event)
            draft = write_draft(
                article=article,
                event=event,
                participant=participants[proposal.participant.slug],
                status=proposal.status,
                quote=proposal.quote,
                reported_on=proposal.reported_on,
                # A reader that tells the day a status held and a host's or mediator's role gives them.
                status_on=getattr(proposal, "status_on", None),
                role=getattr(proposal, "role", "") or None,
                speaker=speakers.get(proposal.speaker.slug) if proposal.speaker else None,
                via=proposal.via,
                linked_too=linked[(proposal.participant.slug, proposal.status, proposal.quote)],
            )
            item.report, item.created = draft.report, draft.created
            if draft.attendance is not None:
                outcome.created_attendances.append(draft.attendance)
        except ValidationError as error:
            item.report = None
            item.error = "; ".join(error.messages)
        except Event.DoesNotExist:  # deleted while the article was read
            item.report = None
            item.error = f"The event {proposal.event.slug} is no longer there."
    outcome.parties = record_parties(**parties)
    return outcome


def has_text(body):
    """Whether an article's text gives the extraction assistant something to read: not empty, not only spaces."""
    return bool(body) and not body.isspace()


def with_stored_events(extracted, article):
    """``extracted`` with each new event the database already holds given as that event (a ``KnownEvent``).

    A new event is held when an event has its slug, or else when it is one of ``article``'s own
    (``earlier_event``): a second run over an article reads with another catalog when events were added
    near its date since (an empty catalog lets the reader take the article's first event named with a place
    as its own; any known event stops that), so it may name or date the first run's event otherwise. The
    held events are the stored ones, not new ones, in the proposals, ``new_events`` and the statements kept
    for proposed parties alike.
    """
    new = {event.slug: event for event in extracted.new_events}
    stored = {event.slug: known_event(event) for event in Event.objects.filter(slug__in=new).select_related("host")}
    if len(stored) < len(new):
        own = article_events(article)
        for slug, event in new.items():
            found = None if slug in stored else earlier_event(event, own, article)
            if found is not None:
                stored[slug] = known_event(found)
    if not stored:
        return extracted

    def settled(proposals):
        return [
            dataclasses.replace(p, event=stored[p.event.slug])
            if isinstance(p.event, NewEvent) and p.event.slug in stored
            else p
            for p in proposals
        ]

    return dataclasses.replace(
        extracted,
        proposals=settled(extracted.proposals),
        new_party_proposals=settled(extracted.new_party_proposals),
        new_events=[event for event in extracted.new_events if event.slug not in stored],
    )


def article_events(article):
    """The events an earlier run over ``article`` proposed, or wrote its reports to: in the order created."""
    mine = Q(provenance__startswith=proposed_marker(article.pk)) | Q(attendances__reports__article=article)
    return list(Event.objects.filter(mine).distinct().select_related("host").order_by("pk"))


def earlier_event(proposed, events, article):
    """The event of ``events`` (an article's own) that new event ``proposed`` is, or None.

    One of the same kind and city (compared folded) that was proposed from the same sentence, or whose days
    lie within ``SAME_EVENT_DAYS`` of the proposed date; of several, the nearest in date, then the first
    created. The same words may be dated otherwise by another reading ("later this month": its first day,
    or the publication day), but a meeting in the same city more than a month apart is another meeting.
    """
    said = sentence_place(article.body, proposed.sentence)

    def distance(event):
        last = event.end_date or event.start_date
        if event.start_date <= proposed.start_date <= last:
            return 0
        return min(abs((event.start_date - proposed.start_date).days), abs((last - proposed.start_date).days))

    alike = [
        event
        for event in events
        if event.kind == proposed.kind
        and fold(event.city) == fold(proposed.city)
        and (distance(event) <= SAME_EVENT_DAYS or (said is not None and said in event.provenance))
    ]
    return min(alike, key=distance, default=None)


def check_readable(article):
    """Raises ``ValidationError`` on ``body`` if the article has no text to read (``NO_TEXT``), or a text
    longer than an article may hold.

    The body limit (``Article.body``'s validators) bounds the time extraction takes; a text stored before it,
    or past it by a raw write, is refused here for every entry point instead of being read.
    """
    if not has_text(article.body):
        raise ValidationError({"body": [NO_TEXT]})
    try:
        Article._meta.get_field("body").run_validators(article.body)
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from error


def database_catalog(*, around=None, exclude_proposed_by=None):
    """The extractor's catalog of the database; events it proposed from article ``exclude_proposed_by`` left out.

    Leaving them out keeps a second run over the same article linking as the first did, as long as no event
    near its date was added since (``with_stored_events`` finds the first run's events then). With ``around`` (a
    publication date), only the events within ``NEAR_DAYS`` of it, the only ones a statement may be linked to.
    """
    participants = extend(
        KnownParticipant(
            slug=p.slug,
            name=p.name,
            kind=p.kind,
            country=str(p.country or ""),
            aliases=tuple(p.aliases or ()),
            affiliation=p.affiliation.slug if p.affiliation_id else None,
        )
        for p in Participant.objects.select_related("affiliation").order_by("pk")
    )
    events = Event.objects.select_related("host").order_by("pk")
    if around is not None:
        reach = datetime.timedelta(days=NEAR_DAYS)
        events = events.filter(overlap(after=around - reach, before=around + reach))
    if exclude_proposed_by is not None:
        events = events.exclude(provenance__startswith=proposed_marker(exclude_proposed_by))
    return Catalog(participants=participants, events=[known_event(e) for e in events])


def known_event(event):
    """A database event as the extractor knows it."""
    return KnownEvent(
        slug=event.slug,
        title=event.title,
        kind=event.kind,
        start_date=event.start_date,
        end_date=event.end_date,
        city=event.city,
        country=str(event.country or ""),
        host=event.host.slug if event.host_id else None,
    )
