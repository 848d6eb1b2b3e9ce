"""Query shapes: one QuerySet method for each way a record is read, its relations declared once.

``for_listing()`` is what a list row reads, ``for_detail()`` what a detail nests; the API, the
admin and the history endpoints all start from these. Managers find records by natural key.
"""

from django.apps import apps
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.lookups import IsNull
from django.utils import timezone

from events.models.review import PUBLISHED_REASON, VERIFIED_REASON, ReviewQuerySet
from events.models.search import alias_match, text_match, words_match
from events.models.versioning import NaturalKeyManager, RecordQuerySet
from events.rules import dates, status
from events.rules.choices import ReviewState
from events.rules.values import composed


def record(name):
    """A record class by name: the querysets are defined before the records they nest."""
    return apps.get_model("events", name)


class ParticipantQuerySet(RecordQuerySet):
    listed_with = ("affiliation",)

    def for_detail(self, *, verified_only=False):
        """With its attendances (only those on the public record when ``verified_only``: events.models.review)."""
        attendances = record("Attendance").objects.visible(not verified_only).as_listed_by_participant()
        return self.for_listing().prefetch_related(models.Prefetch("attendances", queryset=attendances))

    def search(self, text):
        """Participants whose name, slug or any alias contains ``text`` (straight and curly apostrophes alike)."""
        text = composed(text)  # as the names are stored (events.rules.values)
        queryset, aliases = alias_match(self, text)
        return queryset.filter(text_match("name", "icontains", text) | Q(slug__icontains=text) | aliases)


class ParticipantManager(NaturalKeyManager.from_queryset(ParticipantQuerySet)):
    natural_key_lookups = ("slug",)


class EventQuerySet(ReviewQuerySet):
    listed_with = ("host",)

    def search(self, text, *, participants=False):
        """Events whose title or city contains ``text``, or whose description has its words.

        ``participants``: also the events whose host or a participant on the public record has ``text`` in
        its name, slug or an alias (the public index's search).
        """
        text = composed(text)  # as the texts are stored (events.rules.values): the public index's search too
        queryset, description = words_match(self, "description", text)
        matches = text_match("title", "icontains", text) | text_match("city", "icontains", text) | description
        if participants:
            named = record("Participant").objects.search(text).values("pk")
            attending = record("Attendance").objects.on_record().filter(event=OuterRef("pk"), participant__in=named)
            matches |= Q(host__in=named) | Exists(attending)
        return queryset.filter(matches)

    def overlapping(self, *, after=None, before=None):
        """Events whose dates overlap the inclusive range; an event with no end date lasts one day."""
        return self.filter(dates.overlap(after=after, before=before))

    def with_attendance(self, *, everything=True, **attendance):
        """Events with ONE attendance matching every lookup (``participant=``, ``status__in=``, ``role__in=``).

        ``participant`` with a status means that participant's status, not another's at the same event.
        Not ``everything``: an attendance on the public record (``events.models.review``).
        """
        attendance = {lookup: value for lookup, value in attendance.items() if value}
        if not attendance:
            return self
        attendances = record("Attendance").objects.visible(everything)
        return self.filter(Exists(attendances.filter(event=OuterRef("pk"), **attendance)))

    def for_detail(self, *, verified_only=False):
        """With its attendances (only those on the public record when ``verified_only``: events.models.review)."""
        attendances = record("Attendance").objects.visible(not verified_only).as_listed_by_event()
        return self.for_listing().prefetch_related(models.Prefetch("attendances", queryset=attendances))


class EventManager(NaturalKeyManager.from_queryset(EventQuerySet)):
    natural_key_lookups = ("slug",)


