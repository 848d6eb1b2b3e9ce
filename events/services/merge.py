"""Merging duplicate participants into the one kept (the admin's merge action)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet

from events.models import Attendance, AttendanceRole, Event, Participant, ParticipantProposal, Report
from events.models.history import recorded_as


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
    """Move ``attendance``'s reports onto ``into`` (same event), keep its notes and role, and delete it.

    An attendance on the public record joined into one awaiting review (the extraction assistant's proposal)
    puts it on the record, with the curator's status and role in place of the proposal's, which no curator
    gave: the record a curator vouched for does not vanish from the public record, nor its status.
    """
    attendance.reports.all().update_each(MERGED, attendance=into)
    vouched = into.awaiting_review and not attendance.awaiting_review
    notes = [into.notes.strip(), attendance.notes.strip()]
    curated = {"curated_status": attendance.curated_status, "curated_status_date": attendance.curated_status_date}
    if vouched:
        into.awaiting_review = False
    elif not attendance.awaiting_review and curated != {name: getattr(into, name) for name in curated}:
        date = f" ({attendance.curated_status_date})" if attendance.curated_status_date else ""
        notes.append(f"Merged from {attendance.participant}: curated status {attendance.curated_status}{date}.")
    # ``into`` may take several attendances: keep it current in memory as well.
    into.notes = "\n\n".join(dict.fromkeys(note for note in notes if note))
    try:
        Attendance._meta.get_field("notes").run_validators(into.notes)
    except ValidationError as error:  # the joined notes are past their bound: the merge writes nothing
        raise ValidationError(f"The notes of {into} and of {attendance}, joined: {' '.join(error.messages)}") from None
    roles = (into.role, attendance.role)
    into.role = AttendanceRole.HOST if AttendanceRole.HOST in roles else attendance.role if vouched else into.role
    changes = {"notes": into.notes, "role": into.role}
    if vouched:
        changes.update(curated, awaiting_review=False)
        for name, value in curated.items():
            setattr(into, name, value)
    Attendance.objects.filter(pk=into.pk).update_each(MERGED, **changes)
    attendance.delete()


@transaction.atomic
def merge_participants(*, keep, duplicates):
    """Merge ``duplicates`` into ``keep``, losing nothing, and delete them. Returns the ``ParticipantMerge`` done.

    Their attendances become ``keep``'s; where ``keep`` is already at the event, their reports move onto
    ``keep``'s attendance (notes kept, role host if either was host). Reports quoting them, events they
    host, participants that belong to them and parties proposed as them point to ``keep``; their names
    become ``keep``'s aliases and fill ``keep``'s empty fields. The statuses are then refreshed by the
    status rule. Raises ``ValidationError`` (and writes nothing) if the result would break a rule.
    """
    # Every participant of the merge is locked, in the order of their ids: two merges of the same participants at
    # once (each keeping another) then take turns instead of deadlocking, and the later one sees the first's result.
    ids = [keep.pk, *(duplicate.pk for duplicate in duplicates)]
    locked = {p.pk: p for p in Participant.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    if keep.pk not in locked:
        raise ValidationError(f"{keep} was merged into another participant or deleted meanwhile: nothing was merged.")
    keep = locked[keep.pk]
    plan = merge_plan(keep=keep, duplicates=[locked[pk] for pk in ids[1:] if pk in locked])
    for attendance, kept in plan.joined:
        join_attendance(attendance, into=kept)
    Attendance.objects.filter(pk__in=[attendance.pk for attendance in plan.moved]).update_each(
        MERGED, participant=keep
    )
    # Their reports now read with ``keep``'s slug: each a write of its own, as a moved attendance's (tester 43, M2)
    Report.objects.filter(attendance__in=[attendance.pk for attendance in plan.moved]).update_each(MERGED)
    plan.statements.update_each(MERGED, speaker=keep)
    plan.hosted_events.update_each(MERGED, host=keep)
    plan.affiliates.update_each(MERGED, affiliation=keep)
    # Parties confirmed as (or merged into) a duplicate now name the participant kept.
    ParticipantProposal.objects.filter(participant__in=plan.duplicates).update(participant=keep)
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
    with recorded_as(MERGED):  # the duplicates' deletions say why, as the merge's other writes do (tester 43, L7)
        Participant.objects.filter(pk__in=[duplicate.pk for duplicate in plan.duplicates]).delete()
    # ``keep`` may have belonged to a duplicate: the deletion released it, a write of its own (events.models.signals)
    keep.version = Participant.objects.values_list("version", flat=True).get(pk=keep.pk)
    try:
        keep.full_clean()
    except ValidationError as error:  # named: the field, the participant kept, and for the aliases how many
        raise ValidationError(
            [
                f"{field}: {keep}"
                + (f" would have {len(keep.aliases)} aliases" if field == "aliases" else "")
                + f": {message}"
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from None
    keep.save()
    Attendance.objects.filter(participant=keep, pk__in=[kept.pk for _, kept in plan.joined]).refresh_status()
    return plan
