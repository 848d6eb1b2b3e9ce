"""The records of eventsapi: participants, events, attendances, reports and articles."""

import datetime
import json
import re
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models, router, transaction
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.deletion import Collector
from django.db.models.functions import Cast, Coalesce, Upper
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from events.history import FIXTURE_REASON, STATUS_REASON, RecordHistory, deletions_recorded_together
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


class RecordChanged(Exception):
    """A write that expected a version of a record that is no longer the stored one."""

    def __init__(self, record, expected):
        self.record, self.expected = record, expected
        name = record._meta.verbose_name
        super().__init__(
            f"This {name} was changed or deleted by someone else since version {expected} was read: "
            "nothing was written. Read it again and redo your change on the current version."
        )


class RecordQuerySet(models.QuerySet):
    def update_each(self, reason, **changes):
        """``update()`` whose every row gets a new version and a historical row saying ``reason``.

        For the services that change many records at once (reviews, merges): their changes are kept
        like any other write. One UPDATE and one history insert per row; returns how many rows.
        """
        rows = list(self.order_by("pk"))
        for row in rows:
            row.write_derived(reason, **changes)
        return len(rows)

    def delete(self):
        # The history of every row a cascade deletes is written in one insert per model.
        with deletions_recorded_together(self.db):
            return super().delete()


class VersionedModel(TimeStampedModel):
    """A record with a ``version`` that every write raises by one, and a history of every change.

    A save of a record read earlier is one conditional ``UPDATE ... WHERE version =
    <the version read>``: when another write came first, nothing is written and
    ``RecordChanged`` is raised, so of two writers racing from the same version
    exactly one wins. ``delete()`` claims the version the same way first. Every
    entry point (API, admin, services, commands) goes through here.
    """

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
    )

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if self._state.adding:
            super().save(*args, update_fields=update_fields, **kwargs)
            return
        expected = self.version
        if update_fields is not None:
            update_fields = {*update_fields, "version"}
        self.version, self.expected_version = expected + 1, expected
        try:
            super().save(*args, update_fields=update_fields, **kwargs)
        except BaseException:
            self.version = expected
            raise
        finally:
            del self.expected_version

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs):
        # The one place the version is checked: the UPDATE itself (Model._save_table calls this).
        expected = getattr(self, "expected_version", None)
        if expected is not None:
            base_qs = base_qs.filter(version=expected)
        updated = super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs)
        if expected is not None and not updated:
            raise RecordChanged(self, expected)
        return updated

    def delete(self, using=None, keep_parents=False):
        # Model.delete(), with the version claimed between collecting (which raises ProtectedError
        # before anything is written) and deleting.
        if self.pk is None:
            raise ValueError(f"{self._meta.object_name} object can't be deleted because its id is None.")
        using = using or router.db_for_write(type(self), instance=self)
        collector = Collector(using=using, origin=self)
        collector.collect([self], keep_parents=keep_parents)
        with deletions_recorded_together(using):
            self.claim_version(using)
            return collector.delete()

    def claim_version(self, using=None):
        """Raise the stored version if it is still the one read, or raise ``RecordChanged``."""
        claimed = (
            type(self)
            ._base_manager.using(using)
            .filter(pk=self.pk, version=self.version)
            .update(version=models.F("version") + 1)
        )
        if not claimed:
            raise RecordChanged(self, self.version)
        self.version += 1

    def write_derived(self, reason, *, touch=True, **changes):
        """Write fields derived from other records (not anybody's edit): one conditional UPDATE, a new
        version and a historical row saying why."""
        if touch:
            changes["updated_at"] = timezone.now()
        with transaction.atomic(using=router.db_for_write(type(self), instance=self), savepoint=False):
            updated = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(**changes, version=self.version + 1)
            )
            if not updated:
                raise RecordChanged(self, self.version)
            for name, value in changes.items():
                setattr(self, name, value)
            self.version += 1
            self._change_reason = reason
            try:
                type(self).history_recorder.record(self, "~")
            finally:
                del self._change_reason

    def settle_raw_save(self):
        """Before ``loaddata`` writes this row as given: keep the stored version when nothing changes,
        raise it when something does, and say what the history should record."""
        stored = type(self)._base_manager.filter(pk=self.pk).first() if self.pk is not None else None
        self._change_reason = FIXTURE_REASON
        if stored is None:
            self.fixture_change = "+"
            return
        fields = [field.attname for field in self._meta.concrete_fields if field.attname != "version"]
        unchanged = all(getattr(stored, name) == getattr(self, name) for name in fields)
        self.version = stored.version if unchanged else stored.version + 1
        self.fixture_change = None if unchanged else "~"


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


