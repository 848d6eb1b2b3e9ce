"""``awaiting_review`` on events and attendances (``events.models.review``), set on the rows stored before it that
the rule would have kept off the public record: an attendance with reports of which none is verified, and whose
status no curator set; an event the extraction assistant proposed that has no attendance left on the record."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef

HELP = (
    "Created by the extraction assistant and not on the public record yet: only curators see it until a report "
    "of it is verified or a curator puts it on the record."
)
PROPOSED = "Proposed by the extraction assistant from article "


def set_awaiting(apps, schema_editor):
    Attendance, Event, Report = (apps.get_model("events", name) for name in ("Attendance", "Event", "Report"))
    reports = Report.objects.filter(attendance=OuterRef("pk"))
    Attendance.objects.filter(
        Exists(reports), ~Exists(reports.filter(review="verified")), curated_status="invited", curated_status_date=None
    ).update(awaiting_review=True)
    on_record = Attendance.objects.filter(event=OuterRef("pk"), awaiting_review=False)
    Event.objects.filter(~Exists(on_record), description__startswith=PROPOSED).update(awaiting_review=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0015_article_url_is_a_uri"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="awaiting_review",
                field=models.BooleanField(default=False, editable=False, help_text=HELP),
            )
            for model_name in ("attendance", "event", "historicalattendance", "historicalevent")
        ),
        migrations.RunPython(set_awaiting, migrations.RunPython.noop, elidable=True),
    ]
