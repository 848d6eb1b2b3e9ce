"""How the API reads and writes records. The rules themselves live in the models."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from events import services
from events.api import fields
from events.api.audience import knows_of, sees_drafts
from events.api.fields import CountryCodeField, IdRelatedField, event_field, participant_field
from events.api.model_rules import ModelRulesSerializer, as_api_error
from events.models import Article, Attendance, Event, Participant, Report
from events.models.review import (
    NOT_A_CURATORS_MOVE,
    NOT_A_CURATORS_STATUS,
    review_written_by,
    status_set_by_hand,
    vouched_status_moved,
)


# ------------------------------------------------------------------------------
# Participants
# ------------------------------------------------------------------------------
class ParticipantSerializer(ModelRulesSerializer):
    country = CountryCodeField(allow_blank=True, required=False)
    aliases = fields.aliases_field(required=False)
    affiliation = participant_field(allow_null=True, required=False)

    class Meta:
        model = Participant
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "country",
            "aliases",
            "affiliation",
            "description",
            "wikidata_id",
            "created_at",
            "updated_at",
            "version",
        ]


class ParticipantAttendanceSerializer(serializers.ModelSerializer):
    """An attendance as a participant's page lists it."""

    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    start_date = serializers.DateField(source="event.start_date", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "event", "event_title", "start_date", "role", "status", "status_date"]
        read_only_fields = fields


class ParticipantDetailSerializer(ParticipantSerializer):
    attendances = ParticipantAttendanceSerializer(many=True, read_only=True)

    class Meta(ParticipantSerializer.Meta):
        fields = [*ParticipantSerializer.Meta.fields, "attendances"]


# ------------------------------------------------------------------------------
# Articles
# ------------------------------------------------------------------------------
class ArticleSerializer(ModelRulesSerializer):
    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "published_on",
            "language",
            "body",
            "created_at",
            "updated_at",
            "version",
        ]


class ArticleSummarySerializer(serializers.ModelSerializer):
    url = serializers.URLField(read_only=True, allow_blank=True)

    class Meta:
        model = Article
        fields = ["id", "title", "publisher", "published_on", "url"]
        read_only_fields = fields


# ------------------------------------------------------------------------------
# Events
# ------------------------------------------------------------------------------
class EventSerializer(ModelRulesSerializer):
    country = CountryCodeField(allow_blank=True, required=False)
    host = participant_field(allow_null=True, required=False)

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "city",
            "country",
            "latitude",
            "longitude",
            "host",
            "description",
            "cameo_code",
            "plover_type",
            "plover_mode",
            "awaiting_review",
            "created_at",
            "updated_at",
            "version",
        ]


class EventAttendanceSerializer(serializers.ModelSerializer):
    """An attendance as an event's page lists it."""

    participant = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    participant_name = serializers.CharField(source="participant.name", read_only=True)
    participant_kind = serializers.CharField(source="participant.kind", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "participant", "participant_name", "participant_kind", "role", "status", "status_date"]
        read_only_fields = fields


class EventWithAttendancesSerializer(EventSerializer):
    """An event as the list answers it with ``?expand=attendances``."""

    attendances = EventAttendanceSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "attendances"]
        read_only_fields = fields


class EventDetailSerializer(EventSerializer):
    attendances = EventAttendanceSerializer(many=True, read_only=True)
    articles = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField(help_text="The public, read-only page of this event.")

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "attendances", "articles", "page_url"]

    @extend_schema_field(ArticleSummarySerializer(many=True))
    def get_articles(self, event):
        articles = Article.objects.of_event(event, verified_only=not sees_drafts(self.context.get("request")))
        return ArticleSummarySerializer(articles, many=True).data

    def get_page_url(self, event) -> str:
        request = self.context.get("request")
        url = event.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


