# State only: a country that names none is told what a country is given as (events.rules.places.NO_COUNTRY).
# sqlmigrate prints "(no-op)" on SQLite and PostgreSQL.

import django_countries.fields
from django.db import migrations

ERRORS = {
    "invalid_choice": "“%(value)s” is no country: give an ISO 3166-1 code (KZ) or an English name (Kazakhstan).",
}


def country(**options):
    return django_countries.fields.CountryField(blank=True, error_messages=ERRORS, max_length=2, **options)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_unique_together_names_a_field"),
    ]

    operations = [
        migrations.AlterField(model_name="event", name="country", field=country()),
        migrations.AlterField(model_name="historicalevent", name="country", field=country()),
        migrations.AlterField(model_name="historicalparticipant", name="country", field=country()),
        migrations.AlterField(model_name="participant", name="country", field=country()),
        migrations.AlterField(
            model_name="participantproposal",
            name="country",
            field=country(help_text="Its country, when the extraction assistant knows it."),
        ),
    ]
