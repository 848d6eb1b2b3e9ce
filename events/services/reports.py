"""Writes of reports: a report that brings its attendance with it, and reviews in bulk.

The API and the admin both call these, so the same rules and permissions hold for both.
"""

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models.signals import post_delete
from django.utils import timezone

from events.models import Attendance, AttendanceRole, RecordChanged, Report, ReviewState
from events.models.review import may_review
from events.rules.quotes import normalize

# Writing a report by event and participant creates the attendance when it is missing.
ADD_ATTENDANCE_PERMISSION = "events.add_attendance"


def may_add_attendance(user):
    """Whether ``user`` may have a report create its attendance (the API and the admin ask the same)."""
    return user.has_perm(ADD_ATTENDANCE_PERMISSION)


def attendance_for(*, event, participant, role=None, review=ReviewState.VERIFIED, carried=None):
    """The attendance of ``participant`` at ``event``, created when missing (role host for the event's host,
    else ``role`` when given: the extraction assistant's "hosted by", "mediated by") for a report in ``review``.

    A new one created for a report that no curator vouches for (not ``verified``) is ``awaiting_review``: off
    the public record until a report of it is verified (``events.models.review``). Every entry point that
    writes a report by event and participant comes here: the API, the admin, the extraction assistant.
    ``carried``: the fields a new one takes from the attendance whose place it takes (``create_report``).
    """
    if participant.pk == event.host_id:
        role = AttendanceRole.HOST
    role = role or AttendanceRole.PARTICIPANT
    awaiting = review != ReviewState.VERIFIED
    attendance, _ = Attendance.objects.get_or_create(
        event=event, participant=participant, defaults={"role": role, "awaiting_review": awaiting, **(carried or {})}
    )
    return attendance


def take_over_proposal(*, event, participant):
    """The attendance awaiting review of ``participant`` at ``event``, which a new attendance there replaces, or
    ``None``.

    For a writer who may not see it (``events.api.audience``), who posts a new attendance there: a refusal
    ("already has an attendance") would tell that writer it exists (``events.models.review``). So the writer's
    attendance is saved in its place, as a new record (its own id, version 1, its own history: nothing of the
    hidden one shows in the answer), and takes its draft reports, still drafts
    (``save_in_place_of_proposal``).
    """
    return Attendance.objects.filter(event=event, participant=participant, awaiting_review=True).first()


def proposal_in_the_way(*, attendance, event, participant):
    """The attendance awaiting review of ``participant`` at ``event`` other than ``attendance``, or ``None``.

    For a writer who may not see it, who moves ``attendance`` there: a refusal ("already has an attendance")
    would tell that writer it exists, where a move to a pair with no attendance is taken. So the move is taken
    too, and ``attendance`` takes that one's place (``take_place_of_proposal``).
    """
    if event is None or participant is None:
        return None
    found = Attendance.objects.filter(event=event, participant=participant, awaiting_review=True)
    return found.exclude(pk=attendance.pk).first()


# The history of a report moved onto the attendance (moved there or new) that took the place of its own.
TAKEN_OVER = "Its attendance, awaiting review, gave its place to another."


@transaction.atomic
def take_place_of_proposal(*, attendance, proposal):
    """Make way for ``attendance`` at the place of ``proposal``, an attendance awaiting review: its reports
    (none verified, or it would be on the record) become ``attendance``'s, still unreviewed, so they change no
    status and await a curator as before; one that repeats a report of ``attendance`` (the same status, article
    and quote, ``Report.repeated_report``) says nothing more and is deleted; then ``proposal`` is deleted, and
    the attendance stays unique at its event. Neither the deletions nor the moved reports show to a reader who
    may not see drafts (``events.models.changes``)."""
    # Every report of each, whatever its review: not what a reader's prefetch of them holds.
    kept = {(r.status, r.article_id, normalize(r.quote)) for r in Report.objects.filter(attendance=attendance)}
    reports = list(Report.objects.filter(attendance=proposal))
    repeats = [r.pk for r in reports if (r.status, r.article_id, normalize(r.quote)) in kept]
    Report.objects.filter(pk__in=repeats).delete()
    Report.objects.filter(attendance=proposal).update_each(TAKEN_OVER, attendance=attendance)
    proposal.delete()


@transaction.atomic
def save_in_place_of_proposal(*, proposal, save, moved=None):
    """``save()`` an attendance at the event and participant of ``proposal``, an attendance awaiting review that
    gives its place, and return what ``save()`` returns (the attendance saved). For ``moved``, an attendance
    moved there, as ``take_place_of_proposal``; for a new one, as ``make_way`` then ``hand_over``."""
    if moved is not None:
        take_place_of_proposal(attendance=moved, proposal=proposal)
        return save()
    reports = make_way(proposal)
    saved = save()
    hand_over(reports, saved)
    return saved


