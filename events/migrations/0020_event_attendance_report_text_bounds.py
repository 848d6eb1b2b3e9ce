"""Every free text is bounded (no SQL): an event's description and an attendance's notes at 10,000 characters,
as a participant's description (0017), and a report's quote at an article's text, 500,000.

A 9,000,000-character description was imported from NDJSON, then its CSV export could not be imported back.
Rows stored before keep their text; a write of one over the bound is refused, naming the field.
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0019_attendance_participant_event_review"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attendance",
            name="notes",
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
            model_name="event",
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
            model_name="historicalattendance",
            name="notes",
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
            model_name="historicalevent",
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
            model_name="historicalreport",
            name="quote",
            field=models.TextField(
                help_text="The exact words of the article that state the status.",
                validators=[
                    django.core.validators.MaxLengthValidator(
                        500000, message="Ensure this field has no more than %(limit_value)d characters."
                    )
                ],
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="quote",
            field=models.TextField(
                help_text="The exact words of the article that state the status.",
                validators=[
                    django.core.validators.MaxLengthValidator(
                        500000, message="Ensure this field has no more than %(limit_value)d characters."
                    )
                ],
            ),
        ),
    ]
