"""Schema for issue 3: an index for every filter and order of the API, and search indexes on PostgreSQL.

The B-tree indexes are the models' (``Meta.indexes``) and exist on every engine.
The search indexes exist on PostgreSQL only, so they are made by RunPython and
skipped elsewhere: trigram GIN indexes (pg_trgm) on the upper-cased names,
titles and places that ``icontains`` compares, on the aliases as one text (the
``events_aliases_text`` function), and full-text GIN indexes on the
SearchVector of long text. Their expressions are those the querysets of
``events/models.py`` search with, so the planner can use them.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models.functions import Upper

ALIASES_TEXT_FUNCTION = r"""
CREATE OR REPLACE FUNCTION events_aliases_text(aliases jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT string_agg(value, E'\n')
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(aliases) = 'array' THEN aliases ELSE '[]' END)
$$
"""


# (table, index, the upper-cased text it holds): ``icontains`` compares UPPER(column::text).
TRIGRAM_INDEXES = [
    ("events_event", "event_title_trgm", "UPPER(title::text)"),
    ("events_event", "event_city_trgm", "UPPER(city::text)"),
    ("events_participant", "participant_name_trgm", "UPPER(name::text)"),
    ("events_participant", "participant_slug_trgm", "UPPER(slug::text)"),
    ("events_participant", "participant_aliases_trgm", "UPPER(events_aliases_text(aliases))"),
    ("events_article", "article_title_trgm", "UPPER(title::text)"),
    ("events_article", "article_publisher_trgm", "UPPER(publisher::text)"),
]


def full_text_indexes():
    from django.contrib.postgres.indexes import GinIndex

    return [
        ("event", GinIndex(SearchVector("description", config="english"), name="event_description_fts")),
        ("article", GinIndex(SearchVector("body", config="english"), name="article_body_fts")),
    ]


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(ALIASES_TEXT_FUNCTION)
    for table, name, expression in TRIGRAM_INDEXES:
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (({expression}) gin_trgm_ops)")
    for model_name, index in full_text_indexes():
        schema_editor.add_index(apps.get_model("events", model_name), index)


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name, _expression in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for model_name, index in full_text_indexes():
        schema_editor.remove_index(apps.get_model("events", model_name), index)
    schema_editor.execute("DROP FUNCTION IF EXISTS events_aliases_text(jsonb)")


class Migration(migrations.Migration):
    dependencies = [("events", "0002_curators_group")]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="events_arti_publish_128ed5_idx",
        ),
        migrations.RemoveIndex(
            model_name="attendance",
            name="events_atte_status_4b2bc1_idx",
        ),
        migrations.RemoveIndex(
            model_name="attendance",
            name="events_atte_role_70d83b_idx",
        ),
        migrations.RemoveIndex(
            model_name="event",
            name="events_even_start_d_d4b514_idx",
        ),
        migrations.RemoveIndex(
            model_name="event",
            name="events_even_title_aedf91_idx",
        ),
        migrations.RemoveIndex(
            model_name="event",
            name="events_even_updated_1878aa_idx",
        ),
        migrations.RemoveIndex(
            model_name="report",
            name="events_repo_reporte_080da6_idx",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["published_on", "id"], name="article_published_on_id"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["title", "id"], name="article_title_id"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["publisher", "id"], name="article_publisher_id"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(Upper("publisher"), name="article_publisher_upper"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["created_at", "id"], name="article_created_id"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["updated_at", "id"], name="article_updated_id"),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["status", "id"], name="attendance_status_id"),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["role", "id"], name="attendance_role_id"),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["participant", "status", "role"], name="attendance_participant_status"),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["status_date", "id"], name="attendance_status_date_id"),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["created_at", "id"], name="attendance_created_id"),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["updated_at", "id"], name="attendance_updated_id"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["start_date", "id"], name="event_start_date_id"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["-start_date", "id"], name="event_start_date_desc_id"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["end_date", "id"], name="event_end_date_id"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["title", "id"], name="event_title_id"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["created_at", "id"], name="event_created_id"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["updated_at", "id"], name="event_updated_id"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["kind", "start_date"], name="event_kind_start_date"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["status", "start_date"], name="event_status_start_date"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(Upper("country"), name="event_country_upper"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(Upper("city"), name="event_city_upper"),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["name", "id"], name="participant_name_id"),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["kind", "id"], name="participant_kind_id"),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(Upper("country"), name="participant_country_upper"),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["created_at", "id"], name="participant_created_id"),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["updated_at", "id"], name="participant_updated_id"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["reported_on", "id"], name="report_reported_on_id"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["status", "id"], name="report_status_id"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["review", "id"], name="report_review_id"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["created_at", "id"], name="report_created_id"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["updated_at", "id"], name="report_updated_id"),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False),
    ]
