"""Writes that span several records: a report that brings its attendance with it (the API and the admin),
reviewing reports in bulk, merging duplicate participants (the admin), and the extraction assistant's draft
reports (``ingest_article``, the API and the admin)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from events.extraction import Catalog, NewEvent, extract, proposed_marker
from events.models import Article, Attendance, AttendanceRole, Event, Participant, Report, ReviewState


def attendance_for(*, event, participant):
    """The attendance of ``participant`` at ``event``, created when missing (role host for the event's host)."""
    role = AttendanceRole.HOST if participant.pk == event.host_id else AttendanceRole.PARTICIPANT
    attendance, _ = Attendance.objects.get_or_create(event=event, participant=participant, defaults={"role": role})
    return attendance


@transaction.atomic
def create_report(*, attendance=None, event=None, participant=None, by=None, **fields):
    """Record a sourced status, creating the attendance from ``event`` and ``participant`` if needed.

    ``by`` is the user who writes it, noted as its reviewer when it is written verified or rejected.
    Raises ``ValidationError`` (and writes nothing) when the report breaks a rule.
    """
    if attendance is None:
        attendance = attendance_for(event=event, participant=participant)
    report = Report(attendance=attendance, **fields)
    report.full_clean()
    report.note_review(by=by)
    report.save()
    return report


@transaction.atomic
def review_reports(*, reports, review, by):
    """Set ``review`` on the ``reports`` (a queryset) that differ, noting ``by`` and the time; returns how many.

    Each report gets a new version and a historical row (``update_each``); the status rule, which
    signals run on saves, is applied here to every attendance concerned: a rejected report stops
    counting at once.
    """
    if review not in ReviewState.values:
        raise ValidationError({"review": f"“{review}” is not a review state."})
    changing = Report.objects.filter(pk__in=reports.values("pk")).exclude(review=review)
    attendances = set(changing.values_list("attendance_id", flat=True))
    now = timezone.now()
    reviewed = review != ReviewState.DRAFT
    count = changing.update_each(
        f"Reviewed: {review}.",
        review=review,
        reviewed_by=by if reviewed else None,
        reviewed_at=now if reviewed else None,
    )
    Attendance.objects.filter(pk__in=attendances).refresh_status()
    return count


# ------------------------------------------------------------------------------
# Merging duplicate participants
# ------------------------------------------------------------------------------
@dataclass
class ParticipantMerge:
    """What merging ``duplicates`` into ``keep`` moves: the admin's confirmation page shows it, the merge does it."""

    keep: Participant
    duplicates: list
    # The duplicates' attendances that become ``keep``'s, and those at an event where ``keep`` already
    # has one, as (attendance, the attendance that takes its reports) pairs.
    moved: list = field(default_factory=list)
    joined: list = field(default_factory=list)

    def __post_init__(self):
        kept_by_event = {attendance.event_id: attendance for attendance in self.keep.attendances.all()}
        attendances = (
            Attendance.objects.filter(participant__in=self.duplicates)
            .select_related("event", "participant")
            .annotate(report_count=Count("reports"))
            .order_by("pk")
        )
        for attendance in attendances:
            kept = kept_by_event.setdefault(attendance.event_id, attendance)
            if kept is attendance:
                self.moved.append(attendance)
            else:
                self.joined.append((attendance, kept))

    @property
    def reports(self) -> QuerySet:
        """The reports on the duplicates' attendances: they stay with them, or move onto ``keep``'s."""
        return Report.objects.filter(attendance__participant__in=self.duplicates)

    @property
    def statements(self) -> QuerySet:
        """The reports quoting a duplicate as the speaker."""
        return Report.objects.filter(speaker__in=self.duplicates).select_related(
            "attendance__event", "attendance__participant"
        )

    @property
    def hosted_events(self) -> QuerySet:
        return Event.objects.filter(host__in=self.duplicates)

    @property
    def affiliates(self) -> QuerySet:
        """The participants that belong to a duplicate (other than those merged)."""
        return Participant.objects.filter(affiliation__in=self.duplicates).exclude(
            pk__in=[self.keep.pk, *(duplicate.pk for duplicate in self.duplicates)]
        )

    @property
    def aliases(self):
        """``keep``'s aliases, then each duplicate's name and aliases, once each and never ``keep``'s name."""
        names = [*self.keep.aliases]
        for duplicate in self.duplicates:
            names += [duplicate.name, *duplicate.aliases]
        return [name for name in dict.fromkeys(name.strip() for name in names) if name and name != self.keep.name]


# What the history of every record a merge changes says.
MERGED = "Merged duplicate participants."


def merge_plan(*, keep, duplicates):
    """What ``merge_participants`` would do with these participants now."""
    duplicates = [duplicate for duplicate in duplicates if duplicate.pk != keep.pk]
    if not duplicates:
        raise ValidationError("Choose at least one participant to merge into the one kept.")
    return ParticipantMerge(keep=keep, duplicates=duplicates)


def join_attendance(attendance, *, into):
    """Move ``attendance``'s reports onto ``into`` (same event), keep its notes and role, and delete it."""
    attendance.reports.all().update_each(MERGED, attendance=into)
    notes = [into.notes.strip(), attendance.notes.strip()]
    if attendance.curated_status != into.curated_status or attendance.curated_status_date != into.curated_status_date:
        date = f" ({attendance.curated_status_date})" if attendance.curated_status_date else ""
        notes.append(f"Merged from {attendance.participant}: curated status {attendance.curated_status}{date}.")
    # ``into`` may take several attendances: keep it current in memory as well.
    into.notes = "\n\n".join(dict.fromkeys(note for note in notes if note))
    into.role = AttendanceRole.HOST if AttendanceRole.HOST in (into.role, attendance.role) else into.role
    Attendance.objects.filter(pk=into.pk).update_each(MERGED, notes=into.notes, role=into.role)
    attendance.delete()


@transaction.atomic
def merge_participants(*, keep, duplicates):
    """Merge ``duplicates`` into ``keep``, losing nothing, and delete them. Returns the ``ParticipantMerge`` done.

    Their attendances become ``keep``'s; where ``keep`` is already at the event, their reports move onto
    ``keep``'s attendance (notes kept, role host if either was host). Reports quoting them, events they
    host and participants that belong to them point to ``keep``; their names become ``keep``'s aliases
    and fill ``keep``'s empty fields. The statuses are then refreshed by the status rule. Raises
    ``ValidationError`` (and writes nothing) if the result would break a rule.
    """
    keep = Participant.objects.select_for_update().get(pk=keep.pk)
    plan = merge_plan(keep=keep, duplicates=list(Participant.objects.filter(pk__in=[d.pk for d in duplicates])))
    for attendance, kept in plan.joined:
        join_attendance(attendance, into=kept)
    Attendance.objects.filter(pk__in=[attendance.pk for attendance in plan.moved]).update_each(
        MERGED, participant=keep
    )
    plan.statements.update_each(MERGED, speaker=keep)
    plan.hosted_events.update_each(MERGED, host=keep)
    plan.affiliates.update_each(MERGED, affiliation=keep)
    # A host that takes part has role host.
    Attendance.objects.filter(participant=keep, event__host=keep).exclude(role=AttendanceRole.HOST).update_each(
        MERGED, role=AttendanceRole.HOST
    )

    keep.aliases = plan.aliases
    descriptions = [keep.description.strip(), *(duplicate.description.strip() for duplicate in plan.duplicates)]
    keep.description = "\n\n".join(dict.fromkeys(text for text in descriptions if text))
    merged_ids = {keep.pk, *(duplicate.pk for duplicate in plan.duplicates)}
    for duplicate in plan.duplicates:
        keep.country = keep.country or duplicate.country
        keep.wikidata_id = keep.wikidata_id or duplicate.wikidata_id
        if keep.affiliation_id in merged_ids or keep.affiliation_id is None:
            keep.affiliation_id = duplicate.affiliation_id if duplicate.affiliation_id not in merged_ids else None
    Participant.objects.filter(pk__in=[duplicate.pk for duplicate in plan.duplicates]).delete()
    keep.full_clean()
    keep.save()
    Attendance.objects.filter(participant=keep, pk__in=[kept.pk for _, kept in plan.joined]).refresh_status()
    return plan


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
