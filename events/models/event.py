"""An event: talks, a conference, a summit, a meeting, a negotiation, a ceasefire offer."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django_countries.fields import CountryField

from events.models.history import RecordHistory
from events.models.participant import Participant, provenance_field
from events.models.querysets import EventManager
from events.models.review import AwaitsReview
from events.models.versioning import VersionedModel
from events.rules import codes, places
from events.rules.choices import EventKind, EventStatus
from events.rules.dates import END_NOT_BEFORE_START, end_date_error, plausible_date
from events.rules.slugs import check_case, validate_free_slug
from events.rules.values import NOTE_MAX_LENGTH, at_most, not_white_space_only

PLACE_FIELDS = ("city", "country", "latitude", "longitude")
DESCRIPTION_MAX_LENGTH = NOTE_MAX_LENGTH  # what the event is and why its dates are what they are
DERIVED_FIELDS = ("cameo_code", "plover_type", "plover_mode", "latitude", "longitude")


HOST_ROLE = "The event's host takes part as its host."


class Event(AwaitsReview, VersionedModel):
    """A diplomatic event: talks, a conference, a summit, a meeting, a negotiation, a ceasefire offer."""

    slug = models.SlugField(max_length=100, unique=True, validators=[validate_free_slug])
    title = models.CharField(max_length=300, validators=[not_white_space_only])
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.PROPOSED)
    start_date = models.DateField(validators=plausible_date)
    end_date = models.DateField(
        null=True, blank=True, validators=plausible_date, help_text="Leave empty for a one-day event."
    )
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True, error_messages=places.COUNTRY_ERRORS)
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(places.LATITUDE_RANGE[0]), MaxValueValidator(places.LATITUDE_RANGE[1])],
        help_text="WGS 84 degrees north (−90 to 90). Left empty, it is looked up for the city and country.",
    )
    longitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(places.LONGITUDE_RANGE[0]), MaxValueValidator(places.LONGITUDE_RANGE[1])],
        help_text="WGS 84 degrees east (−180 to 180). Left empty, it is looked up for the city and country.",
    )
    host = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        help_text="The participant that organises the event. Setting it creates no attendance.",
    )
    # A validator, not max_length: the same check at every entry point, and no table rebuilt on SQLite.
    description = models.TextField(blank=True, validators=[at_most(DESCRIPTION_MAX_LENGTH)])
    # Where the record comes from, for curators in the admin: never served or searched (tester 44, D4).
    provenance = provenance_field("an event it proposed")
    # Derived from kind (events.rules.codes), on every save: never written by hand.
    cameo_code = models.CharField(max_length=4, blank=True, editable=False, help_text="CAMEO code of the kind.")
    plover_type = models.CharField(
        max_length=20, blank=True, editable=False, help_text="PLOVER event type of the kind."
    )
    plover_mode = models.CharField(max_length=20, blank=True, editable=False, help_text="PLOVER mode of the kind.")

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
            # A country's events, a page in their default order read from the index (no sort of every match).
            models.Index(fields=["country", "-start_date", "-id"], name="event_country_start_date"),
            models.Index(Upper("city"), name="event_city_upper"),
            models.Index(fields=["cameo_code", "start_date"], name="event_cameo_start_date"),
            models.Index(fields=["plover_type", "start_date"], name="event_plover_start_date"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("event-page", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @classmethod
    def from_db(cls, db, field_names, values):
        event = super().from_db(db, field_names, values)
        # The place as stored, so that settle_derived() sees whether a write moved the event.
        event.stored_place = tuple(event.__dict__.get(name) for name in PLACE_FIELDS)
        return event

    # Whether the writer may see what awaits review (``events.api.audience``): the API and the admin say so for a
    # writer who may not; every other entry point is a curator's.
    writer_sees_drafts = True

    def save(self, *args, update_fields=None, **kwargs):
        self.settle_derived()
        if update_fields is not None:
            update_fields = {*update_fields, *DERIVED_FIELDS}
        super().save(*args, update_fields=update_fields, **kwargs)
        self.stored_place = tuple(getattr(self, name) for name in PLACE_FIELDS)
        if self.host_id is not None:
            # A host that takes part has role host. An attendance awaiting review, which a writer who set the host
            # could not see (clean() did not refuse them for it), takes it: the assistant's guess yields to the host.
            self.host_attendances().filter(awaiting_review=True).exclude(role="host").update_each(
                HOST_ROLE, role="host"
            )

    def host_attendances(self):
        """The host's attendances here (one at most), read afresh: not a reader's prefetch of the attendances."""
        return self.attendances.model.objects.filter(event_id=self.pk, participant_id=self.host_id)

    def settle_derived(self):
        """Set what follows from other fields: the kind's codes, and coordinates looked up for the place.

        Coordinates are looked up when none are given, and again when a write changes the city or
        country but not the coordinates (which were the old place's); given ones are kept.
        """
        code = codes.event_code(self.kind)
        self.cameo_code, self.plover_type = code.cameo or "", code.plover_type or ""
        self.plover_mode = code.plover_mode or ""
        stored = getattr(self, "stored_place", None)
        place = (self.city, str(self.country or ""))
        point = (self.latitude, self.longitude)
        moved = stored is not None and (stored[0], str(stored[1] or "")) != place and stored[2:] == point
        if point == (None, None) or moved:
            self.latitude, self.longitude = places.coordinates(*place) or (None, None)

    @property
    def articles(self):
        """The articles of this event's reports: an event's evidence."""
        from events.models.article import Article  # registered after Event: keep the app's model order

        return Article.objects.of_event(self)

    def clean(self):
        check_case(self.slug, held=lambda slug: self.as_dumped or type(self)._base_manager.filter(slug=slug).exists())
        errors = {}
        end_date_problem = end_date_error(self.start_date, self.end_date)
        if end_date_problem:
            errors["end_date"] = end_date_problem
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            errors[missing] = "Give both latitude and longitude, or neither (they are then looked up)."
        if self.pk is not None and self.host_id is not None:
            attendance = self.host_attendances().exclude(role="host")
            if not self.writer_sees_drafts:  # not refused for what they may not see: save() settles its role
                attendance = attendance.filter(awaiting_review=False)
            attendance = attendance.first()
            if attendance is not None:
                errors["host"] = (
                    f"{attendance.participant} takes part with role {attendance.role}: make that role host first."
                )
        if errors:
            raise ValidationError(errors)
        self.settle_derived()

    def validate_constraints(self, exclude=None):
        # clean() already reports the date order on the end_date field; skip the
        # check constraint that guards the same rule so it is not reported twice.
        super().validate_constraints(exclude={*(exclude or ()), "end_date"})
