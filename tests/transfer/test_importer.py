"""import_records and the bulk importer: the API's rules, errors by line and field, all or nothing."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Article, Attendance, Change, Event, Participant, Report
from events.models.history import IMPORT_REASON, STATUS_REASON, recorded_as
from events.transfer import formats as records
from events.transfer.importer import import_records
from events.transfer.keyed import RECORD_MODELS
from events.transfer.writing import IMPORT_PAGE_CACHE_KIB
from tests.factories import RESOURCES, EventFactory, ParticipantFactory, one_of_each

pytestmark = pytest.mark.django_db

BODY = "Kabul said it will not attend the talks. The Taliban confirmed they will attend the talks."


def participant(slug, **fields):
    return {"model": "events.participant", "fields": {"slug": slug, "name": slug.title(), "kind": "state", **fields}}


def event(slug, **fields):
    return {
        "model": "events.event",
        "fields": {"slug": slug, "title": slug.title(), "kind": "peace_talks", "start_date": "2018-09-04", **fields},
    }


def article(title="Talks", **fields):
    return {
        "model": "events.article",
        "fields": {"title": title, "publisher": "Al Jazeera", "published_on": "2018-08-22", "body": BODY, **fields},
    }


def attendance(event_slug, participant_slug, **fields):
    fields = {"event": [event_slug], "participant": [participant_slug], **fields}
    return {"model": "events.attendance", "fields": fields}


def report(event_slug, participant_slug, status, reported_on, quote, **fields):
    return {
        "model": "events.report",
        "fields": {
            "attendance": [event_slug, participant_slug],
            "status": status,
            "reported_on": reported_on,
            "article": ["Al Jazeera", "2018-08-22", "Talks"],
            "quote": quote,
            **fields,
        },
    }


# A later article, for the reports of the days after the first one's.
LATER = article("Talks again", published_on="2018-09-04")
LATER_KEY = ["Al Jazeera", "2018-09-04", "Talks again"]


def talks(*extra):
    """A small valid file: two participants, the talks, an article, two attendances, three reports."""
    return [
        participant("afghanistan"),
        participant("taliban", kind="armed_group"),
        event("moscow-talks", host=["afghanistan"]),
        article(),
        attendance("moscow-talks", "afghanistan", role="host"),
        attendance("moscow-talks", "taliban"),
        report("moscow-talks", "afghanistan", "declined", "2018-08-22", "Kabul said it will not attend the talks"),
        report("moscow-talks", "taliban", "invited", "2018-08-20", "they will attend the talks"),
        report("moscow-talks", "taliban", "confirmed", "2018-08-22", "The Taliban confirmed they will attend"),
        *extra,
    ]


def run(path, *args, **options):
    return call_command("import_records", str(path), *args, no_progress=True, **options)


def import_fails(path, capsys, *args):
    with pytest.raises(CommandError, match="nothing was written"):
        run(path, *args)
    return capsys.readouterr().err


def test_a_valid_file_is_written_with_its_relations_and_statuses(ndjson):
    run(ndjson(talks()))
    talks_event = Event.objects.get(slug="moscow-talks")
    assert talks_event.host.slug == "afghanistan"
    assert Attendance.objects.count() == 2
    assert Report.objects.filter(article__title="Talks").count() == 3
    taliban = Attendance.objects.get(participant__slug="taliban")
    assert (taliban.status, taliban.status_date.isoformat()) == ("confirmed", "2018-08-22")
    assert taliban.curated_status == "invited"


def test_the_status_follows_the_latest_counting_report_ties_to_the_last_entered(ndjson):
    run(
        ndjson(
            talks(
                report("moscow-talks", "taliban", "declined", "2018-08-22", "Taliban confirmed", review="rejected"),
                report("moscow-talks", "afghanistan", "considering", "2018-08-22", "Kabul said"),
            )
        )
    )
    assert Attendance.objects.get(participant__slug="taliban").status == "confirmed"
    assert Attendance.objects.get(participant__slug="afghanistan").status == "considering"


def test_a_bad_line_is_reported_by_line_and_field_and_nothing_is_written(ndjson, capsys):
    records = talks(event("kabul-meeting", start_date="2018-13-40", end_date="2018-01-01"))
    records[7]["fields"]["quote"] = "words nobody said"
    err = import_fails(ndjson(records), capsys)
    assert (
        "line 10: start_date: “2018-13-40” value has the correct format (YYYY-MM-DD) but it is an invalid date." in err
    )
    assert "line 8: quote: The quote does not occur in the article's text" in err
    assert Participant.objects.count() == Event.objects.count() == Report.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "line", "field", "message"),
    [
        (lambda r: r[2]["fields"].update(end_date="2018-09-01"), 3, "end_date", "must not be before the start date"),
        (lambda r: r[0]["fields"].update(kind="empire"), 1, "kind", "is not a valid choice"),
        (lambda r: r[0]["fields"].update(wikidata_id="X1"), 1, "wikidata_id", "Enter a Wikidata ID"),
        (lambda r: r[2]["fields"].update(host=["nobody"]), 3, "host", "No participant has the slug “nobody”."),
        (lambda r: r[4]["fields"].update(role="observer"), 5, "role", "hosts this event, so its role here is host"),
        (lambda r: r[2]["fields"].update(start_date="9999-01-01"), 3, "start_date", "before the year 3000"),
        (lambda r: r[2]["fields"].update(start_date=20180904), 3, "start_date", "“20180904” value has an invalid"),
        (lambda r: r[0]["fields"].update(created_at=20180904), 1, "created_at", "“20180904” value has an invalid"),
        (lambda r: r[3]["fields"].update(language="English"), 4, "language", "Enter a language code"),
        (lambda r: r[1]["fields"].update(colour="red"), 2, "colour", "Unknown field."),
        (lambda r: r[6]["fields"].update(status=""), 7, "status", "cannot be blank"),
        (lambda r: r[6]["fields"].update(article=["Al Jazeera", "2018-08-22"]), 7, "article", "list of 3 strings"),
        (lambda r: r[6]["fields"].update(attendance="moscow-talks"), 7, "attendance", "list of 2 strings"),
        (lambda r: r[4]["fields"].update(participant=[7]), 5, "participant", "a list of 1 strings (slug)"),
        (lambda r: r[2]["fields"].update(host={"slug": "afghanistan"}), 3, "host", "a list of 1 strings (slug)"),
    ],
)
def test_every_rule_of_the_api_holds(ndjson, capsys, change, line, field, message):
    records = talks()
    change(records)
    err = import_fails(ndjson(records), capsys)
    assert f"line {line}: {field}: " in err
    assert message in err


def test_a_key_of_one_part_may_be_given_as_its_text(ndjson):
    records = talks()
    records[2]["fields"]["host"] = "afghanistan"
    records[4]["fields"]["participant"] = "afghanistan"
    run(ndjson(records))
    assert Event.objects.get(slug="moscow-talks").host.slug == "afghanistan"


def test_uniqueness_within_the_file_names_the_first_line(ndjson, capsys):
    err = import_fails(ndjson([participant("taliban"), participant("kabul"), participant("taliban")]), capsys)
    assert "line 3: slug: Participant with this Slug already exists. (line 1 has it too)" in err
    assert "line 1:" not in err


def test_uniqueness_against_the_database(ndjson, capsys):
    ParticipantFactory(slug="taliban")
    EventFactory(slug="moscow-talks")
    err = import_fails(ndjson(talks()), capsys)
    assert "line 2: slug: Participant with this Slug already exists." in err
    assert "line 3: slug: Event with this Slug already exists." in err


def test_conditional_uniqueness_of_wikidata_ids_and_urls(ndjson, capsys):
    ParticipantFactory(slug="russia", wikidata_id="Q159")
    records = [
        participant("russian-federation", wikidata_id="Q159"),
        participant("a"),
        participant("b"),  # two empty Wikidata IDs are no clash
        article("One", url="https://example.org/x"),
        article("Two", url="https://example.org/x"),
    ]
    err = import_fails(ndjson(records), capsys)
    assert "line 1: wikidata_id: Another participant has this Wikidata ID." in err
    assert "line 5: url: Another article has this URL. (line 4 has it too)" in err
    assert "line 2" not in err and "line 3" not in err


def test_an_attendance_once_per_event_and_participant(ndjson, capsys):
    err = import_fails(ndjson([*talks(), attendance("moscow-talks", "taliban")]), capsys)
    assert "line 10: participant: This participant already has an attendance at this event." in err


def test_affiliations_may_point_forward_but_not_round(ndjson, capsys):
    records = [
        participant("spokesman", kind="person", affiliation=["ministry"]),
        participant("ministry", kind="government", affiliation=["government"]),
        participant("government", kind="government"),
    ]
    run(ndjson(records))
    assert Participant.objects.get(slug="spokesman").affiliation.affiliation.slug == "government"
    cycle = [
        participant("left", affiliation=["right"]),
        participant("right", affiliation=["left"]),
        participant("follower", affiliation=["left"]),
    ]
    err = import_fails(ndjson(cycle, "cycle.ndjson"), capsys)
    assert "line 1: affiliation: This would make the participant its own affiliation." in err
    assert "line 2: affiliation: This would make the participant its own affiliation." in err
    assert "line 3: affiliation: The participant of line 1 is not valid." in err


def test_records_refer_to_records_in_the_database(ndjson):
    ParticipantFactory(slug="taliban")
    records = [event("kabul-meeting"), attendance("kabul-meeting", "taliban")]
    run(ndjson(records))
    assert Attendance.objects.get(event__slug="kabul-meeting").participant.slug == "taliban"


def test_a_report_on_an_existing_attendance_refreshes_its_status_and_time(ndjson):
    run(ndjson(talks()))
    taliban = Attendance.objects.get(participant__slug="taliban")
    records = [
        LATER,
        report("moscow-talks", "taliban", "attended", "2018-09-04", "The Taliban confirmed", article=LATER_KEY),
    ]
    run(ndjson(records, "more.ndjson"))
    again = Attendance.objects.get(pk=taliban.pk)
    assert (again.status, again.status_date.isoformat()) == ("attended", "2018-09-04")
    assert again.updated_at > taliban.updated_at


def test_skip_invalid_writes_the_good_records_and_the_bad_lines_to_the_reject_file(ndjson, capsys, tmp_path):
    records = talks()
    records[1]["fields"]["kind"] = "empire"  # the Taliban: then their attendance and reports fail too
    path = ndjson(records)
    run(path, skip_invalid=True)
    assert list(Participant.objects.values_list("slug", flat=True)) == ["afghanistan"]
    assert Report.objects.count() == 1
    rejected = (tmp_path / "records.rejected.ndjson").read_text().splitlines()
    lines = path.read_text().splitlines()
    assert rejected == [lines[1], lines[5], lines[7], lines[8]]
    assert "Skipped 4 bad records" in capsys.readouterr().out


def test_lines_that_are_not_records(ndjson, tmp_path, capsys):
    path = tmp_path / "broken.ndjson"
    good = json.dumps(participant("kabul"))
    unknown = json.dumps({"model": "events.empire", "fields": {}})
    path.write_text(f'{good}\n{{"model": "events.participant"\n[1, 2]\n\n{unknown}\n')
    err = import_fails(path, capsys)
    assert "line 2: Not JSON" in err
    assert "line 3: A record is a JSON object" in err
    assert "line 5: model: Unknown model “events.empire”" in err


def test_csv_names_its_model_by_a_column_or_by_the_option(tmp_path):
    (tmp_path / "participants.csv").write_text(
        'slug,name,kind,aliases,affiliation\nkabul,Kabul,government,"[""Afghan government""]",afghanistan\n'
        "afghanistan,Afghanistan,state,[],\n"
    )
    (tmp_path / "reports.csv").write_text(
        "model,attendance,status,reported_on,article,quote,speaker\n"
        'events.report,"[""moscow-talks"", ""kabul""]",declined,2018-08-22,'
        '"[""Al Jazeera"", ""2018-08-22"", ""Talks""]",Kabul said it will not attend,\n'
    )
    ndjson_path = tmp_path / "rest.ndjson"
    ndjson_path.write_text(
        "\n".join(json.dumps(each) for each in [event("moscow-talks"), article(), attendance("moscow-talks", "kabul")])
    )
    call_command(
        "import_records",
        str(tmp_path / "participants.csv"),
        str(ndjson_path),
        str(tmp_path / "reports.csv"),
        model="events.participant",
        no_progress=True,
    )
    kabul = Participant.objects.get(slug="kabul")
    assert (kabul.aliases, kabul.affiliation.slug) == (["Afghan government"], "afghanistan")
    assert Attendance.objects.get().status == "declined"
    assert Report.objects.get().speaker is None


@pytest.mark.parametrize("where", ["a folder", "in no folder"])
def test_a_reject_file_that_cannot_be_written_is_refused_before_anything_is(ndjson, tmp_path, where):
    """The tester's case (31, G9): a traceback, where export_records names its output."""
    records = talks()
    records[1]["fields"]["kind"] = "empire"
    rejects = tmp_path if where == "a folder" else tmp_path / "nowhere" / "rejects.ndjson"

    with pytest.raises(CommandError, match=r"--rejects.*nothing was written"):
        call_command("import_records", str(ndjson(records)), skip_invalid=True, rejects=str(rejects), no_progress=True)

    assert not Participant.objects.exists()