# ------------------------------------------------------------------------------
# Search: the same matches on every engine, indexed on PostgreSQL
# ------------------------------------------------------------------------------
# On PostgreSQL, names, titles and places are matched as substrings (``icontains``),
# which the trigram indexes of migration 0003 serve; long text (an event's
# description, an article's body) is matched by word prefix with full-text search
# (``afghan`` finds "Afghanistan", "talks" finds "talk"), served by GIN indexes on
# the same SearchVector. Elsewhere (SQLite) every field is matched as a substring.
SEARCH_CONFIG = "english"


def is_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def text_search(field):
    """The full-text document of ``field``: migration 0003 indexes exactly this expression."""
    return SearchVector(field, config=SEARCH_CONFIG)


def prefix_query(text):
    """Every word of ``text`` as a word prefix, all required; ``None`` when it has no word."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return SearchQuery(" & ".join(f"{word}:*" for word in words), config=SEARCH_CONFIG, search_type="raw")


def words_match(queryset, field, text):
    """``Q`` for rows whose ``field`` has the words of ``text`` (full text on PostgreSQL, substring elsewhere)."""
    if not is_postgresql(queryset):
        return queryset, Q(**{f"{field}__icontains": text})
    query = prefix_query(text)
    if query is None:
        return queryset, Q(pk__in=[])
    name = f"{field}_document"
    return queryset.alias(**{name: text_search(field)}), Q(**{name: query})


class AliasesText(models.Func):
    """A participant's aliases as one text, one alias a line: what a search of aliases reads.

    Not the stored JSON, whose quotes and commas would match a search for ``"``.
    PostgreSQL calls the function that migration 0003 creates (and indexes).
    """

    output_field = models.TextField()

    def __init__(self, expression="aliases", **extra):
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # Engines without JSON functions fall back to the stored text.
        return Cast(self.source_expressions[0], models.TextField()).as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="events_aliases_text", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "(SELECT group_concat(value, char(10)) FROM json_each(%(expressions)s))"
        return super().as_sql(compiler, connection, template=template, **extra_context)


class ParticipantQuerySet(RecordQuerySet):
    def for_listing(self):
        return self.select_related("affiliation")

    def for_detail(self):
        attendances = Attendance.objects.select_related("event").order_by("-event__start_date", "pk")
        return self.for_listing().prefetch_related(models.Prefetch("attendances", queryset=attendances))

    def search(self, text):
        """Participants whose name, slug or any alias contains ``text``."""
        names = Q(name__icontains=text) | Q(slug__icontains=text) | Q(alias_text__icontains=text)
        return self.alias(alias_text=AliasesText()).filter(names)


class NaturalKeyManager(models.Manager):
    """A manager whose records are found by the lookups in ``natural_key_lookups``, in natural key order."""

    natural_key_lookups = ()

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.natural_key_lookups, key, strict=True)))


class ParticipantManager(NaturalKeyManager.from_queryset(ParticipantQuerySet)):
    natural_key_lookups = ("slug",)


class Participant(VersionedModel):
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
    history = RecordHistory()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["name", "id"], name="participant_name_id"),
            models.Index(fields=["kind", "id"], name="participant_kind_id"),
            models.Index(Upper("country"), name="participant_country_upper"),
            models.Index(fields=["created_at", "id"], name="participant_created_id"),
            models.Index(fields=["updated_at", "id"], name="participant_updated_id"),
        ]
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

    def affiliation_chain(self, limit=100, affiliation_of=None):
        """The ids of the affiliation, its affiliation and so on, up to a repeat or ``limit`` steps.

        ``affiliation_of(id)`` gives a participant's affiliation id; by default it asks the
        database, one query a step (a bulk import passes the ids it has loaded at once).
        """
        if affiliation_of is None:

            def affiliation_of(pk):
                return Participant.objects.filter(pk=pk).values_list("affiliation_id", flat=True).first()

        chain, current = [], self.affiliation_id
        while current is not None and current not in chain and len(chain) < limit:
            chain.append(current)
            current = affiliation_of(current)
        return chain

    def check_affiliation(self, affiliation_of=None):
        """The affiliation never leads back to the participant itself."""
        if self.pk is not None and self.pk in self.affiliation_chain(affiliation_of=affiliation_of):
            raise ValidationError({"affiliation": "This would make the participant its own affiliation."})

    def clean(self):
        if self.aliases is None:
            self.aliases = []
        self.check_affiliation()
        if isinstance(self.aliases, list):
            # Store aliases trimmed and once each, keeping the curator's order.
            self.aliases = list(dict.fromkeys(a.strip() for a in self.aliases if isinstance(a, str)))


# ------------------------------------------------------------------------------
# Event
# ------------------------------------------------------------------------------
class EventQuerySet(RecordQuerySet):
    def for_listing(self):
        return self.select_related("host")

    def search(self, text):
        """Events whose title or city contains ``text``, or whose description has its words."""
        queryset, description = words_match(self, "description", text)
        return queryset.filter(Q(title__icontains=text) | Q(city__icontains=text) | description)

    def for_detail(self):
        attendances = Attendance.objects.as_listed_by_event()
        return self.for_listing().prefetch_related(models.Prefetch("attendances", queryset=attendances))


class EventManager(NaturalKeyManager.from_queryset(EventQuerySet)):
    natural_key_lookups = ("slug",)


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
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
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
        return Article.objects.of_event(self)

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
class AttendanceQuerySet(RecordQuerySet):
    def for_listing(self):
        return self.select_related("event", "participant")

    def for_detail(self):
        reports = Report.objects.as_listed_by_attendance()
        return self.for_listing().prefetch_related(models.Prefetch("reports", queryset=reports))

    def as_listed_by_event(self):
        """An event's attendances as its detail nests them: by participant name."""
        return self.select_related("participant").order_by("participant__name", "pk")

    def for_board(self):
        """For the status board: by participant name, every report with its article and speaker, oldest first."""
        reports = Report.objects.select_related("article", "speaker").order_by("reported_on", "pk")
        return (
            self.select_related("participant")
            .prefetch_related(models.Prefetch("reports", queryset=reports))
            .order_by("participant__name", "pk")
        )

    def refresh_status(self, *, touch=True):
        """Apply the status rule to every attendance of this queryset, each locked while it is refreshed."""
        with transaction.atomic(using=self.db, savepoint=False):
            for attendance in self.order_by("pk").select_for_update(of=("self",)):
                attendance.refresh_status(touch=touch)

    def refresh_status_in_bulk(self, *, touch=True):
        """Apply the status rule to every attendance of this queryset, in one UPDATE (bulk import).

        Each takes the status and date of its latest counting report
        (``Report.objects.counting()``), or the curated ones when it has none;
        ``touch`` marks the rows whose status or date changes as changed: a new version and
        ``updated_at`` now. An import's own new rows are not touched: their derived status is
        part of their creation. For the many rows of a bulk import, which records their history
        itself (``refresh_status()`` records each row's).
        """
        latest = Report.objects.counting().filter(attendance=OuterRef("pk"))
        status = Coalesce(Subquery(latest.values("status")[:1]), F("curated_status"))
        # reported_on is never null, so a null here means "no counting report".
        status_date = Coalesce(Subquery(latest.values("reported_on")[:1]), F("curated_status_date"))
        unchanged = Q(status=status) & (
            Q(status_date=status_date) | (Q(status_date__isnull=True) & IsNull(status_date, True))
        )
        changes = {"status": status, "status_date": status_date}
        if touch:
            # A changed row gets a new version (its ETag changes) but, unlike refresh_status(), no historical
            # row: the importer records the changed rows afterwards, all at once.
            changes["version"] = Case(When(unchanged, then=F("version")), default=F("version") + 1)
            changes["updated_at"] = Case(When(unchanged, then=F("updated_at")), default=Value(timezone.now()))
        return self.update(**changes)


