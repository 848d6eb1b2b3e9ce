"""Schema for issue 4: record versions and their history (django-simple-history)."""
# ruff: noqa: E501

import datetime
import uuid

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import events.models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_search_and_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
            ),
        ),
        migrations.AddField(
            model_name="attendance",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
            ),
        ),
        migrations.CreateModel(
            name="HistoricalArticle",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
                    ),
                ),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
                ("title", models.CharField(max_length=300)),
                ("publisher", models.CharField(max_length=200)),
                (
                    "published_on",
                    models.DateField(
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1000, 1, 1), "Enter a date from the year 1000 on."
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2999, 12, 31), "Enter a date before the year 3000."
                            ),
                        ]
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        default="en",
                        help_text="A language code such as en, ru, ps or pt-BR.",
                        max_length=35,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\\Z",
                                "Enter a language code such as en, ru, ps or pt-BR (BCP 47).",
                            )
                        ],
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True, help_text="The full text; every quote taken from it must occur in it."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical article",
                "verbose_name_plural": "historical articles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAttendance",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("host", "Host"),
                            ("participant", "Participant"),
                            ("observer", "Observer"),
                            ("mediator", "Mediator"),
                        ],
                        default="participant",
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("considering", "Considering"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                            ("attended", "Attended"),
                            ("absent", "Absent"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="invited",
                        max_length=20,
                    ),
                ),
                (
                    "status_date",
                    models.DateField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1000, 1, 1), "Enter a date from the year 1000 on."
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2999, 12, 31), "Enter a date before the year 3000."
                            ),
                        ],
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "curated_status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("considering", "Considering"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                            ("attended", "Attended"),
                            ("absent", "Absent"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="invited",
                        editable=False,
                        max_length=20,
                    ),
                ),
                ("curated_status_date", models.DateField(blank=True, editable=False, null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.event",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical attendance",
                "verbose_name_plural": "historical attendances",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEvent",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
                    ),
                ),
                ("slug", models.SlugField(max_length=100)),
                ("title", models.CharField(max_length=300)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("peace_talks", "Peace talks"),
                            ("conference", "Conference"),
                            ("summit", "Summit"),
                            ("meeting", "Meeting"),
                            ("negotiation", "Negotiation"),
                            ("ceasefire", "Ceasefire"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("scheduled", "Scheduled"),
                            ("postponed", "Postponed"),
                            ("held", "Held"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="proposed",
                        max_length=20,
                    ),
                ),
                (
                    "start_date",
                    models.DateField(
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1000, 1, 1), "Enter a date from the year 1000 on."
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2999, 12, 31), "Enter a date before the year 3000."
                            ),
                        ]
                    ),
                ),
                (
                    "end_date",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty for a one-day event.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1000, 1, 1), "Enter a date from the year 1000 on."
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2999, 12, 31), "Enter a date before the year 3000."
                            ),
                        ],
                    ),
                ),
                ("city", models.CharField(blank=True, max_length=100)),
                ("country", django_countries.fields.CountryField(blank=True, max_length=2)),
                ("description", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "host",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The participant that organises the event. Setting it creates no attendance.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical event",
                "verbose_name_plural": "historical events",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalParticipant",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
                    ),
                ),
                ("slug", models.SlugField(max_length=100)),
                ("name", models.CharField(max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("state", "State"),
                            ("government", "Government"),
                            ("armed_group", "Armed group"),
                            ("organization", "Organization"),
                            ("person", "Person"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("country", django_countries.fields.CountryField(blank=True, max_length=2)),
                (
                    "aliases",
                    models.JSONField(
                        blank=True,
                        default=list,
                        encoder=events.models.UnicodeJSONEncoder,
                        help_text="Other names the participant is known by, as a JSON list of strings.",
                        validators=[events.models.validate_aliases],
                    ),
                ),
                ("description", models.TextField(blank=True)),
                (
                    "wikidata_id",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^Q[1-9][0-9]*\\Z", "Enter a Wikidata ID: Q followed by digits."
                            )
                        ],
                        verbose_name="Wikidata ID",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "affiliation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The body this participant belongs to: a spokesman's ministry, a ministry's government.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.participant",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical participant",
                "verbose_name_plural": "historical participants",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReport",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
                    ),
                ),
                ("uid", models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name="UID")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("considering", "Considering"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                            ("attended", "Attended"),
                            ("absent", "Absent"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "review",
                    models.CharField(
                        choices=[("draft", "Draft"), ("verified", "Verified"), ("rejected", "Rejected")],
                        default="draft",
                        max_length=20,
                    ),
                ),
                (
                    "reported_on",
                    models.DateField(
                        help_text="The date the status was stated.",
                        validators=[
                            django.core.validators.MinValueValidator(
                                datetime.date(1000, 1, 1), "Enter a date from the year 1000 on."
                            ),
                            django.core.validators.MaxValueValidator(
                                datetime.date(2999, 12, 31), "Enter a date before the year 3000."
                            ),
                        ],
                    ),
                ),
                ("quote", models.TextField(help_text="The exact words of the article that state the status.")),
                (
                    "via",
                    models.CharField(
                        blank=True,
                        help_text="The outlet or agency the article relays, such as Reuters.",
                        max_length=200,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.article",
                    ),
                ),
                (
                    "attendance",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.attendance",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who said it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical report",
                "verbose_name_plural": "historical reports",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
