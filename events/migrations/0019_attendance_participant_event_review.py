"""The (participant, event) index of attendances also holds ``awaiting_review``, and takes the place of the index of
the participant's foreign key, which it leads with.

Every public read of a participant's attendances asks ``NOT awaiting_review`` (events.models.review). With the flag
out of the index, SQLite read every attendance's row to tell it (54,113 rows for the busiest participant at 100,000
events), and its planner then preferred the narrower foreign-key index, which does not give the events either. The
foreign key's index is dropped by its name, as Django made it, rather than by altering the field: on SQLite that
would copy the whole table.
"""

from django.db import migrations, models

FOREIGN_KEY_INDEX = "events_attendance_participant_id_eb1a182a"


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0018_participant_names_hold_no_hidden_characters"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="attendance", name="attendance_participant_event"),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(
                fields=["participant", "event", "awaiting_review"], name="attendance_participant_event"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="attendance",
                    name="participant",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="attendances",
                        to="events.participant",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{FOREIGN_KEY_INDEX}"',
                    f'CREATE INDEX "{FOREIGN_KEY_INDEX}" ON "events_attendance" ("participant_id")',
                ),
            ],
        ),
    ]
