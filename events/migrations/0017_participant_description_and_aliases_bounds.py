"""A participant's description holds at most 10,000 characters, its aliases at most 100 names (no SQL)."""

import django.core.validators
from django.db import migrations, models

import events.models.participant


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0016_awaiting_review"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalparticipant",
            name="aliases",
            field=models.JSONField(
                blank=True,
                default=list,
                encoder=events.models.participant.UnicodeJSONEncoder,
                help_text="Other names the participant is known by, as a JSON list of at most 100 strings.",
                validators=[events.models.participant.validate_aliases],
            ),
        ),
        migrations.AlterField(
            model_name="historicalparticipant",
            name="description",
            field=models.TextField(
                blank=True,
                validators=[
                    django.core.validators.MaxLengthValidator(
                        10000, message="Ensure this field has no more than %(limit_value)d characters."
                    )
                ],
            ),
        ),
        migrations.AlterField(
            model_name="participant",
            name="aliases",
            field=models.JSONField(
                blank=True,
                default=list,
                encoder=events.models.participant.UnicodeJSONEncoder,
                help_text="Other names the participant is known by, as a JSON list of at most 100 strings.",
                validators=[events.models.participant.validate_aliases],
            ),
        ),
        migrations.AlterField(
            model_name="participant",
            name="description",
            field=models.TextField(
                blank=True,
                validators=[
                    django.core.validators.MaxLengthValidator(
                        10000, message="Ensure this field has no more than %(limit_value)d characters."
                    )
                ],
            ),
        ),
    ]
