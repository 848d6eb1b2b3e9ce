"""Schema for issue 5: who reviewed a report and when, and the admin's list of drafts to review."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_versions_and_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Who set the review to verified or rejected; empty while it is a draft.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="reviewed_reports",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, editable=False, help_text="When the review was set.", null=True),
        ),
        migrations.CreateModel(
            name="DraftReport",
            fields=[],
            options={
                "verbose_name": "draft to review",
                "verbose_name_plural": "drafts to review",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("events.report",),
        ),
    ]
