# Every text a record stores is in Unicode's composed form (NFC; events.rules.values.composed): the texts stored
# before are put in it, so that a search for "é" finds the ones typed as "e" and a combining accent (tester 43, L8).
# Each record so changed is a new version of it, and every ETag and kept answer moves (a NameChange, as
# refresh_answers logs); the history is kept as it was written. ASCII texts, nearly all, cost one test each.

import unicodedata

from django.db import IntegrityError, migrations, models, transaction
from django.db.models import F
from django.utils import timezone

RECORDS = ("Participant", "Event", "Attendance", "Article", "Report")


def composed(value):
    """events.rules.values.composed as it was when this migration was written, and each text of a list."""
    if isinstance(value, list):
        return [composed(item) for item in value]
    if not isinstance(value, str) or value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def compose_texts(apps, schema_editor):
    changed, kept, now = 0, [], timezone.now()
    for name in RECORDS:
        model = apps.get_model("events", name)
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField) or field.attname == "aliases"
        ]
        for pk, *values in model.objects.values_list("pk", *fields).iterator(chunk_size=2000):
            changes = {
                field: composed(value) for field, value in zip(fields, values, strict=True) if composed(value) != value
            }
            if not changes:
                continue
            try:
                with transaction.atomic():
                    changed += model.objects.filter(pk=pk).update(**changes, version=F("version") + 1, updated_at=now)
            except IntegrityError:
                # Composed, it would be another record's (two titles of one day and publisher that differ only in
                # their form): left as it was, for a curator to tell the two apart.
                kept.append(f"{name.lower()} {pk}")
    if changed or kept:
        reason = f"{changed} records' texts composed (NFC)"
        if kept:
            reason += f"; left as written, another record's once composed: {', '.join(kept)}"
        apps.get_model("events", "NameChange").objects.create(reason=reason[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0025_no_point_with_one_coordinate"),
    ]

    operations = [migrations.RunPython(compose_texts, migrations.RunPython.noop)]
