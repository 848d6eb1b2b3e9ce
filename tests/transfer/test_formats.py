"""export_records and the file formats: export, import into an empty database, export again: the same bytes."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Article, Attendance, Event, Participant, Report
from events.services.reports import review_reports
from events.transfer import formats

pytestmark = pytest.mark.django_db

MODELS = ["participant", "event", "article", "attendance", "report"]


def empty_the_database():
    for model in (Report, Attendance, Event, Article, Participant):
        model.objects.all().delete()


@pytest.fixture
def records():
    """The seed fixture, a small generated dataset, and an attendance whose reports were all rejected."""
    call_command("loaddata", "seed", verbosity=0)
    call_command("generate_dataset", events=12, seed=11, no_progress=True)
    curated = Attendance.objects.filter(reports__isnull=False).first()
    curated.reports.update(review="rejected")
    Attendance.objects.filter(pk=curated.pk).refresh_status()


def test_ndjson_round_trips_into_an_empty_database(records, tmp_path):
    first, second = tmp_path / "first.ndjson", tmp_path / "second.ndjson"
    call_command("export_records", output=str(first))
    counts = [model.objects.count() for model in (Participant, Event, Article, Attendance, Report)]
    statuses = sorted(map(str, Attendance.objects.values_list("status", "status_date", "curated_status")))
    empty_the_database()

    call_command("import_records", str(first), no_progress=True)
    call_command("export_records", output=str(second))

    assert second.read_bytes() == first.read_bytes()
    assert [model.objects.count() for model in (Participant, Event, Article, Attendance, Report)] == counts
    assert sorted(map(str, Attendance.objects.values_list("status", "status_date", "curated_status"))) == statuses


def test_csv_round_trips_into_an_empty_database(records, tmp_path):
    call_command("export_records", format="csv", output=str(tmp_path / "first"))
    files = [str(tmp_path / "first" / f"{name}.csv") for name in MODELS]
    empty_the_database()

    call_command("import_records", *files, no_progress=True)
    call_command("export_records", format="csv", output=str(tmp_path / "second"))

    for name in MODELS:
        assert (tmp_path / "second" / f"{name}.csv").read_bytes() == (tmp_path / "first" / f"{name}.csv").read_bytes()


def test_a_record_is_a_natural_key_fixture_object(tmp_path):
    call_command("loaddata", "seed", verbosity=0)
    path = tmp_path / "reports.ndjson"
    call_command("export_records", model=["report"], output=str(path))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) == Report.objects.count()
    report = Report.objects.select_related("attendance__event", "attendance__participant", "article").earliest("pk")
    assert lines[0] == {
        "model": "events.report",
        "fields": {
            "created_at": report.created_at.isoformat().replace("+00:00", "Z"),
            "updated_at": report.updated_at.isoformat().replace("+00:00", "Z"),
            "uid": str(report.uid),
            "attendance": [report.attendance.event.slug, report.attendance.participant.slug],
            "status": report.status,
            "review": report.review,
            "reported_on": report.reported_on.isoformat(),
            "status_on": None,
            "article": [report.article.publisher, report.article.published_on.isoformat(), report.article.title],
            "quote": report.quote,
            "speaker": [report.speaker.slug] if report.speaker else None,
            "via": report.via,
            "reviewed_by": None,
            "reviewed_at": None,
            "cameo_code": report.cameo_code,
            "version": report.version,
        },
    }


def test_import_reads_what_dumpdata_writes(tmp_path):
    """``dumpdata --format jsonl --natural-foreign --natural-primary`` writes the same records."""
    call_command("loaddata", "seed", verbosity=0)
    dumped, exported, again = tmp_path / "dump.ndjson", tmp_path / "a.ndjson", tmp_path / "b.ndjson"
    records = ["events.participant", "events.event", "events.article", "events.attendance", "events.report"]
    call_command("dumpdata", *records, format="jsonl", natural_foreign=True, natural_primary=True, output=str(dumped))
    call_command("export_records", output=str(exported))
    empty_the_database()

    call_command("import_records", str(dumped), no_progress=True)
    call_command("export_records", output=str(again))

    assert again.read_text() == exported.read_text()


def test_export_of_one_model_as_csv_to_standard_output(capsys):
    call_command("loaddata", "seed", verbosity=0)
    call_command("export_records", model=["events.event"], format="csv")
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.startswith(
        "model,created_at,updated_at,version,awaiting_review,slug,title,kind,status,start_date,end_date,city"
    )
    assert len(rows) == Event.objects.count()
    assert all(row.startswith("events.event,") for row in rows)


def test_export_names_a_model_it_does_not_know():
    with pytest.raises(CommandError, match=r"--model: Unknown model “events\.empire”"):
        call_command("export_records", model=["events.empire"])


def test_csv_of_several_models_needs_a_directory():
    with pytest.raises(CommandError, match="needs a directory"):
        call_command("export_records", format="csv")


def test_ndjson_lines_read_as_json_reads_them():
    """orjson reads the lines; what it refuses and json accepts (NaN, integers past 64 bits) reads as before."""
    lines = [
        '{"model": "events.event", "fields": {"title": "Talks \\u2019"}}\n',
        '{"model": "events.event", "fields": {"latitude": NaN, "version": 123456789012345678901234567890}}\n',
        "{not json}\n",
    ]
    read = list(formats.read_ndjson(lines))
    assert [json.dumps(record.fields) for record in read[:2]] == [
        json.dumps(json.loads(line)["fields"]) for line in lines[:2]
    ]
    assert read[2].problem == "Not JSON: Expecting property name enclosed in double quotes (column 2)."


@pytest.fixture
def reviewed(django_user_model):
    """The seed fixture, some of its reports reviewed by alice, one by bob: ``reviewed_by`` set, as the API sets it."""
    call_command("loaddata", "seed", verbosity=0)
    alice = django_user_model.objects.create_user("alice", password="alice-password")
    bob = django_user_model.objects.create_user("bob", password="bob-password")
    reports = Report.objects.order_by("pk")
    for review in ("rejected", "verified"):
        review_reports(reports=reports.filter(pk__in=reports.values("pk")[:5]), review=review, by=alice)
    review_reports(reports=reports.filter(pk=reports.last().pk), review="rejected", by=bob)
    return alice, bob


def test_reports_and_their_reviewers_round_trip_into_an_empty_database(reviewed, tmp_path, capsys, django_user_model):
    """import-export.md: export_records -o records.ndjson, then import_records records.ndjson into another database,
    which has none of the source's users: each reviewer is made as an account no one can sign in with."""
    first, second = tmp_path / "records.ndjson", tmp_path / "again.ndjson"
    call_command("export_records", output=str(first))
    assert first.read_text().count('"reviewed_by": ["alice"]') == 5
    empty_the_database()
    django_user_model.objects.all().delete()

    call_command("import_records", str(first), no_progress=True)
    call_command("export_records", output=str(second))

    assert second.read_bytes() == first.read_bytes()
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Made 2 reviewer accounts, inactive and with no usable password, for the reports that name them: alice, bob."
    )
    made = django_user_model.objects.order_by("username")
    assert [(u.username, u.is_active, u.has_usable_password(), u.is_staff, u.groups.count()) for u in made] == [
        ("alice", False, False, False, 0),
        ("bob", False, False, False, 0),
    ]
    reviewers = Report.objects.filter(reviewed_by__isnull=False).values_list("reviewed_by__username", flat=True)
    assert sorted(reviewers) == ["alice"] * 5 + ["bob"]


