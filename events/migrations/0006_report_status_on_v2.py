"""Contract v2 for reports: ``status_on``, the status ``not_invited``, ``verified`` by default, an article's
longest text; and the v1 drafts made verified, so that no current status changes on upgrade.

In v1 a draft report set its attendance's status like a verified one, and a curator's own writes
were stored as drafts; in v2 only verified reports set a status. A v1 draft written by a curator
cannot be told from one the extraction assistant proposed (both were written the same way, with no
mark of their origin), so every v1 draft becomes verified: each attendance keeps the status it had.
A curator who wants a proposal reviewed again sends it back to draft.
"""

import datetime

import django.core.validators
from django.db import migrations, models
from django.db.models import F
from django.utils import timezone


def verify_v1_drafts(apps, schema_editor):
    """Every v1 draft becomes verified: a new version and ``updated_at``, so readers see it changed."""
    Report = apps.get_model("events", "Report")
    Report.objects.using(schema_editor.connection.alias).filter(review="draft").update(
        review="verified", version=F("version") + 1, updated_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_report_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalreport",
            name="status_on",
            field=models.DateField(
                blank=True,
                help_text="The day the status held, when the statement tells of an earlier time (“had invited”).",
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
        migrations.AddField(
            model_name="report",
            name="status_on",
            field=models.DateField(
                blank=True,
                help_text="The day the status held, when the statement tells of an earlier time (“had invited”).",
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
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="The full text, at most 500,000 characters; every quote taken from it must occur in it.",
                validators=[
                    django.core.validators.MaxLengthValidator(
                        500000, "An article's text holds at most 500,000 characters (this one has %(show_value)s)."
                    )
                ],
            ),
        ),
        migrations.AlterField(
            model_name="attendance",
            name="curated_status",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("not_invited", "Not invited"),
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
        migrations.AlterField(
            model_name="attendance",
            name="status",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("not_invited", "Not invited"),
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
        migrations.AlterField(
            model_name="historicalarticle",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="The full text, at most 500,000 characters; every quote taken from it must occur in it.",
                validators=[
                    django.core.validators.MaxLengthValidator(
                        500000, "An article's text holds at most 500,000 characters (this one has %(show_value)s)."
                    )
                ],
            ),
        ),
        migrations.AlterField(
            model_name="historicalattendance",
            name="curated_status",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("not_invited", "Not invited"),
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
        migrations.AlterField(
            model_name="historicalattendance",
            name="status",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("not_invited", "Not invited"),
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
        migrations.AlterField(
            model_name="historicalreport",
            name="review",
            field=models.CharField(
                choices=[("draft", "Draft"), ("verified", "Verified"), ("rejected", "Rejected")],
                default="verified",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="historicalreport",
            name="status",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("not_invited", "Not invited"),
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
        migrations.AlterField(
            model_name="report",
            name="review",
            field=models.CharField(
                choices=[("draft", "Draft"), ("verified", "Verified"), ("rejected", "Rejected")],
                default="verified",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="status",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("not_invited", "Not invited"),
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
        migrations.RunPython(verify_v1_drafts, migrations.RunPython.noop),
    ]
