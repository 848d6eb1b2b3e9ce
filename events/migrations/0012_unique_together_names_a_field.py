"""The unique sets of several fields tell a clash under one field (events.models.constraints.UniqueTogether).

The same constraints in the database (same names, same fields): no SQL, only the state's constraint objects.
"""

from django.db import migrations

import events.models.constraints


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_attendance_participant_event"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="article",
            name="article_unique_publisher_date_title",
            constraint=events.models.constraints.UniqueTogether(
                field="title",
                fields=("publisher", "published_on", "title"),
                message="This publisher already has an article with this title on this date.",
                name="article_unique_publisher_date_title",
            ),
        ),
        migrations.AlterConstraint(
            model_name="attendance",
            name="attendance_unique_event_participant",
            constraint=events.models.constraints.UniqueTogether(
                field="participant",
                fields=("event", "participant"),
                message="This participant already has an attendance at this event.",
                name="attendance_unique_event_participant",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participantproposal",
            name="party_proposal_unique_name_per_article",
            constraint=events.models.constraints.UniqueTogether(
                field="name",
                fields=("article", "key"),
                message="This article already proposes a party of this name.",
                name="party_proposal_unique_name_per_article",
            ),
        ),
    ]