def make_way(proposal):
    """Delete ``proposal``, an attendance awaiting review, for a new attendance at its event and participant (the
    pair is unique), and return the ids of its reports, which ``hand_over`` gives to the new one; both within one
    transaction. Only its own row goes, with its history's "-" as a ``delete()`` writes it: foreign keys are
    checked at commit on both databases, by when its reports are the new attendance's."""
    using = router.db_for_write(Attendance)
    reports = list(Report.objects.using(using).filter(attendance=proposal).values_list("pk", flat=True))
    proposal.claim_version(using)
    Attendance._base_manager.using(using).filter(pk=proposal.pk)._raw_delete(using)
    post_delete.send(sender=Attendance, instance=proposal, using=using, origin=proposal)
    return reports


def hand_over(reports, attendance):
    """Make the reports of ids ``reports`` (``make_way``'s) ``attendance``'s, each with a historical row."""
    Report.objects.filter(pk__in=reports).update_each(TAKEN_OVER, attendance=attendance)


@transaction.atomic
def create_report(*, attendance=None, event=None, participant=None, by=None, in_place_of=None, **fields):
    """Record a sourced status, creating the attendance from ``event`` and ``participant`` if needed.

    ``by`` is the user who writes it, noted as its reviewer when it is written verified or rejected.
    ``in_place_of``: the attendance awaiting review of ``participant`` at ``event``, which a writer who may not see
    it (``take_over_proposal``) writes a report to. The report's attendance is made as on a pair with none (its own
    id, version 1, its own history: its id in the answer tells nothing of the hidden one) and takes the hidden
    one's place, its role (the assistant's "hosted by", "mediated by") and its reports, still drafts (``make_way``,
    ``hand_over``), as a new attendance does there (``save_in_place_of_proposal``).
    Raises ``ValidationError`` (and writes nothing) when the report breaks a rule.
    """
    if attendance is None:
        review = fields.get("review", ReviewState.VERIFIED)
        carried, reports = made_way(in_place_of, event, participant, fields) if in_place_of else ({}, [])
        role = carried.pop("role", None)
        attendance = attendance_for(event=event, participant=participant, role=role, review=review, carried=carried)
        hand_over(reports, attendance)
    report = Report(attendance=attendance, **fields)
    if by is not None:  # its refusals name only what the writer may see: a repeated draft is "another report"
        report.writer_sees_drafts = may_review(by)
    report.full_clean()
    report.note_review(by=by)
    report.save()
    return report


# What a report's new attendance keeps of the hidden one whose place it takes: what the assistant read and the
# curators' work on it (the writer gives no attendance fields).
CARRIED = ("role", "notes", "curated_status", "curated_status_date")


def made_way(proposal, event, participant, fields):
    """``(fields, report ids)`` of ``proposal``, an attendance awaiting review that a writer who may not see it
    writes the report ``fields`` to, once it has made way (``make_way``). Its drafts that the report repeats say
    nothing more and are deleted, as ``take_place_of_proposal`` deletes them: a refusal ("repeats another report")
    would tell the writer they exist (a rejected report stays, and is refused as on any attendance). Changed or gone
    meanwhile (another writer, a curator), it is read again: the writer is never told of it by a 409 either; on the
    record by then, it is the report's attendance."""
    said = (fields.get("status"), getattr(fields.get("article"), "pk", None), normalize(fields.get("quote") or ""))
    for _ in range(3):
        try:
            with transaction.atomic():
                drafts = Report.objects.filter(attendance=proposal, review=ReviewState.DRAFT)  # a curator's stay
                repeats = [r.pk for r in drafts if (r.status, r.article_id, normalize(r.quote)) == said]
                Report.objects.filter(pk__in=repeats).delete()
                return {name: getattr(proposal, name) for name in CARRIED}, make_way(proposal)
        except RecordChanged:
            proposal = take_over_proposal(event=event, participant=participant)
            if proposal is None:
                return {}, []
    raise RecordChanged(proposal, proposal.version)


@transaction.atomic
def review_reports(*, reports, review, by):
    """Set ``review`` on the ``reports`` (a queryset) that differ, noting ``by`` and the time; returns how many.

    Each report gets a new version and a historical row (``update_each``), which bypasses
    ``Report.save()``; so the status rule is applied here to every attendance concerned: a
    rejected report stops counting at once.
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
