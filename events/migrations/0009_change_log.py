"""The change log (events.models.changes): its table, what numbers its rows in commit order, and a first
entry for every record already stored, so that a mirror that starts from the beginning gets them all."""

from django.db import migrations, models
from django.utils import timezone

# The advisory lock that orders the commits of the transactions that log changes (PostgreSQL).
COMMIT_ORDER_LOCK = 7_468_521_001

POSTGRESQL = [
    "CREATE SEQUENCE events_change_position_seq",
    f"""
    CREATE FUNCTION events_change_position() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.position IS NOT NULL THEN
            RETURN NULL;  -- a row loaded from a dump keeps its number (events.models.changes.resume_numbering)
        END IF;
        -- Held until the commit ends: the next transaction numbers its rows after this one is visible.
        PERFORM pg_advisory_xact_lock({COMMIT_ORDER_LOCK});
        UPDATE events_change SET position = nextval('events_change_position_seq') WHERE id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE CONSTRAINT TRIGGER events_change_position AFTER INSERT ON events_change
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION events_change_position()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS events_change_position ON events_change",
    "DROP FUNCTION IF EXISTS events_change_position()",
    "DROP SEQUENCE IF EXISTS events_change_position_seq",
]
# Writers are serialised: the id is commit order already.
SQLITE = [
    """
    CREATE TRIGGER events_change_position AFTER INSERT ON events_change WHEN NEW.position IS NULL
    BEGIN UPDATE events_change SET position = NEW.id WHERE id = NEW.id; END
    """
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS events_change_position"]


def run(statements):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return operation


# Parents first, so that a mirror following the log finds what each record refers to.
RECORDS = [("participant", "slug"), ("event", "slug"), ("article", "id"), ("attendance", "id"), ("report", "id")]


def log_stored_records(apps, schema_editor):
    """One ``created`` entry for every record stored before the log existed, as it is now."""
    Change = apps.get_model("events", "Change")
    using, now = schema_editor.connection.alias, timezone.now()
    for name, key in RECORDS:
        model = apps.get_model("events", name)
        fields = ["id", key, "version", "updated_at", *(["review"] if name == "report" else [])]
        rows = model.objects.using(using).order_by("pk").values(*dict.fromkeys(fields))
        batch = []
        for row in rows.iterator(chunk_size=2000):
            public = row.get("review", "verified") == "verified"
            batch.append(
                Change(
                    resource=name,
                    record_id=row["id"],
                    key=str(row[key]),
                    action="created",
                    version=row["version"],
                    time=row["updated_at"] or now,
                    public=public,
                    public_action="created" if public else "",
                )
            )
            if len(batch) >= 2000:
                Change.objects.using(using).bulk_create(batch)
                batch = []
        Change.objects.using(using).bulk_create(batch)
    if schema_editor.connection.vendor == "postgresql":
        # Number these rows now: the table's indexes are made at the end of this migration, which PostgreSQL
        # refuses while a deferred trigger of the table is still pending.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS events_change_position IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_event_coordinates_and_event_codes"),
    ]

    operations = [
        migrations.CreateModel(
            name="Change",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "position",
                    models.BigIntegerField(
                        editable=False,
                        help_text="Commit order; set when the transaction commits.",
                        null=True,
                        unique=True,
                    ),
                ),
                (
                    "resource",
                    models.CharField(help_text="The record's model name: event, participant, ...", max_length=20),
                ),
                ("record_id", models.BigIntegerField(help_text="The record's id.")),
                (
                    "key",
                    models.CharField(help_text="Its key in the API at the time: the slug, or the id.", max_length=255),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[("created", "created"), ("updated", "updated"), ("deleted", "deleted")], max_length=10
                    ),
                ),
                ("version", models.PositiveIntegerField()),
                ("time", models.DateTimeField(help_text="When the change was made (its history's date).")),
                (
                    "public",
                    models.BooleanField(help_text="Whether readers who may not see drafts see the record after it."),
                ),
                (
                    "public_action",
                    models.CharField(
                        blank=True,
                        help_text="The change as those readers see it (a report verified is created); empty: unseen.",
                        max_length=10,
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["resource", "record_id", "id"], name="change_record")],
            },
        ),
        migrations.CreateModel(
            name="FeedCursor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(help_text="The API root of the source.", max_length=500, unique=True)),
                ("cursor", models.CharField(help_text="The `next` cursor of the last page applied.", max_length=40)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
        migrations.RunPython(log_stored_records, migrations.RunPython.noop),
    ]
