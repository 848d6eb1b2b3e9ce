"""A party the extraction assistant found in an article but the catalog lacks, waiting for a curator's word."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django_countries.fields import CountryField

from events.models.article import Article
from events.models.constraints import UniqueTogether
from events.models.participant import Participant, UnicodeJSONEncoder, validate_aliases
from events.models.versioning import TimeStampedModel
from events.rules.choices import ParticipantKind, PartyProposalState
from events.rules.parties import is_noise, name_key, normalize_name
from events.rules.places import COUNTRY_ERRORS


class ParticipantProposal(TimeStampedModel):
    """A name an article gives that no participant has, proposed as a new participant.

    ``statements`` keeps the draft reports the extraction assistant would have written had the party
    existed (event, status, quote, dates, speaker, via, as plain JSON), so that confirming the party, or
    merging it into a participant, turns them into draft reports; dismissing it drops them.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="party_proposals")
    name = models.CharField(max_length=200, help_text="The name as the article gives it, normalised.")
    key = models.CharField(max_length=200, editable=False, help_text="The name as names are compared.")
    kind = models.CharField(max_length=20, choices=ParticipantKind.choices, help_text="Guessed from the name.")
    country = CountryField(
        blank=True, error_messages=COUNTRY_ERRORS, help_text="Its country, when the extraction assistant knows it."
    )
    aliases = models.JSONField(
        default=list, encoder=UnicodeJSONEncoder, blank=True, validators=[validate_aliases], help_text="Other names."
    )
    quote = models.TextField(blank=True, help_text="The sentence of the article that names it.")
    statements = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(
        max_length=20, choices=PartyProposalState.choices, default=PartyProposalState.PENDING, editable=False
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="proposals",
        help_text="The participant it became, or was merged into.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["article", "pk"]
        verbose_name = "proposed party"
        verbose_name_plural = "proposed parties"
        constraints = [
            UniqueTogether(
                fields=["article", "key"],
                name="party_proposal_unique_name_per_article",
                field="name",
                message="This article already proposes a party of this name.",
            ),
        ]
        indexes = [models.Index(fields=["status", "article"], name="party_proposal_status_article")]

    def __str__(self):
        return f"{self.name} (proposed from “{self.article}”)"

    @property
    def is_pending(self):
        return self.status == PartyProposalState.PENDING

    def clean(self):
        self.name = normalize_name(self.name)
        if is_noise(self.name):
            raise ValidationError({"name": f"“{self.name}” names no party: too short, or a common word."})
        self.key = name_key(self.name)
