"""What the extraction assistant creates awaits review: it is off the public record until a curator vouches for it.

An event or an attendance that the assistant creates for its draft reports (``events.services.drafts``) is
``awaiting_review``. Readers who may not see drafts (``events.api.audience``) see none of it, in any read: a
new attendance would otherwise show its default status (``invited``) to the public, a status that no curator
set and no verified report gives, and a new event would show the assistant's reading of the article.

It goes on the public record:

- when a report of the attendance is verified (``Attendance.refresh_status``): the attendance and its event;
- when a curator adds an attendance to the event (any entry point): the event;
- when a curator puts it there with the admin's action.

It comes off it again in one case only, the undoing of the first: when an attendance's last verified report is
rejected, sent back to draft, deleted or moved, and no curator set its status (``curators_status``: the curated
one is the default, ``invited`` with no date), it awaits review again, since the public would otherwise see that
default status, which nothing vouches for; and so does its event, when a verified report put that on the record
and no attendance of it is left there (``Attendance.refresh_status``). No other write takes a record off the
public record (``keep_on_record``).

An attendance on the record has its event on the record, so a read of attendances asks only their own flag.
"""

from django.core.exceptions import ValidationError
from django.db import models

from events.models.versioning import RecordQuerySet
from events.rules.choices import ReviewState

# Who may see drafts, rejected reports, records awaiting review, usernames and history: the curators, users who
# may change reports. The API (``events.api.audience``) and the admin ask ``may_review``.
REVIEW_PERMISSION = "events.change_report"
PUBLISHED_REASON = "Put on the public record."
VERIFIED_REASON = "On the public record: a report of it was verified."
UNVERIFIED_REASON = "Awaiting review again: no verified report of it is left."
EVENT_UNVERIFIED_REASON = "Awaiting review again: no attendance of it is left on the public record."


# Why a writer who may not review is refused a review of verified or rejected (the API's 400 names ``review``).
NOT_A_REVIEWER = (
    "Only curators (users who may change reports) verify or reject a report: leave review out, or send draft, "
    "for a curator to review."
)


def may_review(user):
    """Whether ``user`` (perhaps anonymous, perhaps None) sees what awaits review and may review it."""
    return user is not None and user.is_authenticated and user.has_perm(REVIEW_PERMISSION)


# An attendance's status set by hand (while no verified report gives it) is a curator's word, as a verified report
# is: a writer who may not review proposes a status with a report instead. The API and the admin both ask this.
HAND_SET_STATUS = ("status", "status_date")
NOT_A_CURATORS_STATUS = "Only a curator sets a status by hand: post a report of it, which a curator verifies."


def status_set_by_hand(user, attendance, values):
    """The fields of ``HAND_SET_STATUS`` that ``values`` would change on ``attendance`` (a new one: its defaults)
    when ``user`` may not set them: any, for a user who may not review. An unchanged value is no change."""
    if may_review(user):
        return []
    return [name for name in HAND_SET_STATUS if name in values and values[name] != getattr(attendance, name)]


# Nor does such a writer move an attendance whose status a curator gave to another event or participant: the status
# would stand, on the public record, for a pair no curator gave it to (its verified reports quoting another event).
NOT_A_CURATORS_MOVE = (
    "Only a curator moves an attendance whose status a curator gave (a verified report, or a status set by hand): "
    "add an attendance where it belongs, and post a report of its status there."
)


def vouched_status_moved(attendance, values):
    """The fields of ``event`` and ``participant`` that ``values`` would change on a stored ``attendance`` whose
    status a curator gave: a verified report, or a status other than a new attendance's (none but a curator sets
    one: ``status_set_by_hand``). Only a user who may review may change them; ask only for one who may not."""
    if attendance.pk is None:
        return []
    moved = [name for name in ("event", "participant") if name in values and values[name] != getattr(attendance, name)]
    if not moved:
        return []
    default = attendance._meta.get_field("status").get_default()
    statuses = (attendance.status, attendance.curated_status)  # the one shown, and the curator's under reports
    dates = (attendance.status_date, attendance.curated_status_date)
    by_hand = any(status not in ("", default) for status in statuses) or any(dates)
    return moved if by_hand or attendance.reports.filter(review=ReviewState.VERIFIED).exists() else []


def review_written_by(user, review=None, *, new):
    """The ``review`` of a report that ``user`` writes (``None``: none given), as it is stored: the one rule of
    who vouches, which the API's serializer and the admin's report forms both ask.

    A curator (``may_review``) writes what they give; a new report of theirs that gives none is ``verified``
    (the model's default: they vouch for it), so ``None`` is returned. Any other writer proposes: their new
    report is a ``draft``, a change that gives none keeps the stored review (``None``), and ``verified`` or
    ``rejected`` from them is a ``ValidationError`` naming ``review``.
    """
    if may_review(user):
        return review
    if review is not None and review != ReviewState.DRAFT:
        raise ValidationError({"review": NOT_A_REVIEWER}, code="not_a_reviewer")
    return ReviewState.DRAFT if new else review


def on_the_record(record):
    """Whether every reader sees ``record``: a report once verified, another record unless it awaits review."""
    if hasattr(record, "review"):
        return record.review == ReviewState.VERIFIED
    return not getattr(record, "awaiting_review", False)


class AwaitsReview(models.Model):
    """A record the extraction assistant may create: ``awaiting_review`` until it is on the public record."""

    awaiting_review = models.BooleanField(
        default=False,
        editable=False,
        help_text=(
            "Created by the extraction assistant and not on the public record yet: only curators see it "
            "until a report of it is verified or a curator puts it on the record."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.keep_on_record()
        super().save(*args, **kwargs)

    def keep_on_record(self):
        """A record on the public record stays there, whatever a write brings (an old version the admin reverts
        to, a fixture): only the status rule takes it off (the module). A query only for a stored record written
        as awaiting review."""
        if self.awaiting_review and self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("awaiting_review", flat=True).first()
            if stored is False:
                self.awaiting_review = False

    def put_there_by_verification(self):
        """Whether this record, on the public record, went there last because a report was verified
        (``VERIFIED_REASON``), as its history tells: not by a curator's attendance or action, nor created there."""
        reason = None
        rows = self.history.order_by("-history_id").values_list("awaiting_review", "history_change_reason")
        for awaiting, why in rows.iterator():
            if awaiting:
                return reason == VERIFIED_REASON
            reason = why
        return False


class ReviewQuerySet(RecordQuerySet):
    """The reads and the one write of ``awaiting_review``."""

    def on_record(self):
        """The rows everyone may see: none that awaits review."""
        return self.filter(awaiting_review=False)

    def visible(self, everything):
        """All rows for a reader who may see drafts (``everything``), else the ones on the record."""
        return self if everything else self.on_record()

    def put_on_record(self, reason=PUBLISHED_REASON):
        """Put the rows that await review on the public record, each with a new version and its history."""
        return self.filter(awaiting_review=True).update_each(reason, awaiting_review=False)

    def take_off_record(self, reason):
        """Take the rows on the public record off it, each with a new version and its history (the status
        rule's undoing of a verification, ``Attendance.refresh_status``: no other write does)."""
        return self.filter(awaiting_review=False).update_each(reason, awaiting_review=True)