# ------------------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------------------
class ReportSerializer(ModelRulesSerializer):
    """A report reads with its attendance id and its event and participant slugs.

    It is written either with ``attendance`` or with ``event`` and ``participant``;
    in the second case the attendance is created when there is none. ``reviewed_by``
    (a username) reads ``null`` for readers who may not change reports.
    """

    attendance = IdRelatedField(  # null: none given, as a generated client sends an optional left out (tester 41, F7)
        queryset=Attendance.objects.select_related("event", "participant"), required=False, allow_null=True
    )
    article = IdRelatedField(queryset=Article.objects.all())
    event = event_field(required=False, help_text="With participant, instead of attendance.")
    participant = participant_field(required=False, help_text="With event, instead of attendance.")
    speaker = participant_field(allow_null=True, required=False)
    reviewed_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="Who set the review to verified or rejected; null for readers who may not change reports.",
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "uid",
            "attendance",
            "event",
            "participant",
            "status",
            "review",
            "reviewed_by",
            "reviewed_at",
            "reported_on",
            "status_on",
            "article",
            "quote",
            "speaker",
            "via",
            "cameo_code",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = ["uid"]
        # Read through the attendance (the model's properties), for the reads that skip the serializer.
        read_lookups = {"event": "attendance__event__slug", "participant": "attendance__participant__slug"}
        # Usernames: only for readers who may see drafts (events.api.audience); others read null.
        curators_only = ["reviewed_by"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not sees_drafts(self.context.get("request")):
            data.update(dict.fromkeys(self.Meta.curators_only))
        return data

    def review_written(self, review=None):
        """The review stored for what the writer gives (events.models.review.review_written_by: the admin's too)."""
        user = getattr(self.context.get("request"), "user", None)
        try:
            return review_written_by(user, review, new=self.instance is None)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["review"]) from error

    def validate_review(self, value):
        return self.review_written(value)

    def validate(self, attrs):
        if "review" not in attrs and (review := self.review_written()) is not None:
            attrs["review"] = review  # a curator vouches; another writer proposes
        event = attrs.pop("event", None)
        participant = attrs.pop("participant", None)
        if "attendance" in attrs and attrs["attendance"] is None:
            del attrs["attendance"]
        attendance = attrs.get("attendance")
        if attendance is not None:
            errors = {}
            if event is not None and event != attendance.event:
                errors["event"] = "Does not match the event of the attendance given."
            if participant is not None and participant != attendance.participant:
                errors["participant"] = "Does not match the participant of the attendance given."
            if errors:
                raise serializers.ValidationError(errors)
        elif event is not None or participant is not None:
            if self.instance is not None:
                event = event or self.instance.attendance.event
                participant = participant or self.instance.attendance.participant
            if event is None or participant is None:
                missing = "participant" if participant is None else "event"
                raise serializers.ValidationError({missing: "Give both event and participant, or an attendance."})
            existing = Attendance.objects.filter(event=event, participant=participant).first()
            hidden = existing is not None and not knows_of(self.context.get("request"), existing)
            if existing is not None and (not hidden or self.instance is not None):  # who changes one: a curator
                attrs["attendance"] = existing
            else:
                self.check_may_add_attendance()
                attrs["new_attendance"] = {"event": event, "participant": participant}
                if hidden:  # awaiting review, unseen by this writer: as on a pair with none, the report's new
                    # attendance takes its place (services.create_report): its id tells nothing (tester 47, 2)
                    attrs["new_attendance"]["in_place_of"] = existing
        elif self.instance is None:
            raise serializers.ValidationError({"attendance": "Give an attendance id, or an event and a participant."})
        return super().validate(attrs)

    def check_may_add_attendance(self):
        """A report that creates an attendance needs the permission to add one."""
        request = self.context.get("request")
        if request is not None and not services.may_add_attendance(request.user):
            raise PermissionDenied(
                "This report would create an attendance, which you may not add: give an existing attendance."
            )

    def rules_exclude(self, attrs):
        return ["attendance"] if "new_attendance" in attrs else []

    def writer(self):
        """The user writing, noted as the reviewer when the review changes."""
        request = self.context.get("request")
        return request.user if request is not None and request.user.is_authenticated else None

    def create(self, validated_data):
        new_attendance = validated_data.pop("new_attendance", {})
        try:
            return services.create_report(**new_attendance, **validated_data, by=self.writer())
        except DjangoValidationError as error:
            raise as_api_error(error) from error

    def update(self, instance, validated_data):
        new_attendance = validated_data.pop("new_attendance", None)
        if new_attendance is not None:
            review = validated_data.get("review", instance.review)
            validated_data["attendance"] = services.attendance_for(**new_attendance, review=review)
        if "review" in validated_data:
            instance.review = validated_data["review"]
            instance.note_review(by=self.writer())
        return super().update(instance, validated_data)


class AttendanceReportSerializer(serializers.ModelSerializer):
    """A report as its attendance lists it."""

    speaker = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Report
        fields = ["id", "uid", "status", "review", "reported_on", "status_on", "article", "quote", "speaker", "via"]
        read_only_fields = fields


# ------------------------------------------------------------------------------
# Attendances
# ------------------------------------------------------------------------------
class AttendanceSerializer(ModelRulesSerializer):
    event = event_field()
    participant = participant_field()

    # An attendance awaiting review where a writer who may not see it puts theirs: it gives its place (save()).
    proposal = None

    def validate(self, attrs):
        # A writer who may not see an attendance awaiting review is not refused for it, as for a pair with none:
        # a new attendance takes it over, one moved there takes its place (events.services.reports).
        request = self.context.get("request")
        if not sees_drafts(request):
            event, participant = attrs.get("event"), attrs.get("participant")
            if self.instance is None:
                self.proposal = services.take_over_proposal(event=event, participant=participant)
            elif (event or participant) is not None:
                event, participant = event or self.instance.event, participant or self.instance.participant
                self.proposal = services.proposal_in_the_way(
                    attendance=self.instance, event=event, participant=participant
                )
        refused = status_set_by_hand(getattr(request, "user", None), self.instance or Attendance(), attrs)
        if refused:
            raise serializers.ValidationError({name: [NOT_A_CURATORS_STATUS] for name in refused})
        if not sees_drafts(request) and (moved := vouched_status_moved(self.instance or Attendance(), attrs)):
            raise serializers.ValidationError({name: [NOT_A_CURATORS_MOVE] for name in moved})
        return super().validate(attrs)

    def rules_exclude(self, attrs):
        # No clash with the attendance that gives its place: save() deletes it before this one is saved.
        return ["participant"] if self.proposal is not None else []

    def save(self, **kwargs):
        if self.proposal is None:
            return super().save(**kwargs)
        # The place is given only if this one is saved (one transaction).
        save = super().save
        moved = self.instance
        return services.save_in_place_of_proposal(proposal=self.proposal, save=lambda: save(**kwargs), moved=moved)

    class Meta:
        model = Attendance
        fields = [
            "id",
            "event",
            "participant",
            "role",
            "status",
            "status_date",
            "notes",
            "awaiting_review",
            "created_at",
            "updated_at",
            "version",
        ]
        extra_kwargs = {
            "status": {
                "help_text": "Follows the verified report whose status held latest, once there is one; "
                "until then, what a curator set."
            },
            "status_date": {
                "help_text": "Read-only while the attendance has verified reports: the day the followed one's "
                "status held (its status_on, else its reported_on)."
            },
        }


class AttendanceDetailSerializer(AttendanceSerializer):
    reports = AttendanceReportSerializer(many=True, read_only=True, help_text="Newest first.")

    class Meta(AttendanceSerializer.Meta):
        fields = [*AttendanceSerializer.Meta.fields, "reports"]
