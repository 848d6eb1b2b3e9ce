"""Writes that span several records: a report that brings its attendance with it (used by the API), and the
extraction assistant's draft reports (used by ``ingest_article``, the API and the admin)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from events.extraction import Catalog, NewEvent, extract, proposed_marker
from events.models import Article, Attendance, AttendanceRole, Event, Participant, Report, ReviewState


def attendance_for(*, event, participant):
    """The attendance of ``participant`` at ``event``, created when missing (role host for the event's host)."""
    role = AttendanceRole.HOST if participant.pk == event.host_id else AttendanceRole.PARTICIPANT
    attendance, _ = Attendance.objects.get_or_create(event=event, participant=participant, defaults={"role": role})
    return attendance


@transaction.atomic
def create_report(*, attendance=None, event=None, participant=None, **fields):
    """Record a sourced status, creating the attendance from ``event`` and ``participant`` if needed.

    Raises ``ValidationError`` (and writes nothing) when the report breaks a rule.
    """
    if attendance is None:
        attendance = attendance_for(event=event, participant=participant)
    report = Report(attendance=attendance, **fields)
    report.full_clean()
    report.save()
    return report


# ------------------------------------------------------------------------------
# The extraction assistant
# ------------------------------------------------------------------------------
# What a user needs to let the extraction assistant write: it adds events, attendances and reports.
PROPOSE_PERMISSIONS = ("events.add_event", "events.add_attendance", "events.add_report")


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
    catalog = Catalog.from_database(around=article.published_on, exclude_proposed_by=article.pk)
    extraction = extract(article.body, published_on=article.published_on, catalog=catalog, publisher=article.publisher)
    outcome = ProposalOutcome(article=article, new_events=extraction.new_events, candidates=extraction.candidates)
    outcome.items = [ProposedReport(proposal) for proposal in extraction.proposals]
    if dry_run:
        return outcome
    participants = Participant.objects.in_bulk([p.participant.slug for p in extraction.proposals], field_name="slug")
    speakers = Participant.objects.in_bulk(
        [p.speaker.slug for p in extraction.proposals if p.speaker], field_name="slug"
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
                item.report = Report.objects.filter(
                    attendance=attendance, status=proposal.status, article=article, quote=proposal.quote
                ).first()
            if item.report is not None:
                continue
            with transaction.atomic():  # a report that breaks a rule leaves no attendance behind
                new_attendance = attendance is None
                if new_attendance:
                    attendance = attendance_for(event=event, participant=participant)
                item.report = create_report(
                    attendance=attendance,
                    status=proposal.status,
                    review=ReviewState.DRAFT,
                    reported_on=proposal.reported_on,
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