class AttendanceManager(NaturalKeyManager.from_queryset(AttendanceQuerySet)):
    natural_key_lookups = ("event__slug", "participant__slug")


class Attendance(VersionedModel):
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
    history = RecordHistory()

    class Meta:
        ordering = ["-event__start_date", "event__pk", "participant__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "participant"], name="attendance_unique_event_participant"),
        ]
        indexes = [
            models.Index(fields=["status", "id"], name="attendance_status_id"),
            models.Index(fields=["role", "id"], name="attendance_role_id"),
            models.Index(fields=["participant", "status", "role"], name="attendance_participant_status"),
            models.Index(fields=["status_date", "id"], name="attendance_status_date_id"),
            models.Index(fields=["created_at", "id"], name="attendance_created_id"),
            models.Index(fields=["updated_at", "id"], name="attendance_updated_id"),
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
        return self.reports.counting().first()

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
            # Not save(): that would take this as the curator's choice.
            self.write_derived(STATUS_REASON, touch=touch, status=status, status_date=status_date)


# ------------------------------------------------------------------------------
# Article
# ------------------------------------------------------------------------------
class ArticleQuerySet(RecordQuerySet):
    def for_listing(self):
        return self

    def for_detail(self):
        return self

    def of_event(self, event):
        """The articles of an event's reports, newest first."""
        return self.filter(reports__attendance__event=event).distinct().order_by("-published_on", "pk")

    def search(self, text):
        """Articles whose title or publisher contains ``text``, or whose body has its words."""
        queryset, body = words_match(self, "body", text)
        return queryset.filter(Q(title__icontains=text) | Q(publisher__icontains=text) | body)


class ArticleManager(NaturalKeyManager.from_queryset(ArticleQuerySet)):
    natural_key_lookups = ("publisher", "published_on", "title")


class Article(VersionedModel):
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
    history = RecordHistory()

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
        indexes = [
            models.Index(fields=["published_on", "id"], name="article_published_on_id"),
            models.Index(fields=["title", "id"], name="article_title_id"),
            models.Index(fields=["publisher", "id"], name="article_publisher_id"),
            models.Index(Upper("publisher"), name="article_publisher_upper"),
            models.Index(fields=["created_at", "id"], name="article_created_id"),
            models.Index(fields=["updated_at", "id"], name="article_updated_id"),
        ]

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
class ReportQuerySet(RecordQuerySet):
    def counting(self):
        """The reports an attendance's status follows, the one it follows first.

        The status rule: rejected reports do not count; the latest ``reported_on`` wins,
        ties to the report entered last.
        """
        return self.exclude(review=ReviewState.REJECTED).order_by("-reported_on", "-pk")

    def for_listing(self):
        return self.select_related("attendance__event", "attendance__participant", "speaker", "reviewed_by")

    def for_detail(self):
        return self.for_listing()

    def as_listed_by_attendance(self):
        """An attendance's reports as its detail nests them: newest first."""
        return self.select_related("speaker").order_by("-reported_on", "-pk")


class ReportManager(NaturalKeyManager.from_queryset(ReportQuerySet)):
    natural_key_lookups = ("uid",)


class Report(VersionedModel):
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
    history = RecordHistory()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        indexes = [
            models.Index(fields=["reported_on", "id"], name="report_reported_on_id"),
            models.Index(fields=["attendance", "reported_on"]),
            models.Index(fields=["status", "id"], name="report_status_id"),
            models.Index(fields=["review", "id"], name="report_review_id"),
            models.Index(fields=["created_at", "id"], name="report_created_id"),
            models.Index(fields=["updated_at", "id"], name="report_updated_id"),
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
