"""The records of eventsapi: participants, events, attendances, reports and articles."""

import datetime
import json
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from events.quotes import missing_quotes, quote_mismatch


class TimeStampedModel(models.Model):
    """Adds ``created_at`` and ``updated_at``.

    Both use ``default`` rather than ``auto_now*`` so that fixtures, which save
    raw and skip ``Field.pre_save``, load without them and keep them when given.
    """

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        self.updated_at = timezone.now()
        if update_fields is not None:
            update_fields = {*update_fields, "updated_at"}
        super().save(*args, update_fields=update_fields, **kwargs)


# ------------------------------------------------------------------------------
# Choices
# ------------------------------------------------------------------------------
# Dates outside these years are typing mistakes, and Django's date arithmetic
# (the admin's date hierarchy) overflows at year 9999.
plausible_date = [
    MinValueValidator(datetime.date(1000, 1, 1), "Enter a date from the year 1000 on."),
    MaxValueValidator(datetime.date(2999, 12, 31), "Enter a date before the year 3000."),
]


class ParticipantKind(models.TextChoices):
    STATE = "state"
    GOVERNMENT = "government"
    ARMED_GROUP = "armed_group", "Armed group"
    ORGANIZATION = "organization"
    PERSON = "person"
    OTHER = "other"


class EventKind(models.TextChoices):
    PEACE_TALKS = "peace_talks", "Peace talks"
    CONFERENCE = "conference"
    SUMMIT = "summit"
    MEETING = "meeting"
    NEGOTIATION = "negotiation"
    CEASEFIRE = "ceasefire"
    OTHER = "other"


class EventStatus(models.TextChoices):
    PROPOSED = "proposed"
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceRole(models.TextChoices):
    HOST = "host"
    PARTICIPANT = "participant"
    OBSERVER = "observer"
    MEDIATOR = "mediator"


class AttendanceStatus(models.TextChoices):
    INVITED = "invited"
    CONSIDERING = "considering"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    ATTENDED = "attended"
    ABSENT = "absent"
    WITHDRAWN = "withdrawn"


class ReviewState(models.TextChoices):
    DRAFT = "draft"
    VERIFIED = "verified"
    REJECTED = "rejected"


# ------------------------------------------------------------------------------
# Participant
# ------------------------------------------------------------------------------
class UnicodeJSONEncoder(json.JSONEncoder):
    """Writes letters outside ASCII as themselves, so that a text search of the stored JSON finds them.

    (SQLite keeps a JSONField as the text it was given; PostgreSQL's jsonb is unaffected.)
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


def validate_aliases(value):
    """Aliases are a JSON list of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise ValidationError("Enter a list of non-empty names.", code="invalid_aliases")


class ParticipantQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("affiliation")

    def for_detail(self):
        attendances = Attendance.objects.select_related("event").order_by("-event__start_date", "pk")
        return self.for_listing().prefetch_related(models.Prefetch("attendances", queryset=attendances))

    def search(self, text):
        """Participants whose name, slug or any alias contains ``text``."""
        return self.filter(Q(name__icontains=text) | Q(slug__icontains=text) | Q(aliases__icontains=text))


