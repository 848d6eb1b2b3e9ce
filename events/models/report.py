"""A report: one sourced statement of an attendance's status, and the drafts that await review."""

import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.utils import timezone

from events.models.article import BODY_MAX_LENGTH, Article
from events.models.attendance import Attendance
from events.models.history import RecordHistory
from events.models.participant import Participant
from events.models.querysets import ReportManager
from events.models.versioning import VersionedModel
from events.rules import codes
from events.rules.choices import AttendanceStatus, ReviewState
from events.rules.dates import plausible_date
from events.rules.quotes import normalize, quote_mismatch
from events.rules.values import at_most, not_white_space_only

QUOTE_MAX_LENGTH = BODY_MAX_LENGTH


class Report(VersionedModel):
    """One sourced statement of an attendance status: which status, when, by whom, in which article."""

    uid = models.UUIDField("UID", default=uuid.uuid4, unique=True, editable=False)
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    # A curator who writes a report vouches for it; the extraction assistant's proposals say draft.
    review = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.VERIFIED)
    reported_on = models.DateField(validators=plausible_date, help_text="The date the status was stated.")
    status_on = models.DateField(
        null=True,
        blank=True,
        validators=plausible_date,
        help_text="The day the status held, when the statement tells of an earlier time (“had invited”).",
    )
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="reports")
    # Words of an article's text, so no longer than the longest text (a quote of an article stored without one
    # is checked against nothing else).
    quote = models.TextField(
        validators=[at_most(QUOTE_MAX_LENGTH), not_white_space_only],
        help_text="The exact words of the article that state the status.",
    )
    speaker = models.ForeignKey(
        Participant,
        # Evidence is not lost quietly: a participant quoted as a speaker is not deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="Who said it.",
    )
    via = models.CharField(
        max_length=200, blank=True, help_text="The outlet or agency the article relays, such as Reuters."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="reviewed_reports",
        help_text="Who set the review to verified or rejected; empty while it is a draft.",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="When the review was set.")
    # Derived from status (events.rules.codes), on every save: never written by hand.
    cameo_code = models.CharField(max_length=4, blank=True, editable=False, help_text="CAMEO code of the status.")

    objects = ReportManager()
    history = RecordHistory()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        indexes = [
            models.Index(fields=["reported_on", "id"], name="report_reported_on_id"),
            models.Index(fields=["attendance", "reported_on"]),
            models.Index(fields=["status", "id"], name="report_status_id"),
            models.Index(fields=["review", "id"], name="report_review_id"),
            models.Index(fields=["cameo_code", "id"], name="report_cameo_id"),
            models.Index(fields=["created_at", "id"], name="report_created_id"),
            models.Index(fields=["updated_at", "id"], name="report_updated_id"),
        ]

    def __str__(self):
        try:
            attendance = str(self.attendance)
        except ObjectDoesNotExist:  # a past version, whose attendance was deleted since (its history page)
            attendance = f"Attendance {self.attendance_id}"
        return f"{attendance}: {self.status} on {self.reported_on}"

    def save(self, *args, **kwargs):
        """Save, then apply the status rule to the attendance (and to the one it left, when it moved)."""
        left = None if self.pk is None else Report.objects.filter(pk=self.pk).values_list("attendance_id").first()
        self.settle_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "cameo_code"}
        with transaction.atomic(using=router.db_for_write(Report, instance=self), savepoint=False):
            super().save(*args, **kwargs)
            affected = {self.attendance_id, left and left[0]} - {None}
            Attendance.objects.filter(pk__in=affected).refresh_status()

    def delete(self, *args, **kwargs):
        """Delete, then apply the status rule to the attendance, whose reports changed."""
        with transaction.atomic(using=router.db_for_write(Report, instance=self), savepoint=False):
            deleted = super().delete(*args, **kwargs)
            Attendance.objects.filter(pk=self.attendance_id).refresh_status()
        return deleted

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        # The review as stored, so that note_review() sees whether it changed.
        report.stored_review = report.__dict__.get("review")
        return report

    def natural_key(self):
        return (str(self.uid),)

    def note_review(self, *, by):
        """Record who reviewed and when, if ``review`` differs from the stored one (a new report: from draft).

        Every write that sets ``review`` calls it: the admin's forms, the API, ``review_reports``.
        """
        stored = getattr(self, "stored_review", ReviewState.DRAFT) if self.pk is not None else ReviewState.DRAFT
        if self.review == stored:
            return
        if self.review == ReviewState.DRAFT:
            self.reviewed_by, self.reviewed_at = None, None
        else:
            self.reviewed_by, self.reviewed_at = by, timezone.now()
        self.stored_review = self.review

    @property
    def event(self):
        return self.attendance.event

    @property
    def participant(self):
        return self.attendance.participant

    def settle_derived(self):
        """Set the status's CAMEO code (events.rules.codes). A draft has no reviewer, however it was written
        (a fixture, a bulk file): who reviewed and when belong to a verified or rejected report."""
        self.cameo_code = codes.report_code(self.status).cameo or ""
        if not self.keeps_reviewer():
            self.reviewed_by, self.reviewed_at = None, None

    def keeps_reviewer(self):
        """Whether the report keeps who reviewed it: a verified or rejected one, not a draft (``settle_derived``;
        ``import_records`` makes a missing reviewer's account only for one that does)."""
        return self.review != ReviewState.DRAFT

    def clean(self):
        self.settle_derived()
        if self.status_on is not None and self.reported_on is not None and self.status_on > self.reported_on:
            raise ValidationError(
                {"status_on": f"The day the status held cannot be after the day it was stated ({self.reported_on})."},
                code="status_on_after_reported_on",
            )
        # The article may be one not saved yet, added on the same admin page as its reports.
        try:
            article = self.article if self.article_id is not None or Report.article.is_cached(self) else None
        except ObjectDoesNotExist:  # deleted since the past version the admin reverts to: its form refuses it
            article = None
        if article is None:
            return
        if None not in (self.reported_on, article.published_on) and self.reported_on > article.published_on:
            raise ValidationError(
                {"reported_on": f"The article was published on {article.published_on}: it reports nothing later."},
                code="reported_after_published",
            )
        if not self.quote:
            return
        mismatch = quote_mismatch(self.quote, article.body)
        if mismatch:
            raise ValidationError({"quote": mismatch}, code="quote_not_in_article")

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        self.check_not_repeated()

    # Whether the writer may see drafts and rejected reports (``events.api.audience``): the API says so for a
    # writer who may not; every other entry point is a curator's.
    writer_sees_drafts = True

    def check_not_repeated(self):
        """Refuse a report that repeats another of its attendance: same status, article and quote (as compared
        by the quote rule). Called by ``full_clean()``, the admin's forms and fixtures; the importer checks
        its batches itself (``events.transfer.repeats``).

        The refusal names the report repeated, unless it is one the writer may not see (a draft or a rejected
        report, for a writer who is no curator): that writer is told of a repeat, not of which report."""
        repeated = self.repeated_report(review=True)
        if repeated is not None:
            uid, review = repeated
            shown = self.writer_sees_drafts or review == ReviewState.VERIFIED
            raise ValidationError({"quote": repeat_message(uid if shown else None)}, code="repeated_report")

    def repeated_report(self, *, review=False):
        """The uid of the stored report this one repeats (with ``review``: ``(uid, review)``), or ``None``."""
        if None in (self.attendance_id, self.article_id) or not self.status or not self.quote:
            return None
        others = Report.objects.filter(
            attendance_id=self.attendance_id, article_id=self.article_id, status=self.status
        )
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        quote = normalize(self.quote)
        rows = others.values_list("uid", "quote", "review")
        found = next(((uid, state) for uid, text, state in rows if normalize(text) == quote), None)
        return found if review or found is None else found[0]


def repeat_message(uid):
    """Why a report that repeats report ``uid`` (``None``: one its writer may not see) is refused."""
    repeated = "another report" if uid is None else f"report {uid}"
    return f"This report repeats {repeated}: the same status, article and quote for the same attendance."


class DraftReport(Report):
    """A report as the review sees it; the admin's list of drafts to review (read there, reviewed by action)."""

    class Meta:
        proxy = True
        verbose_name = "draft to review"
        verbose_name_plural = "drafts to review"
