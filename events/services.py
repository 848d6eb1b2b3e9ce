"""Writes that span several records: a report that brings its attendance with it (used by the API)."""

from django.db import transaction

from events.models import Attendance, AttendanceRole, Report


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
