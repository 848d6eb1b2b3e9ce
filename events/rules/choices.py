"""The values a record's choice fields take: stored and served exactly like this (the public interface)."""

from django.core.exceptions import ValidationError
from django.db import models

DJANGOS_WORDS = models.Field.default_error_messages["invalid_choice"]


def invalid_choice_message(choices, value="{input}"):
    """The message of a value that is none of ``choices``: it lists them (the API's, said alike by fixtures and the
    import)."""
    return f"“{value}” is not a valid choice. Valid choices: {', '.join(str(choice) for choice in choices)}."


def in_the_apis_words(field, value, error):
    """``error``, a model field's refusal of ``value``, with a bad choice told as the API tells it (it lists the valid
    ones: tester 38, P6, "Value 'zzz' is not a valid choice.")."""
    if not field.choices or not any(each.message == DJANGOS_WORDS for each in error.error_list):
        return error  # a field's own words (a country's: events.rules.places.no_country) are left as they are
    choices = [choice for choice, _label in field.flatchoices]
    return ValidationError(invalid_choice_message(choices, value=value), code="invalid_choice")


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