def test_csv_errors_name_the_line_and_the_reject_file_keeps_the_header(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(
        "slug,title,kind,start_date,end_date\n"
        "a,A,summit,2018-09-04,\n"
        '"b","B, with\na line break",summit,2018-09-04,2018-09-01\n'
        "c,C,summit,2018-09-04\n"
    )
    call_command("import_records", str(path), model="event", skip_invalid=True, no_progress=True)
    err = capsys.readouterr().err
    assert "line 3: end_date: The end date (2018-09-01) must not be before the start date (2018-09-04)." in err
    assert "line 5: The row has 4 cells and the header 5." in err
    assert list(Event.objects.values_list("slug", flat=True)) == ["a"]
    rejected = (tmp_path / "events.rejected.csv").read_text().splitlines()
    assert rejected[0] == "slug,title,kind,start_date,end_date"
    assert len(rejected) == 4  # the header, a row over two lines, a short row


def test_csv_without_a_model(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text("slug,title\na,A\n")
    with pytest.raises(CommandError):
        run(path)
    assert "line 2: Name the model" in capsys.readouterr().err


def many(events):
    records = [participant(f"p{n}") for n in range(3)]
    records += [article()]
    records += [event(f"e{n}", host=["p0"]) for n in range(events)]
    records += [
        attendance(f"e{n}", f"p{k}", role="host" if k == 0 else "participant") for n in range(events) for k in range(3)
    ]
    records += [report(f"e{n}", "p1", "declined", "2018-08-22", "Kabul said") for n in range(events)]
    return records


def test_lookups_are_batched_not_one_query_a_record(ndjson):
    counts = []
    for events in (5, 60):
        for model in reversed(RECORD_MODELS):  # and their history and changes: all empty, all indexes dropped
            model.objects.all().delete()
            model.history.all().delete()
        Change.objects.all().delete()
        path = ndjson(many(events), f"many-{events}.ndjson")
        with CaptureQueriesContext(connection) as queries:
            run(path)
        assert Report.objects.count() == events
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_file_that_is_missing(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nothing.ndjson")


# ------------------------------------------------------------------------------
# History: every row an import writes is recorded, a batch at a time
# ------------------------------------------------------------------------------
def history_of(model):
    return model.history.order_by("history_id")


def stored_history_row(model, history_id):
    """A historical row as the database holds it (not as the ORM reads it), without its id and date."""
    table = model.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} WHERE history_id = %s", [history_id])
        row = dict(zip([column[0] for column in cursor.description], cursor.fetchone(), strict=True))
    return {column: value for column, value in row.items() if column not in ("history_id", "history_date")}


def test_an_import_records_every_row_it_writes_as_created(ndjson):
    with CaptureQueriesContext(connection) as queries:
        run(ndjson(talks()))
    dates = set()
    for model in RECORD_MODELS:
        entries = list(history_of(model))
        assert [entry.id for entry in entries] == list(model.objects.order_by("pk").values_list("pk", flat=True))
        assert {(e.history_type, e.history_change_reason, e.history_user) for e in entries} == {
            ("+", IMPORT_REASON, None)
        }
        dates.update(entry.history_date for entry in entries)
        assert max(entry.updated_at for entry in entries) <= min(entry.history_date for entry in entries)
    assert len(dates) == 1  # the import's, once all is written
    # One insert per model and batch, not one per row.
    history_inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "events_historical')]
    assert len(history_inserts) == len(RECORD_MODELS)


def test_a_new_attendance_is_created_with_the_status_its_reports_give(ndjson):
    """Its derived status is part of its creation: version 1, one history row, holding that status."""
    run(ndjson(talks()))
    taliban = Attendance.objects.get(participant__slug="taliban")

    assert (taliban.status, taliban.version) == ("confirmed", 1)
    assert [
        (entry.history_type, entry.status, entry.version) for entry in history_of(Attendance).filter(id=taliban.pk)
    ] == [("+", "confirmed", 1)]


def test_an_imported_historical_row_is_the_one_simple_history_writes(ndjson):
    """Each row the import recorded holds, byte for byte, what ``create_historical_record`` writes for the row."""
    records = talks()
    records[0]["fields"].update(aliases=["Islamic Republic"], country="AF", wikidata_id="Q889")
    run(ndjson(records))
    for model in RECORD_MODELS:
        for instance in model.objects.order_by("pk"):
            imported = history_of(model).get(id=instance.pk)
            with recorded_as(IMPORT_REASON):
                model.history_recorder.record(instance, "+")
            written = history_of(model).filter(id=instance.pk).last()
            assert stored_history_row(model, imported.history_id) == stored_history_row(model, written.history_id)
            assert written.history_id != imported.history_id


def test_imported_records_show_in_their_history_over_the_api(ndjson, token_client):
    run(ndjson(talks()))
    taliban = Attendance.objects.get(participant__slug="taliban")
    imported = one_of_each(taliban.reports.first())
    assert (imported["participants"].slug, imported["events"].slug) == ("taliban", "moscow-talks")
    assert imported["articles"] == Article.objects.get()
    for resource, spec in RESOURCES.items():
        detail = spec.detail(imported[resource])
        record = token_client.get(detail).json()
        entries = token_client.get(f"{detail}history/").json()["results"]
        assert [(e["history_type"], e["history_user"], e["history_change_reason"]) for e in entries] == [
            ("created", None, IMPORT_REASON)
        ]
        assert entries[0]["record"] == {name: record[name] for name in entries[0]["record"]}
    assert token_client.get(f"/api/attendances/{taliban.pk}/history/").json()["results"][0]["record"]["status"] == (
        "confirmed"
    )


def test_statuses_an_import_changes_are_recorded_with_their_reason_and_only_those(ndjson):
    run(ndjson(talks()))
    records = [
        LATER,
        report("moscow-talks", "taliban", "attended", "2018-09-04", "The Taliban confirmed", article=LATER_KEY),
        report("moscow-talks", "afghanistan", "invited", "2018-08-01", "Kabul said"),  # older: changes nothing
    ]
    run(ndjson(records, "more.ndjson"))
    taliban = Attendance.objects.get(participant__slug="taliban")
    created, changed = history_of(Attendance).filter(id=taliban.pk)
    assert (changed.history_type, changed.history_change_reason) == ("~", STATUS_REASON)
    assert (changed.status, changed.status_date) == ("attended", datetime.date(2018, 9, 4))
    assert (changed.updated_at, changed.version) == (taliban.updated_at, taliban.version)
    assert (created.status, changed.version) == ("confirmed", created.version + 1)
    afghanistan = Attendance.objects.get(participant__slug="afghanistan")
    assert list(history_of(Attendance).filter(id=afghanistan.pk).values_list("history_type", flat=True)) == ["+"]
    assert history_of(Report).filter(history_type="+").count() == Report.objects.count() == 5


def test_a_rejected_import_records_nothing(ndjson, capsys):
    records = talks()
    records[7]["fields"]["quote"] = "words nobody said"
    import_fails(ndjson(records), capsys)
    assert not any(history_of(model).exists() for model in RECORD_MODELS)


def test_skip_invalid_records_the_good_rows_only(ndjson):
    records = talks()
    records[1]["fields"]["kind"] = "empire"
    run(ndjson(records), skip_invalid=True)
    for model in RECORD_MODELS:
        assert sorted(history_of(model).values_list("id", flat=True)) == sorted(
            model.objects.values_list("pk", flat=True)
        )
    assert Report.history.count() == 1


def test_an_import_records_the_user_it_is_given_or_the_one_recorded_as(ndjson, django_user_model):
    path = ndjson(talks())
    curator = django_user_model.objects.create_user("curator")
    import_records(records.read(path), user=curator)
    assert {entry.history_user for model in RECORD_MODELS for entry in history_of(model)} == {curator}


def page_cache_size():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache: SQLite only")
def test_an_import_gives_sqlite_a_larger_page_cache_then_its_own_again(db):
    before = page_cache_size()
    during = []

    def records():
        during.append(page_cache_size())
        yield from []

    import_records(records())

    assert during == [-IMPORT_PAGE_CACHE_KIB]
    assert page_cache_size() == before != during[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics: PostgreSQL only")
def test_an_import_gives_postgresql_statistics_of_what_it_wrote_before_the_status_rule(ndjson):
    """Without them the planner may find each attendance's latest report by walking every report."""
    with CaptureQueriesContext(connection) as queries:
        run(ndjson(talks()))
    statements = [query["sql"] for query in queries.captured_queries]
    first_refresh = next(i for i, sql in enumerate(statements) if sql.startswith('UPDATE "events_attendance"'))
    analyzed = [sql for sql in statements[:first_refresh] if sql.startswith("ANALYZE")]

    assert {sql.split('"')[1] for sql in analyzed} == {model._meta.db_table for model in RECORD_MODELS}
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'events_report'")
        assert cursor.fetchone()[0] == Report.objects.count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics: PostgreSQL only")
def test_an_import_analyzes_the_articles_columns_but_not_their_full_text_vectors(ndjson):
    """The vector of every sampled body is the costliest statistic of an import, and none of its reads uses it."""
    with CaptureQueriesContext(connection) as queries:
        run(ndjson(talks()))
    analyzed = [query["sql"] for query in queries.captured_queries if query["sql"].startswith('ANALYZE "events_a')]
    columns = ", ".join(f'"{field.column}"' for field in Article._meta.concrete_fields)
    assert '"body"' in columns
    assert analyzed == [f'ANALYZE "events_article" ({columns})', *['ANALYZE "events_attendance"'] * 2]
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tablename FROM pg_stats WHERE tablename LIKE %s", ["%article%"])
        assert [row[0] for row in cursor.fetchall()] == ["events_article"]  # no article_body_fts


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics: PostgreSQL only")
def test_an_import_analyzes_the_reports_while_it_writes_each_time_they_doubled(ndjson):
    """The repeated-report lookup of each batch is planned with statistics of the reports already written."""
    from django.db import transaction

    from events.transfer.importer import Importer

    lines = talks(report("moscow-talks", "taliban", "absent", "2018-08-21", "The Taliban confirmed"))
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        Importer(batch_size=1).run(records.read(ndjson(lines)))  # reports written: 1, 2 (analyzed), 3, 4 (analyzed)
    statements = [query["sql"] for query in queries.captured_queries]
    first_refresh = next(i for i, sql in enumerate(statements) if sql.startswith('UPDATE "events_attendance"'))
    analyzed = [i for i, sql in enumerate(statements[:first_refresh]) if sql == 'ANALYZE "events_report"']
    assert len(analyzed) == 3  # at 2 and 4 reports, then once all are in
    assert Report.objects.count() == 4


def test_a_draft_is_stored_with_no_reviewer_whatever_the_file_says(ndjson, tmp_path, django_user_model):
    """Who reviewed and when belong to verified and rejected reports: a draft's are dropped, by the importer as by
    a fixture (``Report.settle_derived``)."""
    django_user_model.objects.create_user("mallory")
    claimed = {"review": "draft", "reviewed_by": ["mallory"], "reviewed_at": "2020-01-01T00:00:00Z"}
    lines = talks()
    lines[-1]["fields"].update(claimed)
    run(ndjson(lines))
    draft = Report.objects.get(status="confirmed")
    assert (draft.review, draft.reviewed_by, draft.reviewed_at) == ("draft", None, None)

    fixture = tmp_path / "draft.json"
    other = report("moscow-talks", "taliban", "invited", "2018-08-22", "The Taliban confirmed", **claimed)
    fixture.write_text(json.dumps([other]), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    draft = Report.objects.get(quote="The Taliban confirmed")
    assert (draft.review, draft.reviewed_by, draft.reviewed_at) == ("draft", None, None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit-time numbering: PostgreSQL only")
def test_an_import_numbers_its_change_log_lines_as_it_ends_in_the_order_of_their_ids(ndjson):
    """Not one ``UPDATE`` each by the log's trigger: numbered as written, one line per row written, in order."""
    with CaptureQueriesContext(connection) as queries:
        run(ndjson(talks()))
    lines = list(Change.objects.order_by("id").values_list("resource", "action", "position"))
    assert [line[:2] for line in lines] == [
        *(("participant", "created"),) * 2,
        ("event", "created"),
        ("article", "created"),
        *(("report", "created"),) * 3,
        *(("attendance", "created"),) * 2,
    ]
    positions = [position for *_, position in lines]
    assert None not in positions and positions == sorted(positions)
    statements = [query["sql"] for query in queries.captured_queries]
    logged = [i for i, sql in enumerate(statements) if sql.startswith('INSERT INTO "events_change"')]
    first_refresh = next(i for i, sql in enumerate(statements) if sql.startswith('UPDATE "events_attendance"'))
    assert "nextval('events_change_position_seq')" in statements[logged[0]]
    assert logged[0] < first_refresh < logged[-1]  # attendances' after the status rule, as before
    recorded = [i for i, sql in enumerate(statements) if sql.startswith('INSERT INTO "events_historicalreport"')]
    assert logged[0] > recorded[-1]  # the others' as the import ends, not batch by batch