class ParticipantManager(models.Manager.from_queryset(ParticipantQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Participant(TimeStampedModel):
    """A state, a government or one of its bodies, an armed group, an organisation or a person."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ParticipantKind.choices)
    country = CountryField(blank=True)
    aliases = models.JSONField(
        default=list,
        encoder=UnicodeJSONEncoder,
        blank=True,
        validators=[validate_aliases],
        help_text="Other names the participant is known by, as a JSON list of strings.",
    )
    affiliation = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="affiliates",
        help_text="The body this participant belongs to: a spokesman's ministry, a ministry's government.",
    )
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*\Z", "Enter a Wikidata ID: Q followed by digits.")],
    )

    objects = ParticipantManager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="participant_unique_wikidata_id",
                violation_error_code="unique",
                violation_error_message="Another participant has this Wikidata ID.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def affiliation_chain(self, limit=100):
        """The ids of the affiliation, its affiliation and so on, up to a repeat or ``limit`` steps."""
        chain, current = [], self.affiliation_id
        while current is not None and current not in chain and len(chain) < limit:
            chain.append(current)
            current = Participant.objects.filter(pk=current).values_list("affiliation_id", flat=True).first()
        return chain

    def clean(self):
        if self.aliases is None:
            self.aliases = []
        if self.affiliation_id is not None and self.pk is not None:
            chain = self.affiliation_chain()
            if self.pk in chain:
                raise ValidationError({"affiliation": "This would make the participant its own affiliation."})
        if isinstance(self.aliases, list):
            # Store aliases trimmed and once each, keeping the curator's order.
            self.aliases = list(dict.fromkeys(a.strip() for a in self.aliases if isinstance(a, str)))


# ------------------------------------------------------------------------------
# Event
# ------------------------------------------------------------------------------
class EventQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("host")

    def for_detail(self):
        attendances = Attendance.objects.select_related("participant").order_by("participant__name", "pk")
        return self.for_listing().prefetch_related(models.Prefetch("attendances", queryset=attendances))


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Event(TimeStampedModel):
    """A diplomatic event: talks, a conference, a summit, a meeting, a negotiation, a ceasefire offer."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.PROPOSED)
    start_date = models.DateField(validators=plausible_date)
    end_date = models.DateField(
        null=True, blank=True, validators=plausible_date, help_text="Leave empty for a one-day event."
    )
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    host = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        help_text="The participant that organises the event. Setting it creates no attendance.",
    )
    description = models.TextField(blank=True)

    objects = EventManager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        constraints = [
            # The database's guard for the rule that clean() reports on end_date.
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="event_end_date_not_before_start_date",
                violation_error_message="The end date must not be before the start date.",
            ),
        ]
        indexes = [
            models.Index(fields=["start_date"]),
            models.Index(fields=["title"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("event-page", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def articles(self):
        """The articles of this event's reports: an event's evidence."""
        return Article.objects.filter(reports__attendance__event=self).distinct().order_by("-published_on", "pk")

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = (
                f"The end date ({self.end_date}) must not be before the start date ({self.start_date})."
            )
        if self.pk is not None and self.host_id is not None:
            attendance = self.attendances.filter(participant=self.host_id).exclude(role="host").first()
            if attendance is not None:
                errors["host"] = (
                    f"{attendance.participant} takes part with role {attendance.role}: make that role host first."
                )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() already reports the date order on the end_date field; skip the
        # check constraint that guards the same rule so it is not reported twice.
        super().validate_constraints(exclude={*(exclude or ()), "end_date"})


# ------------------------------------------------------------------------------
# Attendance
# ------------------------------------------------------------------------------
class AttendanceQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("event", "participant")

    def for_detail(self):
        reports = Report.objects.select_related("speaker").order_by("-reported_on", "-pk")
        return self.for_listing().prefetch_related(models.Prefetch("reports", queryset=reports))

    def for_board(self):
        """For the status board: by participant name, every report with its article and speaker, oldest first."""
        reports = Report.objects.select_related("article", "speaker").order_by("reported_on", "pk")
        return (
            self.select_related("participant")
            .prefetch_related(models.Prefetch("reports", queryset=reports))
            .order_by("participant__name", "pk")
        )

    def refresh_status(self, *, touch=True):
        """Apply the status rule to every attendance of this queryset."""
        for attendance in self:
            attendance.refresh_status(touch=touch)


class AttendanceManager(models.Manager.from_queryset(AttendanceQuerySet)):
    def get_by_natural_key(self, event_slug, participant_slug):
        return self.get(event__slug=event_slug, participant__slug=participant_slug)


class Attendance(TimeStampedModel):
    """One participant at one event: its role and its current status.

    The current ``status`` and ``status_date`` follow the reports (see
    ``refresh_status``); what a curator sets while no report counts is kept in
    ``curated_status``/``curated_status_date`` so that it comes back when the
    last counting report is rejected or deleted.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="attendances")
    role = models.CharField(max_length=20, choices=AttendanceRole.choices, default=AttendanceRole.PARTICIPANT)
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED)
    status_date = models.DateField(null=True, blank=True, validators=plausible_date)
    notes = models.TextField(blank=True)
    curated_status = models.CharField(
        max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED, editable=False
    )
    curated_status_date = models.DateField(null=True, blank=True, editable=False)

    objects = AttendanceManager()

    class Meta:
        ordering = ["-event__start_date", "event__pk", "participant__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "participant"], name="attendance_unique_event_participant"),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["role"]),
        ]

    def __str__(self):
        return f"{self.participant} at {self.event}"

    def save(self, *args, **kwargs):
        self.apply_status_rule()
        super().save(*args, **kwargs)

    def natural_key(self):
        return self.event.natural_key() + self.participant.natural_key()

    natural_key.dependencies = ["events.event", "events.participant"]

    def latest_report(self):
        """The report the status follows: latest ``reported_on``, ties to the one entered last."""
        if self.pk is None:
            return None
        return self.reports.exclude(review=ReviewState.REJECTED).order_by("-reported_on", "-pk").first()

    def clean(self):
        errors = {}
        if self.event_id is not None and self.participant_id == self.event.host_id and self.role != "host":
            errors["role"] = f"{self.participant} hosts this event, so its role here is host."
        latest = self.latest_report()
        if latest is not None and self.status != latest.status:
            errors["status"] = (
                f"The status follows this attendance's reports (now '{latest.status}'); add a report to change it."
            )
        if latest is not None and self.status_date != latest.reported_on:
            errors["status_date"] = "The status date follows this attendance's reports and cannot be set."
        if errors:
            raise ValidationError(errors)

    def apply_status_rule(self):
        """Before a save: follow the latest counting report, or remember what the curator set."""
        latest = self.latest_report()
        if latest is None:
            self.curated_status, self.curated_status_date = self.status, self.status_date
        else:
            self.status, self.status_date = latest.status, latest.reported_on

    def refresh_status(self, *, touch=True):
        """Set the current status from the latest counting report, or back to the curated one.

        ``touch=False`` leaves ``updated_at`` alone, for fixtures that carry their own timestamps.
        """
        latest = self.latest_report()
        if latest is None:
            status, status_date = self.curated_status, self.curated_status_date
        else:
            status, status_date = latest.status, latest.reported_on
        if (status, status_date) != (self.status, self.status_date):
            self.status, self.status_date = status, status_date
            # update() rather than save(): save() would take this as the curator's choice.
            changes = {"status": status, "status_date": status_date}
            if touch:
                changes["updated_at"] = timezone.now()
            Attendance.objects.filter(pk=self.pk).update(**changes)


# ------------------------------------------------------------------------------
# Article
# ------------------------------------------------------------------------------
class ArticleQuerySet(models.QuerySet):
    def for_listing(self):
        return self

    def for_detail(self):
        return self

    def search(self, text):
        return self.filter(Q(title__icontains=text) | Q(body__icontains=text) | Q(publisher__icontains=text))


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, publisher, published_on, title):
        return self.get(publisher=publisher, published_on=published_on, title=title)


class Article(TimeStampedModel):
    """A news article used as evidence."""

    url = models.URLField("URL", max_length=500, blank=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    published_on = models.DateField(validators=plausible_date)
    language = models.CharField(
        max_length=35,
        default="en",
        validators=[
            RegexValidator(
                r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z", "Enter a language code such as en, ru, ps or pt-BR (BCP 47)."
            )
        ],
        help_text="A language code such as en, ru, ps or pt-BR.",
    )
    body = models.TextField(blank=True, help_text="The full text; every quote taken from it must occur in it.")

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="article_unique_url",
                violation_error_code="unique",
                violation_error_message="Another article has this URL.",
            ),
            models.UniqueConstraint(
                fields=["publisher", "published_on", "title"], name="article_unique_publisher_date_title"
            ),
        ]
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self):
        return f"{self.title} ({self.publisher}, {self.published_on})"

    def natural_key(self):
        return (self.publisher, self.published_on.isoformat(), self.title)

    def clean(self):
        # A changed body must still hold every quote taken from it, and cannot be emptied
        # under them: that would switch the quote rule off for the reports it backs.
        if self.pk is None:
            return
        if not self.body:
            # An article stored without a body may keep its reports (their quotes go unchecked).
            emptied = Article.objects.filter(pk=self.pk).exclude(body="").exists()
            if emptied and self.reports.exists():
                raise ValidationError({"body": "Reports quote this text, so it cannot be emptied."})
            return
        missing = missing_quotes(self.reports.only("uid", "quote"), self.body, quote_of=lambda report: report.quote)
        if missing:
            raise ValidationError(
                {"body": f"The text no longer contains the quote of report {missing[0].uid}: “{missing[0].quote}”."}
            )


# ------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------
class ReportQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("attendance__event", "attendance__participant", "speaker", "reviewed_by")

    def for_detail(self):
        return self.for_listing()


class ReportManager(models.Manager.from_queryset(ReportQuerySet)):
    def get_by_natural_key(self, uid):
        return self.get(uid=uid)


class Report(TimeStampedModel):
    """One sourced statement of an attendance status: which status, when, by whom, in which article."""

    uid = models.UUIDField("UID", default=uuid.uuid4, unique=True, editable=False)
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    review = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT)
    reported_on = models.DateField(validators=plausible_date, help_text="The date the status was stated.")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="reports")
    quote = models.TextField(help_text="The exact words of the article that state the status.")
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

    objects = ReportManager()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        indexes = [
            models.Index(fields=["reported_on"]),
            models.Index(fields=["attendance", "reported_on"]),
        ]

    def __str__(self):
        return f"{self.attendance}: {self.status} on {self.reported_on}"

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

    def clean(self):
        # The article may be one not saved yet, added on the same admin page as its reports.
        article = self.article if self.article_id is not None or Report.article.is_cached(self) else None
        if article is None or not self.quote:
            return
        mismatch = quote_mismatch(self.quote, article.body)
        if mismatch:
            raise ValidationError({"quote": mismatch}, code="quote_not_in_article")


class DraftReport(Report):
    """A report as the review sees it; the admin's list of drafts to review (read there, reviewed by action)."""

    class Meta:
        proxy = True
        verbose_name = "draft to review"
        verbose_name_plural = "drafts to review"
