"""An article: the evidence that reports quote."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper

from events.models.constraints import UniqueTogether
from events.models.history import RecordHistory
from events.models.querysets import ArticleManager
from events.models.versioning import VersionedModel
from events.rules.choices import ReviewState
from events.rules.dates import plausible_date
from events.rules.languages import is_language_tag, recommended_case, validate_language_tag
from events.rules.quotes import missing_quotes
from events.rules.values import not_white_space_only

# The longest article text kept, in characters (the request size limit lets one through in any script).
BODY_MAX_LENGTH = 500_000

# What a URI is written with (RFC 3986): unreserved and reserved characters, and % with two hex digits.
URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}")


class LanguageField(models.CharField):
    """A BCP 47 language tag, taken in any case and kept in the recommended one (``events.rules.languages``)."""

    def to_python(self, value):
        value = super().to_python(value)
        if is_language_tag(value):
            return recommended_case(value)
        return value


def validate_uri_characters(value):
    """A URL is a URI (RFC 3986, the schema's ``format: uri``): Django's URLValidator lets a path hold ``"``,
    ``<``, ``>``, a space or a letter beyond ASCII, which a URI writes percent-encoded.

    Its code is its own, not ``invalid``: a Django form puts its field's message for a code in place of the
    model's (``ModelForm._update_errors``, ``Field.run_validators``), and the admin said only "Enter a valid URL."
    where the API and the import name the character (tester 45, D3)."""
    stray = URI_CHARACTERS.sub("", value)
    if stray:
        character = stray[0]
        encoded = "".join(f"%{byte:02X}" for byte in character.encode())
        raise ValidationError(
            f"Enter a valid URL: “{character}” is no character of a URI (RFC 3986); write it percent-encoded "
            f"({encoded}).",
            code="no_uri_character",
        )


class Article(VersionedModel):
    """A news article used as evidence."""

    url = models.URLField("URL", max_length=500, blank=True, validators=[validate_uri_characters])
    title = models.CharField(max_length=300, validators=[not_white_space_only])
    publisher = models.CharField(max_length=200, validators=[not_white_space_only])
    published_on = models.DateField(validators=plausible_date)
    language = LanguageField(
        max_length=35,
        default="en",
        validators=[validate_language_tag],
        help_text="A language code such as en, ru, ps or pt-BR, in any case.",
    )
    body = models.TextField(
        blank=True,
        validators=[
            MaxLengthValidator(
                BODY_MAX_LENGTH,
                f"An article's text holds at most {BODY_MAX_LENGTH:,} characters (this one has %(show_value)s).",
            )
        ],
        help_text="The full text, at most 500,000 characters; every quote taken from it must occur in it.",
    )

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
            UniqueTogether(
                fields=["publisher", "published_on", "title"],
                name="article_unique_publisher_date_title",
                field="title",
                message="This publisher already has an article with this title on this date.",
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
        reports = self.checked_reports()
        # Nor may it be dated before a report it backs: an article reports nothing after it is published.
        day = self.published_on if isinstance(self.published_on, datetime.date) else None  # none if refused
        later = [report for report in reports if day and report.reported_on > day]
        if report := max(later, key=lambda report: report.reported_on, default=None):
            named = f"Report {report.uid}" if self.shows(report) else "A report"
            raise ValidationError(
                {"published_on": f"{named} of this article was stated on {report.reported_on}, later."}
            )
        if not self.body:
            # An article stored without a body may keep its reports (their quotes go unchecked).
            emptied = Article.objects.filter(pk=self.pk).exclude(body="").exists()
            if emptied and reports:
                raise ValidationError({"body": "Reports quote this text, so it cannot be emptied."})
            return
        missing = missing_quotes(reports, self.body, quote_of=lambda report: report.quote)
        if missing:
            raise ValidationError({"body": quote_lost_message(missing[0], shown=self.shows(missing[0]))})

    # The article's reports as a form posts them with it (the admin's article page), by id: ``(quote, reported_on,
    # deleted)``, a value ``None`` where the form gave none it could read. They are checked in place of the
    # stored ones, so that a sentence and the quote taken from it, or the date and a report's, change together.
    posted_reports = None

    def checked_reports(self):
        """The reports this article's text and date are checked against: as stored, or as posted with it."""
        reports = list(self.reports.only("uid", "quote", "reported_on", "review"))
        posted = self.posted_reports or {}
        for report in reports:
            quote, reported_on, _deleted = posted.get(report.pk, (None, None, False))
            report.quote = report.quote if quote is None else quote
            report.reported_on = report.reported_on if reported_on is None else reported_on
        return [report for report in reports if not posted.get(report.pk, (None, None, False))[2]]

    # Whether the writer may see drafts and rejected reports (``events.api.audience``): the API and the admin say
    # so for a writer who may not, whom a refusal must not tell of a report hidden from them.
    writer_sees_drafts = True

    def shows(self, report):
        return self.writer_sees_drafts or report.review == ReviewState.VERIFIED


def quote_lost_message(report, *, shown):
    """Why an article's new text is refused: it lost the quote of ``report`` (named only when ``shown``)."""
    if not shown:
        return "The text no longer contains the quote of a report of this article."
    return f"The text no longer contains the quote of report {report.uid}: “{report.quote}”."
