"""The extraction assistant over HTTP: ``POST /api/articles/{id}/extract/`` (see ``ArticleViewSet.extract``)."""

from rest_framework import serializers
from rest_framework.permissions import BasePermission

from events.extraction.linking import NewEvent
from events.models import AttendanceStatus, EventKind, EventStatus, ParticipantKind, PartyProposalState
from events.services import NOT_A_PROPOSER, PROPOSE_PERMISSIONS


class CanProposeReports(BasePermission):
    """Curators: users who may add events, attendances and reports, and review reports."""

    message = NOT_A_PROPOSER

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_perms(PROPOSE_PERMISSIONS))


class ProposedEventSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=EventKind.choices)
    status = serializers.ChoiceField(choices=EventStatus.choices)
    start_date = serializers.DateField()
    city = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)


class ProposalSerializer(serializers.Serializer):
    event = serializers.SlugField(help_text="The event's slug: a known event, or one in new_events.")
    event_is_new = serializers.BooleanField(help_text="Whether the event is one the assistant proposes.")
    participant = serializers.SlugField()
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    reported_on = serializers.DateField()
    quote = serializers.CharField(help_text="The sentence of the article that states the status, exactly.")
    speaker = serializers.SlugField(
        allow_null=True, help_text="The speaker's slug; null when none is named or no participant is the speaker."
    )
    via = serializers.CharField(allow_blank=True)
    cue = serializers.CharField(help_text="The words that state the status.")
    report = serializers.IntegerField(allow_null=True, help_text="The id of the draft report, new or already there.")
    created = serializers.BooleanField(help_text="Whether this request created the report.")
    error = serializers.CharField(allow_blank=True, help_text="Why the report could not be written, if it could not.")


class CreatedSerializer(serializers.Serializer):
    events = serializers.ListField(child=serializers.SlugField())
    attendances = serializers.ListField(child=serializers.IntegerField())
    reports = serializers.ListField(child=serializers.IntegerField())


class ProposedPartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ParticipantKind.choices, help_text="Guessed from the name.")
    status = serializers.ChoiceField(choices=PartyProposalState.choices)
    statements = serializers.IntegerField(help_text="How many draft reports it gives once confirmed or merged.")


class ExtractionSerializer(serializers.Serializer):
    """What the assistant proposed from an article, and what it created."""

    article = serializers.IntegerField()
    proposals = ProposalSerializer(many=True)
    new_events = ProposedEventSerializer(many=True)
    candidates = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names in the text that no participant has: add them if they take part.",
    )
    parties = ProposedPartySerializer(
        many=True,
        help_text="The candidates the text gives a status for, proposed as parties: a curator confirms, merges or "
        "dismisses them on the article's admin page.",
    )
    created = CreatedSerializer()


def speaker_slug(speaker):
    """A known speaker's slug; none for a speaker the catalog lacks, as the draft stores it (no such participant)."""
    return speaker.slug if speaker is not None and not getattr(speaker, "new", False) else None


def outcome_data(outcome):
    """The answer to an extraction request, from ``services.propose_reports``'s outcome."""
    return {
        "article": outcome.article.pk,
        "proposals": [
            {
                "event": item.proposal.event.slug,
                "event_is_new": isinstance(item.proposal.event, NewEvent),
                "participant": item.proposal.participant.slug,
                "status": item.proposal.status,
                "reported_on": item.proposal.reported_on,
                "quote": item.proposal.quote,
                "speaker": speaker_slug(item.proposal.speaker),
                "via": item.proposal.via,
                "cue": item.proposal.cue,
                "report": item.report.pk if item.report else None,
                "created": item.created,
                "error": item.error,
            }
            for item in outcome.items
        ],
        "new_events": [vars(event) | {"slug": event.slug} for event in outcome.new_events],
        "candidates": outcome.candidates,
        "parties": [
            {
                "id": party.pk,
                "name": party.name,
                "kind": party.kind,
                "status": party.status,
                "statements": len(party.statements),
            }
            for party in outcome.parties
        ],
        "created": {
            "events": [event.slug for event in outcome.created_events],
            "attendances": [attendance.pk for attendance in outcome.created_attendances],
            "reports": [report.pk for report in outcome.created_reports],
        },
    }
