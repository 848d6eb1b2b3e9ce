"""An event: talks, a conference, a summit, a meeting, a negotiation, a ceasefire offer."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django_countries.fields import CountryField

from events.models.history import RecordHistory
from events.models.participant import Participant
from events.models.querysets import EventManager
from events.models.versioning import VersionedModel
from events.rules.choices import EventKind, EventStatus
from events.rules.dates import END_NOT_BEFORE_START, end_date_error, plausible_date


class Event(VersionedModel):
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
    history = RecordHistory()

    class Meta:
        ordering = ["-start_date", "-pk"]
        constraints = [
            # The database's guard for the rule that clean() reports on end_date.
            models.CheckConstraint(
                condition=END_NOT_BEFORE_START,
                name="event_end_date_not_before_start_date",
                violation_error_message="The end date must not be before the start date.",
            ),
        ]
        # Each filter and each order of the API, the order's tie-breaker (id) included;
        # (-start_date, id) serves the attendances' default order.
        indexes = [
            models.Index(fields=["start_date", "id"], name="event_start_date_id"),
            models.Index(fields=["-start_date", "id"], name="event_start_date_desc_id"),
            models.Index(fields=["end_date", "id"], name="event_end_date_id"),
            models.Index(fields=["title", "id"], name="event_title_id"),
            models.Index(fields=["created_at", "id"], name="event_created_id"),
            models.Index(fields=["updated_at", "id"], name="event_updated_id"),
            models.Index(fields=["kind", "start_date"], name="event_kind_start_date"),
            models.Index(fields=["status", "start_date"], name="event_status_start_date"),
            models.Index(Upper("country"), name="event_country_upper"),
            models.Index(Upper("city"), name="event_city_upper"),
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
        from events.models.article import Article  # registered after Event: keep the app's model order

        return Article.objects.of_event(self)

    def clean(self):
        errors = {}
        end_date_problem = end_date_error(self.start_date, self.end_date)
        if end_date_problem:
            errors["end_date"] = end_date_problem
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