def test_a_reviewer_who_has_an_account_is_taken_as_it_is_or_refused_if_asked(reviewed, tmp_path, capsys):
    alice, bob = reviewed
    path = tmp_path / "records.ndjson"
    call_command("export_records", output=str(path))
    empty_the_database()
    bob.delete()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True, no_new_reviewers=True)
    assert "reviewed_by: No user has the username “bob”." in capsys.readouterr().err
    assert not Report.objects.exists()

    call_command("import_records", str(path), no_progress=True)
    alice.refresh_from_db()
    assert (alice.is_active, alice.check_password("alice-password")) == (True, True)
    assert "Made 1 reviewer account, inactive and with no usable password, for the reports that name them: bob." in (
        capsys.readouterr().out
    )


def test_export_into_a_folder_that_does_not_exist_names_it(tmp_path):
    """It was a FileNotFoundError traceback."""
    with pytest.raises(CommandError, match=r"nonexistent is not a folder: nothing was written\."):
        call_command("export_records", output=str(tmp_path / "nonexistent" / "x.ndjson"))
    with pytest.raises(CommandError, match=r"is a folder, not a file: nothing was written\."):
        call_command("export_records", output=str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_import_reads_a_folder_and_files_in_any_order_by_their_models(tmp_path):
    """What export_records --format csv writes into a folder imports as the folder, or as its files in the shell's
    alphabetical order (article, attendance, event, participant, report): they were refused, events unknown."""
    call_command("loaddata", "seed", verbosity=0)
    call_command("export_records", format="csv", output=str(tmp_path / "first"))
    counts = [model.objects.count() for model in (Participant, Event, Article, Attendance, Report)]
    (tmp_path / "first" / "notes.txt").write_text("not a record", encoding="utf-8")
    for given in [[tmp_path / "first"], sorted((tmp_path / "first").glob("*.csv"))]:
        empty_the_database()
        call_command("import_records", *map(str, given), no_progress=True)
        assert [model.objects.count() for model in (Participant, Event, Article, Attendance, Report)] == counts


def test_import_of_a_folder_with_no_records(tmp_path):
    with pytest.raises(CommandError, match="No file to read"):
        call_command("import_records", str(tmp_path), no_progress=True)
