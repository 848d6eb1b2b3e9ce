"""Store an article from a text file and propose the draft reports it supports."""

import json
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from events.models import Article
from events.rules import jsontext
from events.rules.jsontext import not_json
from events.rules.values import GIVEN_TWICE, repeated_name
from events.services import NO_TEXT, has_text, propose_reports

META_FIELDS = ("title", "publisher", "published_on")
OPTIONAL_FIELDS = ("url", "language")
# Keys of the evaluation seeds' metadata (seeds/*.json), read by evaluate_extraction; this command stores none.
SEED_KEYS = ("text_file", "source_url", "notes")


class Command(BaseCommand):
    help = (
        "Store the article of PATH.txt (metadata from --meta PATH.json, or PATH.json beside it) and propose "
        "draft reports from its text, printed as a table. --dry-run stores and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the article's text, UTF-8")
        parser.add_argument(
            "--meta",
            help="JSON with title, publisher, published_on (YYYY-MM-DD), optional url, language; any other key "
            "is refused (but the seeds' text_file, source_url and notes, which are not stored)",
        )
        parser.add_argument("--dry-run", action="store_true", help="print the proposals; store and write nothing")

    def handle(self, *args, path, meta=None, dry_run=False, **options):
        text_path = Path(path)
        try:
            body = text_path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read the article: {error}") from error
        if not has_text(body):  # as the API and the admin refuse to read it
            raise CommandError(f"{text_path}: body: {NO_TEXT}")
        meta_path = Path(meta) if meta else text_path.with_suffix(".json")
        fields = self.read_meta(meta_path, explicit=bool(meta))
        try:
            with transaction.atomic():
                article, stored = self.article(body, fields)
                outcome = propose_reports(article=article, dry_run=dry_run)
                if dry_run:
                    transaction.set_rollback(True)
        except ValidationError as error:
            raise refusal(error, text_path, meta_path) from error
        self.report(article, stored, outcome, dry_run)

    def read_meta(self, meta_path, explicit):
        if not meta_path.exists():
            hint = "" if explicit else " (give --meta PATH.json)"
            raise CommandError(f"{meta_path}: no such metadata file{hint}; it needs {', '.join(META_FIELDS)}.")
        try:
            text = meta_path.read_text(encoding="utf-8-sig")
            fields = jsontext.loads(text)  # no deeper than the API's limit on a body (events.rules.jsontext)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{meta_path}: cannot read the metadata: {error}") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{meta_path}: line {error.lineno}: {not_json(error, lower=True)}") from None
        if not isinstance(fields, dict):
            raise CommandError(f"{meta_path}: the metadata must be a JSON object.")
        repeated = repeated_name(text, fields)
        if repeated is not None:  # JSON's reader keeps the last without a word, as the API refuses it (tester 46, D2)
            raise CommandError(f"{meta_path}: {repeated}: {GIVEN_TWICE}")
        unknown = sorted(set(fields) - {*META_FIELDS, *OPTIONAL_FIELDS, *SEED_KEYS})
        if unknown:  # a typo ("titel") is a mistake, as in the API, not a value to drop
            raise CommandError(
                f"{meta_path}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}: the metadata takes "
                f"{', '.join(META_FIELDS + OPTIONAL_FIELDS)} (and the seeds' {', '.join(SEED_KEYS)}, not stored)."
            )
        missing = [name for name in META_FIELDS if not fields.get(name)]
        if missing:
            raise CommandError(f"{meta_path}: missing {', '.join(missing)}.")
        return fields  # each value is checked with the others by the article's rules (article())

    def article(self, body, fields):
        """The stored article with this metadata (by URL, or publisher, date and title), else a new one.

        Every value is checked first, the text too (a NUL, a list for a title), even for an article already
        stored: nothing refused is looked up, and a bad text file is refused whatever is stored.
        """
        key = {"publisher": fields["publisher"], "published_on": fields["published_on"], "title": fields["title"]}
        new = Article(**key, url=fields.get("url", ""), language=fields.get("language", "en"), body=body)
        new.full_clean(validate_unique=False, validate_constraints=False)
        # as the fields read them: the day, texts trimmed and composed (events.rules.values)
        key = {"publisher": new.publisher, "published_on": new.published_on, "title": new.title}
        article = (Article.objects.filter(url=new.url).first() if new.url else None) or (
            Article.objects.filter(**key).first()
        )
        if article is not None:
            return article, False
        new.full_clean()
        new.save()
        return new, True

    def report(self, article, stored, outcome, dry_run):
        write = self.stdout.write
        if dry_run:
            write(f"Dry run: nothing stored. Article “{article.title}” ({article.publisher}, {article.published_on}).")
        else:
            state = "stored as" if stored else "already stored as"
            write(f"Article “{article.title}” {state} #{article.pk}.")
        rows = [("event", "participant", "status", "reported_on", "speaker", "via", "report", "quote")]
        for item in outcome.items:
            p = item.proposal
            if dry_run:
                result = "proposed"
            elif item.error:
                result = f"error: {item.error}"
            else:
                result = f"{'new' if item.created else 'exists'} #{item.report.pk}"
            quote = p.quote if len(p.quote) <= 70 else p.quote[:67] + "..."
            # the speaker as stored: one the database lacks ("new-…") is no report's speaker (tester 50)
            told = item.report.speaker if item.report is not None else p.speaker
            speaker = told.slug if told is not None and not getattr(told, "new", False) else ""
            rows.append(
                (p.event.slug, p.participant.slug, p.status, str(p.reported_on), speaker, p.via, result, quote)
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if index == 0:
                write("  ".join("-" * width for width in widths))
        for event in outcome.new_events:
            place = event.city or "no city"
            write(f"New event: {event.slug} — {event.title}, {event.start_date}, {place} ({event.kind})")
        if outcome.candidates:
            write(
                "Names no participant has (add them in the admin if they take part): " + ", ".join(outcome.candidates)
            )
        pending = [party.name for party in outcome.parties if party.is_pending]
        if pending:
            # a dry run's table holds the reports a run would write; its statements about these wait for them
            would = "it would propose, " if dry_run else ""
            write(f"New parties {would}to confirm, merge or dismiss on the article's admin page: {', '.join(pending)}")
        if not dry_run:
            reports, attendances = len(outcome.created_reports), len(outcome.created_attendances)
            write(f"Created {reports} draft reports, {attendances} attendances, {len(outcome.created_events)} events.")


def refusal(error, text_path, meta_path):
    """The ``CommandError`` for an article refused: the text file and ``body``, else the metadata file and each
    field with its messages, in the order of the article's fields (``url: Enter a valid URL.; language: …``)."""
    errors = getattr(error, "error_dict", None)
    if errors is None:
        return CommandError(f"{meta_path}: {'; '.join(error.messages)}")
    if "body" in errors:  # the text, not the metadata
        return CommandError(f"{text_path}: body: {'; '.join(ValidationError(errors['body']).messages)}")
    order = [field.name for field in Article._meta.fields]
    named = []
    for name in sorted(errors, key=lambda name: order.index(name) if name in order else len(order)):
        prefix = "" if name == NON_FIELD_ERRORS else f"{name}: "
        named.extend(prefix + message for message in ValidationError(errors[name]).messages)
    return CommandError(f"{meta_path}: {'; '.join(named)}")
