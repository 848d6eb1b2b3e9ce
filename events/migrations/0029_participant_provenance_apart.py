# The extraction assistant's note on a party it proposed and a curator confirmed ("Proposed by the extraction
# assistant from “<the article's title>”.") moves from the participant's public description to ``provenance``, which
# curators see in the admin and nothing serves, as an event's (0027). Each participant so changed is a new version of
# it, and every ETag and kept answer moves (a NameChange, as refresh_answers logs); the history is kept as it was
# written. Going back (``notes_back``) puts each note where it was: it opens the description again, a blank line
# between it and the curator's words, so that migrating forward again splits them as before.

import django.core.validators
from django.db import migrations, models
from django.db.models import F
from django.utils import timezone

# events.services.parties' PROVENANCE as confirm_party wrote it into the description until this migration.
OPENING = "Proposed by the extraction assistant from “"
CLOSING = "”."


def split_note(description, titles=()):
    """(note, rest) of a description that opens with the assistant's note; ("", description) of any other.

    The note names its article's title, which may itself hold "”.": the titles of the articles the participant was
    confirmed from are tried first, then the note is taken to end at the first "”.". The curator's words after it
    (a blank line between, say) are the rest.
    """
    if not description.startswith(OPENING):
        return "", description
    for title in sorted(titles, key=len, reverse=True):
        note = f"{OPENING}{title}{CLOSING}"
        if description.startswith(note):
            return note, description[len(note) :].lstrip()
    end = description.find(CLOSING, len(OPENING))
    if end < 0:
        return "", description
    end += len(CLOSING)
    return description[:end], description[end:].lstrip()


def notes_apart(apps, schema_editor):
    Participant = apps.get_model("events", "Participant")
    ParticipantProposal = apps.get_model("events", "ParticipantProposal")
    now, changed = timezone.now(), 0
    noted = Participant.objects.filter(description__startswith=OPENING).values_list("pk", "description")
    for pk, description in noted.iterator():
        titles = ParticipantProposal.objects.filter(participant_id=pk).values_list("article__title", flat=True)
        note, rest = split_note(description, list(titles))
        if note:
            changed += Participant.objects.filter(pk=pk).update(
                provenance=note, description=rest, version=F("version") + 1, updated_at=now
            )
    if changed:
        reason = f"{changed} participants' provenance moved out of their descriptions"
        apps.get_model("events", "NameChange").objects.create(reason=reason)


def joined(note, rest):
    """The description that ``split_note`` takes apart into ``note`` and ``rest``: the note, a blank line, the rest."""
    return "\n\n".join(filter(None, [note, rest]))


def notes_back(apps, schema_editor):
    """The reverse of ``notes_apart``: every provenance (moved by it, or written by confirm_party since) opens its
    participant's description again, as before it, and not lost with the column. A historical row's too (its
    version is as it was), so the history keeps it; migrating forward again leaves the history as it is."""
    Participant = apps.get_model("events", "Participant")
    now, changed = timezone.now(), 0
    for pk, note, rest in Participant.objects.exclude(provenance="").values_list("pk", "provenance", "description"):
        changed += Participant.objects.filter(pk=pk).update(
            description=joined(note, rest), provenance="", version=F("version") + 1, updated_at=now
        )
    History = apps.get_model("events", "HistoricalParticipant")
    for pk, note, rest in History.objects.exclude(provenance="").values_list("pk", "provenance", "description"):
        History.objects.filter(pk=pk).update(description=joined(note, rest), provenance="")
    if changed:
        reason = f"{changed} participants' provenance put back into their descriptions"
        apps.get_model("events", "NameChange").objects.create(reason=reason)


def provenance_field():
    return models.TextField(
        blank=True,
        editable=False,
        help_text=(
            "Where the record comes from, for curators: the extraction assistant's note on a party it proposed and a "
            "curator confirmed. Not public."
        ),
        validators=[
            django.core.validators.MaxLengthValidator(
                10000,
                message="Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            )
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0028_article_language_rfc5646_grammar"),
    ]

    operations = [
        migrations.AddField(model_name="participant", name="provenance", field=provenance_field()),
        migrations.AddField(model_name="historicalparticipant", name="provenance", field=provenance_field()),
        migrations.RunPython(notes_apart, notes_back),
    ]
