"""The values a record's choice fields take: stored and served exactly like this (the public interface)."""

from django.db import models


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
    NOT_INVITED = "not_invited", "Not invited"
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


class PartyProposalState(models.TextChoices):
    """What became of a party the extraction assistant proposed: still to review, or how the curator settled it."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    MERGED = "merged"
    DISMISSED = "dismissed"
