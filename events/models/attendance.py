"""An attendance: one participant at one event, its role and its current status."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models

from events.models.constraints import UniqueTogether
from events.models.event import Event
from events.models.history import STATUS_REASON, RecordHistory
from events.models.participant import Participant
from events.models.querysets import AttendanceManager
from events.models.review import (
    EVENT_UNVERIFIED_REASON,
    PUBLISHED_REASON,
    UNVERIFIED_REASON,
    VERIFIED_REASON,
    AwaitsReview,
)
from events.models.versioning import VersionedModel
from events.rules import status
from events.rules.choices import AttendanceRole, AttendanceStatus
from events.rules.dates import plausible_date
from events.rules.values import NOTE_MAX_LENGTH, at_most

NOTES_MAX_LENGTH = NOTE_MAX_LENGTH  # what a curator adds of one participant at one event
MOVED_REASON = "Its attendance moved to another event or participant."


class Attendance(AwaitsReview, VersionedModel):
    """One participant at one event: its role and its current status.

    The current ``status`` and ``status_date`` follow the verified reports (the rule is
    ``events.rules.status``; ``Report.save()`` and ``delete()`` call ``refresh_status``).
    What a curator sets while no report is verified is kept in ``curated_status`` and
    ``curated_status_date``, so that it comes back when the last verified report is
    rejected, sent back to draft or deleted.

    One the extraction assistant created awaits review until a report of it is verified; one on the
    public record puts its event there too. When its last verified report goes and no curator set its
    status, it awaits review again (``events.models.review``).
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    # No index of its own: attendance_participant_event (below) leads with it.
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="attendances", db_index=False)
    role = models.CharField(max_length=20, choices=AttendanceRole.choices, default=AttendanceRole.PARTICIPANT)
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED)
    status_date = models.DateField(null=True, blank=True, validators=plausible_date)
    notes = models.TextField(blank=True, validators=[at_most(NOTES_MAX_LENGTH)])
    curated_status = models.CharField(
        max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED, editable=False
    )
    curated_status_date = models.DateField(null=True, blank=True, editable=False)

    objects = AttendanceManager()
    history = RecordHistory()

    class Meta:
        ordering = ["-event__start_date", "event__pk", "participant__name", "pk"]
        constraints = [
            UniqueTogether(
                fields=["event", "participant"],
                name="attendance_unique_event_participant",
                field="participant",
                message="This participant already has an attendance at this event.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "id"], name="attendance_status_id"),
            models.Index(fields=["role", "id"], name="attendance_role_id"),
            models.Index(fields=["participant", "status", "role"], name="attendance_participant_status"),
            # A participant's attendances with their events' keys and whether they await review: the attendance
            # list filtered by participant, in its default order, reads its events from it and tells the public's
            # rows (events.models.review) without reading a row but the page's (docs/performance.md). The foreign
            # key has no index of its own (migration 0017): SQLite's planner took that narrower one, then read
            # every attendance's row to sort and to filter them.
            models.Index(fields=["participant", "event", "awaiting_review"], name="attendance_participant_event"),
            models.Index(fields=["status_date", "id"], name="attendance_status_date_id"),
            models.Index(fields=["created_at", "id"], name="attendance_created_id"),
            models.Index(fields=["updated_at", "id"], name="attendance_updated_id"),
        ]

    def __str__(self):
        try:
            return f"{self.participant} at {self.event}"
        except ObjectDoesNotExist:  # a past version, whose participant or event was deleted since (its history page)
            return f"Participant {self.participant_id} at event {self.event_id}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.stored_place = (instance.__dict__.get("event_id"), instance.__dict__.get("participant_id"))
        return instance

    def save(self, *args, **kwargs):
        moved = getattr(self, "stored_place", None) not in (None, (self.event_id, self.participant_id))
        self.apply_status_rule()
        super().save(*args, **kwargs)
        self.stored_place = (self.event_id, self.participant_id)
        if moved:
            # A report reads with its attendance's event and participant: moving it changes each report's answer, so
            # each is a write of its own (version, history, change feed, updated_at) (tester 43, M2)
            self.reports.all().update_each(MOVED_REASON)
        if not self.awaiting_review:
            self.put_event_on_record(PUBLISHED_REASON)

    def put_event_on_record(self, reason):
        """Put this attendance's event on the public record, as one on it needs (``events.models.review``)."""
        # No query when the event read with it is on the record: none leaves the record once on it.
        if Attendance.event.is_cached(self) and not self.event.awaiting_review:
            return
        Event.objects.filter(pk=self.event_id).put_on_record(reason)

    def natural_key(self):
        return self.event.natural_key() + self.participant.natural_key()

    natural_key.dependencies = ["events.event", "events.participant"]

    def latest_report(self):
        """The verified report the status follows (``events.rules.status``), or ``None``."""
        if self.pk is None:
            return None
        return self.reports.counting().first()

    def status_from_reports(self):
        """``(status, status_date)`` as the status rule gives them: the followed report's, else the curated ones."""
        return self.status_given_by(self.latest_report())

    def status_given_by(self, latest):
        """``(status, status_date)`` when ``latest`` (or none) is the verified report the status follows."""
        if latest is None:
            return self.curated_status, self.curated_status_date
        return status.status_of(latest)

    def clean(self):
        errors = {}
        # The event may be one not saved yet, added on the same admin page as its attendances, or one deleted
        # since the past version the admin reverts to (its form refuses the event: no other rule to tell).
        try:
            event = self.event if self.event_id is not None or Attendance.event.is_cached(self) else None
        except ObjectDoesNotExist:
            event = None
        if (
            event is not None
            and self.participant_id is not None
            and self.participant_id == event.host_id
            and self.role != "host"
        ):
            errors["role"] = f"{self.participant} hosts this event, so its role here is host."
        latest = self.latest_report()
        if latest is not None:
            followed_status, followed_date = status.status_of(latest)
            if self.status != followed_status:
                errors["status"] = (
                    f"The status follows this attendance's verified reports (now '{followed_status}'); "
                    "add a verified report to change it."
                )
            if self.status_date != followed_date:
                errors["status_date"] = (
                    "The status date follows this attendance's verified reports (the day the status held) "
                    "and cannot be set."
                )
        if errors:
            raise ValidationError(errors)

    def apply_status_rule(self):
        """Before a save: follow the verified report whose status held latest, or remember what the curator set."""
        if not self.follow_reports():
            self.curated_status, self.curated_status_date = self.status, self.status_date

    def follow_reports(self):
        """Take the status of the verified report the status follows; ``False`` when there is none."""
        latest = self.latest_report()
        if latest is None:
            return False
        self.status, self.status_date = status.status_of(latest)
        return True

    def curators_status(self):
        """Whether a curator set this attendance's own status: the curated one is not a new attendance's
        (``invited``, no date). Without it, no verified report left means no status anybody vouches for."""
        default = self._meta.get_field("curated_status").get_default()
        return self.curated_status != default or self.curated_status_date is not None

    def refresh_status(self, *, touch=True):
        """Set the current status from the verified reports (``events.rules.status``), or back to the curated one.

        The first verified report puts the attendance (and its event) on the public record; when the last one
        goes and gives the status back to no status of a curator's, it awaits review again, and its event too if
        a verified report put that on the record and no attendance of it is left there (``events.models.review``).
        ``touch=False`` leaves ``updated_at`` alone, for fixtures that carry their own timestamps.
        """
        latest = self.latest_report()
        current, current_date = self.status_given_by(latest)
        changes = {}
        if (current, current_date) != (self.status, self.status_date):
            changes.update(status=current, status_date=current_date)
        if latest is not None and self.awaiting_review:
            changes["awaiting_review"] = False
        # The status changes back to the curated one only when the last verified report went: held_on() gives
        # a followed report's status a date, which a status no curator set has not.
        # Only one that a verification put there: not one a curator created or put on the record (review 37).
        unvouched = (
            latest is None
            and "status" in changes
            and not self.awaiting_review
            and not self.curators_status()
            and self.put_there_by_verification()
        )
        if unvouched:
            changes["awaiting_review"] = True
        if changes:
            # Not save(): that would take this as the curator's choice. Going on the record is said so, whatever
            # the status does: its history tells later that a verification put it there.
            going_on = changes.get("awaiting_review") is False
            reason = STATUS_REASON if "status" in changes and not going_on else VERIFIED_REASON
            self.write_derived(UNVERIFIED_REASON if unvouched else reason, touch=touch, **changes)
        if latest is not None:
            self.put_event_on_record(VERIFIED_REASON)
        elif unvouched:
            self.take_event_off_record()

    def take_event_off_record(self):
        """Take this attendance's event off the public record, when a verified report put it there and no
        attendance of it is left on it (``events.models.review``)."""
        event = Event.objects.filter(pk=self.event_id, awaiting_review=False).first()
        if event is None or Attendance.objects.filter(event_id=self.event_id, awaiting_review=False).exists():
            return
        if event.put_there_by_verification():
            Event.objects.filter(pk=event.pk).take_off_record(EVENT_UNVERIFIED_REASON)
