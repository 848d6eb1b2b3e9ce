"""A participant: a state, a government or one of its bodies, an armed group, an organisation or a person."""

import json

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django_countries.fields import CountryField

from events.models.history import RecordHistory
from events.models.querysets import ParticipantManager
from events.models.versioning import VersionedModel
from events.rules.choices import ParticipantKind
from events.rules.names import hidden_character
from events.rules.places import COUNTRY_ERRORS
from events.rules.slugs import check_case, validate_free_slug
from events.rules.values import NOTE_MAX_LENGTH, TOO_LONG, at_most, blank_text, composed, not_white_space_only


class UnicodeJSONEncoder(json.JSONEncoder):
    """Writes letters outside ASCII as themselves, so that a text search of the stored JSON finds them.

    (SQLite keeps a JSONField as the text it was given; PostgreSQL's jsonb is unaffected.)
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


ALIAS_MAX_LENGTH = 200  # a name's (Participant.name)
ALIASES_MAX_COUNT = 100  # names a participant is known by: a list past it is a mistake, not a record
DESCRIPTION_MAX_LENGTH = NOTE_MAX_LENGTH  # a few paragraphs: what the participant is, not an article
# What DRF's ListField says of a list too long (the API's ``aliases``), said alike by every entry point.
TOO_MANY_ALIASES = f"Ensure this field has no more than {ALIASES_MAX_COUNT} elements."


class AliasLength(MaxLengthValidator):
    """One alias, as stored (trimmed), has at most ALIAS_MAX_LENGTH characters: the API checks each item with it
    (a MaxLengthValidator, so its schema gives the maxLength), ``validate_aliases`` every entry point's list."""

    message = TOO_LONG
    code = "max_length"

    def clean(self, alias):
        return len(alias.strip())


validate_alias = AliasLength(ALIAS_MAX_LENGTH)


# A list in a CSV cell (the API's CSV, the data package) is its items joined by "|" (events.api.renderers): an alias
# holding one would be read back as two.
LIST_SEPARATOR = "|"
SEPARATOR_IN_ALIAS = "“%(alias)s”: an alias holds no “|”, which separates a participant's aliases in CSV."


def validate_name(value):
    """A name (a participant's, or one of its aliases) holds no bidi control, character that shows nothing, line
    separator or control character. A name that shows nothing at all is refused once, as blank (a name's
    ``not_white_space_only``, the aliases' list)."""
    problem = None if blank_text(value) else hidden_character(value)
    if problem:
        raise ValidationError(problem, code="hidden_character")


def validate_aliases(value):
    """Aliases are a JSON list of at most ALIASES_MAX_COUNT strings, each showing something (not white space or
    joiners alone: ``blank_text``), each a valid alias and name."""
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() and not blank_text(a) for a in value):
        raise ValidationError("Enter a list of non-empty names.", code="invalid_aliases")
    if len(value) > ALIASES_MAX_COUNT:
        raise ValidationError(TOO_MANY_ALIASES, code="max_length")
    for alias in value:
        validate_alias(alias)
        validate_name(alias)
        if LIST_SEPARATOR in alias:
            raise ValidationError(SEPARATOR_IN_ALIAS, code="separator", params={"alias": alias})


def provenance_field(record):
    """A record's ``provenance``: where it comes from (the extraction assistant's note on ``record``), for curators
    in the admin only: in no serializer, so not served, searched or shown on a public page (tester 44, D4); written
    by no form (not editable). ``export_records`` keeps it, so ``import_records`` and a dump's ``loaddata`` restore
    it."""
    return models.TextField(
        blank=True,
        editable=False,
        validators=[at_most(DESCRIPTION_MAX_LENGTH)],
        help_text=f"Where the record comes from, for curators: the extraction assistant's note on {record}. "
        "Not public.",
    )


class Participant(VersionedModel):
    """A state, a government or one of its bodies, an armed group, an organisation or a person."""

    slug = models.SlugField(max_length=100, unique=True, validators=[validate_free_slug])
    name = models.CharField(max_length=200, validators=[validate_name, not_white_space_only])
    kind = models.CharField(max_length=20, choices=ParticipantKind.choices)
    country = CountryField(blank=True, error_messages=COUNTRY_ERRORS)
    aliases = models.JSONField(
        default=list,
        encoder=UnicodeJSONEncoder,
        blank=True,
        validators=[validate_aliases],
        help_text=f"Other names the participant is known by, as a JSON list of at most {ALIASES_MAX_COUNT} strings.",
    )
    affiliation = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="affiliates",
        help_text="The body this participant belongs to: a spokesman's ministry, a ministry's government.",
    )
    # A validator, not max_length: the same check at every entry point, and no table rebuilt on SQLite.
    description = models.TextField(blank=True, validators=[at_most(DESCRIPTION_MAX_LENGTH)])
    # Where the record comes from, for curators in the admin: never served, searched or on a public page.
    provenance = provenance_field("a party it proposed and a curator confirmed")
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
            models.Index(fields=["country", "name", "id"], name="participant_country_name"),
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
        check_case(self.slug, held=lambda slug: self.as_dumped or type(self)._base_manager.filter(slug=slug).exists())
        if self.aliases is None:
            self.aliases = []
        self.check_affiliation()
        if isinstance(self.aliases, list):
            # Store aliases trimmed and once each, keeping the curator's order.
            self.aliases = list(dict.fromkeys(composed(a.strip()) for a in self.aliases if isinstance(a, str)))
