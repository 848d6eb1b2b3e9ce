"""A participant's name and aliases hold no bidi control or zero-width character (validators only, no SQL)."""

from django.db import migrations, models

import events.models.participant


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0017_participant_description_and_aliases_bounds"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalparticipant",
            name="name",
            field=models.CharField(max_length=200, validators=[events.models.participant.validate_name]),
        ),
        migrations.AlterField(
            model_name="participant",
            name="name",
            field=models.CharField(max_length=200, validators=[events.models.participant.validate_name]),
        ),
    ]
