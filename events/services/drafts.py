"""One draft report from one statement the extraction assistant read: its event, attendance and report.

``propose_reports`` writes the statements about known participants with it; confirming or merging a
proposed party (``events.services.parties``) writes that party's statements the same way.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from events.extraction import NewEvent, proposed_marker, sentence_place
from events.models import Attendance, AttendanceRole, Event, RecordChanged, Report, ReviewState
from events.models.review import REVIEW_PERMISSION
from events.services.reports import ADD_ATTENDANCE_PERMISSION, attendance_for, create_report

# What a user needs to let the extraction assistant write: it adds events, attendances and reports, and what it
# answers (new events, draft reports, new parties: all awaiting review) is for curators only (events.models.review).
PROPOSE_PERMISSIONS = ("events.add_event", ADD_ATTENDANCE_PERMISSION, "events.add_report", REVIEW_PERMISSION)
NOT_A_PROPOSER = (
    "Proposing reports is for curators: it needs the permissions to add events, attendances and reports, and to "
    "change reports (the curators group)."
)


@dataclass
class Draft:
    """What writing one statement did: the report (new or already there) and the records it created."""

    report: Report
    created: bool = False
    attendance: Attendance | None = None  # when created for it
    event: Event | None = None  # when created for it


def event_for(proposed, article):
    """The database event of a statement: a known one, or the new one it proposes, created once, awaiting
    review (``events.models.review``).

    Returns ``(event, created)``.
    """
    if not isinstance(proposed, NewEvent):
        return Event.objects.get(slug=proposed.slug), False
    event = Event.objects.filter(slug=proposed.slug).first()
    if event is not None:
        return event, False
    event = Event(
        slug=proposed.slug,
        title=proposed.title,
        kind=proposed.kind,
        status=proposed.status,
        awaiting_review=True,
        start_date=proposed.start_date,
        city=proposed.city,
        country=proposed.country,
        provenance=" ".join(
            filter(None, [proposed_marker(article.pk), sentence_place(article.body, proposed.sentence)])
        ),
    )
    with transaction.atomic():
        event.full_clean()
        event.save()
    return event, True


def write_draft(
    *,
    article,
    event,
    participant,
    status,
    quote,
    reported_on,
    status_on=None,
    role=None,
    speaker=None,
    via="",
    linked_too=(),
):
    """A ``draft`` report of ``participant`` at ``event``, with the attendance it needs.

    A new attendance takes ``role`` (a host or a mediator the statement names) unless the participant hosts
    the event. A host the statement names becomes the ``host`` of an event still awaiting review that has none
    (an event the assistant proposed: what it proposes, a curator vouches for with the reports).

    A statement that repeats a report (as the repeated-report rule compares them, whatever its review) is that
    report, left as it is; so is one of the same statement (participant, status, article and quote) filed under
    another event and not rejected: a second run that links the statement otherwise (an event added near the
    article's date since) does not tell it twice (tester 42, F1). ``linked_too``: the slugs of the events this run
    links the same statement to as well ("will attend the summit in A and the talks in B"), whose reports are no
    earlier telling. Raises ``ValidationError`` (leaving no attendance behind) when the report breaks a rule.
    """
    attendance = Attendance.objects.filter(event=event, participant=participant).first()
    if attendance is not None:
        proposed = Report(attendance=attendance, status=status, article=article, quote=quote)
        repeated = proposed.repeated_report()
        if repeated is not None:
            return Draft(report=Report.objects.get(uid=repeated))
    told = (
        Report.objects.filter(article=article, quote=quote, status=status, attendance__participant=participant)
        .exclude(review=ReviewState.REJECTED)
        .exclude(attendance__event__slug__in=linked_too)
        .first()
    )
    if told is not None:
        return Draft(report=told)
    with transaction.atomic():
        if role == AttendanceRole.HOST and (attendance is None or attendance.role == AttendanceRole.HOST):
            become_host(event, participant)
        new_attendance = attendance is None
        if new_attendance:
            attendance = attendance_for(event=event, participant=participant, role=role, review=ReviewState.DRAFT)
        report = create_report(
            attendance=attendance,
            status=status,
            review=ReviewState.DRAFT,
            reported_on=reported_on,
            status_on=status_on,
            article=article,
            quote=quote,
            speaker=speaker,
            via=via[:200],
        )
    return Draft(report=report, created=True, attendance=attendance if new_attendance else None)


def become_host(event, participant):
    """``participant`` as the host of ``event`` when it is an event awaiting review with none. A host the event's
    rules refuse, or an event changed meanwhile, leaves the event as it is: the draft is written all the same."""
    if not event.awaiting_review or event.host_id is not None:
        return
    try:
        with transaction.atomic():
            event.host = participant
            event.full_clean()
            event.save()
    except (ValidationError, RecordChanged):
        event.refresh_from_db()
