"""Two imports at once (tester 33, J5): on PostgreSQL the one whose checks ran before the other's commit failed
in its COPY on the unique constraint, a traceback. Now it is read again: the other import's records are its bad
records, by file and line, and nothing of it is written."""

import io
import json
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, OperationalError, connection, transaction

from events.management.commands import import_records as command
from events.models import Article, Participant, Report
from events.transfer import writing
from tests.factories import ArticleFactory, AttendanceFactory

pytestmark = pytest.mark.django_db


def test_a_clash_with_another_imports_records_names_the_line(tmp_path, monkeypatch, capsys):
    path = tmp_path / "parties.ndjson"
    lines = [{"model": "events.participant", "fields": {"slug": f"p-{n}", "name": f"P {n}", "kind": "other"}}
             for n in range(3)]  # fmt: skip
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    import_records, attempts = command.import_records, []

    def lost_the_race(records, **options):
        attempts.append(options)
        if len(attempts) == 1:  # the other import commits p-1 between this one's checks and its write
            Participant.objects.create(slug="p-1", name="The other import's party", kind="other")
            raise IntegrityError('duplicate key value violates unique constraint "events_participant_slug_key"')
        return import_records(records, **options)

    monkeypatch.setattr(command, "import_records", lost_the_race)

    with pytest.raises(CommandError, match="1 bad record; nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    assert len(attempts) == 2
    assert "parties.ndjson line 2: slug: " in capsys.readouterr().err
    assert list(Participant.objects.values_list("slug", flat=True)) == ["p-1"]


def test_a_clash_that_stays_is_raised(tmp_path, monkeypatch):
    """A constraint that fails again when read again is no race: it is raised, not hidden."""
    path = tmp_path / "parties.ndjson"
    path.write_text(json.dumps({"model": "events.participant", "fields": {"slug": "p", "name": "P", "kind": "other"}}))

    def always(records, **options):
        raise IntegrityError("a constraint no check knows")

    monkeypatch.setattr(command, "import_records", always)

    with pytest.raises(IntegrityError):
        call_command("import_records", str(path), no_progress=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as every such test: see test_concurrency.py
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's write lock has always had them one at a time")
def test_two_imports_at_once_on_postgresql_one_names_the_others_line(tmp_path):
    """The tester's two imports: both into empty tables, both with one slug. They had deadlocked (each dropped the
    empty tables' indexes) or failed in the COPY; now they take turns, and the second is told of the clash."""
    paths = []
    for number in (1, 2):
        path = tmp_path / f"race{number}.ndjson"
        lines = [{"model": "events.participant", "fields": {"slug": "race-p", "name": "Race", "kind": "other"}}]
        lines += [{"model": "events.participant", "fields": {"slug": f"r-{number}-{n}", "name": "R", "kind": "other"}}
                  for n in range(500)]  # fmt: skip
        path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        paths.append(path)
    outcomes = {}

    def run(path):
        errors = io.StringIO()
        try:
            call_command("import_records", str(path), no_progress=True, stdout=io.StringIO(), stderr=errors)
            outcomes[path.name] = "written"
        except Exception as error:
            outcomes[path.name] = f"{type(error).__name__}: {error} {errors.getvalue()}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes.values())[-1] == "written", outcomes
    (refused,) = [outcome for outcome in outcomes.values() if outcome != "written"]
    assert refused.startswith("CommandError: 1 bad record; nothing was written."), refused
    assert "line 1: slug: Participant with this Slug already exists." in refused
    assert Participant.objects.count() == 501


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's rows go in by executemany, through Django")
def test_a_clash_in_the_copy_is_djangos_integrity_error():
    """Tester 34, K5: an API write stored between an import's checks and its COPY: the COPY's UniqueViolation came
    through psycopg's own cursor as a traceback, not as the IntegrityError that makes the import read its file
    again and name the line."""
    Participant.objects.create(slug="p-1", name="Another writer's party", kind="other")
    clashing = Participant(slug="p-1", name="P 1", kind="other")

    with pytest.raises(IntegrityError), transaction.atomic():
        writing.insert_rows(Participant, [clashing])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's write lock keeps every other writer out")
def test_the_articles_an_import_quotes_cannot_be_edited_until_it_commits(tmp_path, monkeypatch):
    """Tester 34, K18: an article's text edited while an import checked the reports quoting it; the import then
    wrote reports quoting words the text no longer held. Now the articles it reads stay as read until it commits."""
    article = ArticleFactory(body="Norway said it would attend.")
    attendance = AttendanceFactory()
    path = tmp_path / "reports.ndjson"
    record = {
        "model": "events.report",
        "fields": {
            "attendance": [attendance.event.slug, attendance.participant.slug],
            "status": "confirmed",
            "reported_on": article.published_on.isoformat(),
            "article": list(article.natural_key()),
            "quote": "Norway said it would attend.",
        },
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    insert_rows, edits = writing.insert_rows, []

    def edit_meanwhile():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '300ms'")
                cursor.execute("UPDATE events_article SET body = 'Gone.' WHERE id = %s", [article.pk])
            edits.append("written")
        except OperationalError:
            edits.append("waited")
        finally:
            connection.close()

    def after_the_checks(model, instances):
        if model is Report and not edits:
            thread = threading.Thread(target=edit_meanwhile)
            thread.start()
            thread.join(timeout=30)
        return insert_rows(model, instances)

    monkeypatch.setattr(writing, "insert_rows", after_the_checks)
    call_command("import_records", str(path), no_progress=True, stdout=io.StringIO())

    assert edits == ["waited"]
    assert Report.objects.get().quote in Article.objects.get(pk=article.pk).body