class AttendanceQuerySet(ReviewQuerySet):
    listed_with = ("event", "participant")

    def put_on_record(self, reason=PUBLISHED_REASON):
        """Put the attendances that await review on the public record, and their events with them."""
        events = list(self.filter(awaiting_review=True).values_list("event", flat=True).distinct())
        count = super().put_on_record(reason)
        record("Event").objects.filter(pk__in=events).put_on_record(reason)
        return count

    def settle_review(self):
        """After a bulk write (import, fixtures): put the attendances with a verified report on the public record,
        and the events of the ones on it (``events.models.review``), as single saves do."""
        verified = record("Report").objects.verified().filter(attendance=OuterRef("pk"))
        self.filter(Exists(verified)).put_on_record(VERIFIED_REASON)
        events = self.on_record().filter(event__awaiting_review=True).values("event")
        record("Event").objects.filter(pk__in=events).put_on_record(PUBLISHED_REASON)

    def for_detail(self, *, verified_only=False):
        """With its reports (only the verified ones when ``verified_only``: for readers who may not see drafts)."""
        reports = record("Report").objects.as_listed_by_attendance()
        if verified_only:
            reports = reports.verified()
        return self.for_listing().prefetch_related(models.Prefetch("reports", queryset=reports))

    def as_listed_by_event(self):
        """An event's attendances as its detail nests them: by participant name."""
        return self.select_related("participant").order_by("participant__name", "pk")

    def as_listed_by_participant(self):
        """A participant's attendances as its detail nests them: the latest event first."""
        return self.select_related("event").order_by("-event__start_date", "pk")

    def for_board(self, *, verified_only=False):
        """For the status board: by participant name, every report with its article and speaker, oldest first.

        ``verified_only``: the public's board, which shows no draft, no rejected report and no attendance
        awaiting review.
        """
        reports = record("Report").objects.select_related("article", "speaker").order_by("reported_on", "pk")
        if verified_only:
            reports = reports.filter(review=ReviewState.VERIFIED)
        return (
            self.visible(not verified_only)
            .select_related("participant")
            .prefetch_related(models.Prefetch("reports", queryset=reports))
            .order_by("participant__name", "pk")
        )

    def refresh_status(self, *, touch=True):
        """Apply the status rule to every attendance of this queryset, each locked while it is refreshed."""
        with transaction.atomic(using=self.db, savepoint=False):
            for attendance in self.order_by("pk").select_for_update(of=("self",)):
                attendance.refresh_status(touch=touch)

    def status_rule_sql(self):
        """The status and date the status rule gives an attendance row, and whether its stored ones are those."""
        current, current_date = status.status_sql(record("Report").objects)
        unchanged = Q(status=current) & (
            Q(status_date=current_date) | (Q(status_date__isnull=True) & IsNull(current_date, True))
        )
        return current, current_date, unchanged

    def not_following_reports(self):
        """The attendances whose stored status or date is not what the status rule gives them."""
        *_, unchanged = self.status_rule_sql()
        return self.annotate(follows=Case(When(unchanged, then=Value(True)), default=Value(False))).filter(
            follows=False
        )

    def refresh_status_in_bulk(self, *, touch=True):
        """Apply the status rule to every attendance of this queryset, in one UPDATE (bulk import).

        Each takes the status and date the status rule gives (``events.rules.status.status_sql``);
        only the rows whose status or date that changes are written (an import's attendances mostly
        carry the status their reports give: rewriting each row, and each of its index entries, was
        most of the statement's time). ``touch`` marks them as changed: a new version and
        ``updated_at`` now. An import's own new rows are not touched: their derived status is
        part of their creation. For the many rows of a bulk import, which records their history
        itself (``refresh_status()`` records each row's). Returns how many rows changed.
        """
        current, current_date, _unchanged = self.status_rule_sql()
        changes = {"status": current, "status_date": current_date}
        if touch:
            # A changed row gets a new version (its ETag changes) but, unlike refresh_status(), no historical
            # row: the importer records the changed rows afterwards, all at once.
            changes["version"] = F("version") + 1
            changes["updated_at"] = Value(timezone.now())
        return self.not_following_reports().update(**changes)


class AttendanceManager(NaturalKeyManager.from_queryset(AttendanceQuerySet)):
    natural_key_lookups = ("event__slug", "participant__slug")


class ArticleQuerySet(RecordQuerySet):
    def for_detail(self):
        return self

    def of_event(self, event, *, verified_only=False):
        """The articles of an event's reports (its verified reports when ``verified_only``), newest first."""
        reports = {"reports__attendance__event": event}
        if verified_only:
            reports["reports__review"] = ReviewState.VERIFIED
        return self.filter(**reports).distinct().order_by("-published_on", "pk")

    def search(self, text):
        """Articles whose title or publisher contains ``text``, or whose body has its words."""
        queryset, body = words_match(self, "body", text)
        named = text_match("title", "icontains", text) | text_match("publisher", "icontains", text)
        return queryset.filter(named | body)


class ArticleManager(NaturalKeyManager.from_queryset(ArticleQuerySet)):
    natural_key_lookups = ("publisher", "published_on", "title")


class ReportQuerySet(RecordQuerySet):
    listed_with = ("attendance__event", "attendance__participant", "speaker", "reviewed_by")

    def counting(self):
        """The reports an attendance's status follows, the one it follows first (``events.rules.status``)."""
        return status.counting(self)

    def for_detail(self):
        return self.for_listing()

    def verified(self):
        """The reports a curator vouched for: all that readers who may not see drafts are shown."""
        return self.filter(review=ReviewState.VERIFIED)

    def visible(self, everything):
        return self if everything else self.verified()

    def as_listed_by_attendance(self):
        """An attendance's reports as its detail nests them: newest first."""
        return self.select_related("speaker").order_by("-reported_on", "-pk")


class ReportManager(NaturalKeyManager.from_queryset(ReportQuerySet)):
    natural_key_lookups = ("uid",)
