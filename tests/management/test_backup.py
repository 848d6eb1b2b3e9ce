"""``manage.py backup`` and ``restore``: every table comes back as it was at the backup, on SQLite and PostgreSQL."""

import io
import re
import sqlite3
import threading

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from rest_framework.authtoken.models import Token

from events.models import Event, Report
from events.services.reports import review_reports
from eventsapi.backups import backup, restore
from tests.factories import EventFactory, ReportFactory

# Committed rows, as a running server has them: the backup reads the database from a connection of its own.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def tables(using="default"):
    """Every row of every table, each table's rows in a stable order."""
    with connections[using].cursor() as cursor:
        names = connections[using].introspection.table_names(cursor)
        snapshot = {}
        for name in names:
            cursor.execute(f"SELECT * FROM {connections[using].ops.quote_name(name)}")
            snapshot[name] = sorted(cursor.fetchall(), key=repr)
    return snapshot


def sequences_past_the_rows():
    """Every table's sequence past its rows, as loaddata leaves them. A transactional test before this one has the
    rows of the migrations (groups, permissions) written back with their ids by its serialized rollback, which leaves
    PostgreSQL's sequences behind: a new group was given id 1 again (an IntegrityError with the modules in order)."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def curated(curator):
    """Records, history, a reviewed and a rejected report, users, groups and a token."""
    sequences_past_the_rows()
    call_command("loaddata", "seed", verbosity=0)
    drafts = ReportFactory.create_batch(2, review="draft", status="confirmed")
    review_reports(reports=Report.objects.filter(pk=drafts[0].pk), review="verified", by=curator)
    review_reports(reports=Report.objects.filter(pk=drafts[1].pk), review="rejected", by=curator)
    Token.objects.create(user=curator)
    Group.objects.create(name="readers")
    return curator


def change_everything(curator):
    """Edit, delete and add records of every kind, with their history, users, groups and tokens."""
    moscow = Event.objects.get(slug="moscow-talks-2018")
    moscow.city = "Kabul"
    moscow.save()
    Report.objects.filter(review="rejected").delete()
    EventFactory.create_batch(3)
    Token.objects.all().delete()
    Group.objects.get(name="readers").delete()
    User.objects.create_user("intruder", password="intruder-password")
    curator.delete()


def test_a_backup_restores_every_table_as_it_was(curated, tmp_path):
    """Back up, change and delete records, history, users, groups and tokens, restore: every table as before."""
    path = tmp_path / f"eventsapi.{connection.vendor}.backup"
    call_command("backup", str(path), verbosity=0)
    at_backup = tables()

    change_everything(curated)
    assert tables() != at_backup

    out = io.StringIO()
    call_command("restore", str(path), interactive=False, verbosity=0, stdout=out)

    assert tables() == at_backup
    # What to do next, as docs/operations.md says (tester 48, 11: it said kill -HUP, the doc stop, migrate, start).
    assert "run `manage.py migrate`" in out.getvalue() and "then start the server again" in out.getvalue()
    assert "kill -HUP" not in out.getvalue()
    # The database goes on from there: new rows, new history, the sequences past the restored ids.
    assert EventFactory().history.get().history_type == "+"


def test_a_file_that_is_not_a_backup_restores_nothing(curated, tmp_path):
    """A restore names the file that is no backup of this database's engine and changes nothing."""
    before = tables()
    path = tmp_path / "records.json"
    path.write_text("[]", encoding="utf-8")

    with pytest.raises(CommandError, match=r"records\.json is not"):
        call_command("restore", str(path), interactive=False, verbosity=0)
    with pytest.raises(CommandError, match=r"missing\.backup"):
        call_command("restore", str(tmp_path / "missing.backup"), interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        other = tmp_path / "other.sqlite3"
        sqlite3.connect(other).execute("CREATE TABLE notes (text)").connection.close()
        with pytest.raises(CommandError, match="not one of eventsapi"):
            call_command("restore", str(other), interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("backup", str(tmp_path / "no-such-folder" / "eventsapi.backup"), verbosity=0)

    assert tables() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="an SQLite backup file")
@pytest.mark.parametrize("damage", ["cut short", "overwritten"])
def test_a_sqlite_backup_cut_short_or_damaged_restores_nothing(curated, tmp_path, damage):
    """A copy that stopped midway (its header whole) is named as no backup, not a traceback; nothing changes."""
    good = backup(tmp_path / "good.backup")
    path = tmp_path / "t.backup"
    data = good.read_bytes()
    if damage == "cut short":
        path.write_bytes(data[:50_000])  # head -c 50000 good.backup > t.backup
    else:
        path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    EventFactory()
    before = tables()

    message = rf"^{re.escape(str(path))} is not a backup that restores: SQLite finds it cut short or damaged"
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), interactive=False, verbosity=0)

    assert tables() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a pg_dump archive")
def test_a_pg_dump_archive_cut_short_restores_nothing_and_says_so(curated, tmp_path):
    """Tester 43, L3: "pg_restore failed: … end of file" did not say the database was left as it was."""
    good = backup(tmp_path / "good.backup")
    path = tmp_path / "t.backup"
    path.write_bytes(good.read_bytes()[:20_000])  # head -c 20000 good.backup > t.backup
    EventFactory()
    before = tables()

    with pytest.raises(CommandError, match=r"^pg_restore failed: .* Nothing was restored\.$"):
        call_command("restore", str(path), interactive=False, verbosity=0)

    assert tables() == before


def test_a_restore_asks_first(curated, tmp_path, monkeypatch):
    """Without --noinput, anything but "yes" stops the restore."""
    path = tmp_path / "eventsapi.backup"
    backup(path)
    EventFactory()
    before = tables()
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or "no")

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(path), verbosity=0)

    assert tables() == before
    assert "Stop the server first" in prompts[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's online backup")
def test_a_sqlite_backup_taken_while_another_thread_writes_is_consistent(curated, tmp_path):
    """While a writer adds events (each with its history row, in one transaction), the backup is one snapshot."""
    stop, written, failures = threading.Event(), [], []

    def write():
        try:
            while not stop.is_set():
                with transaction.atomic():
                    slug = EventFactory().slug
                written.append(slug)  # committed
        except Exception as error:  # reported by the test
            failures.append(error)
        finally:
            connections.close_all()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 5:
            threading.Event().wait(0.01)
        path = backup(tmp_path / "live.sqlite3")
        while len(written) < 10:  # the writer went on after the backup
            threading.Event().wait(0.01)
    finally:
        stop.set()
        writer.join()
    assert not failures

    restore(path)

    events = set(Event.objects.values_list("slug", flat=True))
    assert 5 <= len(events & set(written)) < len(written)
    # Each event the backup holds has its historical row: no write was cut in half.
    assert set(Event.history.filter(history_type="+").values_list("slug", flat=True)) >= events
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
