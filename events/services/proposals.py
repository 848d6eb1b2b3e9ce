"""The extraction assistant's proposals, written as draft reports (``ingest_article``, the API and the admin).

The extractor (``events.extraction``) reads plain text against a plain catalog; this module builds that
catalog from the database and writes what comes back.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from events import extraction
from events.extraction import Catalog, KnownEvent, KnownParticipant, NewEvent, proposed_marker
from events.extraction.gazetteer import extend
from events.extraction.linking import NEAR_DAYS
from events.models import Article, Attendance, Event, Participant, Report, ReviewState
from events.rules.dates import overlap
from events.services.reports import ADD_ATTENDANCE_PERMISSION, attendance_for, create_report

# What a user needs to let the extraction assistant write: it adds events, attendances and reports.
PROPOSE_PERMISSIONS = ("events.add_event", ADD_ATTENDANCE_PERMISSION, "events.add_report")


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

    @property
    def created_reports(self):
        return [item.report for item in self.items if item.created]


@transaction.atomic
def propose_reports(*, article, dry_run=False):
    """Run the extraction assistant on ``article`` and write its proposals as ``draft`` reports.

    Creates the events it proposes and the attendances its reports need; a report that
    is already there (same attendance, status, article and quote, whatever its review)
    is left as it is, so a second run writes nothing. Verified and rejected reports are
    never changed. ``dry_run`` writes nothing at all.
    """
    catalog = database_catalog(around=article.published_on, exclude_proposed_by=article.pk)
    # extraction.extract loads spaCy on first use: only the processes that extract pay for it.
    extracted = extraction.extract(
        article.body, published_on=article.published_on, catalog=catalog, publisher=article.publisher
    )
    outcome = ProposalOutcome(article=article, new_events=extracted.new_events, candidates=extracted.candidates)
    outcome.items = [ProposedReport(proposal) for proposal in extracted.proposals]
    if dry_run:
        return outcome
    participants = Participant.objects.in_bulk([p.participant.slug for p in extracted.proposals], field_name="slug")
    # A party the gazetteer knows but the database lacks is a new party for the curator, not a report yet.
    outcome.new_party_proposals = [p for p in extracted.proposals if p.participant.slug not in participants]
    outcome.candidates = sorted({*outcome.candidates, *(p.participant.name for p in outcome.new_party_proposals)})
    outcome.items = [item for item in outcome.items if item.proposal.participant.slug in participants]
    speakers = Participant.objects.in_bulk(
        [p.speaker.slug for p in extracted.proposals if p.speaker], field_name="slug"
    )
    events = {}
    for item in outcome.items:
        proposal = item.proposal
        try:
            event = events.get(proposal.event.slug)
            if event is None:
                event = events[proposal.event.slug] = _event_for(proposal.event, article, outcome)
            participant = participants[proposal.participant.slug]
            attendance = Attendance.objects.filter(event=event, participant=participant).first()
            if attendance is not None:
                # A proposal that repeats a report (as the repeated-report rule compares them) is that report.
                proposed = Report(attendance=attendance, status=proposal.status, article=article, quote=proposal.quote)
                repeated = proposed.repeated_report()
                item.report = None if repeated is None else Report.objects.get(uid=repeated)
            if item.report is not None:
                continue
            with transaction.atomic():  # a report that breaks a rule leaves no attendance behind
                new_attendance = attendance is None
                if new_attendance:
                    attendance = attendance_for(event=event, participant=participant, role=proposal.role or None)
                item.report = create_report(
                    attendance=attendance,
                    status=proposal.status,
                    review=ReviewState.DRAFT,
                    reported_on=proposal.reported_on,
                    status_on=proposal.status_on,
                    article=article,
                    quote=proposal.quote,
                    speaker=speakers.get(proposal.speaker.slug) if proposal.speaker else None,
                    via=proposal.via[:200],
                )
            item.created = True
            if new_attendance:
                outcome.created_attendances.append(attendance)
        except ValidationError as error:
            item.report = None
            item.error = "; ".join(error.messages)
    return outcome


def _event_for(proposed, article, outcome):
    """The database event of a proposal: a known one, or the new one it proposes (created once)."""
    if not isinstance(proposed, NewEvent):
        return Event.objects.get(slug=proposed.slug)
    event = Event.objects.filter(slug=proposed.slug).first()
    if event is None:
        event = Event(
            slug=proposed.slug,
            title=proposed.title,
            kind=proposed.kind,
            status=proposed.status,
            start_date=proposed.start_date,
            city=proposed.city,
            country=proposed.country,
            description=(
                f"{proposed_marker(article.pk)} From: “{proposed.sentence}” Check it before verifying its reports."
            ),
        )
        with transaction.atomic():
            event.full_clean()
            event.save()
        outcome.created_events.append(event)
    return event


def database_catalog(*, around=None, exclude_proposed_by=None):
    """The extractor's catalog of the database; events it proposed from article ``exclude_proposed_by`` left out.

    Leaving them out keeps a second run over the same article linking as the first did. With ``around`` (a
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
    return Catalog(participants=participants, events=known)
